"""CI runs the suite twice; these make sure the second run really is on PostgreSQL + Redis."""

import os

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.skipif(not os.environ.get("PRESSROOM_EXPECT_DB"), reason="only when CI names the database")
def test_running_on_the_expected_database():
    assert connection.vendor == os.environ["PRESSROOM_EXPECT_DB"]


@pytest.mark.skipif(not os.environ.get("PRESSROOM_EXPECT_REDIS"), reason="only when CI names the cache")
def test_running_on_redis():
    from django.core.cache import cache

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("pressroom-ci-probe", 1, 5)
    assert cache.get("pressroom-ci-probe") == 1
