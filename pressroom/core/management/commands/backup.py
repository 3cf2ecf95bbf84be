"""``pressroom backup OUT``: a consistent snapshot of the database, taken while the site runs.

SQLite: the sqlite3 online backup API (one step, under a read transaction, so
comments posted meanwhile are either wholly in the snapshot or not at all).
PostgreSQL: ``pg_dump -Fc`` (a consistent snapshot by design). Restore with
``pressroom restore IN``. The file is created readable by its owner only (0600).
"""

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from pressroom.settings.env import create_private_file


def pg_args_env(settings_dict):
    """Command-line arguments and environment of pg_dump/pg_restore for a Django database."""
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def sqlite_backup(source, target_path, timeout=60):
    """Copy the open sqlite3 connection ``source`` into a new file, atomically renamed."""
    target_path = Path(target_path)
    tmp = target_path.with_name(f".{target_path.name}.partial")
    # A backup holds password hashes and readers' e-mail addresses: 0600 from
    # the start (sqlite3 fills the empty file; its journal takes the same mode).
    tmp.unlink(missing_ok=True)
    create_private_file(tmp, "")
    dest = sqlite3.connect(tmp)
    deadline = time.monotonic() + timeout

    def give_up_when_busy_too_long(status, remaining, total):
        # sqlite3 retries a busy or locked source forever; a backup must not hang.
        if time.monotonic() > deadline:
            raise CommandError(f"The database stayed busy for {timeout}s; no backup was written.")

    try:
        # pages=-1: the whole database in one step, so one consistent snapshot.
        source.backup(dest, pages=-1, progress=give_up_when_busy_too_long, sleep=0.05)
        dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        check = dest.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CommandError(f"The snapshot failed its integrity check: {check}")
    except BaseException:
        dest.close()
        tmp.unlink(missing_ok=True)
        raise
    dest.close()
    os.replace(tmp, target_path)


class Command(BaseCommand):
    help = "Write a consistent backup of the database to OUT (SQLite file, or pg_dump -Fc archive)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="the backup file to write")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, out, database, **options):
        connection = connections[database]
        out_path = Path(out).resolve()
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "sqlite":
            if connection.in_atomic_block:
                raise CommandError("Cannot back up from inside a transaction; run `pressroom backup` on its own.")
            connection.ensure_connection()
            sqlite_backup(connection.connection, out_path)
        elif connection.vendor == "postgresql":
            settings_dict = connection.settings_dict
            args, env = pg_args_env(settings_dict)
            tmp = out_path.with_name(f".{out_path.name}.partial")
            tmp.unlink(missing_ok=True)
            create_private_file(tmp, "")  # pg_dump writes into it, keeping the mode
            result = subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", *args, "-f", str(tmp), settings_dict["NAME"]],
                env=env, capture_output=True, text=True,
            )
            if result.returncode:
                tmp.unlink(missing_ok=True)
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
            os.replace(tmp, out_path)
        else:
            raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
        self.stdout.write(f"Backed up the {connection.vendor} database to {out_path}")
