"""A real gunicorn for the browser and load tests, in a throwaway environment.

    with LiveServer(comments={"MIN_SECONDS": 1}) as server:
        server.url, server.admin_password, server.var_dir, server.database_url

SQLite in its own PRESSROOM_VAR_DIR by default; with ``database="postgres"`` (or
when DATABASE_URL names PostgreSQL) a throwaway database is created on that
server and dropped afterwards. Loopback only.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_postgres(url):
    return bool(url) and url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql", "postgis")


class LiveServer:
    def __init__(
        self, comments=None, database=None, workers=2, extra_env=None, name="pressroom-live",
        settings="pressroom.settings.dev", port=None, var_parent=None,
    ):
        self.settings = settings
        self.fixed_port = port  # None: any free loopback port
        self.var_parent = var_parent  # None: the system's temporary directory
        self.comments = comments or {}
        self.workers = workers
        self.extra_env = extra_env or {}
        self.name = name
        env_url = os.environ.get("DATABASE_URL", "")
        if database is None:
            database = "postgres" if is_postgres(env_url) else "sqlite"
        self.database = database
        self.pg_admin_url = env_url if is_postgres(env_url) else DEFAULT_PG
        self.process = None
        self.db_name = None
        self.log_path = None

    # --- lifecycle ----------------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        if self.var_parent:
            Path(self.var_parent).mkdir(parents=True, exist_ok=True)
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=self.var_parent))
        self.port = self.fixed_port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.admin_password = secrets.token_urlsafe(16)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")}
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings,
            PRESSROOM_VAR_DIR=str(self.var_dir),
            PRESSROOM_BASE_URL=self.url,
            ALLOWED_HOSTS="127.0.0.1",
            PRESSROOM_ADMIN_PASSWORD=self.admin_password,
            PRESSROOM_COMMENTS_JSON=json.dumps(self.comments),
            PRESSROOM_DEBUG="0",
            PYTHONUNBUFFERED="1",
        )
        if self.database == "postgres":
            self.db_name = f"pressroom_{self.name.replace('-', '_')}_{secrets.token_hex(4)}"
            self._pg_exec(f'CREATE DATABASE "{self.db_name}"')
            parts = urlsplit(self.pg_admin_url)
            self.database_url = urlunsplit(parts._replace(path=f"/{self.db_name}"))
            env["DATABASE_URL"] = self.database_url
        else:
            self.database_url = None
            self.sqlite_path = self.var_dir / "pressroom.sqlite3"
        env.update(self.extra_env)
        self.env = env
        steps = [["migrate", "--noinput", "-v", "0"], ["bootstrap"]]
        if self.settings != "pressroom.settings.dev":
            # The development settings serve static files from the apps' folders
            # (as `make run` does); others need the collected, hashed copy.
            steps.insert(1, ["collectstatic", "--noinput", "-v", "0"])
        for args in steps:
            self.manage(*args)
        self.log_path = self.var_dir / "gunicorn.log"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "pressroom.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                "--timeout", "60", "--graceful-timeout", "5", "--access-logfile", "-", "--error-logfile", "-",
            ],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_healthy(60)

    def manage(self, *args, timeout=300):
        result = subprocess.run(
            [sys.executable, "-m", "pressroom.cli", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"pressroom {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def wait_healthy(self, seconds):
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError) as exc:
                last = exc
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz in {seconds}s ({last}):\n{self.log()}")

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except (OSError, AttributeError):
            return ""

    def worker_pids(self):
        """PIDs of the gunicorn workers: the children of the master."""
        try:
            out = subprocess.run(
                ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        return [int(p) for p in out.split()]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        if getattr(self, "_log", None):
            self._log.close()
        if self.db_name:
            try:
                self._pg_exec(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            finally:
                self.db_name = None
        if getattr(self, "var_dir", None) and not os.environ.get("PRESSROOM_KEEP_LIVE_VAR"):
            shutil.rmtree(self.var_dir, ignore_errors=True)

    # --- databases ------------------------------------------------------------------

    def _pg_exec(self, sql):
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def db_connect(self):
        """A DB-API connection to the server's database (for checks after a run)."""
        if self.database == "postgres":
            import psycopg

            return psycopg.connect(self.database_url, connect_timeout=10)
        import sqlite3

        conn = sqlite3.connect(self.sqlite_path, timeout=20)
        return conn

    def placeholder(self):
        return "%s" if self.database == "postgres" else "?"
