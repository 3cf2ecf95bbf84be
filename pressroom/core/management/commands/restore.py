"""``pressroom restore IN``: put a ``pressroom backup`` back, replacing the database's content.

SQLite: the snapshot is checked, then copied into the database with the online
backup API (other connections see the restored content at once). PostgreSQL:
``pg_restore --clean --if-exists``. Every configured cache is cleared afterwards.
Stop the app servers first when you can.
"""

import sqlite3
import subprocess
from pathlib import Path

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from .backup import pg_args_env


class Command(BaseCommand):
    help = "Restore the database from a file written by `pressroom backup` (replaces the current content)."

    def add_arguments(self, parser):
        parser.add_argument("infile", metavar="IN", help="the backup file to restore")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, infile, database, interactive, **options):
        path = Path(infile)
        if not path.is_file():
            raise CommandError(f"No such backup file: {path}")
        connection = connections[database]
        if interactive:
            answer = input(f"This replaces everything in the {connection.vendor} database. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        if connection.vendor == "sqlite":
            self.restore_sqlite(connection, path)
        elif connection.vendor == "postgresql":
            settings_dict = connection.settings_dict
            connection.close()
            pg_args, env = pg_args_env(settings_dict)
            result = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                 *pg_args, "-d", settings_dict["NAME"], str(path)],
                env=env, capture_output=True, text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            raise CommandError(f"Restoring {connection.vendor} databases is not supported.")
        # Cached comment lists, rate-limit counters and pages describe the
        # database as it was: every cache starts again from the restored one.
        for cache in caches.all():
            cache.clear()
        self.stdout.write(f"Restored the {connection.vendor} database from {path}; cleared the caches.")

    def restore_sqlite(self, connection, path):
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            check = source.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise CommandError(f"{path} is not a SQLite backup: {exc}") from exc
        if check != "ok" or "django_migrations" not in tables:
            source.close()
            raise CommandError(f"{path} is not a usable Pressroom backup (check: {check}).")
        if connection.in_atomic_block:
            raise CommandError("Cannot restore inside a transaction.")
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
