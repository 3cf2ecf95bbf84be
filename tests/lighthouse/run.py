"""Lighthouse accessibility and SEO on every reader page in en, ru and ko (``make check-lighthouse``).

Not part of ``make test``: it takes a few minutes and needs Node.js. It starts a
throwaway gunicorn with the sample content in three languages (tests/liveserver.py,
as the browser tests do), installs Lighthouse into var/lighthouse/ with npm when it
is not there yet, runs it in Debian's Chromium (CHROME_PATH, headless) through
tests/lighthouse/audit.mjs, prints a table of scores and exits 1 when any is below
100 (with the failing audits), 2 when something it needs is missing.

Pages: home, release index, a release (with comments and the form), the same release
after a comment was posted without JavaScript (``?posted=approved``: the thank-you notice)
and after a refused comment (a link in the text; audited as a snapshot, see audit.mjs),
search results, a tag page, a month archive, and a missing page (404).

Not checked for SEO, by design:
  * the 404 page: Lighthouse's ``http-status-code`` audit fails any page that does not
    answer 200, and a missing page must answer 404 (Lighthouse will not even load it in
    its navigation mode: it is audited for accessibility as a snapshot, see audit.mjs);
  * the refused-comment page: it is the answer to a POST (HTTP 422), never a page a
    search engine sees; snapshot mode could run only SEO's document checks anyway.

    .venv/bin/python tests/lighthouse/run.py [--port 8000] [--languages en,ru,ko] [--pages home,release]

Reports (Lighthouse's JSON, one per page) land in var/lighthouse/reports/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pressroom.core import system  # noqa: E402
from tests.liveserver import LiveServer  # noqa: E402

# Lighthouse 13 needs Node 22; 12.2.3 runs on Node 18 and 20 (Debian's and most CI images).
LIGHTHOUSE = "lighthouse@12.2.3"
PREFIX = ROOT / "var" / "lighthouse"
REPORTS = PREFIX / "reports"
AUDIT_SCRIPT = Path(__file__).with_name("audit.mjs")
LANGUAGES = ["en", "ru", "ko"]
RELEASE = "autumn-student-exchange"
# What the sample content holds in each language (pressroom/core/sample/content.json).
SEARCH = {"en": "exchanges", "ru": "обмен", "ko": "교류"}
TAG = {"en": "student-exchange", "ru": "студенческий-обмен", "ko": "학생-교류"}
REFUSED_TEXT = {
    "en": "Details: see example.com for the programme",
    "ru": "Подробности на example.com, приходите",
    "ko": "자세한 내용은 example.com에서 보세요",
}
MIN_SECONDS = 1  # the comment form's time trap on the throwaway server
BOTH = ["accessibility", "seo"]
PAGES = {
    # name: (path, categories, how: "navigation", "snapshot" or "refuse" (snapshot after a refused comment))
    "home": ("/{lang}/", BOTH, "navigation"),
    "index": ("/{lang}/releases/", BOTH, "navigation"),
    "release": (f"/{{lang}}/releases/{RELEASE}/", BOTH, "navigation"),
    "posted": (f"/{{lang}}/releases/{RELEASE}/?posted=approved", BOTH, "navigation"),
    "refused": (f"/{{lang}}/releases/{RELEASE}/", ["accessibility"], "refuse"),
    "search": ("/{lang}/search/?q={search}", BOTH, "navigation"),
    "tag": ("/{lang}/releases/tags/{tag}/", BOTH, "navigation"),
    "month": ("/{lang}/releases/2022/07/", BOTH, "navigation"),
    "404": ("/{lang}/no-such-page/", ["accessibility"], "snapshot"),
}


def lighthouse_modules():
    """var/lighthouse/node_modules with Lighthouse in it, installed with npm when missing."""
    modules = PREFIX / "node_modules"
    installed = modules / "lighthouse" / "package.json"
    wanted = LIGHTHOUSE.split("@", 1)[1]
    if installed.exists() and json.loads(installed.read_text())["version"] == wanted:
        return modules
    PREFIX.mkdir(parents=True, exist_ok=True)
    print(f"Installing {LIGHTHOUSE} into {PREFIX.relative_to(ROOT)}/ with npm ...", flush=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--save-exact", LIGHTHOUSE],
        check=True,
    )
    return modules


def jobs_for(server_url, languages, pages):
    jobs = []
    for lang in languages:
        for name in pages:
            path, categories, how = PAGES[name]
            path = path.format(lang=lang, search=quote(SEARCH[lang]), tag=quote(TAG[lang]))
            job = {"key": f"{lang}-{name}", "lang": lang, "page": name, "path": path,
                   "url": server_url + path, "categories": categories, "snapshot": how != "navigation"}
            if how == "refuse":
                job["refuse"] = {"name": "Reader", "text": REFUSED_TEXT[lang], "waitMs": int(MIN_SECONDS * 1000 + 500)}
            jobs.append(job)
    return jobs


def missing_tools():
    problems = []
    if not system.chromium_path():
        problems.append(f"Chromium not installed: {system.INSTALL['chromium']}")
    for tool in ("node", "npm"):
        if not shutil.which(tool):
            problems.append(f"{tool} not installed: sudo apt-get install nodejs npm (Lighthouse 12 needs Node 18 or later)")
            break
    return problems


def score_text(value):
    return "-" if value is None else str(round(value * 100))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=None, help="port of the throwaway server (default: any free one)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--pages", default=",".join(PAGES), help=f"some of {','.join(PAGES)}")
    args = parser.parse_args(argv)
    languages = args.languages.split(",")
    pages = args.pages.split(",")
    unknown = [p for p in pages if p not in PAGES] + [lang for lang in languages if lang not in LANGUAGES]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")

    problems = missing_tools()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    modules = lighthouse_modules()
    chrome = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else system.chromium_path()

    comments = {"MIN_SECONDS": MIN_SECONDS, "RATE_LIMITS": [[1000, 60]], "PAGE_RATE_LIMITS": [[1000, 60]],
                "REFUSED_LIMITS": [[1000, 60]]}
    print("Starting a throwaway site (sample content in en, ru, ko) ...", flush=True)
    with LiveServer(comments=comments, name="pressroom-lighthouse", port=args.port,
                    extra_env={"PRESSROOM_LANGUAGES": "en,ru,ko"}) as server:
        jobs = jobs_for(server.url, languages, pages)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(jobs, f)
        try:
            print(f"Running Lighthouse on {len(jobs)} pages (about 10 s each) ...", flush=True)
            done = subprocess.run(
                ["node", str(AUDIT_SCRIPT), str(modules), f.name, str(REPORTS)],
                env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=60 * len(jobs) + 60,
            )
        finally:
            os.unlink(f.name)
    results = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            results[result["key"]] = result
    if done.returncode or len(results) != len(jobs):
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
        print(f"Lighthouse stopped after {len(results)} of {len(jobs)} pages (exit {done.returncode})", file=sys.stderr)
        return 1

    print()
    print(f"{'page':<10} {'lang':<5} {'accessibility':>13} {'seo':>5}  path")
    below = []
    for job in jobs:
        result = results[job["key"]]
        scores = result["scores"]
        print(f"{job['page']:<10} {job['lang']:<5} {score_text(scores.get('accessibility')):>13} "
              f"{score_text(scores.get('seo')):>5}  {unquote(job['path'])}")
        if result["runtimeError"] or any(score is None or score < 1 for score in scores.values()):
            below.append(result)
    print(f"\n(- : not checked; see the docstring of tests/lighthouse/run.py. Reports: {REPORTS.relative_to(ROOT)}/)")
    if below:
        print("\nBelow 100:")
        for result in below:
            if result["runtimeError"]:
                print(f"  {result['key']}: Lighthouse error: {result['runtimeError']}")
            for audit in result["failing"]:
                print(f"  {result['key']}: {audit['category']}: {audit['id']} — {audit['title']}")
        return 1
    print("All 100.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
