"""Project-wide pytest fixtures and the browser-test gate."""

import os
import shutil

import pytest


def missing(requirement):
    """None when this machine has ``requirement``, else the one-line reason to skip.

    Requirements: ``chromium``, ``pango``, ``font:<language>``, ``postgresql``
    and ``redis`` (the test run's database or cache is that server), ``wrk``,
    ``varnish``.
    """
    from pressroom.core import system

    if requirement.startswith("font:"):
        language = requirement.split(":", 1)[1]
        if system.has_font_for(language):
            return None
        return f"no font covers {language}: {system.font_install_command(language)}"
    if requirement == "postgresql":
        from django.conf import settings

        if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
            return None
        return f"needs PostgreSQL as the test database: {system.INSTALL['postgresql']}"
    if requirement == "redis":
        from django.conf import settings

        if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
            return None
        return f"needs Redis as the cache: {system.INSTALL['redis']}, then run with REDIS_URL=redis://127.0.0.1:6379/0"
    found = {
        "chromium": system.chromium_path,
        "pango": system.pango_available,
        "wrk": lambda: shutil.which("wrk"),
        "varnish": lambda: shutil.which("varnishd"),
    }[requirement]()
    if found:
        return None
    what = {"chromium": "Chromium", "pango": "WeasyPrint's Pango"}.get(requirement, requirement)
    return f"{what} not installed: {system.INSTALL[requirement]}"


def requirements_of(item):
    names = [name for mark in item.iter_markers("needs") for name in mark.args]
    if "browser" in item.keywords:
        names.append("chromium")
    return list(dict.fromkeys(names))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "needs(*requirements): skip, with the install command, when this machine lacks one "
        "(chromium, pango, font:<language>, postgresql, redis, wrk, varnish)",
    )


def pytest_collection_modifyitems(config, items):
    reasons = {}
    skipped = {}
    for item in items:
        for requirement in requirements_of(item):
            if requirement not in reasons:
                reasons[requirement] = missing(requirement)
            reason = reasons[requirement]
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))
                skipped[reason] = skipped.get(reason, 0) + 1
                break
    if reasons.get("chromium") and os.environ.get("PRESSROOM_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("PRESSROOM_REQUIRE_BROWSER=1 but Debian's chromium is not installed")
    config._pressroom_skipped = skipped


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_pressroom_skipped", {})
    if not skipped:
        return
    total = sum(skipped.values())
    terminalreporter.write_line(
        f"NOTE: {total} tests were SKIPPED because this machine lacks something outside the virtualenv. "
        "Install it and run `make test` again:",
        yellow=True,
        bold=True,
    )
    for reason, count in sorted(skipped.items()):
        terminalreporter.write_line(f"  {count:4d}  {reason}", yellow=True)


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
def fresh_site(db):
    """The database as `pressroom migrate` leaves it: Wagtail's welcome page as
    the default site's root, the default locale only, no organization settings."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from pressroom.releases.models import Author

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    Author.objects.all().delete()
    Site.objects.all().delete()  # takes the organization settings with it
    Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).delete()
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
    return welcome


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
