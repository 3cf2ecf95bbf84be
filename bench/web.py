"""The targets of "a release that goes viral", measured against references in the same run.

    .venv/bin/python bench/web.py [--duration 10] [--rounds 5] [--quick] [--skip postgres,pdf,...]

Starts, on 127.0.0.1 only, Pressroom in the ``make run`` layout (gunicorn -w 2,
SQLite, the file cache in its own var dir), the same on PostgreSQL + Redis
(a throwaway ``pressroom_bench_*`` database, Redis db 14), one more behind
Varnish, Isso 0.14 under gunicorn -w 2 (pip-installed into var/bench/isso-venv)
and nginx serving the release page as a file. Each load is ``wrk -t2 -c32``;
the loads run in interleaved rounds and each row is the median over rounds.
Prints one line per target and writes var/bench/latest.json, a list of
``{"target", "value", "unit", "reference", "ratio", "goal", "met"}`` where
``met`` is computed from the goal. A reference or tool that cannot run is
reported as missing, never guessed. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import secrets
import signal
import statistics
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._servers import (  # noqa: E402
    VAR,
    Isso,
    Missing,
    Nginx,
    Pressroom,
    Varnish,
    cpu_seconds,
    http,
    wrk,
)

# Loopback ports of this benchmark.
PORTS = {"sqlite": 8440, "postgres": 8441, "fronted": 8442, "isso": 8443, "nginx": 8444,
         "varnish": 6440, "varnish_admin": 6441}
REDIS_URL = "redis://127.0.0.1:6379/14"
RELEASE = "/en/releases/autumn-student-exchange/"  # gets exactly 50 approved comments
POST_RELEASE = "/en/releases/amur-river-clean-banks/"  # takes the posts under load
VISIBLE_RELEASE = "/ru/releases/evening-of-traditional-music/"  # new comment through Varnish
PDF_RELEASE = "/en/releases/evening-of-traditional-music/"  # 20 concurrent PDF requests
PDF_CALIBRATION = "/ru/releases/amur-river-clean-banks/"  # one PDF alone: the CPU of one render
FRONT = "/en/"
COMMENTS_ON_PAGE = 50
PDF_CLIENTS = 20
ISSO_LIST_URI = "/release/"
ISSO_POST_URI = "/post-target/"
GZIP = "Accept-Encoding: gzip"

SENTENCES = [
    "The exchange sounds worthwhile and the dates suit our school.",
    "Thank you for publishing the programme in both languages.",
    "Will the applications open before the winter holidays?",
    "My daughter took part last year and still talks about it.",
    "Please tell us whether families can host more than one student.",
    "A good initiative; the river clean-up last spring was well organised too.",
]


def comment_text(tag, i):
    """A plausible comment, different for every ``i`` (the duplicate check must pass)."""
    first = SENTENCES[i % len(SENTENCES)]
    second = SENTENCES[(i * 7 + 3) % len(SENTENCES)]
    return f"{first} {second} (remark {tag}-{i})"


# --- goals -------------------------------------------------------------------------

_OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        "<": lambda a, b: a < b, "==": lambda a, b: a == b}


def goal_met(goal, row):
    """``"value >= 300 and ratio >= 6"`` checked against the row; None when a number is
    missing or the row has no goal (a figure reported for information)."""
    if not goal:
        return None
    ok = True
    for clause in goal.split(" and "):
        name, op, number = clause.split()
        actual = row.get(name)
        if actual is None:
            return None
        ok = ok and _OPS[op](actual, float(number))
    return ok


def make_row(target, value, unit, goal, reference=None, ratio=None, note=""):
    row = {"target": target, "value": value, "unit": unit, "reference": reference, "ratio": ratio, "goal": goal}
    if ratio is None and value is not None and reference:
        row["ratio"] = value / reference
    if row["ratio"] is not None:
        row["ratio"] = round(row["ratio"], 3)
    row["met"] = goal_met(goal, row)
    if note:
        row["note"] = note
    return row


# --- setup ---------------------------------------------------------------------------


def page_id(server_url, path):
    status, _h, body = http("GET", server_url + path)
    if status != 200:
        raise RuntimeError(f"GET {path} -> {status}")
    return int(re.search(r'data-api="/api/releases/(\d+)/comments/"', body.decode()).group(1))


def post_comment(base, pid, text, name="Bench reader"):
    """Post as the page script does: a fresh token, then the JSON API. Returns (status, body)."""
    _s, _h, body = http("GET", f"{base}/api/releases/{pid}/token/", headers={"Sec-Fetch-Site": "same-origin"})
    token = json.loads(body)["token"]
    status, _h, body = http(
        "POST", f"{base}/api/releases/{pid}/comments/", {"name": name, "text": text, "token": token, "website": ""},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    return status, body


def fill_release(server, path, count, tag):
    """Bring ``path`` to exactly ``count`` approved comments (through the API)."""
    pid = page_id(server.url, path)
    _s, _h, body = http("GET", f"{server.url}/api/releases/{pid}/comments/")
    have = json.loads(body)["count"]
    if have > count:
        raise RuntimeError(f"{path} already has {have} comments, more than {count}")
    for i in range(count - have):
        status, body = post_comment(server.url, pid, comment_text(tag, i))
        if status != 201:
            raise RuntimeError(f"setting up comments: {status} {body[:200]!r}")
    _s, _h, body = http("GET", f"{server.url}/api/releases/{pid}/comments/")
    assert json.loads(body)["count"] == count
    return pid


def fill_isso(isso, count, tag):
    for i in range(count):
        status, _h, body = isso.post(ISSO_LIST_URI, comment_text(tag, i))
        if status != 201:
            raise Missing(f"Isso refused a comment: {status} {body[:200]!r}")
    _s, _h, body = http("GET", f"{isso.url}/?uri={ISSO_LIST_URI}")
    data = json.loads(body)
    if len(data["replies"]) != count:
        raise Missing(f"Isso lists {len(data['replies'])} comments, not {count}")


# --- measurements ------------------------------------------------------------------


class Samples:
    """Per-load lists of wrk results, one per round; medians at the end."""

    def __init__(self):
        self.by_name = {}
        self.missing = {}

    def add(self, name, result):
        self.by_name.setdefault(name, []).append(result)

    def median(self, name, attr):
        results = self.by_name.get(name)
        if not results:
            return None
        if attr == "accepted_per_s":
            return statistics.median(r.extra.get("accepted", 0) / r.seconds for r in results)
        return statistics.median(getattr(r, attr) for r in results)

    def problems(self, name):
        results = self.by_name.get(name) or []
        bad = sum(r.non_2xx for r in results)
        errors = sum(r.socket_errors for r in results)
        notes = []
        if bad:
            notes.append(f"{bad} non-2xx answers")
        if errors:
            notes.append(f"{errors} socket errors")
        return ", ".join(notes)


def run_loads(loads, samples, rounds, seconds, log):
    """``loads``: name -> callable returning a WrkResult. Round-robin, ``rounds`` times."""
    for r in range(rounds):
        for name, load in loads.items():
            if name in samples.missing:
                continue
            try:
                result = load()
            except Missing as exc:
                samples.missing[name] = str(exc)
                log(f"  {name}: missing ({exc})")
                continue
            samples.add(name, result)
            extra = f" {result.extra}" if result.extra else ""
            log(f"  round {r + 1}/{rounds} {name:<22} {result.rps:9.1f} req/s  p99 {result.p99_ms:7.1f} ms"
                f"  non-2xx {result.non_2xx}{extra}")


def post_latency(server, pid, tag, count=30):
    """Median seconds of one JSON API post with nothing else running (token fetched before the clock)."""
    times = []
    texts = []
    for i in range(count):
        _s, _h, body = http("GET", f"{server.url}/api/releases/{pid}/token/", headers={"Sec-Fetch-Site": "same-origin"})
        token = json.loads(body)["token"]
        text = comment_text(f"lat-{tag}", i)
        texts.append(text)
        started = time.perf_counter()
        status, _h, _b = http("POST", f"{server.url}/api/releases/{pid}/comments/",
                              {"name": "Bench reader", "text": text, "token": token, "website": ""},
                              headers={"Sec-Fetch-Site": "same-origin"})
        elapsed = time.perf_counter() - started
        if status == 201:
            times.append(elapsed)
    return (statistics.median(times) if times else None), texts


def link_check_seconds(texts, repeat=200):
    """Median seconds of ``pressroom.linkpolicy.find_links`` on one posted text, in this process."""
    from pressroom.linkpolicy import find_links

    find_links("warm up: example.com")
    per_text = []
    for text in texts:
        started = time.perf_counter()
        for _ in range(repeat):
            find_links(text)
        per_text.append((time.perf_counter() - started) / repeat)
    return statistics.median(per_text)


def visibility(server, varnish, tag, tries=3, limit=10.0):
    """Median seconds from a post's 201 until the page through Varnish shows the text."""
    pid = page_id(server.url, VISIBLE_RELEASE)
    url = varnish.url + VISIBLE_RELEASE
    results = []
    for attempt in range(tries):
        for _ in range(3):  # make sure the page is cached (a hit) before posting
            status, headers, _b = http("GET", url)
        if headers.get("X-Cache") != "HIT":
            raise RuntimeError(f"the release is not cached in Varnish (X-Cache {headers.get('X-Cache')})")
        marker = f"visible{tag}{attempt}"
        status, body = post_comment(server.url, pid, f"Seen through the front cache? {marker}")
        if status != 201:
            raise RuntimeError(f"post for the visibility check: {status} {body[:200]!r}")
        posted = time.perf_counter()
        while True:
            _s, _h, page = http("GET", url)
            elapsed = time.perf_counter() - posted
            if marker.encode() in page:
                results.append(elapsed)
                break
            if elapsed > limit:
                results.append(float("inf"))
                break
            time.sleep(0.01)
    return statistics.median(results)


