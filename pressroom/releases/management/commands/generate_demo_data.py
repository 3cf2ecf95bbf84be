"""``pressroom generate_demo_data --releases N --comments M``: a large site for load tests.

Releases are written with ``bulk_create`` in batches straight into Wagtail's
page tree, so that 100,000 releases and 1,000,000 comments take minutes, not
the hours that ``add_child()`` + ``save_revision().publish()`` per page would:

* each batch goes under the release index of one language; the tree columns
  that treebeard's materialised path needs are computed here: ``path`` is the
  index's path plus one 4-character base-36 step per child (what
  ``MP_Node._get_path`` gives), ``depth`` is the index's depth + 1,
  ``numchild`` is 0, and the index's ``numchild`` is raised once per batch;
* the page row (``wagtailcore_page``) and the release row (its multi-table
  child, which ``bulk_create`` refuses) are inserted separately, the second
  with the same low-level insert ``bulk_create`` uses;
* pages are live and published, with no revisions (an editor's first save
  creates one); consecutive releases in different languages share a
  translation key, so each has its translation;
* titles, summaries and bodies draw words with Zipf's law from a vocabulary of
  4,000 per language (``releases/demo_text.py``), so a search matches a
  realistic share of the releases;
* comments are approved, spread over the releases (the first release gets
  ``--big-thread`` of them, for the "2,000 comments" page) with their
  ``comments.Thread`` row (version, approved count);
* every release is added to the search index in batches (``--no-index`` skips
  it), and ``core.SiteState`` is bumped once at the end.

Memory stays bounded by ``--batch``. Needs the sample site (``pressroom
bootstrap``): a release index per language. Run it on an empty site of its own;
it adds, it never deletes.
"""

import datetime
import hashlib
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from pressroom.comments.models import Comment, Status, Thread
from pressroom.comments.pipeline import text_fingerprint
from pressroom.core.models import SiteState
from pressroom.releases.demo_text import sentence, vocabulary
from pressroom.releases.models import Author, PressReleasePage, ReleaseIndexPage, ReleaseTag

COMMENT_WORDS = (
    "thank you for the news I agree this is great will there be more details next year my family "
    "visited last spring the volunteers did a wonderful job please keep us informed about dates"
).split()
START_DATE = datetime.date(2016, 1, 1)


def comment_sentence(rng, n):
    text = " ".join(rng.choice(COMMENT_WORDS) for _ in range(n))
    return text[0].upper() + text[1:] + "."


