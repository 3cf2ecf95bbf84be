"""Servers and load tools for the benchmarks under bench/: Pressroom under
gunicorn (tests/liveserver.py), Varnish, nginx, Isso in a throwaway virtualenv,
and wrk with its output parsed.

Everything listens on 127.0.0.1 and is stopped by its own PID: use the classes
as context managers (or an ``ExitStack``) so that Ctrl-C and exceptions stop
what was started. A tool that is missing is installed from Debian's packages
when this runs as root and ``apt-get`` can; otherwise the caller reports the
row as missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.liveserver import LiveServer  # noqa: E402
from tests.varnish import write_backends_vcl  # noqa: E402

VAR = ROOT / "var" / "bench"
# The comment policy for load: no time trap, limits out of reach, duplicates
# only within one second (the texts vary anyway).
LOAD_COMMENTS = {
    "MIN_SECONDS": 0,
    "RATE_LIMITS": [[100000, 60]],
    "PAGE_RATE_LIMITS": [[100000, 3600]],
    "DUPLICATE_WINDOW": 1,
}
ISSO_VERSION = "0.14.0"


class Missing(Exception):
    """A server or tool that cannot run here; its rows are reported missing."""


# --- small helpers -------------------------------------------------------------------


def ensure_tool(binary, package):
    """Path of ``binary``, installing Debian's ``package`` first when it is missing
    and this process may (root, apt-get present). Raises ``Missing`` otherwise."""
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if os.path.exists(f"/usr/sbin/{binary}") else None)
    if path:
        return path
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise Missing(f"{binary} is not installed (Debian package {package}) and this is not root")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-q", package]
    result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode:  # a new machine may not have read the package lists yet
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=600)
        result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=600)
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if os.path.exists(f"/usr/sbin/{binary}") else None)
    if not path:
        raise Missing(f"apt-get install {package} failed: {(result.stderr or result.stdout)[-300:]}")
    return path


def wait_http(url, seconds, process=None, expect=(200,), headers=None):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Missing(f"{url}: the server exited with {process.returncode}")
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=3) as response:
                if response.status in expect:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code in expect:
                return
            last = exc
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.2)
    raise Missing(f"{url} did not answer in {seconds}s ({last})")


def http(method, url, body=None, headers=None, timeout=30):
    """``(status, headers, body bytes)``; HTTP errors are answers, not exceptions."""
    data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if isinstance(body, (dict, list)):
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def stop_process(process, timeout=10):
    """SIGTERM the process (and its session), SIGKILL if it does not go."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(5)


def children(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def cpu_seconds(pids):
    """User + system CPU seconds of ``pids`` (from /proc; vanished ones count 0)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_mb(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


# --- Pressroom ---------------------------------------------------------------------


class Pressroom(LiveServer):
    """The ``make run`` layout: gunicorn, 2 workers, dev settings, sample content.

    ``database="postgres"`` gets a throwaway ``pressroom_bench_*`` database; pass
    ``redis_url`` for Redis as the cache, ``varnish_url`` to purge a Varnish.
    """

    def __init__(self, name, port, database="sqlite", redis_url=None, varnish_url=None, comments=None, **kwargs):
        extra = {}
        if redis_url:
            extra["REDIS_URL"] = redis_url
        if varnish_url:
            extra["PRESSROOM_VARNISH_URLS"] = varnish_url
        super().__init__(
            comments=comments or LOAD_COMMENTS, database=database, workers=2, extra_env=extra,
            name=f"bench-{name}", port=port, var_parent=str(VAR / "run"), **kwargs,
        )

    def login(self, username="admin"):
        """A session cookie header for the bootstrap superuser, from /admin/login/."""
        import http.cookiejar

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = f"{self.url}/admin/login/"
        html = opener.open(login, timeout=30).read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        form = urllib.parse.urlencode(
            {"username": username, "password": self.admin_password, "csrfmiddlewaretoken": csrf, "next": "/admin/"}
        ).encode()
        request = urllib.request.Request(login, data=form, headers={"Referer": login})
        opener.open(request, timeout=30).read()
        cookies = {c.name: c.value for c in jar}
        if "sessionid" not in cookies:
            raise RuntimeError("logging in through /admin/login/ gave no session cookie")
        return "; ".join(f"{k}={v}" for k, v in cookies.items())

    def render_count(self):
        """Lines ``rendered PDF`` in the gunicorn log (the PDF view logs one per render)."""
        try:
            return self.log_path.read_text(errors="replace").count("rendered PDF")
        except (OSError, AttributeError):
            return 0


# --- reference servers ----------------------------------------------------------------


class Server:
    """A process of the bench's own: ``with`` starts it, and stops it by its PID
    whatever happens (also when it fails to start). Subclasses write ``start()``
    and launch with :meth:`spawn`."""

    process = None
    _log = None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def spawn(self, args, log_path=None, **kwargs):
        """Start ``args`` in a session of its own, output to ``log_path`` (or nowhere)."""
        out = subprocess.DEVNULL
        if log_path is not None:
            self.log_path = log_path
            self._log = out = open(log_path, "wb")
        self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)

    def stop(self):
        stop_process(self.process)
        if self._log is not None:
            self._log.close()


# --- Varnish -------------------------------------------------------------------------


class Varnish(Server):
    """varnishd in the foreground with deploy/varnish/pressroom.vcl and a backends.vcl
    naming one gunicorn; its working directory is ``workdir``."""

    def __init__(self, workdir, port, admin_port, backend_port):
        self.dir = Path(workdir).resolve()
        self.port, self.admin_port, self.backend_port = port, admin_port, backend_port
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        varnishd = ensure_tool("varnishd", "varnish")
        if self.dir.exists():
            shutil.rmtree(self.dir)
        vcl_dir = self.dir / "vcl"
        vcl_dir.mkdir(parents=True)
        shutil.copy(ROOT / "deploy" / "varnish" / "pressroom.vcl", vcl_dir / "pressroom.vcl")
        write_backends_vcl(vcl_dir, [self.backend_port])
        secret = "/etc/varnish/secret"
        args = [
            varnishd, "-F", "-n", str(self.dir / "state"), "-p", f"vcl_path={vcl_dir}", "-f", str(vcl_dir / "pressroom.vcl"),
            "-a", f"127.0.0.1:{self.port}", "-s", "malloc,64m", "-P", str(self.dir / "varnishd.pid"),
            "-T", f"127.0.0.1:{self.admin_port}",
        ]
        if os.path.exists(secret):
            args += ["-S", secret]
        self.spawn(args, self.dir / "varnishd.log")
        # Ready when the backend's health probe passed and a page comes through.
        wait_http(f"{self.url}/healthz", 30, self.process)



# --- nginx ---------------------------------------------------------------------------


class Nginx(Server):
    """nginx serving ``files`` (name -> bytes; ``name.gz`` served to gzip clients)."""

    CONF = """
daemon off;
master_process on;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        gzip_static on;
        gzip_vary on;
    }}
}}
"""

    def __init__(self, workdir, port, files):
        self.dir = Path(workdir).resolve()
        self.port = port
        self.files = files
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        nginx = ensure_tool("nginx", "nginx-light")
        if self.dir.exists():
            shutil.rmtree(self.dir)
        (self.dir / "www").mkdir(parents=True)
        (self.dir / "tmp").mkdir()
        for name, content in self.files.items():
            (self.dir / "www" / name).write_bytes(content)
        # nginx's workers run as nobody: the files must be world-readable.
        for path in [self.dir, self.dir / "www", *(self.dir / "www").iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        conf = self.dir / "nginx.conf"
        conf.write_text(self.CONF.format(dir=self.dir, port=self.port))
        self.spawn([nginx, "-c", str(conf), "-p", str(self.dir)])
        wait_http(f"{self.url}/{next(iter(self.files))}", 15, self.process)



# --- Isso ----------------------------------------------------------------------------


class Isso(Server):
    """Isso (the reference) under gunicorn -w 2, installed with pip into a throwaway
    virtualenv under var/bench/, with its own SQLite file and no rate limits."""

    CONF = """