def pdf_burst(server, log):
    """20 concurrent anonymous requests to one release's PDF: answered, renders."""
    url = server.url + PDF_RELEASE + "release.pdf"
    workers = server.worker_pids()
    log_before = server.render_count()
    cpu_before = cpu_seconds(workers)
    statuses = [None] * PDF_CLIENTS
    gate = threading.Barrier(PDF_CLIENTS)

    def fetch(i):
        gate.wait()
        try:
            status, _h, body = http("GET", url, timeout=300)
            statuses[i] = status if body[:5] == b"%PDF-" or status != 200 else "not a PDF"
        except Exception as exc:  # counted as unanswered
            statuses[i] = type(exc).__name__

    started = time.monotonic()
    threads = [threading.Thread(target=fetch, args=(i,), daemon=True) for i in range(PDF_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(330)
    seconds = time.monotonic() - started
    answered = sum(1 for s in statuses if s == 200)
    logged = server.render_count() - log_before
    burst_cpu = cpu_seconds(workers) - cpu_before
    note = f"{seconds:.1f} s for all; statuses {sorted(set(map(str, statuses)))}"
    if logged:
        return answered, logged, note + "; renders counted from 'rendered PDF' log lines"
    # The PDF view does not log its renders yet: estimate from the workers' CPU.
    workers = server.worker_pids()
    cpu_before = cpu_seconds(workers)
    status, _h, _b = http("GET", server.url + PDF_CALIBRATION + "release.pdf", timeout=300)
    one = cpu_seconds(workers) - cpu_before
    if status != 200 or one <= 0:
        return answered, None, note + "; renders unknown (no log lines, calibration failed)"
    estimate = round(burst_cpu / one, 1)
    log(f"  PDF: burst used {burst_cpu:.1f} s of worker CPU, one render {one:.1f} s")
    return answered, estimate, note + (f"; ESTIMATED renders = worker CPU {burst_cpu:.1f} s / one render {one:.1f} s "
                                      "(no 'rendered PDF' log lines)")


# --- main ----------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians are reported (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 s per wrk run, 2 rounds: for trying the harness")
    parser.add_argument("--skip", default="", help="comma-separated: postgres,varnish,isso,posts,pdf,editor")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.rounds = 2, min(args.rounds, 2)
    seconds = max(1, int(round(args.duration)))
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))  # run every stop() below
    tag = secrets.token_hex(3)
    started = time.monotonic()

    def log(message):
        print(f"[{time.monotonic() - started:6.1f}s] {message}", flush=True)

    VAR.mkdir(parents=True, exist_ok=True)
    rows = []
    samples = Samples()
    with ExitStack() as stack:
        servers = {}
        missing = {}

        def start(name, make):
            try:
                servers[name] = stack.enter_context(make())
                log(f"started {name}")
            except Missing as exc:
                missing[name] = str(exc)
                log(f"{name}: missing ({exc})")
            except Exception as exc:
                missing[name] = f"{type(exc).__name__}: {str(exc)[-300:]}"
                log(f"{name}: failed to start ({missing[name]})")

        redis = None
        if "postgres" not in skip:
            try:
                import redis as redis_lib

                redis = redis_lib.Redis.from_url(REDIS_URL)
                redis.flushdb()
                stack.callback(redis.flushdb)
            except Exception as exc:
                missing["postgres"] = f"Redis at {REDIS_URL}: {exc}"
        plan = {"sqlite": lambda: Pressroom("sqlite", PORTS["sqlite"])}
        if "postgres" not in skip and "postgres" not in missing:
            plan["postgres"] = lambda: Pressroom("pg", PORTS["postgres"], database="postgres", redis_url=REDIS_URL)
        if "varnish" not in skip:
            plan["fronted"] = lambda: Pressroom(
                "fronted", PORTS["fronted"], varnish_url=f"http://127.0.0.1:{PORTS['varnish']}")
        if "isso" not in skip:
            plan["isso"] = lambda: Isso(VAR / "isso", PORTS["isso"])
        log("starting servers: " + ", ".join(plan))
        # ExitStack is not thread-safe for entering; start in parallel, enter in order.
        pool = ThreadPoolExecutor(len(plan))
        futures = {name: pool.submit(_started, make) for name, make in plan.items()}
        try:
            pool.shutdown(wait=True)
        except BaseException:  # Ctrl-C while starting: stop whatever did start
            for future in futures.values():
                server, _error = future.result()
                if server is not None:
                    server.__exit__(None, None, None)
            raise
        for name, future in futures.items():  # every started server is stopped on the way out
            server, error = future.result()
            if error:
                missing[name] = error
            else:
                servers[name] = stack.enter_context(server)
        for name in futures:
            log(f"{name}: not available ({missing[name]})" if name in missing else f"started {name}")
        if "sqlite" not in servers:
            raise SystemExit(f"Pressroom did not start: {missing.get('sqlite')}")

        # Content: 50 comments on the release, the same 50 in Isso.
        pids = {}
        for name in ("sqlite", "postgres", "fronted"):
            if name in servers:
                pids[name] = fill_release(servers[name], RELEASE, COMMENTS_ON_PAGE, tag)
        if "isso" in servers:
            try:
                fill_isso(servers["isso"], COMMENTS_ON_PAGE, tag)
            except Missing as exc:
                missing["isso"] = str(exc)
                servers.pop("isso")
        if "fronted" in servers:
            start("varnish", lambda: Varnish(VAR / "varnish", PORTS["varnish"], PORTS["varnish_admin"],
                                             servers["fronted"].port))
        if "varnish" in servers:
            url = servers["varnish"].url + RELEASE
            for _ in range(3):
                http("GET", url, headers={"Accept-Encoding": "gzip"})
            _s, headers, gz = http("GET", url, headers={"Accept-Encoding": "gzip"})
            files = {"release.html": gzip.decompress(gz) if headers.get("Content-Encoding") == "gzip" else gz}
            if headers.get("Content-Encoding") == "gzip":
                files["release.html.gz"] = gz
            start("nginx", lambda: Nginx(VAR / "nginx", PORTS["nginx"], files))
            log(f"release page through Varnish: {len(gz)} bytes ({headers.get('Content-Encoding') or 'identity'}), "
                f"X-Cache {headers.get('X-Cache')}")
        editor_cookie = None
        if "editor" not in skip:
            try:
                editor_cookie = servers["sqlite"].login()
            except Exception as exc:
                missing["editor"] = f"login failed: {exc}"

        # The loads, interleaved.
        s = servers
        loads = {"release-sqlite": lambda: wrk(s["sqlite"].url + RELEASE, seconds, headers=[GZIP]),
                 "front-sqlite": lambda: wrk(s["sqlite"].url + FRONT, seconds, headers=[GZIP])}
        if editor_cookie:
            loads["release-editor"] = lambda: wrk(s["sqlite"].url + RELEASE, seconds,
                                                  headers=[GZIP, f"Cookie: {editor_cookie}"])
        if "postgres" in s:
            loads["release-postgres"] = lambda: wrk(s["postgres"].url + RELEASE, seconds, headers=[GZIP])
        if "isso" in s:
            loads["isso-list"] = lambda: wrk(f"{s['isso'].url}/?uri={ISSO_LIST_URI}", seconds, headers=[GZIP])
        if "varnish" in s:
            loads["release-varnish"] = lambda: wrk(s["varnish"].url + RELEASE, seconds, headers=[GZIP])
        if "nginx" in s:
            loads["release-nginx"] = lambda: wrk(s["nginx"].url + "/release.html", seconds, headers=[GZIP])
        if "posts" not in skip:
            post_pid = page_id(s["sqlite"].url, POST_RELEASE)
            lua = ROOT / "bench" / "lua"
            loads["posts-pressroom"] = lambda: wrk(s["sqlite"].url + "/", seconds, script=lua / "pressroom_post.lua",
                                                   script_args=[str(post_pid), tag])
            if "isso" in s:
                loads["posts-isso"] = lambda: wrk(s["isso"].url + "/", seconds, script=lua / "isso_post.lua",
                                                  script_args=[ISSO_POST_URI, tag, s["isso"].url])
        # Warm every page cache once before the clock starts.
        for url in (s["sqlite"].url + RELEASE, s["sqlite"].url + FRONT):
            http("GET", url, headers={"Accept-Encoding": "gzip"})
        log(f"loads: {', '.join(loads)}; {args.rounds} rounds of {seconds} s each, wrk -t2 -c32")
        run_loads(loads, samples, args.rounds, seconds, log)

        # Posting latency and the link check's share.
        latency = texts = None
        if "posts" not in skip:
            latency, texts = post_latency(s["sqlite"], post_pid, tag)
        link = link_check_seconds(texts) if texts else None

        # New comment through Varnish.
        visible = None
        if "varnish" in s:
            try:
                visible = visibility(s["fronted"], s["varnish"], tag)
            except Exception as exc:
                missing["visible"] = f"{type(exc).__name__}: {exc}"

        # The PDF burst, last: it may take the workers' CPU for a while.
        pdf = None
        if "pdf" not in skip:
            try:
                pdf = pdf_burst(s["sqlite"], log)
            except Exception as exc:
                missing["pdf"] = f"{type(exc).__name__}: {exc}"
                traceback.print_exc()

        rows = build_rows(samples, missing, latency, link, visible, pdf)
    write_and_print(rows, args, seconds)
    return 0


