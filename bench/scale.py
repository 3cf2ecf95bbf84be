"""Scale in a run: many releases and comments, then latency of the pages readers hit.

    .venv/bin/python bench/scale.py [--releases 100000] [--comments 1000000] [--requests 100]
                                    [--databases postgres,sqlite] [--quick]

For each database (a fresh ``pressroom_bench_scale_*`` PostgreSQL database with
Redis db 14 as the cache, and a fresh SQLite file with the file cache), starts
Pressroom in the ``make run`` layout (gunicorn -w 2, tests/liveserver.py),
fills it with ``pressroom generate_demo_data``, and then, from one client,
requests ``--requests`` DISTINCT URLs of each kind, so that every answer is
rendered (a miss of the page cache: the cost that grows with the data):

  front     the front page (``/en/?page=N``: the same page, a new cache key)
  release   the release with 2,000 comments, its comment pages in turn
  archive   month archives
  tag       tag pages
  search    searches for words of middling frequency (never cached)
  post      a comment through the JSON API (token fetched before the clock)

and reports p50/p95 per kind, the database size and the gunicorn workers' RSS.
Goals: page p95 < 50 ms and search p95 < 100 ms on PostgreSQL, SQLite within 2x
of PostgreSQL. Writes var/bench/scale.json. Loopback only.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._servers import VAR, Pressroom, http, rss_mb  # noqa: E402
from bench.web import make_row  # noqa: E402
from pressroom.releases.demo_text import vocabulary  # noqa: E402  (pure Python)

PORTS = {"postgres": 8446, "sqlite": 8447}
REDIS_URL = "redis://127.0.0.1:6379/14"
PAGE_GOAL_MS = 50
SEARCH_GOAL_MS = 100
KINDS = ("front", "release", "archive", "tag", "search", "post")
# Words of ranks 100 to 2,000 in generate_demo_data's English vocabulary (Zipf's law):
# each is in roughly 1 to 8 % of the releases, as a name or a topic would be.
SEARCH_RANKS = range(100, 2000, 29)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def timed_get(url, timeout=60):
    """``(seconds, status, body)``; a request that times out or fails counts as taking
    ``timeout`` seconds (gunicorn kills a worker after 60 s anyway), status ``None``."""
    started = time.perf_counter()
    try:
        status, _h, body = http("GET", url, timeout=timeout)
    except OSError:
        return max(time.perf_counter() - started, timeout), None, b""
    return time.perf_counter() - started, status, body


def discover(server, n):
    """Distinct URLs of each kind, from the generated site itself."""
    db = server.db_connect()
    ph = server.placeholder()
    try:
        cur = db.cursor()
        cur.execute("SELECT p.url_path, r.page_ptr_id FROM releases_pressreleasepage r JOIN wagtailcore_page p "
                    "ON p.id = r.page_ptr_id JOIN comments_thread t ON t.page_id = r.page_ptr_id "
                    "ORDER BY t.approved_count DESC LIMIT 1")
        big_path, big_id = cur.fetchone()
        cur.execute("SELECT approved_count FROM comments_thread WHERE page_id = " + ph, (big_id,))
        big_count = cur.fetchone()[0]
        cur.execute("SELECT DISTINCT release_date FROM releases_pressreleasepage ORDER BY release_date")
        months = sorted({(d if not isinstance(d, str) else _date(d)).strftime("%Y/%m") for (d,) in cur.fetchall()})
        cur.execute("SELECT DISTINCT t.slug FROM taggit_tag t JOIN releases_releasetag rt ON rt.tag_id = t.id "
                    "JOIN wagtailcore_page p ON p.id = rt.content_object_id WHERE p.url_path LIKE " + ph
                    + " ORDER BY t.slug", ("/home-en/%",))
        tags = [slug for (slug,) in cur.fetchall()]
        cur.execute("SELECT r.page_ptr_id FROM releases_pressreleasepage r JOIN wagtailcore_page p "
                    "ON p.id = r.page_ptr_id WHERE p.url_path LIKE " + ph + " ORDER BY r.page_ptr_id DESC LIMIT "
                    + str(n), ("/home-en/%",))
        post_ids = [pid for (pid,) in cur.fetchall()]
    finally:
        db.close()
    base = server.url
    vocab = vocabulary("en")
    words = [vocab[rank] for rank in SEARCH_RANKS]
    release_url = base + _public_path(big_path)
    comment_pages = max(1, -(-big_count // 50))
    urls = {
        "front": [f"{base}/en/?page={i}" for i in range(1, n + 1)],
        "release": [f"{release_url}?comments={1 + i % comment_pages}" if i < comment_pages else
                    f"{release_url}?comments={1 + i % comment_pages}&page={i}" for i in range(n)],
        "archive": [f"{base}/en/releases/{months[i % len(months)]}/" + (f"?page={i // len(months) + 1}"
                                                                       if i >= len(months) else "") for i in range(n)],
        "tag": [f"{base}/en/releases/tags/{quote(tags[i % len(tags)])}/" + (f"?page={i // len(tags) + 1}"
                                                                   if i >= len(tags) else "") for i in range(n)]
        if tags else [],
        # Searches are never cached: the same words may come back.
        "search": [f"{base}/en/search/?q={quote(words[i % len(words)])}" for i in range(n)],
    }
    return urls, post_ids, {"big_release": release_url, "big_comments": big_count, "months": len(months),
                            "tags": len(tags)}


def _date(text):
    import datetime

    return datetime.date.fromisoformat(text[:10])


def _public_path(url_path):
    """``/home-en/releases/slug/`` -> ``/en/releases/slug/`` (the home page is the language root)."""
    parts = url_path.strip("/").split("/")
    return "/" + parts[0].removeprefix("home-") + "/" + "/".join(parts[1:]) + "/"


def one_request(server, kind, url_or_id, i):
    """``(seconds, ok)`` of request ``i`` of ``kind``."""
    if kind != "post":
        seconds, status, _body = timed_get(url_or_id)
        return seconds, status == 200
    pid = url_or_id
    _s, _h, body = http("GET", f"{server.url}/api/releases/{pid}/token/", headers={"Sec-Fetch-Site": "same-origin"})
    token = json.loads(body)["token"]
    started = time.perf_counter()
    status, _h, _b = http("POST", f"{server.url}/api/releases/{pid}/comments/",
                          {"name": "Scale", "text": f"A remark at scale, number {i}, thank you.", "token": token,
                           "website": ""}, headers={"Sec-Fetch-Site": "same-origin"})
    return time.perf_counter() - started, status == 201


def measure(servers, n, log, budget):
    """Request ``n`` URLs of each kind from every server, interleaved (request i from
    each server in turn), so that both databases see the same machine at the same time."""
    plans, results, infos = {}, {name: {} for name in servers}, {}
    for name, server in servers.items():
        urls, post_ids, infos[name] = discover(server, n)
        plans[name] = {**urls, "post": post_ids[:n]}
        log(f"  {name}: {infos[name]}")
    for kind in KINDS:
        times = {name: [] for name in servers}
        bad = {name: 0 for name in servers}
        spent = {name: 0.0 for name in servers}  # a kind that is very slow stops early, and says so
        for i in range(n):
            for name, server in servers.items():
                targets = plans[name][kind]
                if i >= len(targets) or spent[name] > budget:
                    continue
                seconds, ok = one_request(server, kind, targets[i], i)
                times[name].append(seconds)
                spent[name] += seconds
                bad[name] += not ok
        for name in servers:
            if times[name]:
                r = results[name][kind] = {"p50_ms": percentile(times[name], 50) * 1000,
                                           "p95_ms": percentile(times[name], 95) * 1000,
                                           "n": len(times[name]), "failed": bad[name]}
                log(f"  {name:<8} {kind:<8} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
                    f"  ({r['n']} requests, {r['failed']} failed)")
    return results, infos


def database_size(server):
    if server.database == "postgres":
        db = server.db_connect()
        try:
            return db.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
        finally:
            db.close()
    return sum(p.stat().st_size for p in Path(server.var_dir).glob("pressroom.sqlite3*")) / 2**20


def start_database(database, args, log, stack):
    """Start Pressroom on ``database`` and fill it; returns the server and generation seconds."""
    kwargs = {}
    if database == "postgres":
        import redis as redis_lib

        redis = redis_lib.Redis.from_url(REDIS_URL)
        redis.flushdb()
        stack.callback(redis.flushdb)
        kwargs = {"database": "postgres", "redis_url": REDIS_URL}
    server = stack.enter_context(
        Pressroom(f"scale-{'pg' if database == 'postgres' else database}", PORTS[database], **kwargs))
    log(f"{database}: gunicorn at {server.url}; generating {args.releases:,} releases, {args.comments:,} comments")
    started = time.monotonic()
    server.manage("generate_demo_data", "--releases", str(args.releases), "--comments", str(args.comments),
                  "--big-thread", str(min(2000, args.comments)), timeout=4 * 3600)
    generated = time.monotonic() - started
    log(f"{database}: generated in {generated:.0f} s")
    # The planner's statistics, as a live site has them: PostgreSQL's autovacuum analyzes
    # a table within a minute of a bulk load; without this the measurement starts first
    # and plans a million comments with the statistics of an empty table.
    if database == "postgres":
        server.manage("shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')",
                      timeout=3600)
        log(f"{database}: analyzed")
    return server, generated


def rows_from(report):
    rows = []
    pg, lite = report.get("postgres"), report.get("sqlite")
    for kind in KINDS:
        goal_ms = SEARCH_GOAL_MS if kind == "search" else PAGE_GOAL_MS
        pg_p95 = pg and pg["results"].get(kind, {}).get("p95_ms")
        lite_p95 = lite and lite["results"].get(kind, {}).get("p95_ms")
        note = "; ".join(f"{name} {data['results'][kind]['n']} requests"
                         for name, data in (("PostgreSQL", pg), ("SQLite", lite))
                         if data and kind in data["results"] and data["results"][kind]["n"] < data["requested"])
        if kind != "post":
            rows.append(make_row(f"scale, PostgreSQL: {kind} p95", pg_p95 and round(pg_p95, 1), "ms",
                                 f"value < {goal_ms}", note=note))
        else:
            rows.append(make_row(f"scale, PostgreSQL: {kind} p95", pg_p95 and round(pg_p95, 1), "ms", None))
        rows.append(make_row(f"scale, SQLite: {kind} p95 (vs PostgreSQL)", lite_p95 and round(lite_p95, 1), "ms",
                             "ratio <= 2", pg_p95 and round(pg_p95, 1), note=note))
    for name, data in (("PostgreSQL", pg), ("SQLite", lite)):
        if data:
            rows.append(make_row(f"scale, {name}: database size", round(data["db_mb"], 1), "MB", None))
            rows.append(make_row(f"scale, {name}: largest gunicorn worker RSS", data["rss_mb"] and
                                 round(data["rss_mb"], 1), "MB", None))
            rows.append(make_row(f"scale, {name}: generate_demo_data", round(data["generate_s"]), "s", None))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="distinct URLs per kind (default 100)")
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument("--budget", type=float, default=120,
                        help="seconds at most per kind of URL; fewer requests are made when it runs out (default 120)")
    parser.add_argument("--quick", action="store_true", help="10,000 releases, 100,000 comments, 40 URLs per kind")
    args = parser.parse_args(argv)
    if args.quick:
        args.releases, args.comments, args.requests = 10_000, 100_000, 40
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    started = time.monotonic()

    def log(message):
        print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)

    report = {}
    with ExitStack() as stack:
        servers, generated = {}, {}
        for database in [d.strip() for d in args.databases.split(",") if d.strip()]:
            try:
                servers[database], generated[database] = start_database(database, args, log, stack)
            except Exception as exc:  # reported; the other database still runs
                log(f"{database}: failed: {type(exc).__name__}: {str(exc)[-800:]}")
        results, infos = measure(servers, args.requests, log, args.budget) if servers else ({}, {})
        for name, server in servers.items():
            report[name] = {"results": results[name], "info": infos[name], "requested": args.requests,
                            "generate_s": generated[name], "db_mb": database_size(server),
                            "rss_mb": max((rss_mb([pid]) for pid in server.worker_pids()), default=None)}
    rows = rows_from(report)
    out = VAR / "scale.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"size": {"releases": args.releases, "comments": args.comments,
                                        "requests_per_kind": args.requests},
                               "rows": rows, "raw": report}, indent=2, default=str) + "\n")
    print(f"\n== Scale: {args.releases:,} releases, {args.comments:,} comments; {args.requests} distinct URLs per "
          "kind, one client, the databases interleaved, every page a miss of the page cache")
    for row in rows:
        met = {True: "MET", False: "NOT MET", None: "missing"}[row["met"]]
        if row["goal"] is None:
            met = "info"
        ref = f"  (PostgreSQL {row['reference']} ms, ratio {row['ratio']:.2f}x)" if row["ratio"] is not None else ""
        value = "missing" if row["value"] is None else row["value"]
        print(f"{met:>8}  {row['target']}: {value} {row['unit']}{ref}")
        if row.get("note"):
            print(f"{'':>10}only {row['note']} (--budget ran out)")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
