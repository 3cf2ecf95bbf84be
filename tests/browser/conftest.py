"""Browser tests: Debian's Chromium through Playwright against a real gunicorn.

The root conftest skips (or, with PRESSROOM_REQUIRE_BROWSER=1, fails) these
when chromium is missing. Screenshots of each step go to var/screenshots/.
"""

import re
import shutil
from pathlib import Path

import pytest

from tests.liveserver import ROOT, LiveServer

SCREENSHOTS = ROOT / "var" / "screenshots"
MIN_SECONDS = 1
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def server():
    """gunicorn (2 workers) in its own PRESSROOM_VAR_DIR, sample content loaded in the three
    languages (PRESSROOM_LANGUAGES=en,ru,ko)."""
    comments = {
        "MIN_SECONDS": MIN_SECONDS, "RATE_LIMITS": [[1000, 60]], "PAGE_RATE_LIMITS": [[1000, 60]],
        "REFUSED_LIMITS": [[1000, 60]],
    }
    languages = {"PRESSROOM_LANGUAGES": "en,ru,ko"}
    with LiveServer(comments=comments, name="pressroom-browser", extra_env=languages) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API owns an asyncio loop while it is open,
    # and Django refuses database access from a thread with a running loop.
    from playwright.sync_api import sync_playwright

    executable = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Shots:
    """``shot("step")`` saves var/screenshots/<test>-<nn>-<step>.png."""

    def __init__(self, prefix):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.count = 0
        self.page = None

    def __call__(self, step, page=None, full_page=True):
        self.count += 1
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{step}.png"
        (page or self.page).screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shot(request):
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")
    return Shots(name)


@pytest.fixture
def context_factory(browser, server):
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("base_url", server.url)
        kwargs.setdefault("viewport", {"width": 1200, "height": 900})
        kwargs.setdefault("locale", "en-US")
        context = browser.new_context(**kwargs)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory, shot):
    """A JavaScript page that fails the test on any console error (CSP violations included)."""
    context = context_factory()
    page = context.new_page()
    page.console_errors = []
    page.failed_urls = []
    page.on("response", lambda r: r.status >= 400 and page.failed_urls.append((r.status, r.url)))
    # "Failed to load resource" is checked through failed_urls (a missing favicon
    # is the browser's own guess, not something our pages ask for).
    page.on(
        "console",
        lambda m: m.type == "error"
        and not m.text.startswith("Failed to load resource")
        and page.console_errors.append(m.text),
    )
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    shot.page = page
    yield page


def pytest_collection_modifyitems(items):
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            assert "browser" in item.keywords, f"{item.nodeid} must be marked @pytest.mark.browser"
