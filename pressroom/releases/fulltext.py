"""The readers' release search on SQLite: an FTS5 table of our own, read newest first.

Why not Wagtail's SQLite backend for readers? Its query joins its FTS5 table to
its index entries as ``pk IN (subquery)``, and SQLite plans that subquery with
the 20,000 index entries of the release type outside and the FTS5 table inside:
one ``MATCH`` per entry (~45 µs each), about 0.9 s per statement whatever the
word, and the search page runs two (count and page), then sorts every match by
date. FTS5 alone finds the 10,000 releases with the commonest word in 11 ms and
a rare word in 0.1 ms (docs/performance.md, "Search").

So releases are also indexed here, in two SQLite tables made by migration
``releases.0005_fulltext`` (on SQLite only):

* ``releases_searchtext(key INTEGER PRIMARY KEY, page_id UNIQUE, text)``: one row
  per release, the text Wagtail indexes (title, summary, author, body) and its
  word forms (``core.wordforms``);
* ``releases_searchtext_fts``: an FTS5 index with that table as external content,
  kept in step by triggers.

``key`` is the release date's ordinal shifted left 32 bits, plus the page id:
its order is the archive's order (``-release_date, -pk``). FTS5 hands matches
out in rowid order, so ``ORDER BY rowid DESC LIMIT 21`` reads the newest matches
and stops: nothing is materialised or sorted. Each match is checked against the
page row (live, the reader's locale, not under a view restriction) as it comes.
The count stops at ``COUNT_CAP`` + 1 matches, and the page then says "more
than 1,000 results".

Keeping in step: ``WordFormsSQLiteSearchBackend``'s index (releases/search.py)
writes a release's row whenever Wagtail indexes it (every save, publish and
unpublish, ``generate_demo_data``, ``update_index``) and drops it when Wagtail
drops it (delete). Everything here is derived from the pages: ``pressroom
update_index`` rebuilds it (``rebuild()``), and dropping both tables' rows
loses nothing but speed until then. A site upgraded to this code has releases
the table never saw (migration 0007 marks it incomplete): readers' searches
go through Wagtail's index until ``pressroom update_index`` -- or
``pressroom bootstrap``, which ``make run`` runs -- has filled it.

On PostgreSQL there is no table of ours: Wagtail's index entries are read with
SQL of our own (``_postgres_matches_sql``), newest first with the same LIMIT
and capped count. Wagtail matches ``title || body``, which none of its GIN
indexes covered (every search read every entry, 0.2 s per statement at 20,000
releases); migration 0006 adds that GIN index and one on the release id as
text, the type of the entries' ``object_id``. Each language keeps its own
stemming: the query is parsed with the config of the language's backend alias.
"""

from django.db import connection

from pressroom.core.wordforms import word_form, words

TABLE = "releases_searchtext"
FTS = "releases_searchtext_fts"
STATE = "releases_searchtext_state"
COUNT_CAP = 1000
_PAGE_BITS = 32
_PAGE_MASK = (1 << _PAGE_BITS) - 1

CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (key INTEGER PRIMARY KEY, page_id INTEGER NOT NULL UNIQUE, text TEXT NOT NULL)",
    # The same tokenizer as Wagtail's FTS5 table (unicode61), so the same words match.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(text, content='{TABLE}', content_rowid='key')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.key, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.key, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.key, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.key, new.text); END",
]
# Whether the table holds every release (migration 0007): see available().
CREATE_STATE = f"CREATE TABLE IF NOT EXISTS {STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), complete INTEGER NOT NULL)"
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{suffix}" for suffix in ("ai", "ad", "au")] + [
    f"DROP TABLE IF EXISTS {STATE}",
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def sort_key(release):
    """The FTS rowid of ``release``: newer dates, then higher page ids, sort higher.

    >>> import datetime, types
    >>> sort_key(types.SimpleNamespace(pk=7, release_date=datetime.date(2025, 3, 1))) & 0xFFFFFFFF
    7
    """
    return (release.release_date.toordinal() << _PAGE_BITS) | release.pk


