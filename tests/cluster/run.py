"""``make test-cluster``: two app servers behind Varnish on PostgreSQL and Redis.

Builds the production layout of docs/deploy.md on loopback, from the files in
``deploy/``:

* the systemd units are checked with ``systemd-analyze verify`` (paths pointed
  at this checkout); the app servers are started from the ``ExecStart`` of
  ``pressroom-web.service`` with the environment of ``pressroom.env`` (a few
  values replaced: database, ports, secret), the task worker from
  ``pressroom-worker.service`` and scheduled publishing from
  ``pressroom-publish.service``;
* Varnish runs with the arguments of ``varnish/varnish.service.d/pressroom.conf``,
  ``pressroom.vcl`` as it is, and a ``backends.vcl`` written from the deployed one.

A throwaway PostgreSQL database and Redis db 13 are shared by both app servers.
Clients reach Varnish from 127.0.0.2 (a reader connecting directly) and from
127.0.0.3, a stand-in for the TLS terminator, which forwards for readers
(``X-Forwarded-For``) and says the request came over HTTPS. The app servers
trust Varnish (127.0.0.1) and the terminator as proxies.

Then it proves each claim as a check with a value and a goal, prints a table,
writes ``var/cluster/latest.json`` and exits non-zero when a check is not met.
Every process it starts is stopped by its PID; the database is dropped and the
Redis db flushed. Loopback only.

    .venv/bin/python tests/cluster/run.py [--kill-seconds 30] [--clients 20]
"""

import argparse
import html.parser
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT))

from tests.varnish import write_backends_vcl  # noqa: E402

APP_PORTS = (8460, 8461)
VARNISH_PORT, VARNISH_ADMIN_PORT = 6460, 6461
READER = "127.0.0.2"  # a reader connecting to Varnish directly
TERMINATOR = "127.0.0.3"  # the TLS terminator in front of Varnish
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/13"
RELEASE_PATH = "/en/releases/autumn-student-exchange/"
OTHER_RELEASE_PATH = "/en/releases/amur-river-clean-banks/"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- HTTP ---------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def cookies(self):
        found = {}
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                found[name.strip()] = rest.split(";", 1)[0]
        return found

    def json(self):
        return json.loads(self.body)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def request(port, method, path, body=None, headers=None, source=None, timeout=10):
    """One request on a fresh connection to 127.0.0.1:port, from ``source`` (an address)."""
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return Response(response.status, response.getheaders(), response.read())
    finally:
        conn.close()