def _started(make):
    """Start a server in a worker thread: ``(server, None)`` or ``(None, reason)``."""
    server = make()
    try:
        server.__enter__()
    except Missing as exc:
        return None, str(exc)
    except Exception as exc:
        return None, f"{type(exc).__name__}: {str(exc)[-400:]}"
    return _Entered(server), None


class _Entered:
    """A started server handed to an ExitStack: entering returns it, exiting stops it."""

    def __init__(self, server):
        self.server = server

    def __enter__(self):
        return self.server

    def __exit__(self, *exc):
        return self.server.__exit__(*exc)


def build_rows(samples, missing, latency, link, visible, pdf):
    m = samples.median
    isso_list = m("isso-list", "rps")
    isso_note = "" if isso_list else f"reference missing: {samples.missing.get('isso-list') or missing.get('isso')}"
    rows = []

    def page_row(target, load, goal, reference=None, note=""):
        value = m(load, "rps")
        why = missing_reason(samples, missing, load)
        rows.append(make_row(target, value and round(value, 1), "req/s", goal, reference and round(reference, 1),
                             note="; ".join(filter(None, [note, why, samples.problems(load)]))))

    page_row("release page, 50 comments, Django, SQLite (vs Isso's JSON list of the same 50)", "release-sqlite",
             "value >= 300 and ratio >= 6", isso_list, isso_note)
    p99 = m("release-sqlite", "p99_ms")
    rows.append(make_row("release page, 50 comments, Django, SQLite: p99 latency", p99 and round(p99, 1), "ms",
                         "value < 200"))
    page_row("same page on PostgreSQL + Redis", "release-postgres", "value >= 250")
    page_row("same page for a logged-in editor (session cookie)", "release-editor", "value >= 100")
    page_row("front page, Django, SQLite", "front-sqlite", "value >= 400")
    varnish, nginx = m("release-varnish", "rps"), m("release-nginx", "rps")
    rows.append(make_row(
        "release page through Varnish (hit) vs nginx serving the same bytes", varnish and round(varnish, 1),
        "req/s", "ratio >= 0.5", nginx and round(nginx, 1),
        note="; ".join(filter(None, [missing_reason(samples, missing, "release-varnish"),
                                      missing_reason(samples, missing, "release-nginx"),
                                      samples.problems("release-varnish")])),
    ))
    ours, theirs = m("posts-pressroom", "accepted_per_s"), m("posts-isso", "accepted_per_s")
    rows.append(make_row(
        "comment posts accepted/s, JSON API (token + POST per comment) vs Isso POST /new", ours and round(ours, 1),
        "posts/s", "ratio >= 1.0", theirs and round(theirs, 1),
        note="; ".join(filter(None, [missing_reason(samples, missing, "posts-pressroom"),
                                      missing_reason(samples, missing, "posts-isso"),
                                      _refused(samples)])),
    ))
    share = link / latency * 100 if link and latency else None
    rows.append(make_row(
        "link check share of the median posting latency", share and round(share, 2), "%", "value < 5",
        latency and round(latency * 1000, 2),
        ratio=None,
        note=(f"find_links {link * 1e6:.0f} us per text in-process; reference = median post latency in ms, "
              "one client, nothing else running") if share else "missing: no posts were measured",
    ))
    rows[-1]["ratio"] = None
    rows[-1]["met"] = goal_met(rows[-1]["goal"], rows[-1])
    rows.append(make_row("new comment visible through Varnish", visible if visible is None else round(visible, 3),
                         "s", "value < 1", note=f"missing: {missing['visible']}" if "visible" in missing else
                         ("" if visible is not None else f"missing: {missing.get('varnish') or 'Varnish skipped'}")))
    if pdf:
        answered, renders, note = pdf
        rows.append(make_row(f"PDF: {PDF_CLIENTS} concurrent requests to one release, answered", answered,
                             "responses", f"value == {PDF_CLIENTS}", note=note))
        rows.append(make_row("PDF: renders for those requests", renders, "renders", "value == 1", note=note))
    else:
        reason = f"missing: {missing.get('pdf', 'skipped')}"
        rows.append(make_row(f"PDF: {PDF_CLIENTS} concurrent requests to one release, answered", None, "responses",
                             f"value == {PDF_CLIENTS}", note=reason))
        rows.append(make_row("PDF: renders for those requests", None, "renders", "value == 1", note=reason))
    return rows


