"""Load and fault tests against a real gunicorn (``make test-load``; not part of ``make test``).

For SQLite (own PRESSROOM_VAR_DIR) and then a throwaway PostgreSQL database:

  steady   2,000 comments from 50 concurrent clients, three in four through the JSON
           API as the page script posts (a fresh token from /api/releases/<id>/token/),
           one in four as the no-JavaScript form (a plain POST with the page's token);
           no CSRF token either way (clean, link and intended-duplicate texts, each
           carrying a unique marker)
  kill     the same while one gunicorn worker is SIGKILLed mid-run
  backup   the same while `pressroom backup` runs; the snapshot must open and
           hold no more of this scenario's comments than were accepted

Every answer must be well-formed JSON (a comment or an error), accepted +
refused + errors = sent, every accepted comment is in the database exactly
once (queried directly), no 5xx. Connection errors count as errors, only in the
kill scenario. Prints a table and writes var/load/latest.json. Loopback only.

    .venv/bin/python tests/load/run.py [--requests 2000] [--clients 50] [--databases sqlite,postgres]
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
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
sys.path.insert(0, str(ROOT))

from tests.liveserver import LiveServer  # noqa: E402

SCENARIO_SECONDS = 180
RELEASES = ["/en/releases/autumn-student-exchange/", "/en/releases/amur-river-clean-banks/",
            "/ru/releases/evening-of-traditional-music/", "/ru/releases/autumn-student-exchange/"]
# Every client posts from 127.0.0.1: lift the per-address limits, refused attempts included.
COMMENTS = {
    "MIN_SECONDS": 0, "RATE_LIMITS": [[1000000, 60]], "PAGE_RATE_LIMITS": [[1000000, 3600]],
    "REFUSED_LIMITS": [[1000000, 60]],
}


class Client:
    """One reader posting as a browser does, without a CSRF token (the page is shared
    and cached; cross-site posts are refused from Origin / Sec-Fetch-Site):

    * with JavaScript (``form=False``), as comments.js: a fresh time-trap token from
      the form's ``data-token-url``, then the JSON API;
    * without (``form=True``): a plain form POST carrying the page's own token; a
      redirect to ``#comment-<id>`` means accepted, a 4xx re-rendered page a refusal.
    """

    def __init__(self, port, path, form=False):
        self.port = port
        self.path = path
        self.form = form
        self.origin = f"http://127.0.0.1:{port}"
        self.refresh()

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()

    def refresh(self):
        status, headers, body = self.request("GET", self.path)
        if status != 200:
            raise RuntimeError(f"GET {self.path} -> {status}")
        if any(name.lower() == "set-cookie" for name, _ in headers):
            raise RuntimeError(f"GET {self.path} set a cookie on an anonymous reader")
        html = body.decode()
        self.token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        self.api = re.search(r'data-api="([^"]+)"', html).group(1)
        self.token_url = re.search(r'data-token-url="([^"]+)"', html).group(1)
        self.action = re.search(r'<form class="comment-form"[^>]* action="([^"]+)"', html).group(1)

    def browser_headers(self):
        return {"Origin": self.origin, "Sec-Fetch-Site": "same-origin", "Referer": self.origin + self.path}

    def post(self, text):
        if self.form:
            return self.post_form(text)
        status, _headers, body = self.request("GET", self.token_url, headers={"Sec-Fetch-Site": "same-origin"})
        if status == 200:
            self.token = json.loads(body)["token"]
        body = json.dumps({"name": "Load", "text": text, "token": self.token, "website": ""})
        headers = {"Content-Type": "application/json", **self.browser_headers()}
        return self.request("POST", self.api, body=body.encode(), headers=headers)

    def post_form(self, text):
        body = urlencode({"name": "Load", "email": "", "text": text, "token": self.token, "website": ""})
        headers = {"Content-Type": "application/x-www-form-urlencoded", **self.browser_headers()}
        return form_result(self.request("POST", self.action, body=body.encode(), headers=headers))


# The form answers in HTML; its status says which refusal it was (docs/api.md).
FORM_CODES = {400: "bot", 403: "closed", 409: "duplicate", 413: "too_large", 422: "link", 429: "rate_limited"}


def form_result(result):
    """A form POST's answer in the JSON API's shape, so that classify() reads both."""
    status, headers, _body = result
    location = next((value for name, value in headers if name.lower() == "location"), "")
    if status in (302, 303):
        found = re.search(r"#comment-(\d+)", location)
        if found:
            return 201, headers, json.dumps({"comment": {"id": int(found.group(1))}}).encode()
        if "posted=pending" in location or "posted=held" in location:
            return 202, headers, json.dumps({"comment": {"id": f"pending:{location}"}}).encode()
        return status, headers, b"redirect to an unexpected place"
    if status in FORM_CODES:
        return status, headers, json.dumps({"error": {"code": FORM_CODES[status]}}).encode()
    if 400 <= status < 500:
        return status, headers, json.dumps({"error": {"code": f"form-{status}"}}).encode()
    return status, headers, b"not a form answer"


def plan(run_id, scenario, total):
    """The texts to send: (marker, text, kind). Duplicates are pairs sent back to back."""
    items = []
    i = 0
    rng = random.Random(f"{run_id}-{scenario}")
    while len(items) < total:
        marker = f"[{run_id}:{scenario}:{i:05d}]"
        roll = rng.random()
        if roll < 0.2:
            items.append((marker, f"{marker} more on example dot com, really", "link"))
        elif roll < 0.35 and len(items) + 2 <= total:
            text = f"{marker} I said this already, twice."
            items.append((marker, text, "dup-first"))
            items.append((marker, text, "dup-second"))
        else:
            items.append((marker, f"{marker} A thoughtful remark number {i} about the exchange.", "clean"))
        i += 1
    return items[:total]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.accepted = {}  # comment id -> marker
        self.accepted_markers = Counter()
        self.refused = Counter()
        self.errors = Counter()
        self.fivexx = 0
        self.dup_second_accepted = 0
        self.dup_first_accepted = set()
        self.link_accepted = 0

    def record(self, marker, kind, outcome):
        with self.lock:
            self.sent += 1
            what, detail = outcome
            if what == "accepted":
                self.accepted[detail] = marker
                self.accepted_markers[marker] += 1
                if kind == "dup-first":
                    self.dup_first_accepted.add(marker)
                # A second copy is wrong only if its first was accepted (a first lost to a
                # killed worker leaves the second as the only copy).
                self.dup_second_accepted += kind == "dup-second" and marker in self.dup_first_accepted
                self.link_accepted += kind == "link"
            elif what == "refused":
                self.refused[detail] += 1
            else:
                self.errors[detail] += 1
                if detail.startswith("http 5"):
                    self.fivexx += 1


def classify(result):
    status, headers, body = result
    try:
        data = json.loads(body)
    except ValueError:
        return ("error", f"http {status} not json")
    if status >= 500:
        return ("error", f"http {status}")
    if status in (201, 202) and isinstance(data.get("comment"), dict) and data["comment"].get("id"):
        return ("accepted", data["comment"]["id"])
    if status == 200 and data.get("existing") and isinstance(data.get("comment"), dict):
        return ("refused", "existing")  # a resubmission, answered with the comment already saved
    if 400 <= status < 500 and isinstance(data.get("error"), dict) and data["error"].get("code"):
        return ("refused", data["error"]["code"])
    return ("error", f"http {status} malformed")


def drive(server, run_id, scenario, total, clients, during=None):
    """Send ``total`` posts from ``clients`` threads; ``during(progress)`` runs alongside."""
    items = plan(run_id, scenario, total)
    # Keep duplicate pairs together in one client's queue, in order.
    queues = [[] for _ in range(clients)]
    k = 0
    idx = 0
    while idx < len(items):
        n = 2 if items[idx][2] == "dup-first" else 1
        queues[k % clients].extend(items[idx:idx + n])
        idx += n
        k += 1
    tally = Tally()
    deadline = time.monotonic() + SCENARIO_SECONDS
    start_gate = threading.Barrier(clients + 1)

    def worker(n):
        client = None
        try:
            for attempt in range(30):
                try:
                    # One reader in four has no JavaScript and posts the plain form.
                    client = Client(server.port, RELEASES[n % len(RELEASES)], form=n % 4 == 3)
                    break
                except Exception:
                    time.sleep(0.5)
        finally:
            start_gate.wait()
        for marker, text, kind in queues[n]:
            if time.monotonic() > deadline:
                tally.record(marker, kind, ("error", "scenario deadline"))
                continue
            if client is None:
                tally.record(marker, kind, ("error", "no session"))
                continue
            try:
                outcome = classify(client.post(text))
            except (OSError, http.client.HTTPException) as exc:
                outcome = ("error", f"connection: {type(exc).__name__}")
            tally.record(marker, kind, outcome)
            if outcome == ("refused", "csrf") or outcome == ("refused", "bot"):
                try:
                    client.refresh()
                except Exception:
                    pass

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    start_gate.wait()
    started = time.monotonic()
    side = None
    if during:
        side = threading.Thread(target=during, args=(tally, total), daemon=True)
        side.start()
    for t in threads:
        t.join(SCENARIO_SECONDS + 60)
    if side:
        side.join(120)
    tally.seconds = time.monotonic() - started
    return tally


def db_texts(server, run_id, scenario):
    """marker -> rows in the database, and id -> text (queried directly)."""
    conn = server.db_connect()
    try:
        cur = conn.cursor()
        ph = server.placeholder()
        cur.execute(f"SELECT id, text FROM comments_comment WHERE text LIKE {ph}", (f"[{run_id}:{scenario}:%",))
        rows = cur.fetchall()
    finally:
        conn.close()
    per_marker = Counter(text.split("]", 1)[0] + "]" for _, text in rows)
    return per_marker, {row[0]: row[1] for row in rows}


def verify(server, run_id, scenario, tally):
    per_marker, by_id = db_texts(server, run_id, scenario)
    lost = sum(1 for cid, marker in tally.accepted.items() if not by_id.get(cid, "").startswith(marker))
    twice = sum(1 for marker, n in tally.accepted_markers.items() if per_marker.get(marker, 0) > n)
    unacknowledged = sum(per_marker.values()) - len(tally.accepted)
    return lost, twice, unacknowledged


def wait_workers(server, n, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(server.worker_pids()) >= n:
            return True
        time.sleep(0.2)
    return False


def snapshot_count(server, path, run_id, scenario):
    """Open a backup and count this scenario's comments in it."""
    like = f"[{run_id}:{scenario}:%"
    if server.database == "sqlite":
        import sqlite3

        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            return conn.execute("SELECT count(*) FROM comments_comment WHERE text LIKE ?", (like,)).fetchone()[0]
    import psycopg

    name = f"{server.db_name}_snap"
    server._pg_exec(f'CREATE DATABASE "{name}"')
    try:
        url = server.database_url.rsplit("/", 1)[0] + f"/{name}"
        result = subprocess.run(["pg_restore", "--no-owner", "-d", url, str(path)], capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"pg_restore of the snapshot failed: {result.stderr[-1000:]}")
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM comments_comment WHERE text LIKE %s", (like,)).fetchone()[0]
    finally:
        server._pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_database(database, args, run_id, results, problems):
    with LiveServer(comments=COMMENTS, database=database, workers=2, name=f"pressroom-load-{database}",
                    settings="pressroom.settings.dev") as server:
        print(f"\n{database}: gunicorn at {server.url} (workers {server.worker_pids()})", flush=True)

        def row(scenario, tally, lost, extra):
            result = {"scenario": scenario, "sent": tally.sent, "accepted": len(tally.accepted),
                      "refused": sum(tally.refused.values()), "errors": sum(tally.errors.values()), "lost": lost}
            results.append(result)
            print(f"  {scenario}: {tally.seconds:.1f}s, refused {dict(tally.refused)}, errors {dict(tally.errors)}, "
                  f"{extra}", flush=True)
            if result["accepted"] + result["refused"] + result["errors"] != result["sent"] or tally.sent != args.requests:
                problems.append(f"{scenario}: accepted + refused + errors != sent")
            if tally.fivexx:
                problems.append(f"{scenario}: {tally.fivexx} responses were 5xx")
            if lost:
                problems.append(f"{scenario}: {lost} accepted comments are missing from the database")
            if tally.dup_second_accepted:
                problems.append(f"{scenario}: {tally.dup_second_accepted} intended duplicates were accepted")
            if tally.link_accepted:
                problems.append(f"{scenario}: {tally.link_accepted} link comments were accepted")
            return result

        # 1. steady
        scenario = f"{database}/steady"
        tally = drive(server, run_id, scenario, args.requests, args.clients)
        lost, twice, unack = verify(server, run_id, scenario, tally)
        row(scenario, tally, lost, f"in DB twice {twice}, stored unacknowledged {unack}")
        if tally.errors:
            problems.append(f"{scenario}: {sum(tally.errors.values())} requests got no well-formed answer")
        if twice or unack:
            problems.append(f"{scenario}: database rows do not match accepted responses ({twice} twice, {unack} extra)")

        # 2. a worker is SIGKILLed mid-run
        scenario = f"{database}/kill-worker"
        killed = []

        def kill_one(tally, total):
            while tally.sent < total // 4:
                time.sleep(0.05)
            pids = server.worker_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        tally = drive(server, run_id, scenario, args.requests, args.clients, during=kill_one)
        recovered = wait_workers(server, 2) and server.wait_healthy(30) is None
        after = Client(server.port, RELEASES[0])
        probe = classify(after.post(f"[{run_id}:probe:{scenario}] the server answers after the kill."))
        lost, twice, unack = verify(server, run_id, scenario, tally)
        row(scenario, tally, lost, f"killed worker {killed}, recovered {recovered}, probe {probe[0]}, "
            f"in DB twice {twice}, stored unacknowledged {unack}")
        if not killed:
            problems.append(f"{scenario}: no worker was killed")
        if not recovered or probe[0] != "accepted":
            problems.append(f"{scenario}: the server did not recover ({recovered}, {probe})")
        if twice:
            problems.append(f"{scenario}: {twice} comments are in the database twice")

        # 3. backup while posting
        scenario = f"{database}/backup"
        snap = Path(tempfile.mkdtemp(prefix="pressroom-load-snap-")) / "backup.bin"
        backup = {}

        def take_backup(tally, total):
            while tally.sent < total // 3:
                time.sleep(0.05)
            backup["accepted_before"] = len(tally.accepted)
            started = time.monotonic()
            try:
                server.manage("backup", str(snap), timeout=120)
                backup["ok"] = True
            except Exception as exc:  # reported below
                backup["ok"] = False
                backup["error"] = str(exc)[-500:]
            backup["seconds"] = time.monotonic() - started
            backup["accepted_after"] = len(tally.accepted)

        tally = drive(server, run_id, scenario, args.requests, args.clients, during=take_backup)
        lost, twice, unack = verify(server, run_id, scenario, tally)
        in_snapshot = snapshot_count(server, snap, run_id, scenario) if backup.get("ok") else None
        row(scenario, tally, lost, f"backup {backup}, in snapshot {in_snapshot}")
        if not backup.get("ok"):
            problems.append(f"{scenario}: backup failed: {backup.get('error')}")
        elif not (in_snapshot <= len(tally.accepted) and in_snapshot >= backup["accepted_before"]):
            problems.append(f"{scenario}: snapshot holds {in_snapshot}, accepted {len(tally.accepted)}, "
                            f"{backup['accepted_before']} before the backup began")
        if tally.errors:
            problems.append(f"{scenario}: {sum(tally.errors.values())} requests got no well-formed answer")
        snap.unlink(missing_ok=True)
        snap.parent.rmdir()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--databases", default="sqlite,postgres")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))  # run the servers' cleanup

    run_id = secrets.token_hex(4)
    results, problems = [], []
    for database in args.databases.split(","):
        try:
            run_database(database.strip(), args, run_id, results, problems)
        except Exception as exc:
            problems.append(f"{database}: {type(exc).__name__}: {exc}")

    out = ROOT / "var" / "load" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    columns = ["scenario", "sent", "accepted", "refused", "errors", "lost"]
    print()
    print(" | ".join(f"{c:>22}" if c == "scenario" else f"{c:>8}" for c in columns))
    for r in results:
        print(" | ".join(f"{r[c]:>22}" if c == "scenario" else f"{r[c]:>8}" for c in columns))
    print(f"\nwrote {out.relative_to(ROOT)}")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("all invariants held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
