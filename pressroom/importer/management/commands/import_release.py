"""``pressroom import_release FILE... [--locale] [--parent] [--publish] [--dry-run] [--json]``

Imports plain-text releases (the format is in :mod:`pressroom.importer.parse`
and docs/importing.md). Each file is parsed, then written in its own
transaction by :func:`pressroom.importer.services.import_parsed_release`, so
a bad file costs only itself: it gets one ``ERROR`` line on stderr, the others
still import, and the command exits non-zero at the end.

``--dry-run --json`` only parses: it prints ``ParsedRelease.to_dict()`` of
each file -- one object for one file, a list (in argument order, ``null``
for a file that could not be read) for several -- and touches no database.
``--dry-run`` alone runs the whole import and rolls it back.
"""

import contextlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pressroom.importer import services
from pressroom.importer.parse import NotAReleaseError, parse_release, stable_key


class _Rollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


class Command(BaseCommand):
    help = (
        "Import plain-text press releases as draft PressReleasePages (published with --publish), "
        "with their Author, matched by title, date and language so a re-import updates the same page. "
        "Empty organization settings are filled from the contact block; where filled ones differ, a warning says so. "
        "Editors can do the same in the admin (Import release)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Release text files (UTF-8, UTF-16 or Windows-1251).")
        parser.add_argument(
            "--locale",
            default="auto",
            help="Language of the releases: auto (default: detected from the body text) or a code such as en, ru, ko.",
        )
        parser.add_argument(
            "--parent",
            metavar="SLUG",
            help="Slug of the ReleaseIndexPage to create pages under (default: the release index of the release's locale).",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the pages (default: save as drafts).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Write nothing: report what would happen (\"would create\" or \"would update\", and the page's address).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="With --dry-run: print the parsed fields as JSON instead (an object per file; a list for several files).",
        )

    def handle(self, *args, files, locale, parent, publish, dry_run, **options):
        as_json = options["json"]
        locale = locale.strip().lower()
        allowed = sorted(set(services.KNOWN_LOCALES) | set(services.content_language_codes()))
        if locale != "auto" and locale not in allowed:
            raise CommandError(f"unknown locale {locale!r}; use auto or one of: {', '.join(allowed)}")
        if as_json and not dry_run:
            raise CommandError("--json only works with --dry-run (it prints the parse, it does not import)")
        if as_json:
            return self._json(files, locale)
        if parent and not services.ReleaseIndexPage.objects.filter(slug=parent).exists():
            raise CommandError(f"no release index page with slug {parent!r}")

        counts = {"found": 0, "created": 0, "updated": 0, "errors": 0}
        # A real run commits file by file (see _import_one); a dry run wraps
        # everything in one transaction and rolls it back at the end.
        try:
            with transaction.atomic() if dry_run else contextlib.nullcontext():
                for path in files:
                    counts["found"] += 1
                    self._import_one(path, locale, parent, publish, counts, dry_run)
                if dry_run:
                    raise _Rollback
        except _Rollback:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(
            f"Found {counts['found']}, Created {counts['created']}, Updated {counts['updated']}, Errors {counts['errors']}"
        )
        if counts["errors"]:
            raise CommandError(f"{counts['errors']} of {counts['found']} file(s) could not be imported")

    def _error(self, path, message):
        self.stderr.write(f"ERROR {path}: {message}")

    def _read(self, path, locale):
        """The ParsedRelease of ``path``, or None after printing why not."""
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            self._error(path, f"cannot read file ({e.strerror or e})")
            return None
        try:
            return parse_release(data, locale=locale)
        except NotAReleaseError as e:
            self._error(path, f"not a release: {e}")
            return None

    def _json(self, files, locale):
        # Parse only: no database access, so this works before migrations too.
        results = [self._read(path, locale) for path in files]
        dicts = [r.to_dict() if r is not None else None for r in results]
        self.stdout.write(json.dumps(dicts[0] if len(files) == 1 else dicts, ensure_ascii=False, indent=2))
        errors = sum(r is None for r in results)
        if errors:
            raise CommandError(f"{errors} of {len(files)} file(s) could not be read")

    def _import_one(self, path, locale, parent, publish, counts, dry_run=False):
        parsed = self._read(path, locale)
        if parsed is None:
            counts["errors"] += 1
            return
        try:
            # A savepoint per file: a failure undoes this file only.
            with transaction.atomic():
                outcome = services.import_parsed_release(parsed, parent_slug=parent, publish=publish)
        except services.ImportProblem as e:
            counts["errors"] += 1
            self._error(path, str(e))
            return
        page = outcome.page
        counts["created" if outcome.created else "updated"] += 1
        state = services.describe_state(outcome)
        if dry_run:
            # The page exists only until the rollback: no id to show, only where it would be.
            verb = "would create" if outcome.created else f"would update page {page.pk}"
            self.stdout.write(
                f"{path}: {verb} \u201c{page.title}\u201d ({page.locale.language_code}, {state}) "
                f"at {outcome.url} [key {stable_key(parsed)}]"
            )
        else:
            self.stdout.write(
                f"{path}: {'Created' if outcome.created else 'Updated'} page {page.pk} "
                f"\u201c{page.title}\u201d ({page.locale.language_code}, {state}) at {outcome.url} "
                f"[key {stable_key(parsed)}]"
            )
        for line in services.outcome_details(outcome, parsed.warnings):
            self.stdout.write(line)
