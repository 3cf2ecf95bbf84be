"""`pressroom check` reports what this installation lacks (pressroom/core/checks.py)."""

import os
import socket
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from pressroom.core import checks
from tests.liveserver import ROOT

BARE_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>{empty}</dir><cachedir>{empty}/cache</cachedir></fontconfig>
"""
# A process that cannot import WeasyPrint, as on a machine without Pango.
WITHOUT_WEASYPRINT = "import sys; sys.modules['weasyprint'] = None; from pressroom.cli import main; main(sys.argv)"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_on_a_machine_with_only_python(tmp_path):
    """No Pango, no fonts, no Chromium: warnings with install commands, and no failure."""
    empty = tmp_path / "fonts"
    empty.mkdir()
    (tmp_path / "fonts.conf").write_text(BARE_FONTCONFIG.format(empty=empty))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PRESSROOM_COMMENTS_JSON")}
    env.update(
        DJANGO_SETTINGS_MODULE="pressroom.settings.dev",
        PRESSROOM_VAR_DIR=str(tmp_path / "var"),
        PRESSROOM_LANGUAGES="en,ru,ko",
        FONTCONFIG_FILE=str(tmp_path / "fonts.conf"),
        PATH=str(tmp_path),  # no chromium on it
    )
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_WEASYPRINT, "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "(pressroom.W002) WeasyPrint cannot load Debian's Pango" in output
    assert "HINT: Install it: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in output
    assert "(pressroom.W001) No installed font covers 한국어 (ko)" in output
    assert "HINT: Install one: sudo apt-get install fonts-noto-cjk" in output
    assert "(pressroom.W001) No installed font covers Русский (ru)" in output
    assert "(pressroom.I003) Chromium is not installed" in output
    assert "System check identified 5 issues" in output


def test_unreachable_postgresql_and_redis_are_reported():
    port = closed_port()
    databases = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"},
        "main": {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": str(port)},
    }
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    messages = checks.server_problems(databases, caches, timeout=0.5)
    assert [m.id for m in messages] == ["pressroom.W004", "pressroom.W005"]
    assert f"127.0.0.1:{port}" in messages[0].msg


def test_answering_servers_are_not_reported():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        databases = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": port}}
        caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}"}}
        assert checks.server_problems(databases, caches) == []


def test_a_typo_in_comment_settings_stops_check(settings):
    settings.PRESSROOM_COMMENTS = {"MIN_SECOND": 1, "MAX_LENGTH": 100}
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    assert "(pressroom.E006) PRESSROOM_COMMENTS has an unknown key 'MIN_SECOND'" in str(raised.value)
    assert "Did you mean 'MIN_SECONDS'?" in str(raised.value)
    assert "MAX_LENGTH" not in str(raised.value)


def test_known_comment_settings_pass(settings):
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 1, "RATE_LIMITS": [[1000, 60]]}
    assert checks.check_comment_settings() == []
    settings.PRESSROOM_COMMENTS = [("MIN_SECONDS", 1)]
    assert [m.id for m in checks.check_comment_settings()] == ["pressroom.E006"]