def via_terminator(forwarded_for=None):
    """Headers the TLS terminator adds: the reader's address, and that it came over HTTPS."""
    headers = {"X-Forwarded-Proto": "https"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    return headers


class Reader:
    """A reader posting through the JSON API, as the page script does."""

    def __init__(self, port, source, forwarded_for=None, page_id=None, extra_headers=None):
        self.port, self.source = port, source
        self.headers = {**via_terminator(forwarded_for), **(extra_headers or {})}
        self.page_id = page_id

    def get(self, path):
        return request(self.port, "GET", path, headers=self.headers, source=self.source, timeout=60)

    def token(self):
        return self.get(f"/api/releases/{self.page_id}/token/").json()["token"]

    def post(self, text, name="Cluster reader", timeout=60, token=None):
        token = token or self.token()
        body = json.dumps({"name": name, "text": text, "token": token, "website": ""}).encode()
        headers = {**self.headers, "Content-Type": "application/json"}
        return request(self.port, "POST", f"/api/releases/{self.page_id}/comments/", body, headers, self.source,
                       timeout=timeout)


# --- the deploy files ---------------------------------------------------------------------


def unit_directives(path):
    """``{key: [values]}`` of a systemd unit (continuation lines joined)."""
    directives = {}
    text = Path(path).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")) or "=" not in line:
            continue
        key, _, value = line.partition("=")
        directives.setdefault(key.strip(), []).append(value.strip())
    return directives


def env_file(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def exec_start(unit_path, env):
    """The unit's command line with ${VAR} expanded from ``env`` and /srv/pressroom -> this checkout."""
    command = [v for v in unit_directives(unit_path)["ExecStart"] if v][-1]
    command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
    return [arg.replace("/srv/pressroom", str(ROOT)) for arg in shlex.split(command)]


def verify_units(tmp):
    """``systemd-analyze verify`` on the units, pointed at this checkout. (ok, detail)"""
    tool = shutil.which("systemd-analyze")
    if not tool:
        return False, "systemd-analyze not installed"
    folder = tmp / "units"
    folder.mkdir()
    units = sorted((DEPLOY / "systemd").glob("pressroom-*"))
    for unit in units:
        text = unit.read_text().replace("/etc/pressroom/pressroom.env", str(DEPLOY / "pressroom.env"))
        (folder / unit.name).write_text(text.replace("/srv/pressroom", str(ROOT)))
    result = subprocess.run(
        [tool, "verify", "--man=no", *[str(folder / u.name) for u in units]],
        capture_output=True, text=True, timeout=60,
    )
    problems = (result.stdout + result.stderr).strip()
    if result.returncode or problems:
        return False, problems.replace(str(folder) + "/", "")[:300]
    return True, f"{len(units)} units"


def varnish_command(varnishd, workdir, vcl_dir, secret):
    """The drop-in's varnishd command line with this run's addresses and paths."""
    unit = DEPLOY / "varnish" / "varnish.service.d" / "pressroom.conf"
    args = shlex.split([v for v in unit_directives(unit)["ExecStart"] if v][-1])
    replace = {
        "-a": f"127.0.0.1:{VARNISH_PORT}",
        "-T": f"127.0.0.1:{VARNISH_ADMIN_PORT}",
        "-S": str(secret),
        "-f": str(vcl_dir / "pressroom.vcl"),
        "-s": "malloc,64m",
    }
    out = [varnishd]
    i = 1
    while i < len(args):
        flag = args[i]
        if flag == "-F":
            out.append(flag)
            i += 1
            continue
        value = args[i + 1]
        if flag in replace:
            value = replace[flag]
        elif flag == "-p" and value.startswith("vcl_path="):
            value = f"vcl_path={vcl_dir}:/usr/share/varnish/vcl"
        elif flag == "-j" and os.geteuid() != 0:
            value = "none"
        out += [flag, value]
        i += 2
    return out + ["-n", str(workdir), "-p", "ban_lurker_sleep=0.1"]


def ensure_varnish():
    varnishd = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)
    if varnishd:
        return varnishd
    if os.geteuid() != 0:
        raise SystemExit("test-cluster: varnishd is missing; install it with `sudo apt-get install -y varnish`.")
    log("installing Debian's varnish")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, timeout=300)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", "varnish"], env=env, timeout=600,
                            capture_output=True, text=True)
    if result.returncode or not os.path.exists("/usr/sbin/varnishd"):
        raise SystemExit(f"test-cluster: apt-get install varnish failed: {result.stderr.strip()[-300:]}")
    return "/usr/sbin/varnishd"


# --- the cluster --------------------------------------------------------------------------