[general]
dbpath = {dir}/comments.db
host = http://127.0.0.1:{port}/
notify = stdout
log-file = {dir}/isso.log

[moderation]
enabled = false

[guard]
enabled = false

[server]
listen = http://127.0.0.1:{port}/
"""

    def __init__(self, workdir, port, venv=None):
        self.dir = Path(workdir).resolve()
        self.venv = Path(venv or VAR / "isso-venv").resolve()
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def install(self):
        python = self.venv / "bin" / "python"
        check = [str(python), "-c", f"import isso, gunicorn; assert isso.__version__ == {ISSO_VERSION!r}"]
        if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
            return
        shutil.rmtree(self.venv, ignore_errors=True)
        # The interpreter this runs on (Pressroom's); Isso 0.14 supports it.
        base = sys._base_executable if hasattr(sys, "_base_executable") else sys.executable
        steps = [
            [base, "-m", "venv", str(self.venv)],
            [str(python), "-m", "pip", "install", "--quiet", f"isso=={ISSO_VERSION}", "gunicorn"],
        ]
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True, timeout=900)
            if result.returncode:
                raise Missing(f"Isso {ISSO_VERSION} could not be installed: {(result.stderr or result.stdout)[-400:]}")
        if subprocess.run(check, capture_output=True).returncode:
            raise Missing(f"Isso {ISSO_VERSION} installed but does not import")

    def start(self):
        self.install()
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        conf = self.dir / "isso.cfg"
        conf.write_text(self.CONF.format(dir=self.dir, port=self.port))
        env = dict(os.environ, ISSO_SETTINGS=str(conf))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.spawn(
            [str(self.venv / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--preload", "isso.run"],
            self.dir / "gunicorn.log", cwd=self.dir, env=env,
        )
        wait_http(f"{self.url}/info", 60, self.process)

    def post(self, uri, text, author="Bench"):
        return http("POST", f"{self.url}/new?uri={urllib.parse.quote(uri)}",
                    {"text": text, "author": author, "title": "Bench"},
                    headers={"Origin": self.url, "Referer": self.url + uri})



# --- wrk -----------------------------------------------------------------------------


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)
    output: str = ""


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    found = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", output)
    requests = int(found.group(1))
    seconds = float(found.group(2)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[found.group(3)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    extra = {}
    for line in output.splitlines():
        if line.startswith("BENCH "):
            extra.update(json.loads(line[6:]))
    return WrkResult(
        rps=rps,
        p50_ms=_ms(percentiles["50"]) if "50" in percentiles else float("nan"),
        p99_ms=_ms(percentiles["99"]) if "99" in percentiles else float("nan"),
        requests=requests,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        seconds=seconds,
        extra=extra,
        output=output,
    )


def wrk(url, seconds, threads=2, connections=32, headers=(), script=None, script_args=()):
    """Run wrk against ``url`` for ``seconds``; a Lua ``script`` may print
    ``BENCH {json}`` lines from ``done()``, returned in ``extra``."""
    binary = ensure_tool("wrk", "wrk")
    args = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        args += ["-H", header]
    if script:
        args += ["-s", str(script)]
    args.append(url)
    if script_args:
        args += ["--", *script_args]
    result = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr[-500:]}")
    return parse_wrk(result.stdout)
