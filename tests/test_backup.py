"""`pressroom backup` / `pressroom restore` round trip on SQLite (PostgreSQL: tests/load/run.py)."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from django.core.management import call_command
from django.db import connection

from tests.liveserver import ROOT

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.core.management import call_command
    from pressroom.comments.models import Comment
    from pressroom.releases.models import PressReleasePage

    def post(marker, n):
        page = PressReleasePage.objects.live().order_by("pk").first()
        for i in range(n):
            Comment.objects.create(page=page, name="Backup", text=f"{marker} comment {i}")

    def count(marker):
        return Comment.objects.filter(text__startswith=marker).count()

    step = sys.argv[1]
    if step == "post-backup-post":
        post("BEFORE", 5)
        call_command("backup", sys.argv[2])
        post("AFTER", 3)
    elif step == "restore":
        from django.core.cache import cache
        cache.set("pressroom-probe", "from before the restore", 3600)
        call_command("restore", sys.argv[2], interactive=False)
        print(json.dumps({"probe": cache.get("pressroom-probe")}))
    print(json.dumps({"before": count("BEFORE"), "after": count("AFTER"),
                      "releases": PressReleasePage.objects.count(), "comments": Comment.objects.count()}))
    """
)


def run(env, *args):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.strip().splitlines() if line.startswith("{")]
    return {key: value for line in lines for key, value in line.items()}


@pytest.fixture
def usual_umask():
    """The umask most accounts have (files 0644 unless made otherwise)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite round trip")
def test_backup_restore_round_trip(django_db_setup, django_db_blocker, tmp_path, usual_umask):
    # The test database (sample content loaded) becomes the site's database file,
    # through the backup API of a live connection (no test transaction open).
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    with django_db_blocker.unblock():
        assert connection.vendor == "sqlite"
        call_command("backup", str(var_dir / "pressroom.sqlite3"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="pressroom.settings.dev", PRESSROOM_VAR_DIR=str(var_dir))

    snapshot = tmp_path / "snap" / "backup.sqlite3"
    state = run(env, "post-backup-post", str(snapshot))
    assert (state["before"], state["after"]) == (5, 3)
    assert state["releases"] >= 6

    # The snapshot is a self-contained, consistent SQLite file with the first five only.
    with sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True) as db_file:
        assert db_file.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        texts = [r[0] for r in db_file.execute("SELECT text FROM comments_comment WHERE name = 'Backup'")]
    assert sorted(texts) == [f"BEFORE comment {i}" for i in range(5)]
    assert not list(snapshot.parent.glob(".*partial"))
    # It holds password hashes and readers' e-mail addresses: owner only.
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600

    restored = run(env, "restore", str(snapshot))
    assert (restored["before"], restored["after"]) == (5, 0)
    assert restored["releases"] == state["releases"]
    assert restored["comments"] == state["comments"] - 3
    assert restored["probe"] is None  # the caches were cleared


def test_backup_refuses_to_run_inside_a_transaction(db, tmp_path):
    from django.core.management.base import CommandError

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path / "x.sqlite3"))
    assert not list(tmp_path.iterdir())


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    from django.core.management.base import CommandError

    bogus = tmp_path / "not-a-backup.sqlite3"
    bogus.write_bytes(b"hello, this is not sqlite" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), interactive=False)
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing"), interactive=False)