_found = set()  # database names whose table is there and complete (only a yes is remembered)


def has_tables():
    """Whether this database has our FTS5 tables (SQLite with FTS5, migrated): writes go there."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [STATE])
        return cursor.fetchone() is not None


def complete():
    """Whether the table holds every release: made on an empty site, or filled by a rebuild since."""
    if not has_tables():
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT complete FROM {STATE} WHERE id = 1")
        row = cursor.fetchone()
    return bool(row and row[0])


def available():
    """Whether readers' searches may read our table: it exists and holds every release.

    A site upgraded from before the table existed has releases that were never
    written to it; until ``pressroom update_index`` (or ``bootstrap``, which
    ``make run`` runs) fills it, searches go through Wagtail's index instead.
    """
    if connection.vendor != "sqlite":
        return False
    name = connection.settings_dict["NAME"]
    if name not in _found:
        if not complete():
            return False
        _found.add(name)
    return True


def mark_complete():
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT OR REPLACE INTO {STATE} (id, complete) VALUES (1, 1)")


def match_expression(query):
    """The FTS5 query of a reader's text: every word, each as itself or its form.

    >>> match_expression('exchanges "교류를"')
    '("exchanges" OR "exchang") AND ("교류를" OR "교류")'
    >>> match_expression("!!!") is None
    True
    """
    terms = []
    for word in words(query):
        alternatives = dict.fromkeys([word.lower(), word_form(word, stem=True)])
        quoted = " OR ".join('"' + term.replace('"', '""') + '"' for term in alternatives if term)
        terms.append(f"({quoted})")
    return " AND ".join(terms) or None


def release_text(release):
    """What a release is found by: the fields Wagtail indexes, then their word forms."""
    from .search import index_forms

    body = release._meta.get_field("body").get_searchable_content(release.body)
    author = release.author.name if release.author_id else ""
    text = " ".join([release.title, release.summary, author, *body])
    return f"{text} {index_forms(text)}"


def update(releases):
    """Write (or rewrite) the rows of ``releases``; a changed release date moves the row."""
    releases = [release for release in releases if release.pk is not None and release.release_date]
    if not releases or not has_tables():
        return
    rows = [(sort_key(release), release.pk, release_text(release)) for release in releases]
    with connection.cursor() as cursor:
        remove([release.pk for release in releases], cursor=cursor)
        cursor.executemany(f"INSERT INTO {TABLE} (key, page_id, text) VALUES (%s, %s, %s)", rows)


def remove(page_ids, cursor=None):
    if not page_ids or not has_tables():
        return
    if cursor is None:
        with connection.cursor() as cursor:
            return remove(page_ids, cursor)
    for start in range(0, len(page_ids), 500):
        chunk = list(page_ids[start : start + 500])
        cursor.execute(f"DELETE FROM {TABLE} WHERE page_id IN ({', '.join(['%s'] * len(chunk))})", chunk)


def remove_stale():
    """Drop the rows of pages that are no longer releases (``update_index`` calls this)."""
    if has_tables():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id NOT IN (SELECT page_ptr_id FROM releases_pressreleasepage)")


def rebuild(batch=500):
    """Index every release again (the tables hold nothing else)."""
    from .models import PressReleasePage

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    releases = PressReleasePage.objects.select_related("author").order_by("pk")
    last = 0
    while chunk := list(releases.filter(pk__gt=last)[:batch]):
        update(chunk)
        last = chunk[-1].pk
    mark_complete()


def _restricted_paths():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _listed_sql(locale_id):
    """The conditions on the page row ``p`` (SQL and parameters) of a listed release:
    in ``locale_id`` (any when None) and, as Wagtail's ``.public()``, not at or under a
    page with a view restriction. Both databases' queries end their WHERE with it."""
    sql, params = "", []
    if locale_id is not None:
        sql += " AND p.locale_id = %s"
        params.append(locale_id)
    for path in _restricted_paths():
        sql += " AND substr(p.path, 1, %s) <> %s"
        params += [len(path), path]
    return sql, params


