"""A page costs a fixed number of queries, whatever the number of comments, tags
or translations (and two once the memoised parts are warm)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from pressroom.comments.models import Comment

NO_PAGE_CACHE = override_settings(PRESSROOM_PAGE_CACHE={"ENABLED": False})


def clear_caches():
    for alias in ("default", "local"):
        caches[alias].clear()


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(release, comments, tags):
    Comment.objects.bulk_create(
        Comment(page=release, name=f"Reader {i}", text=f"Comment {i}", text_hash=f"{i}") for i in range(comments)
    )
    from pressroom.comments.models import Thread

    Thread.bump(release.pk)
    release.tags.add(*[f"tag-{i}" for i in range(tags)])
    release.save_revision().publish()


@pytest.mark.parametrize("path", ["release", "/en/", "/en/releases/", "/en/releases/2022/07/"])
def test_cold_render_costs_the_same_for_1_or_60_comments_and_0_or_8_tags(client, release, path):
    url = release.url if path == "release" else path
    with NO_PAGE_CACHE:
        clear_caches()
        small = queries(client, url)
        grow(release, comments=60, tags=8)
        clear_caches()
        large = queries(client, url)
    assert large == small
    assert small <= 30  # cold: routing, settings, author, tags, translations… each once


def test_warm_render_of_a_release_is_two_queries(client, release):
    """The site generation and the comment thread's version; the rest is memoised."""
    grow(release, comments=60, tags=8)
    with NO_PAGE_CACHE:
        client.get(release.url)
        assert queries(client, release.url) == 2
        assert queries(client, f"{release.url}?comments=2") == 2 + 2  # a page of comments not yet rendered


def test_anonymous_hit_is_two_queries_and_no_render(client, release):
    client.get(release.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(release.url)
    assert response["X-Page-Cache"] == "hit"
    assert len(captured.captured_queries) == 2
    assert response.templates == []
