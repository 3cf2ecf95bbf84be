"""``pressroom import_wordpress EXPORT.xml [--dry-run] [--locale CODE] [--parent SLUG]``

Imports the posts of a WordPress export (WXR, "Tools > Export" in WordPress)
as releases, with their authors, tags, old-URL redirects and comments; see
docs/importing.md for the mapping.

The export is streamed (:func:`pressroom.importer.wordpress.iter_wxr`): each
post is written, in its own transaction, as soon as it has been read, and
then forgotten, so a large export needs no more memory than its largest post.
The price: if the file breaks off half-way (``WXRError``), the posts before
the break are already imported; the error is reported with its line number
and the command exits non-zero. Run it again on a repaired file: posts and
comments are matched by their WordPress ids, so nothing is duplicated.
``--dry-run`` runs everything in one transaction and rolls it back.
"""

import contextlib
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.text import Truncator
from wagtail.models import Locale

from pressroom.importer import services
from pressroom.importer.wordpress import WPAuthor, WPItem, WPSite, WXRError, iter_wxr


# How import_wp_comment's results read in the per-post line.
_LABELS = {
    "hidden": "hidden (links)",
    "exists": "already imported",
    "skipped:spam": "skipped (spam)",
    "skipped:trash": "skipped (trash)",
    "skipped:pingback": "skipped (pingback)",
    "skipped:trackback": "skipped (trackback)",
    "skipped:empty": "skipped (empty)",
}


class _Rollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR) as releases: author, tags, body blocks, "
        "published or draft as in WordPress, a redirect from each old URL, and the comments "
        "(approved and pending; those with links hidden; spam and trash skipped). "
        "Pages and attachments are skipped. Re-importing updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="EXPORT.xml", help="The WXR file WordPress exported.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Write nothing: report what would happen (\"would create\" or \"would update\", and each page's address).",
        )
        parser.add_argument(
            "--locale",
            metavar="CODE",
            help="Language of the posts (default: the export's <language>, e.g. en-US -> en).",
        )
        parser.add_argument(
            "--parent",
            metavar="SLUG",
            help="Slug of the ReleaseIndexPage to put the posts under (default: the release index of the locale).",
        )

    def handle(self, *args, export, dry_run, locale, parent, **options):
        if not Path(export).is_file():
            raise CommandError(f"no such file: {export}")
        if locale and not Locale.objects.filter(language_code=locale).exists():
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f"unknown locale {locale!r}; the site has: {codes}")
        if parent and not services.ReleaseIndexPage.objects.filter(slug=parent).exists():
            raise CommandError(f"no release index page with slug {parent!r}")

        self.counts = Counter()
        self.export = export
        self.dry_run = dry_run
        try:
            with transaction.atomic() if dry_run else contextlib.nullcontext():
                self._run(export, locale, parent)
                if dry_run:
                    raise _Rollback
        except _Rollback:
            self.stdout.write("Dry run: nothing was written.")
        self._report()
        if self.counts["errors"]:
            raise CommandError(f"{self.counts['errors']} error(s) while importing {export}")

    def _run(self, export, locale_code, parent):
        index = base_url = None
        authors: dict[str, str] = {}  # login -> display name; small, one row per site user
        try:
            for record in iter_wxr(export):
                if isinstance(record, WPSite):
                    base_url = (record.base_site_url or record.base_blog_url or record.link).rstrip("/")
                    index = self._index(record, locale_code, parent)
                elif isinstance(record, WPAuthor):
                    authors[record.login] = record.display_name or record.login
                elif isinstance(record, WPItem):
                    self._item(record, index, base_url, authors)
                # Channel-level categories and tags (WPTerm) are not needed:
                # each item names its own.
        except WXRError as e:
            self.counts["errors"] += 1
            # The message names the line ("malformed WXR at line 39, column 3: ...").
            self.stderr.write(f"ERROR {export}: {e}")

    def _index(self, site, locale_code, parent):
        code = locale_code or site.language.split("-")[0].lower()
        if not code:
            raise CommandError("the export does not say its language; pass --locale")
        try:
            return services.find_index(services.get_locale(code), parent)
        except services.ImportProblem as e:
            hint = "" if locale_code else f" (from the export's language {site.language!r}; pass --locale)"
            raise CommandError(f"{e}{hint}") from e

    def _item(self, item, index, base_url, authors):
        kind = item.post_type
        if kind in ("page", "attachment"):
            self.counts[f"skipped_{kind}"] += 1
            return
        if kind != "post":  # nav menus, revisions, custom post types
            self.counts["skipped_other"] += 1
            return
        if item.status in ("trash", "auto-draft"):
            self.counts["skipped_trash"] += 1
            return
        self.counts["posts"] += 1
        label = f"post {item.post_id} \u201c{Truncator(item.title).chars(60)}\u201d"
        tally = Counter()
        try:
            with transaction.atomic():
                outcome = services.import_wp_post(item, index=index, base_url=base_url, author_names=authors)
                for comment in item.comments:
                    tally[services.import_wp_comment(comment, page=outcome.page, base_url=base_url, fallback_date=item.date)] += 1
        except (services.ImportProblem, ValidationError, DatabaseError, ValueError) as e:
            self.counts["errors"] += 1
            self.stderr.write(f"ERROR {label}: {e}")
            return
        self.counts["created" if outcome.created else "updated"] += 1
        self.counts.update({f"comments_{k}": v for k, v in tally.items()})
        page = outcome.page
        state, url = services.describe_state(outcome), services.public_url(page)
        if self.dry_run:
            # The page exists only until the rollback: no id for a new one, only where it would be.
            verb = "would create page" if outcome.created else f"would update page {page.pk}"
            self.stdout.write(f"{verb} from {label} ({state}) at {url}")
        else:
            self.stdout.write(f"{'Created' if outcome.created else 'Updated'} page {page.pk} from {label} ({state}) at {url}")
        for line in services.outcome_details(outcome):
            self.stdout.write(line)
        if tally:
            self.stdout.write("  comments: " + ", ".join(f"{n} {_LABELS.get(k, k)}" for k, n in sorted(tally.items())))

    def _report(self):
        c = self.counts
        imported = c["comments_approved"] + c["comments_pending"] + c["comments_hidden"]
        skipped_comments = sum(v for k, v in c.items() if k.startswith("comments_skipped:"))
        reasons = ", ".join(f"{k.split(':', 1)[1]} {v}" for k, v in sorted(c.items()) if k.startswith("comments_skipped:"))
        skipped_items = c["skipped_page"] + c["skipped_attachment"] + c["skipped_other"] + c["skipped_trash"]
        self.stdout.write(f"Posts: created {c['created']}, updated {c['updated']}")
        self.stdout.write(
            f"Skipped: {c['skipped_page']} page(s), {c['skipped_attachment']} attachment(s), "
            f"{c['skipped_trash']} trashed post(s), {c['skipped_other']} other item(s)"
        )
        self.stdout.write(
            f"Comments: imported {imported} (approved {c['comments_approved']}, pending {c['comments_pending']}, "
            f"hidden with links {c['comments_hidden']}), already imported {c['comments_exists']}, "
            f"skipped {skipped_comments}" + (f" ({reasons})" if reasons else "")
        )
        self.stdout.write(
            f"Found {c['posts'] + skipped_items}, Created {c['created']}, Updated {c['updated']}, "
            f"Skipped {skipped_items}, Errors {c['errors']}"
        )
