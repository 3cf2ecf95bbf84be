"""Parse Pressroom's environment variables into Django settings values.

Kept apart from ``base.py`` so that the parsing rules are plain functions that
tests can call with a dict instead of the real environment.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

TRUE = {"1", "true", "yes", "on"}


def env_bool(environ, name, default=False):
    """``PRESSROOM_DEBUG=1`` -> True. Anything not in TRUE is False."""
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE


def env_list(environ, name, default=()):
    """Comma-separated list, blanks dropped: ``"a, b,"`` -> ``["a", "b"]``."""
    value = environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database(environ, var_dir):
    """The ``default`` database from ``DATABASE_URL``.

    SQLite (the default, ``var/pressroom.sqlite3``) is put in WAL mode with a
    busy timeout and IMMEDIATE transactions, so that several gunicorn workers
    can write without "database is locked" errors.
    """
    url = environ.get("DATABASE_URL") or f"sqlite:///{Path(var_dir) / 'pressroom.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    return config


def caches(environ, var_dir):
    """Redis when ``REDIS_URL`` is set, else files under ``var/cache``.

    Either way every gunicorn worker sees the same cache: rate limits count
    across workers, and a new comment drops the cached list in all of them
    (a per-process memory cache would leave other workers stale).

    The ``local`` cache is each process's own memory: it only holds values keyed
    by the site generation read from the database (``pressroom.core.derived``).
    """
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pressroom-derived",
             "OPTIONS": {"MAX_ENTRIES": 5000}}
    url = environ.get("REDIS_URL")
    if url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "pressroom",
            },
            "local": local,
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(var_dir) / "cache"),
        },
        "local": local,
    }


def secret_key(environ, var_dir):
    """``SECRET_KEY`` from the environment, else one generated once into ``var/secret_key``."""
    key = environ.get("SECRET_KEY")
    if key:
        return key
    path = Path(var_dir) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    try:
        create_private_file(path, key)
    except FileExistsError:  # another process (a gunicorn worker) made it first
        return path.read_text().strip()
    return key


def create_private_file(path, text):
    """Write ``text`` to a NEW file readable by its owner only (0600 from the
    start: a file written and then chmod'ed is readable by all for a moment).
    FileExistsError if ``path`` exists."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def languages(environ, default=("en", "ru")):
    """Content and interface languages, ``PRESSROOM_LANGUAGES=en,ru,ko``.

    The first one is the default language of the site.
    """
    names = {"en": "English", "ru": "Русский", "ko": "한국어"}
    codes = env_list(environ, "PRESSROOM_LANGUAGES", default) or list(default)
    return [(code, names.get(code, code)) for code in codes]
