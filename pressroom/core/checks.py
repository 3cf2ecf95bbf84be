"""``pressroom check``: what this installation lacks, in Django's system-check framework.

Registered in ``CoreConfig.ready()``. What the machine lacks is a Warning when
readers would notice (PDFs answer 503) and Info when only the test suite does
(Chromium); a setting that cannot work is an Error.

=================  =======================================================
pressroom.W001     no installed font covers a configured language
pressroom.W002     WeasyPrint's Pango is missing: every PDF answers 503
pressroom.I003     Chromium is missing: the browser tests are skipped
pressroom.W004     the configured PostgreSQL server does not answer
pressroom.W005     the configured Redis server does not answer
pressroom.E006     PRESSROOM_COMMENTS has a key that does not exist
pressroom.W007     SQLite: the readers' search table misses releases (after an upgrade)
=================  =======================================================

Silence one with ``SILENCED_SYSTEM_CHECKS`` (production silences I003).
"""

import difflib

from django.apps import apps
from django.conf import settings
from django.core import checks

from . import system


@checks.register()
def check_fonts_and_pango(app_configs=None, **kwargs):
    messages = []
    if not system.pango_available():
        messages.append(
            checks.Warning(
                "WeasyPrint cannot load Debian's Pango, so every release PDF answers 503.",
                hint=f"Install it: {system.INSTALL['pango']}",
                id="pressroom.W002",
            )
        )
    for code, name in settings.LANGUAGES:
        if not system.has_font_for(code):
            messages.append(
                checks.Warning(
                    f"No installed font covers {name} ({code}): its release PDFs answer 503.",
                    hint=f"Install one: {system.font_install_command(code)}",
                    id="pressroom.W001",
                )
            )
    return messages


@checks.register()
def check_chromium(app_configs=None, **kwargs):
    if system.chromium_path():
        return []
    return [
        checks.Info(
            "Chromium is not installed: `make test` skips the browser tests.",
            hint=f"Install it: {system.INSTALL['chromium']}",
            id="pressroom.I003",
        )
    ]


def server_problems(databases, caches, timeout=1.0):
    """Warnings for PostgreSQL databases and Redis caches that do not answer."""
    messages = []
    for alias, config in databases.items():
        if "postgresql" not in config.get("ENGINE", ""):
            continue
        address = system.database_address(config)
        if address and not system.reachable(*address, timeout=timeout):
            messages.append(
                checks.Warning(
                    f"Database {alias!r}: PostgreSQL at {address[0]}:{address[1]} does not answer.",
                    hint="Start it (sudo systemctl start postgresql) or correct DATABASE_URL.",
                    id="pressroom.W004",
                )
            )
    for alias, config in caches.items():
        if not config.get("BACKEND", "").endswith("RedisCache"):
            continue
        locations = config.get("LOCATION") or "redis://127.0.0.1:6379"
        for url in [locations] if isinstance(locations, str) else locations:
            host, port = system.redis_address(url)
            if not system.reachable(host, port, timeout=timeout):
                messages.append(
                    checks.Warning(
                        f"Cache {alias!r}: Redis at {host}:{port} does not answer; "
                        "rate limits and cached pages fail until it does.",
                        hint="Start it (sudo systemctl start redis-server) or correct REDIS_URL.",
                        id="pressroom.W005",
                    )
                )
    return messages


@checks.register()
def check_servers(app_configs=None, **kwargs):
    return server_problems(settings.DATABASES, settings.CACHES)


def unknown_comment_settings(configured, known):
    """Errors for keys of ``PRESSROOM_COMMENTS`` that no code reads."""
    if not isinstance(configured, dict):
        return [
            checks.Error(
                f"PRESSROOM_COMMENTS must be a dict, not {type(configured).__name__}.",
                hint="See pressroom/comments/conf.py.",
                id="pressroom.E006",
            )
        ]
    messages = []
    for key in sorted(set(configured) - set(known), key=str):
        close = difflib.get_close_matches(str(key), list(known), n=1)
        hint = f"Did you mean {close[0]!r}?" if close else f"Known keys: {', '.join(sorted(known))}."
        messages.append(
            checks.Error(f"PRESSROOM_COMMENTS has an unknown key {key!r}; it would be ignored.", hint=hint, id="pressroom.E006")
        )
    return messages


@checks.register()
def check_comment_settings(app_configs=None, **kwargs):
    # The comments app owns the defaults; core only reads them, and only when
    # that app is installed.
    if not apps.is_installed("pressroom.comments"):
        return []
    from pressroom.comments.conf import DEFAULTS

    return unknown_comment_settings(getattr(settings, "PRESSROOM_COMMENTS", {}), DEFAULTS)


@checks.register()
def check_search_table(app_configs=None, **kwargs):
    """W007: on SQLite, releases the readers' search table (releases/fulltext.py) has not seen."""
    if not apps.is_installed("pressroom.releases"):
        return []
    from pressroom.releases import fulltext

    try:
        incomplete = fulltext.has_tables() and not fulltext.complete()
    except Exception:  # no database to ask (W004 says why), or none allowed here
        return []
    if not incomplete:
        return []
    return [
        checks.Warning(
            "The readers' search table does not hold every release yet (this site was upgraded): "
            "searches use Wagtail's slower index until it is filled.",
            hint="Run `pressroom update_index` (or `pressroom bootstrap`) once.",
            id="pressroom.W007",
        )
    ]
