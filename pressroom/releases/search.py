"""A search backend that stems each page in its own language on PostgreSQL.

Why not simply one Wagtail backend per language with its own SEARCH_CONFIG?
Every database backend writes the same table (one ``IndexEntry`` row per
object, unique on content type + id), so an "en" backend with "english" and a
"ru" backend with "russian" would overwrite each other's rows on every save:
whichever indexes last decides the stemming of all pages, and half of the
inflected queries stop matching.

So, on PostgreSQL:

* indexing (any alias) builds each translatable object's vectors with the text
  search config of the object's own locale (``LANGUAGE_CONFIGS``, e.g.
  ``{"en": "english", "ru": "russian"}``; others use ``SEARCH_CONFIG``);
* querying uses the alias' ``SEARCH_CONFIG``. settings/base.py declares one
  alias per language (``AUTO_UPDATE: False``, they would write the same rows)
  and the search view picks the alias of the active language.

On SQLite, whose FTS5 has no stemming, words are reduced to forms in Python
(``pressroom.core.wordforms``: Snowball stems for English and Russian, Korean
words without their particle). Each release indexes the forms of its words next
to its text (``PressReleasePage.search_word_forms``) and each query word is
searched as itself or its form (``forms_query``), so ``exchanges`` finds "exchange" and
``обмена`` finds «обмен». PostgreSQL stems English and Russian itself; there
only Korean words get the extra forms (no Korean config ships with it).
After upgrading, ``pressroom update_index`` adds the forms to existing releases.

On other databases this module returns Wagtail's usual database backend (the
extra options are dropped).
"""

import copy
import functools
from collections import defaultdict

from django.db import connection

# Importable on any database; only instantiated on PostgreSQL (see SearchBackend).
from wagtail.search.backends.database.postgres import postgres
from wagtail.search.query import And, Or, PlainText

from pressroom.core.wordforms import extra_forms, word_form, words

LANGUAGE_OPTIONS = ("LANGUAGE_CONFIGS",)


def SearchBackend(params):  # noqa: N802 - Wagtail looks this name up in the module
    if connection.vendor == "postgresql":
        return LocalizedPostgresSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as database_backend

    params = {key: value for key, value in params.items() if key not in LANGUAGE_OPTIONS}
    backend = database_backend(params)
    if connection.vendor == "sqlite" and backend.__class__.__name__ == "SQLiteSearchBackend":  # FTS5 is there
        return _word_forms_sqlite_backend()(params)
    return backend


def stems_in_python():
    """Whether English and Russian words need Python's stems: not on PostgreSQL, which stems them."""
    return connection.vendor != "postgresql"


def index_forms(text):
    """The word forms to index next to ``text`` on this database, as one string."""
    return " ".join(extra_forms(text, stem=stems_in_python()))


def forms_query(query, stem, operator=None):
    """A text query as a search query: each word, or its form (stem, Korean base) where that differs.

    The word itself stays an alternative so that objects indexed without forms
    (images, documents, snippets in the admin) are still found by their words.
    ``operator`` ("and", the default, or "or") joins the words.
    """
    terms = []
    for word in words(query):
        form = word_form(word, stem)
        terms.append(PlainText(word) if form == word.lower() else Or([PlainText(word), PlainText(form)]))
    if not terms:
        return query
    if len(terms) == 1:
        return terms[0]
    return Or(terms) if (operator or "and").lower() == "or" else And(terms)


class QueryFormsMixin:
    """Searches text queries with word forms, as the releases' forms were indexed (see the module docstring)."""

    def search(self, query, *args, **kwargs):
        if isinstance(query, str):
            query = forms_query(query, stems_in_python(), kwargs.pop("operator", None))
        return super().search(query, *args, **kwargs)


class LocalizedPostgresIndex(postgres.PostgresIndex):
    """Indexes translatable objects with their locale's config, others with the backend's."""

    def add_items(self, model, objs):
        if "locale" not in {field.name for field in model._meta.get_fields()}:
            return super().add_items(model, objs)
        from wagtail.models import Locale

        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for obj in objs:
            groups[languages.get(obj.locale_id)].append(obj)
        for language, group in groups.items():
            postgres.PostgresIndex(self.backend.for_language(language)).add_items(model, group)


class LocalizedPostgresSearchBackend(QueryFormsMixin, postgres.PostgresSearchBackend):
    index_class = LocalizedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS") or {})

    def config_for(self, language):
        return self.language_configs.get(language, self.config)

    def for_language(self, language):
        """A copy of this backend that indexes and queries with ``language``'s config."""
        clone = copy.copy(self)
        clone.config = self.config_for(language)
        return clone




@functools.cache
def _word_forms_sqlite_backend():
    # The SQLite backend's module declares models that exist only on SQLite.
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteIndex,
        SQLiteSearchAtomicRebuilder,
        SQLiteSearchBackend,
        SQLiteSearchRebuilder,
    )

    from . import fulltext

    class ReleaseTextSQLiteIndex(SQLiteIndex):
        """Wagtail's index, which also keeps the readers' release search (releases/fulltext.py) in step."""

        def add_items(self, model, objs):
            super().add_items(model, objs)
            from .models import PressReleasePage

            if issubclass(model, PressReleasePage):
                fulltext.update(objs)

        def delete_item(self, item):
            super().delete_item(item)
            from wagtail.models import Page

            if isinstance(item, Page):
                fulltext.remove([item.pk])

        def delete_stale_entries(self):
            # update_index's rebuild starts here (SQLiteSearchRebuilder.start).
            super().delete_stale_entries()
            fulltext.remove_stale()

    class ReleaseTextRebuilder(SQLiteSearchRebuilder):
        """update_index's rebuild: once it is through, the readers' table holds every release."""

        def finish(self):
            super().finish()
            fulltext.mark_complete()

    class ReleaseTextAtomicRebuilder(SQLiteSearchAtomicRebuilder):
        """The same in the rebuild's transaction (Wagtail's default, ATOMIC_REBUILD)."""

        def finish(self):
            fulltext.mark_complete()
            super().finish()

    class WordFormsSQLiteSearchBackend(QueryFormsMixin, SQLiteSearchBackend):
        """Wagtail's SQLite FTS5 backend, queried with word forms; indexes releases for readers too."""

        index_class = ReleaseTextSQLiteIndex
        rebuilder_class = ReleaseTextRebuilder
        atomic_rebuilder_class = ReleaseTextAtomicRebuilder

    return WordFormsSQLiteSearchBackend