def _matches_sql(locale_id):
    """SQL (and its extra parameters) of the listed releases that match, newest first."""
    listed, params = _listed_sql(locale_id)
    sql = (
        f"SELECT f.rowid FROM {FTS} f CROSS JOIN wagtailcore_page p ON p.id = (f.rowid & {_PAGE_MASK}) "
        f"WHERE f.{FTS} MATCH %s AND p.live{listed}"
    )
    return sql + " ORDER BY f.rowid DESC", params


def tsquery_sql(query, config):
    """PostgreSQL: the tsquery of a reader's text (SQL and parameters), words and Korean bases.

    PostgreSQL stems English and Russian with ``config`` itself; Korean words
    are searched as themselves or without their particle (``core.wordforms``).
    """
    terms, params = [], []
    for word in words(query):
        alternatives = list(dict.fromkeys([word.lower(), word_form(word, stem=False)]))
        terms.append("(" + " || ".join(["plainto_tsquery(%s::regconfig, %s)"] * len(alternatives)) + ")")
        for term in alternatives:
            params += [config, term]
    return (" && ".join(terms), params) if terms else (None, [])


def _postgres_matches_sql(locale_id, query, config):
    from django.contrib.contenttypes.models import ContentType

    from .models import PressReleasePage

    tsquery, params = tsquery_sql(query, config)
    if tsquery is None:
        return None, []
    content_type = ContentType.objects.get_for_model(PressReleasePage).pk
    # The text join (e.object_id is text) uses the index on page_ptr_id::text and the
    # entries' unique (content_type_id, object_id): the planner walks the newest
    # releases for a common word, the GIN index of title || body for a rare one.
    sql = (
        "SELECT r.page_ptr_id FROM releases_pressreleasepage r "
        "JOIN wagtailcore_page p ON p.id = r.page_ptr_id "
        "JOIN wagtailsearch_indexentry e ON e.content_type_id = %s AND e.object_id = r.page_ptr_id::text "
        f"WHERE (e.title || e.body) @@ ({tsquery}) AND p.live"
    )
    listed, listed_params = _listed_sql(locale_id)
    params = [content_type, *params, *listed_params]
    return sql + listed + " ORDER BY r.release_date DESC, r.page_ptr_id DESC", params


class NewestMatches:
    """Listed releases matching a query, newest first, sliceable for Django's Paginator.

    ``count()`` stops at ``COUNT_CAP``; ``capped`` then says there are more.
    """

    def __init__(self, query, locale_id, queryset, config=None):
        self.locale_id = locale_id
        self.queryset = queryset  # the releases, with their related rows, for a page of ids
        self._count = None
        if connection.vendor == "postgresql":
            self.sql, self.params = _postgres_matches_sql(locale_id, query, config)
        else:
            match = match_expression(query)
            self.sql, self.params = (None, []) if match is None else _matches_sql(locale_id)
            self.params = [match, *self.params]

    @property
    def capped(self):
        """Whether more than ``COUNT_CAP`` releases match (``count()`` then says ``COUNT_CAP``)."""
        self.count()
        return self._over

    def count(self):
        if self._count is None:
            self._over = False
            if self.sql is None:
                self._count = 0
            else:
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT count(*) FROM ({self.sql} LIMIT {COUNT_CAP + 1}) AS matches", self.params)
                    found = cursor.fetchone()[0]
                self._over = found > COUNT_CAP
                self._count = min(found, COUNT_CAP)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if self.sql is None or (stop is not None and stop <= start):
            return []
        with connection.cursor() as cursor:
            cursor.execute(self.sql + " LIMIT %s OFFSET %s", [*self.params, (stop - start) if stop is not None else 2**62, start])
            ids = [key & _PAGE_MASK for (key,) in cursor.fetchall()]
        pages = self.queryset.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]

