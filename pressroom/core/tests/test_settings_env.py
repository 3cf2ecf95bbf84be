import io
import os
import stat
from pathlib import Path

import pytest

from pressroom.settings import env


def test_database_defaults_to_sqlite_in_var_with_wal(tmp_path):
    config = env.database({}, tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "pressroom.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_database_url_postgres(tmp_path):
    config = env.database({"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/press"}, tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"], config["USER"]) == ("press", "127.0.0.1", 5432, "u")
    assert "OPTIONS" not in config or "init_command" not in config["OPTIONS"]


def test_caches_redis_when_url_given_else_shared_files(tmp_path):
    files = env.caches({}, tmp_path)["default"]
    assert files["BACKEND"].endswith("FileBasedCache")  # shared by all workers, unlike local memory
    assert files["LOCATION"] == str(tmp_path / "cache")
    redis = env.caches({"REDIS_URL": "redis://127.0.0.1:6379/3"}, tmp_path)["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_secret_key_generated_once_into_var(tmp_path):
    first = env.secret_key({}, tmp_path)
    assert len(first) > 40
    assert env.secret_key({}, tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert env.secret_key({"SECRET_KEY": "given"}, tmp_path) == "given"


@pytest.fixture
def no_chmod(monkeypatch):
    """chmod does nothing, as when a process dies between writing a file and
    chmod'ing it: only a file created with its mode stays private."""
    old = os.umask(0o022)
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(Path, "chmod", lambda *args, **kwargs: None)
    yield
    os.umask(old)


def test_secret_key_is_created_private_not_chmoded_later(tmp_path, no_chmod):
    env.secret_key({}, tmp_path / "var")
    assert stat.S_IMODE((tmp_path / "var" / "secret_key").stat().st_mode) == 0o600


def test_admin_password_file_is_created_private(db, tmp_path, settings, no_chmod):
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    call_command("bootstrap", "--username", "new-admin", stdout=io.StringIO())
    path = tmp_path / "admin-password"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text().strip()) >= 12


def test_bools_and_lists():
    assert env.env_bool({"PRESSROOM_DEBUG": "1"}, "PRESSROOM_DEBUG") is True
    assert env.env_bool({"PRESSROOM_DEBUG": "off"}, "PRESSROOM_DEBUG") is False
    assert env.env_bool({}, "PRESSROOM_DEBUG") is False
    assert env.env_list({"ALLOWED_HOSTS": "a.example, b.example,"}, "ALLOWED_HOSTS") == ["a.example", "b.example"]
    assert env.env_list({}, "ALLOWED_HOSTS", ["x"]) == ["x"]


def test_languages_korean_by_one_setting():
    assert [code for code, _ in env.languages({})] == ["en", "ru"]
    assert env.languages({"PRESSROOM_LANGUAGES": "en,ru,ko"})[2] == ("ko", "한국어")