def missing_reason(samples, missing, load):
    if samples.by_name.get(load):
        return ""
    server = {"release-postgres": "postgres", "isso-list": "isso", "posts-isso": "isso", "release-varnish": "varnish",
              "release-nginx": "nginx", "release-editor": "editor"}.get(load)
    return f"missing: {samples.missing.get(load) or missing.get(server) or 'not run'}"


def _refused(samples):
    notes = []
    for name in ("posts-pressroom", "posts-isso"):
        refused = sum(r.extra.get("refused", 0) for r in samples.by_name.get(name, []))
        if refused:
            notes.append(f"{name}: {refused} refused")
    return ", ".join(notes)


def _fmt(value):
    if value is None:
        return "missing"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def write_and_print(rows, args, seconds):
    out = VAR / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    print(f"\n== Targets (wrk -t2 -c32, {seconds} s per run, {args.rounds} interleaved rounds, medians)")
    for row in rows:
        met = {True: "MET", False: "NOT MET", None: "missing"}[row["met"]]
        ref = f"  ref {_fmt(row['reference'])}" if row["reference"] is not None else ""
        ratio = f"  ratio {row['ratio']:.2f}x" if row["ratio"] is not None else ""
        print(f"{met:>8}  {row['target']}: {_fmt(row['value'])} {row['unit']}{ref}{ratio}   [goal: {row['goal']}]")
        if row.get("note"):
            print(f"{'':>10}{row['note']}")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
