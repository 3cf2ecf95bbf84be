"""``pressroom import_wordpress EXPORT.xml [--dry-run] [--locale CODE] [--parent SLUG]``

Imports the posts of a WordPress export (WXR, "Tools > Export" in WordPress)
as releases, with their authors, tags, old-URL redirects and comments; see
docs/importing.md for the mapping.

The run is :func:`pressroom.importer.wxr_import.run_export`, which the admin's
"Import from WordPress" shares; this command reads options and prints.
The export is streamed (:func:`pressroom.importer.wordpress.iter_wxr`): each
post is written, in its own transaction, as soon as it has been read, and
then forgotten, so a large export needs no more memory than its largest post.
The price: if the file breaks off half-way (``WXRError``), the posts before
the break are already imported; the error is reported with its line number
and the command exits non-zero. Run it again on a repaired file: posts and
comments are matched by their WordPress ids, so nothing is duplicated.
``--dry-run`` runs everything in one transaction and rolls it back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import Truncator
from wagtail.models import Locale

from pressroom.importer import services
from pressroom.importer.wxr_import import Tally, run_export, written_unless


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

        self.counts = Tally()
        self.export = export
        self.dry_run = dry_run
        with written_unless(dry_run) as state:
            self._run(export, locale, parent)
        if state["rolled_back"]:
            self.stdout.write("Dry run: nothing was written.")
        self._report()
        if self.counts["errors"]:
            raise CommandError(f"{self.counts['errors']} error(s) while importing {export}")

    def _run(self, export, locale_code, parent):
        try:
            for result in run_export(export, self.counts, locale_code=locale_code, parent_slug=parent):
                self._print(result)
        except services.ImportProblem as e:
            hint = "" if locale_code else " (from the export's language; pass --locale)"
            raise CommandError(f"{e}{hint}") from e
        if self.counts.wxr_error:
            self.stderr.write(f"ERROR {export}: {self.counts.wxr_error}")

    def _print(self, result):
        label = f"post {result.post_id} \u201c{Truncator(result.title).chars(60)}\u201d"
        if result.error:
            self.stderr.write(f"ERROR {label}: {result.error}")
            return
        outcome = result.outcome
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
        if result.comments:
            self.stdout.write(
                "  comments: " + ", ".join(f"{n} {_LABELS.get(k, k)}" for k, n in sorted(result.comments.items()))
            )

    def _report(self):
        c = self.counts
        imported, skipped_comments = c.comments_imported, c.comments_skipped
        reasons = ", ".join(f"{k.split(':', 1)[1]} {v}" for k, v in sorted(c.items()) if k.startswith("comments_skipped:"))
        skipped_items = c.items_skipped
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