class Cluster:
    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="pressroom-cluster-"))
        self.tmp.chmod(0o755)  # Varnish's unprivileged users read the VCL and the work dir
        self.db_name = f"pressroom_cluster_{secrets.token_hex(4)}"
        self.admin_password = secrets.token_urlsafe(16)
        self.apps = {}  # port -> Popen
        self.logs = {}
        self.worker = None
        self.varnish = None

    # lifecycle

    def environment(self, port=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRESSROOM_"))}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        env.update(env_file(DEPLOY / "pressroom.env"))
        base = f"https://127.0.0.1:{VARNISH_PORT}"
        env.update(
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1",
            PRESSROOM_BASE_URL=base,
            CSRF_TRUSTED_ORIGINS=base,
            PRESSROOM_VAR_DIR=str(self.tmp / "var"),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{self.db_name}",
            REDIS_URL=REDIS_URL,
            PRESSROOM_VARNISH_URLS=f"http://127.0.0.1:{VARNISH_PORT}",
            PRESSROOM_TRUSTED_PROXIES=f"127.0.0.1,{TERMINATOR}",
            PRESSROOM_BIND=f"127.0.0.1:{port or APP_PORTS[0]}",
            PRESSROOM_WORKERS=str(self.args.workers),
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            PRESSROOM_ADMIN_PASSWORD=self.admin_password,
            # Readers post at once; the per-address limits stay the defaults (5 a minute).
            PRESSROOM_COMMENTS_JSON=json.dumps({"MIN_SECONDS": 0, "PAGE_RATE_LIMITS": [[1000000, 3600]]}),
            PYTHONUNBUFFERED="1",
            # This checkout's code, also for console scripts of a virtualenv installed elsewhere.
            PYTHONPATH=str(ROOT),
        )
        return env

    def start(self):
        import socket

        for port in (*APP_PORTS, VARNISH_PORT, VARNISH_ADMIN_PORT):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    raise SystemExit(f"test-cluster: 127.0.0.1:{port} is in use (a previous run still going?)")
        self.secret_key = secrets.token_urlsafe(50)
        self.varnishd = ensure_varnish()
        self.pg(f'CREATE DATABASE "{self.db_name}"')
        self.flush_redis()
        started = time.monotonic()
        for args in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"], ["bootstrap"]):
            self.manage(*args)
        self.setup_seconds = time.monotonic() - started
        log(f"database {self.db_name} migrated, sample content loaded ({self.setup_seconds:.0f}s)")
        for port in APP_PORTS:
            self.start_app(port)
        self.start_varnish()
        for port in APP_PORTS:
            self.wait_app(port, 60)
        self.wait_backends({f"app{n}": True for n in range(1, len(APP_PORTS) + 1)}, 30)
        log(f"app servers on {', '.join(map(str, APP_PORTS))}, Varnish on {VARNISH_PORT}")

    def manage(self, *args, timeout=300):
        result = subprocess.run([sys.executable, "-m", "pressroom.cli", *args], cwd=ROOT,
                                env=self.environment(), capture_output=True, text=True, timeout=timeout)
        if result.returncode:
            raise RuntimeError(f"pressroom {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        return result.stdout

    def start_app(self, port):
        env = self.environment(port)
        command = exec_start(DEPLOY / "systemd" / "pressroom-web.service", env)
        cwd = unit_directives(DEPLOY / "systemd" / "pressroom-web.service")["WorkingDirectory"][0]
        path = self.tmp / f"app-{port}.log"
        self.logs[port] = path
        with open(path, "ab") as out:
            self.apps[port] = subprocess.Popen(command, cwd=cwd.replace("/srv/pressroom", str(ROOT)), env=env,
                                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_app(self, port, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.apps[port].poll() is not None:
                raise RuntimeError(f"gunicorn on {port} exited:\n{self.logs[port].read_text()[-3000:]}")
            try:
                if request(port, "GET", "/healthz", timeout=2).status == 200:
                    return time.monotonic()
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn on {port} did not answer /healthz in {seconds}s")

    def start_varnish(self):
        vcl_dir = self.tmp / "vcl"
        vcl_dir.mkdir()
        shutil.copy(DEPLOY / "varnish" / "pressroom.vcl", vcl_dir / "pressroom.vcl")
        write_backends_vcl(vcl_dir, APP_PORTS)
        for path in [vcl_dir, *vcl_dir.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        secret = self.tmp / "varnish-secret"
        secret.write_text(secrets.token_hex(16) + "\n")
        secret.chmod(0o600)
        self.varnish_args = varnish_command(self.varnishd, self.tmp / "varnish", vcl_dir, secret)
        self.varnish_secret = secret
        self.varnish_log = self.tmp / "varnish.log"
        with open(self.varnish_log, "ab") as out:
            self.varnish = subprocess.Popen(self.varnish_args, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.varnish.poll() is not None:
                raise RuntimeError(f"varnishd exited:\n{self.varnish_log.read_text()[-3000:]}")
            try:
                request(VARNISH_PORT, "GET", "/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("varnishd did not listen in 30s")

    def varnishadm(self, *command):
        result = subprocess.run(
            ["varnishadm", "-T", f"127.0.0.1:{VARNISH_ADMIN_PORT}", "-S", str(self.varnish_secret), *command],
            capture_output=True, text=True, timeout=10,
        )
        return result.stdout

    def backend_health(self):
        """``{"app1": True, ...}`` as Varnish's probes see it."""
        health = {}
        for line in self.varnishadm("backend.list").splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 3:
                name = parts[0].rsplit(".", 1)[-1]
                if re.fullmatch(r"app\d+", name):
                    health[name] = "healthy" in line.lower() and "sick" not in line.lower()
        return health

    def wait_backends(self, wanted, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            health = self.backend_health()
            if all(health.get(name) == ok for name, ok in wanted.items()):
                return time.monotonic()
            time.sleep(0.1)
        raise RuntimeError(f"Varnish backends did not become {wanted} in {seconds}s: {self.backend_health()}")

    def kill_app(self, port):
        """SIGKILL the whole app server (master and workers), as a machine dying would."""
        process = self.apps[port]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def start_worker(self):
        env = self.environment()
        command = exec_start(DEPLOY / "systemd" / "pressroom-worker.service", env)
        self.worker_log = self.tmp / "worker.log"
        with open(self.worker_log, "ab") as out:
            self.worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                           start_new_session=True)

    def stop(self):
        for port, process in list(self.apps.items()):
            self._stop_process(process)
        for process in (self.worker, self.varnish):
            if process is not None:
                self._stop_process(process)
        try:
            self.pg(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        except Exception as exc:  # noqa: BLE001 - reported, the rest still cleaned up
            log(f"could not drop {self.db_name}: {exc}")
        try:
            self.flush_redis()
        except Exception as exc:  # noqa: BLE001
            log(f"could not flush {REDIS_URL}: {exc}")
        if os.environ.get("PRESSROOM_KEEP_CLUSTER_TMP"):
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def _stop_process(process):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        except ProcessLookupError:
            pass

    # shared services

    @staticmethod
    def pg(sql):
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def db(self, sql, params=()):
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:5432/{self.db_name}", connect_timeout=10) as conn:
            return conn.execute(sql, params).fetchall()

    @staticmethod
    def flush_redis():
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()

    def access_count(self, port):
        try:
            return sum(1 for line in self.logs[port].read_text(errors="replace").splitlines() if '"GET ' in line
                       or '"POST ' in line)
        except OSError:
            return 0


# --- the checks ---------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.rows = []

    def add(self, check, value, goal, met):
        self.rows.append({"check": check, "value": value, "goal": goal, "met": bool(met)})
        log(f"{'ok  ' if met else 'FAIL'} {check}: {value} (goal: {goal})")

    def fail(self, check, goal, exc):
        self.add(check, f"error: {type(exc).__name__}: {str(exc)[:200]}", goal, False)


def wait_until(predicate, seconds, step=0.05):
    """Seconds until ``predicate()`` is true, or None after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    return None


def seen_after(t0, predicate, seconds=5):
    """Seconds from ``t0`` until ``predicate()`` holds (polled), or None after ``seconds``."""
    while time.monotonic() - t0 < seconds:
        if predicate():
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


def watch(t0, predicates, seconds=5):
    """``seen_after`` for each predicate, polled side by side (one thread each)."""
    found = [None] * len(predicates)

    def poll(i):
        found[i] = seen_after(t0, predicates[i], seconds)

    threads = [threading.Thread(target=poll, args=(i,), daemon=True) for i in range(len(predicates))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 15)
    return found


def seconds(value):
    return "not in 5 s" if value is None else f"{value:.2f} s"


def page_id(cluster, path):
    html = request(VARNISH_PORT, "GET", path, headers=via_terminator()).text
    return int(re.search(r"/api/releases/(\d+)/", html).group(1))


def warm_up(pid):
    """Let every gunicorn worker render once what the checks time (templates are compiled and
    translation catalogs loaded on a worker's first render): the checks measure how fast a
    change travels between servers, not a worker's first request after it started."""
    paths = [f"{RELEASE_PATH}?page={n}" for n in range(1, 4)] + [f"/api/releases/{pid}/comments/", "/en/"]

    def get(port, path):
        try:
            request(port, "GET", path, headers=via_terminator(), timeout=60)
        except OSError:
            pass

    for port in APP_PORTS:
        for path in paths:
            threads = [threading.Thread(target=get, args=(port, path)) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(70)


def check_comment_everywhere(cluster, results, pid):
    """A comment posted through app server 1 is listed by app server 2 and by Varnish's page."""
    goal = "≤ 1.0 s on app server 2 and through Varnish"
    try:
        request(VARNISH_PORT, "GET", RELEASE_PATH, headers=via_terminator())  # cached in Varnish now
        cached = request(VARNISH_PORT, "GET", RELEASE_PATH, headers=via_terminator())
        marker = f"cluster-{secrets.token_hex(4)}"
        reader = Reader(APP_PORTS[0], "127.0.0.1", forwarded_for="198.51.100.1", page_id=pid)
        response = reader.post(f"Seen everywhere {marker}?")
        if response.status != 201:
            raise RuntimeError(f"post answered {response.status}: {response.text[:200]}")
        posted = time.monotonic()
        on_other, on_varnish = watch(posted, [
            lambda: marker in request(APP_PORTS[1], "GET", f"/api/releases/{pid}/comments/",
                                      headers=via_terminator()).text,
            lambda: marker in request(VARNISH_PORT, "GET", RELEASE_PATH, headers=via_terminator()).text,
        ])
        met = on_other is not None and on_varnish is not None and max(on_other, on_varnish) <= 1.0
        t0 = time.monotonic()
        request(APP_PORTS[1], "GET", RELEASE_PATH + "?page=1", headers=via_terminator())
        render = time.monotonic() - t0
        value = (f"app 2 {seconds(on_other)}, Varnish page {seconds(on_varnish)} (cached copy was a "
                 f"{cached.header('X-Cache')}; one page render {render:.2f} s)")
        results.add("comment via app 1 listed by app 2 and Varnish", value, goal, met)
    except Exception as exc:  # noqa: BLE001
        results.fail("comment via app 1 listed by app 2 and Varnish", goal, exc)


def check_rate_limit(cluster, results, pid):
    """The 6th comment in a minute from one reader is refused, whichever server takes it;
    a second reader still posts. The reader forges X-Forwarded-For, which changes nothing."""
    goal = "5 accepted then 429 on both servers; other reader 201"
    try:
        left = 60 - time.time() % 60
        if left < 12:  # the limit counts per calendar minute: don't straddle one
            time.sleep(left + 0.5)
        before = [cluster.access_count(p) for p in APP_PORTS]
        reader = Reader(VARNISH_PORT, READER, page_id=pid, extra_headers={"X-Forwarded-For": "203.0.113.77"})
        statuses = []
        for n in range(7):
            statuses.append(reader.post(f"Reader one, comment {n} {secrets.token_hex(3)}.").status)
        served = [cluster.access_count(p) - b for p, b in zip(APP_PORTS, before)]
        other = Reader(VARNISH_PORT, TERMINATOR, forwarded_for="198.51.100.2", page_id=pid)
        other_status = other.post(f"Reader two is not limited {secrets.token_hex(3)}.").status
        met = statuses == [201] * 5 + [429, 429] and other_status == 201 and all(served)
        value = (f"reader 1 (a forged X-Forwarded-For on each): {statuses}, requests per app server {served}; "
                 f"reader 2: {other_status}")
        results.add("6th comment in a minute refused, other reader posts", value, goal, met)
    except Exception as exc:  # noqa: BLE001
        results.fail("6th comment in a minute refused, other reader posts", goal, exc)


class FormScraper(html.parser.HTMLParser):
    """The fields a browser would submit from the page's main form, plus StreamField states."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []
        self.streams = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "div" and "data-w-block-arguments-value" in a:
            self.streams[a["id"]] = json.loads(a["data-w-block-arguments-value"])[0]
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.fields.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first option, selected
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self.fields.append((self._select[0], value))
                self._select[2] = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            value = self._textarea[1]
            self.fields.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._select[2] and self._select[1] is not None:
                self.fields.append((self._select[0], self._select[1]))
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def stream_fields(prefix, state):
    """A StreamField's form state (as the admin's script would post it) as form fields."""
    fields = [(f"{prefix}-count", str(len(state)))]
    for i, child in enumerate(state):
        p = f"{prefix}-{i}"
        fields += [(f"{p}-type", child["type"]), (f"{p}-deleted", ""), (f"{p}-order", str(i)),
                   (f"{p}-id", child.get("id") or "")]
        fields += block_fields(f"{p}-value", child["value"])
    return fields


def block_fields(prefix, value):
    if isinstance(value, dict):
        out = []
        for key, sub in value.items():
            out += block_fields(f"{prefix}-{key}", sub)
        return out
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return [(prefix, "" if v is None else str(v)) for v in value]  # a select's values
    if isinstance(value, list):  # a ListBlock: [{"value": ..., "id": ...}]
        out = [(f"{prefix}-count", str(len(value)))]
        for j, item in enumerate(value):
            out += [(f"{prefix}-{j}-deleted", ""), (f"{prefix}-{j}-order", str(j)),
                    (f"{prefix}-{j}-id", item.get("id") or "")]
            out += block_fields(f"{prefix}-{j}-value", item["value"])
        return out
    return [(prefix, "" if value is None else str(value))]


class Editor:
    """An editor's browser: cookies, CSRF token, HTTPS as said by the terminator."""

    def __init__(self):
        self.cookies = {}
        self.origin = f"https://127.0.0.1:{VARNISH_PORT}"

    def send(self, method, path, form=None):
        headers = {**via_terminator("198.51.100.50"), "Origin": self.origin, "Referer": self.origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = request(VARNISH_PORT, method, path, body, headers, source=TERMINATOR, timeout=30)
        self.cookies.update(response.cookies())
        return response

    def login(self, password):
        page = self.send("GET", "/admin/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.send("POST", "/admin/login/", {"csrfmiddlewaretoken": csrf, "username": "admin",
                                                       "password": password, "next": "/admin/"})
        return response.status == 302 and "sessionid" in self.cookies


def check_editor(cluster, results, pid):
    """An editor logs in through Varnish, edits and publishes; both servers and Varnish
    serve the new title within 1 s. The admin pages in between land on both servers."""
    goal = "login + publish through Varnish; new title ≤ 1.0 s on app 1, app 2, Varnish"
    try:
        request(VARNISH_PORT, "GET", RELEASE_PATH, headers=via_terminator())  # cached before the edit
        editor = Editor()
        if not editor.login(cluster.admin_password):
            raise RuntimeError("admin login through Varnish failed")
        before = [cluster.access_count(p) for p in APP_PORTS]
        dashboards = [editor.send("GET", "/admin/").status for _ in range(4)]  # round robin: both servers
        served = [cluster.access_count(p) - b for p, b in zip(APP_PORTS, before)]
        edit = editor.send("GET", f"/admin/pages/{pid}/edit/")
        if edit.status != 200:
            raise RuntimeError(f"edit page answered {edit.status}")
        scraper = FormScraper("page-edit-form")
        scraper.feed(edit.text)
        title = f"Autumn student exchange, updated {secrets.token_hex(3)}"
        fields = [(k, v) for k, v in scraper.fields if k != "title" and not any(
            k == s or k.startswith(f"{s}-") for s in scraper.streams)]
        fields.append(("title", title))
        for name, state in scraper.streams.items():
            fields += stream_fields(name, state)
        fields.append(("action-publish", "action-publish"))
        response = editor.send("POST", f"/admin/pages/{pid}/edit/", fields)
        published = time.monotonic()
        if response.status != 302:
            errors = re.findall(r'class="error-message"[^>]*>(.*?)<', response.text, re.S)
            raise RuntimeError(f"publish answered {response.status}: {errors[:3]}")
        where = {"app 1": APP_PORTS[0], "app 2": APP_PORTS[1], "Varnish": VARNISH_PORT}
        found = watch(published, [
            lambda port=port: title in request(port, "GET", RELEASE_PATH, headers=via_terminator()).text
            for port in where.values()
        ])
        times = dict(zip(where, found))
        logged_in = all(s == 200 for s in dashboards) and all(served)
        ok = logged_in and all(t is not None and t <= 1.0 for t in times.values())
        value = ", ".join(f"{k} {seconds(v)}" for k, v in times.items())
        value += f"; admin requests per app server {served}, answers {dashboards}"
        results.add("editor publishes through Varnish, seen everywhere", value, goal, ok)
    except Exception as exc:  # noqa: BLE001
        results.fail("editor publishes through Varnish, seen everywhere", goal, exc)


def check_kill(cluster, results, pid, args):
    """SIGKILL app server 2 while readers read and post through Varnish."""
    paths = [RELEASE_PATH, OTHER_RELEASE_PATH, f"/api/releases/{pid}/comments/", "/en/"]
    stop = threading.Event()
    lock = threading.Lock()
    tally = Counter()
    accepted = {}  # comment id -> marker
    markers_503 = []
    failures = []
    run = secrets.token_hex(3)

    def client(k):
        n = 0
        while not stop.wait(args.think):
            n += 1
            try:
                if n % 3 == 0:  # one post in three, each from its own reader behind the terminator
                    marker = f"[{run}:{k}:{n}]"
                    reader = Reader(VARNISH_PORT, TERMINATOR, forwarded_for=f"10.{k}.{n // 250}.{n % 250 + 1}",
                                    page_id=pid)
                    answer = reader.get(f"/api/releases/{pid}/token/")  # a read, as the page script does
                    if answer.status != 200:
                        with lock:
                            tally["read failed"] += 1
                            failures.append(f"GET token {answer.status} {when()}")
                        continue
                    with lock:
                        tally["read ok"] += 1
                    response = reader.post(f"{marker} a remark while a server dies", token=answer.json()["token"])
                    with lock:
                        tally[f"post {response.status}"] += 1
                        if response.status == 201:
                            accepted[response.json()["comment"]["id"]] = marker
                        elif response.status >= 500:
                            markers_503.append(marker)
                else:
                    path = paths[n % len(paths)]
                    response = request(VARNISH_PORT, "GET", path, headers=via_terminator(), source=TERMINATOR,
                                       timeout=60)
                    with lock:
                        tally["read ok" if response.status == 200 else "read failed"] += 1
                        if response.status != 200:
                            failures.append(f"GET {path} {response.status} {when()}")
            except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
                with lock:
                    tally["no answer"] += 1
                    failures.append(f"{type(exc).__name__}: {exc} {when()}")

    killed_at = None

    def when():
        return "before the kill" if killed_at is None else "after the kill"

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(args.kill_seconds / 3)
    health_before = cluster.backend_health()
    killed_at = time.monotonic()
    cluster.kill_app(APP_PORTS[1])
    sick = wait_until(lambda: cluster.backend_health().get("app2") is False, 10, step=0.2)
    time.sleep(max(0.0, args.kill_seconds * 2 / 3 - (time.monotonic() - killed_at)))
    stop.set()
    for t in threads:
        t.join(30)

    rows = cluster.db("SELECT id, text FROM comments_comment WHERE text LIKE %s", (f"[{run}:%",))
    by_id = {row[0]: row[1] for row in rows}
    per_marker = Counter(text.split("]", 1)[0] + "]" for text in by_id.values())
    lost = sum(1 for cid, marker in accepted.items() if not by_id.get(cid, "").startswith(marker))
    doubled = sum(1 for n in per_marker.values() if n > 1)
    stored_503 = sum(1 for marker in markers_503 if per_marker.get(marker))
    reads = tally["read ok"] + tally["read failed"]
    posts = sum(v for k, v in tally.items() if k.startswith("post"))
    results.add(
        "SIGKILL app 2 under load: Varnish routes around it",
        f"{args.clients} clients {args.kill_seconds:.0f} s; before the kill {health_before}; app 2 marked sick "
        + (f"after {sick:.1f} s" if sick is not None else "never"),
        "both healthy before, app 2 sick ≤ 5 s after",
        all(health_before.get(f"app{n}") for n in (1, 2)) and sick is not None and sick <= 5,
    )
    results.add("reads that failed during the kill", f"{tally['read failed']} of {reads}"
                + (f" ({Counter(failures).most_common(3)})" if tally["read failed"] else ""),
                "0", reads > 0 and tally["read failed"] == 0)
    results.add("requests without an answer", f"{tally['no answer']} of {reads + posts + tally['no answer']}"
                + (f" ({Counter(failures).most_common(2)})" if tally["no answer"] else ""),
                "0", tally["no answer"] == 0)
    results.add("accepted comments lost or doubled (API vs database)",
                f"{len(accepted)} accepted: {lost} lost, {doubled} doubled; posts answered 503: "
                f"{len(markers_503)} ({stored_503} stored)",
                "0 lost, 0 doubled", len(accepted) > 0 and lost == 0 and doubled == 0)


def check_rejoin(cluster, results):
    """Restart app server 2 as systemd would (Restart=always): it rejoins by itself."""
    goal = "healthy in Varnish and serving ≤ 30 s, no manual step"
    try:
        started = time.monotonic()
        cluster.start_app(APP_PORTS[1])
        up = cluster.wait_app(APP_PORTS[1], 60) - started
        cluster.wait_backends({"app2": True}, 20)
        healthy = time.monotonic() - started
        before = cluster.access_count(APP_PORTS[1])
        for _ in range(6):
            request(VARNISH_PORT, "GET", f"/api/releases/{cluster.pid}/comments/", headers=via_terminator())
        served = cluster.access_count(APP_PORTS[1]) - before
        results.add("restarted app 2 rejoins", f"answers after {up:.1f} s, healthy in Varnish after {healthy:.1f} s, "
                    f"took {served} of 6 requests", goal, healthy <= 30 and served > 0)
    except Exception as exc:  # noqa: BLE001
        results.fail("restarted app 2 rejoins", goal, exc)


def check_worker_and_publishing(cluster, results):
    """The task worker and scheduled publishing, started from their units, do their jobs."""
    goal = "queued moderator e-mails sent; publish_scheduled exits 0"
    try:
        command = exec_start(DEPLOY / "systemd" / "pressroom-publish.service", cluster.environment())
        published = subprocess.run(command, cwd=ROOT, env=cluster.environment(), capture_output=True,
                                   text=True, timeout=120)
        queued = cluster.db("SELECT count(*) FROM django_tasks_database_dbtaskresult")[0][0]
        left = None

        def drained():
            nonlocal left
            left = cluster.db("SELECT count(*) FROM django_tasks_database_dbtaskresult "
                              "WHERE status NOT IN ('SUCCESSFUL', 'FAILED')")[0][0]
            return left == 0

        seconds = wait_until(drained, 30, step=0.5)
        failed = cluster.db("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")[0][0]
        value = (f"{queued} tasks, {left} left, {failed} failed; publish_scheduled exit {published.returncode}")
        results.add("task worker and scheduled publishing (from their units)", value, goal,
                    seconds is not None and failed == 0 and published.returncode == 0 and queued > 0)
    except Exception as exc:  # noqa: BLE001
        results.fail("task worker and scheduled publishing (from their units)", goal, exc)


# --- main ---------------------------------------------------------------------------------


def print_table(rows):
    widths = [max(len(str(r[c])) for r in rows + [{"check": "check", "value": "value", "goal": "goal"}])
              for c in ("check", "value", "goal")]
    widths = [min(w, 80) for w in widths]
    line = " | ".join(["{:<%d}" % w for w in widths])
    print()
    print(line.format("check", "value", "goal") + " | met")
    print("-|-".join("-" * w for w in widths) + "-|----")
    for r in rows:
        print(line.format(r["check"][:80], str(r["value"])[:80], r["goal"][:80]) + (" | yes" if r["met"] else " | NO"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kill-seconds", type=float, default=30, help="length of the SIGKILL phase")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.05, help="seconds each client waits between requests")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))  # run the cleanup below

    results = Results()
    started = time.monotonic()
    cluster = Cluster(args)
    try:
        ok, detail = verify_units(cluster.tmp)
        results.add("systemd-analyze verify deploy/systemd", detail, "no warnings", ok)
        cluster.start()
        cluster.start_worker()
        pid = cluster.pid = page_id(cluster, RELEASE_PATH)
        warm_up(pid)
        check_comment_everywhere(cluster, results, pid)
        check_rate_limit(cluster, results, pid)
        check_editor(cluster, results, pid)
        check_kill(cluster, results, pid, args)
        check_rejoin(cluster, results)
        check_worker_and_publishing(cluster, results)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as a failed check
        results.fail("cluster started", "every process up", exc)
    finally:
        cluster.stop()

    out = ROOT / "var" / "cluster" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results.rows, indent=2, ensure_ascii=False) + "\n")
    print_table(results.rows)
    failed = [r for r in results.rows if not r["met"]]
    print(f"\nwrote {out.relative_to(ROOT)} in {time.monotonic() - started:.0f} s; "
          f"{len(results.rows) - len(failed)} of {len(results.rows)} checks met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