class Command(BaseCommand):
    help = "Add many published releases and approved comments (batched) for load and scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=1000)
        parser.add_argument("--comments", type=int, default=10000)
        parser.add_argument("--big-thread", type=int, default=2000,
                            help="comments on the first release (part of --comments; default 2000)")
        parser.add_argument("--tags", type=int, default=200, help="distinct tags (default 200)")
        parser.add_argument("--batch", type=int, default=2000, help="rows per insert (default 2000)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-index", action="store_true", help="do not add the releases to the search index")

    def handle(self, *args, releases, comments, big_thread, tags, batch, seed, no_index, **options):
        if releases < 1 or comments < 0 or batch < 1:
            raise CommandError("--releases must be at least 1, --comments and --batch not negative")
        indexes = list(ReleaseIndexPage.objects.select_related("locale").order_by("path"))
        if not indexes:
            raise CommandError("No release index: run `pressroom bootstrap` first.")
        self.rng = random.Random(seed)
        self.batch = batch
        self.run = uuid.uuid4().hex[:6]  # slugs of this run never meet earlier ones
        started = time.monotonic()
        authors = self.make_authors(indexes)
        tag_ids = self.make_tags(tags)
        content_type = ContentType.objects.get_for_model(PressReleasePage)
        # Release ids in creation order; comment counts drawn for them afterwards.
        ids = []
        made = 0
        while made < releases:
            n = min(batch, releases - made)
            ids += self.make_releases(indexes, made, n, releases, authors, tag_ids, content_type, no_index)
            made += n
            self.stdout.write(f"  releases {made:>9,} / {releases:,}  ({time.monotonic() - started:.0f} s)")
        self.make_comments(ids, comments, min(big_thread, comments), started)
        SiteState.bump()
        self.stdout.write(self.style.SUCCESS(
            f"Created {releases:,} releases and {comments:,} comments in {time.monotonic() - started:.0f} s."
        ))

    # --- authors and tags --------------------------------------------------------------

    def make_authors(self, indexes):
        authors = {}
        for index in indexes:
            language = index.locale.language_code
            words = vocabulary(language)
            rows = [
                Author(name=f"{words[i].title()} {words[-i - 1].title()} {self.run}", position="Press officer",
                       locale=index.locale)
                for i in range(5)
            ]
            authors[index.pk] = [a.pk for a in Author.objects.bulk_create(rows)]
        return authors

    def make_tags(self, count):
        if not count:
            return []
        words = vocabulary("en")
        names = [f"{words[i % len(words)]}-{i}-{self.run}" for i in range(count)]
        Tag.objects.bulk_create([Tag(name=name, slug=name) for name in names], batch_size=self.batch)
        return list(Tag.objects.filter(slug__in=names).values_list("pk", flat=True))

    # --- releases ------------------------------------------------------------------------

    @transaction.atomic
    def make_releases(self, indexes, offset, n, total, authors, tag_ids, content_type, no_index):
        rng = self.rng
        # Lock the indexes' rows and read their numchild and last child now (inside the transaction).
        indexes = list(ReleaseIndexPage.objects.select_for_update().select_related("locale").order_by("path"))
        next_step, added = {}, {index.pk: 0 for index in indexes}
        for index in indexes:
            last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
            next_step[index.pk] = (Page._str2int(last.path[-Page.steplen:]) + 1) if last else 1
        now = timezone.now()
        days = max((datetime.date.today() - START_DATE).days, 1)
        pages, details, keys = [], [], {}
        for i in range(offset, offset + n):
            index = indexes[i % len(indexes)]
            language = index.locale.language_code
            places = vocabulary(language)
            # Newest ids get the newest dates, spread evenly over the years since START_DATE.
            date = START_DATE + datetime.timedelta(days=int(days * i / max(total, 1)))
            published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))
            published = min(published, now)
            step = next_step[index.pk]
            next_step[index.pk] += 1
            added[index.pk] += 1
            slug = f"demo-{self.run}-{i}"
            title = sentence(rng, language, 6)[:-1]
            key = keys.setdefault(i // len(indexes), uuid.uuid4())
            pages.append(Page(
                title=title, draft_title=title, slug=slug, content_type=content_type, locale_id=index.locale_id,
                translation_key=key, live=True, has_unpublished_changes=False,
                path=Page._get_path(index.path, index.depth + 1, step), depth=index.depth + 1, numchild=0,
                url_path=f"{index.url_path}{slug}/", first_published_at=published, last_published_at=published,
                latest_revision_created_at=None,
            ))
            summary = sentence(rng, language, 18)
            body = [{"type": "paragraph", "value": f"<p>{sentence(rng, language, 40)}</p>", "id": str(uuid.uuid4())}
                    for _ in range(3)]
            details.append(dict(
                kicker="press_release", author_id=rng.choice(authors[index.pk]), summary=summary,
                body=body, dateline_place=places[i % 30].title(), release_date=date, comments_open=True,
            ))
        Page.objects.bulk_create(pages)
        if any(p.pk is None for p in pages):
            raise CommandError("This database does not return ids from bulk inserts.")
        releases = [PressReleasePage(page_ptr_id=p.pk, **d) for p, d in zip(pages, details)]
        # The release table only: bulk_create() refuses multi-table children, so use the
        # insert it is built on, with this model's own columns (page_ptr_id included).
        fields = [f for f in PressReleasePage._meta.local_concrete_fields]
        PressReleasePage._base_manager._insert(releases, fields=fields)
        for index in indexes:
            if added[index.pk]:
                Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + added[index.pk])
        if tag_ids:
            tagged = []
            for p in pages:
                for tag_id in rng.sample(tag_ids, k=min(len(tag_ids), rng.randint(0, 3))):
                    tagged.append(ReleaseTag(content_object_id=p.pk, tag_id=tag_id))
            ReleaseTag.objects.bulk_create(tagged, batch_size=self.batch)
        if not no_index:
            from wagtail.search.backends import get_search_backend

            backend = get_search_backend("default")
            objs = list(PressReleasePage.objects.filter(pk__in=[p.pk for p in pages]).select_related("author"))
            backend.get_index_for_model(PressReleasePage).add_items(PressReleasePage, objs)
        return [p.pk for p in pages]

    # --- comments ------------------------------------------------------------------------

    def make_comments(self, ids, total, big, started):
        """``big`` comments on the first release, the rest spread unevenly over the others
        (a few releases draw many, most a handful), written in batches."""
        if not total:
            return
        rng = self.rng
        others = ids[1:] or ids
        # A long tail, as on a real site, but no release outgrows the big thread
        # (weights ~ 1/sqrt(rank + 10): at 100,000 releases the busiest gets ~0.1 %).
        weights = [1.0 / (rank + 10) ** 0.5 for rank in range(len(others))]
        counts = {ids[0]: big}
        for page_id in rng.choices(others, weights=weights, k=total - big):
            counts[page_id] = counts.get(page_id, 0) + 1
        now = timezone.now()
        written = 0
        pending = []
        # Plain executemany: a million model instances through bulk_create() cost
        # several times the CPU of the rows themselves.
        table = connection.ops.quote_name(Comment._meta.db_table)
        columns = ["page_id", "name", "email", "text", "status", "created_at", "ip_hash", "text_hash", "source",
                   "moderation_note", "import_key", "held_reason", "held_spans", "reader_key"]
        sql = (f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        ip_hashes = [hashlib.sha256(f"demo-{k}".encode()).hexdigest() for k in range(997)]

        def flush():
            nonlocal written, pending
            if not pending:
                return
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, pending)
            written += len(pending)
            pending = []
            self.stdout.write(f"  comments {written:>9,} / {total:,}  ({time.monotonic() - started:.0f} s)")

        for page_id, count in counts.items():
            for k in range(count):
                text = comment_sentence(rng, rng.randint(6, 30)) + f" #{page_id}-{k}"
                created = connection.ops.adapt_datetimefield_value(now - datetime.timedelta(minutes=(count - k) * 7))
                pending.append((page_id, f"Reader {rng.randint(1, 99999)}", "", text, Status.APPROVED.value, created,
                                ip_hashes[k % 997], text_fingerprint(text), "import", "", "", "", "[]", ""))
                if len(pending) >= self.batch * 5:
                    flush()
        flush()
        threads = [Thread(page_id=page_id, version=1, approved_count=count, changed_at=now)
                   for page_id, count in counts.items()]
        with transaction.atomic():
            for start in range(0, len(threads), self.batch):
                chunk = threads[start:start + self.batch]
                # A release that already had comments keeps its row; recount it below.
                existing = set(Thread.objects.filter(page_id__in=[t.page_id for t in chunk])
                               .values_list("page_id", flat=True))
                Thread.objects.bulk_create([t for t in chunk if t.page_id not in existing])
                for page_id in existing:
                    Thread.bump(page_id)
