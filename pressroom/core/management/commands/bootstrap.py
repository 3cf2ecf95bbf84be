"""``pressroom bootstrap``: what ``make run`` does before serving.

With ``--migrate`` it first applies migrations when some are unapplied (and
loads nothing else when none are: a restart costs one Django start-up). Its
system checks print what the machine lacks, once.

Loads the sample content on the first run and makes sure an admin account
exists. The password comes from PRESSROOM_ADMIN_PASSWORD, or is generated and
printed once (and kept in var/admin-password, readable by you only).

A real organization starts without the sample::

    pressroom bootstrap --no-sample --organization "Amur Bridge Society" \
        --organization "ru=Общество «Амурский мост»" --era juche \
        --city Khabarovsk --city ru=Хабаровск --email office@example.org

makes a home page and a release index for each language and fills the
organization's settings where they are still empty (so a second run, or
``make run`` later, changes nothing an editor has set in the admin).
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Site

from pressroom.core import sample_content, site_setup
from pressroom.core.models import Era
from pressroom.settings.env import create_private_file

ADDRESS_FIELDS = ("country", "city", "street")
CONTACT_FIELDS = ("email", "phone", "fax", "postal_code")


def per_language(values, languages):
    """``["Acme", "ru=Акме"]`` -> ``{"en": "Acme", "ru": "Акме"}``: a value with a
    language prefix is for that language, one without for every other."""
    default, specific = None, {}
    for value in values or ():
        code, sep, rest = value.partition("=")
        if sep and code in languages:
            specific[code] = rest.strip()
        else:
            default = value.strip()
    return {code: specific.get(code, default) for code in languages if specific.get(code, default)}


class Command(BaseCommand):
    help = "Load sample content on first run and create the admin account (see README)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PRESSROOM_ADMIN_USER", "admin"))
        parser.add_argument(
            "--migrate",
            action="store_true",
            help="First apply unapplied migrations, if there are any (make run: one process, no work when nothing changed).",
        )
        parser.add_argument(
            "--no-sample",
            action="store_true",
            help="Do not load the sample content; make an empty home page and release index per language.",
        )
        org = parser.add_argument_group(
            "first start without the sample (with --no-sample; fills only what is still empty)",
            "NAME, COUNTRY, CITY and STREET may be given once per language as LANG=VALUE.",
        )
        org.add_argument("--organization", action="append", metavar="[LANG=]NAME", help="The organization's name.")
        org.add_argument("--languages", help="Comma-separated content languages to make pages for (default: all configured).")
        org.add_argument("--era", choices=Era.values, help="The calendar era of datelines.")
        for field in ADDRESS_FIELDS:
            org.add_argument(f"--{field}", action="append", metavar=f"[LANG=]{field.upper()}")
        for field in CONTACT_FIELDS:
            org.add_argument(f"--{field.replace('_', '-')}", dest=field)

    def handle(self, *args, username, no_sample, migrate, **options):
        if migrate and self.unapplied_migrations():
            self.stdout.write("Applying migrations...")
            call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
        self.fill_search_table()
        organization_options = ["organization", "languages", "era", *ADDRESS_FIELDS, *CONTACT_FIELDS]
        if no_sample:
            self.first_start(options)
        elif any(options.get(name) for name in organization_options):
            raise CommandError("--organization, --languages, --era, the address and the contacts need --no-sample.")
        elif (loaded := sample_content.load()) is not None:
            self.stdout.write(f"Loaded the sample content: {loaded.describe()}.")
        User = get_user_model()
        password_file = settings.VAR_DIR / "admin-password"
        if User.objects.filter(username=username).exists():
            if os.environ.get("PRESSROOM_ADMIN_PASSWORD"):
                self.stdout.write(f"Admin login: {username} / the password in PRESSROOM_ADMIN_PASSWORD")
            elif password_file.exists():
                self.stdout.write(f"Admin login: {username} / the password in {password_file}")
            else:
                self.stdout.write(f"Admin login: {username}")
            return
        password = os.environ.get("PRESSROOM_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, f"{username}@localhost", password)
        if not os.environ.get("PRESSROOM_ADMIN_PASSWORD"):
            password_file.unlink(missing_ok=True)  # a stale one from an older database
            create_private_file(password_file, password + "\n")
        self.stdout.write(self.style.SUCCESS(f"Created admin login: {username} / {password}"))

    def fill_search_table(self):
        """After an upgrade on SQLite: fill the readers' search table once (releases/fulltext.py)."""
        from django.apps import apps

        if not apps.is_installed("pressroom.releases"):
            return
        from pressroom.releases import fulltext

        if fulltext.has_tables() and not fulltext.complete():
            self.stdout.write("Filling the search table of the releases (once, after an upgrade)...")
            fulltext.rebuild()

    @staticmethod
    def unapplied_migrations():
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        return executor.migration_plan(executor.loader.graph.leaf_nodes())

    def first_start(self, options):
        configured = site_setup.content_languages()
        languages = [c.strip() for c in (options["languages"] or "").split(",") if c.strip()] or configured
        unknown = [code for code in languages if code not in configured]
        if unknown:
            raise CommandError(
                f"{', '.join(unknown)}: not in PRESSROOM_LANGUAGES ({','.join(configured)}); add it there first."
            )
        names = per_language(options["organization"], languages)
        created = site_setup.ensure_site(languages, names)
        if created:
            self.stdout.write(f"Made the home page and release index for: {', '.join(created)}.")
        site = Site.objects.get(is_default_site=True)
        addresses = {}
        for field in ADDRESS_FIELDS:
            for code, value in per_language(options[field], languages).items():
                addresses.setdefault(code, {})[field] = value
        filled = site_setup.fill_organization_settings(
            site,
            names=names,
            era=options["era"],
            contacts={field: options[field] for field in CONTACT_FIELDS},
            addresses=addresses,
        )
        if filled:
            self.stdout.write(f"Organization settings: filled {', '.join(filled)}.")
