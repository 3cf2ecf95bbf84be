"""Project-wide pytest fixtures and the browser-test gate."""

import os
import shutil

import pytest


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items or chromium_path():
        return
    if os.environ.get("PRESSROOM_REQUIRE_BROWSER") == "1":
        for item in browser_items:
            item.add_marker(pytest.mark.xfail(reason="Chromium missing but required", run=False, strict=True))
        raise pytest.UsageError("PRESSROOM_REQUIRE_BROWSER=1 but Debian's chromium is not installed")
    skip = pytest.mark.skip(reason="Chromium not installed: sudo apt-get install chromium")
    for item in browser_items:
        item.add_marker(skip)
    config._pressroom_skipped_browser = len(browser_items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_pressroom_skipped_browser", 0)
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {skipped} browser tests were SKIPPED because Debian's chromium is not installed. "
            "Install it with `sudo apt-get install chromium` and run `make test` again.",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def client(client):
    """Requests come to the address the sample site is configured for."""
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the sample content once into the test database; each test rolls back."""
    from pressroom.core import sample_content

    with django_db_blocker.unblock():
        sample_content.load()


@pytest.fixture
def sample(db):
    """The project's sample content: a society, 3 releases in en and ru (English home page)."""
    from pressroom.core.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def release(sample):
    from pressroom.releases.models import PressReleasePage

    return PressReleasePage.objects.get(locale__language_code="en", slug="autumn-student-exchange")


@pytest.fixture
def release_ru(release):
    from wagtail.models import Locale

    return release.get_translation(Locale.objects.get(language_code="ru"))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and fragments must not leak between tests."""
    from django.conf import settings

    if settings.configured:  # the pure packages' tests also run without Django
        from django.core.cache import caches

        for alias in settings.CACHES:
            caches[alias].clear()
    yield


@pytest.fixture
def korean(sample, settings):
    """The sample with its Korean translations, Korean configured as a third language
    (as with PRESSROOM_LANGUAGES=en,ru,ko). Returns the Korean home page."""
    from pressroom.core import sample_content

    languages = [*settings.LANGUAGES, ("ko", "한국어")]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = languages
    backends = dict(settings.WAGTAILSEARCH_BACKENDS)
    backends["ko"] = {**backends["ru"], "SEARCH_CONFIG": "simple"}
    settings.WAGTAILSEARCH_BACKENDS = backends
    return sample_content.add_language("ko")
