"""What `make run` relies on: one bootstrap process that migrates only when needed,
static files served without collectstatic, and the address printed once the server answers."""

import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import time

from django.core.management import call_command

from pressroom import serving
from pressroom.core.management.commands.bootstrap import Command as Bootstrap
from tests.liveserver import ROOT


def test_bootstrap_migrate_does_nothing_when_nothing_changed(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert Bootstrap.unapplied_migrations() == []
    out = io.StringIO()
    call_command("bootstrap", "--migrate", stdout=out)
    assert "Applying migrations" not in out.getvalue()


def test_dev_layout_serves_static_files_without_collectstatic(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="pressroom.settings.dev", PRESSROOM_VAR_DIR=str(tmp_path))
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/static/core/css/site.css'); print(r.status_code, b''.join(r.streaming_content)[:200])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("200 "), result.stdout + result.stderr[-2000:]
    assert not (tmp_path / "static" / "core").exists()  # nothing was copied


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_address_is_printed_once_a_server_answers(capsys):
    port = free_port()
    server = http.server.HTTPServer(("127.0.0.1", port), http.server.SimpleHTTPRequestHandler)
    starts_later = threading.Timer(0.3, server.serve_forever)
    starts_later.start()
    try:
        # A 404 is an answer too: the server is up.
        assert serving.main([f"http://127.0.0.1:{port}/nothing-here", "", "  Pressroom is at ..."]) == 0
        assert capsys.readouterr().out == "\n  Pressroom is at ...\n"
    finally:
        server.shutdown()
        server.server_close()


def test_wait_until_answering_gives_up_on_a_closed_port():
    port = free_port()
    started = time.monotonic()
    assert not serving.wait_until_answering(f"http://127.0.0.1:{port}/", timeout=0.3)
    assert time.monotonic() - started >= 0.3  # it did wait (a lower bound, never flaky)
