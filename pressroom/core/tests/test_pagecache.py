"""HTTP caching of public pages: headers, 304s, and correctness whatever the cache forgets."""

import random
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from pressroom.comments.models import Comment, Status, Thread

SHARED = "public, max-age=0, s-maxage=600, stale-while-revalidate=30"


def raw_keys():
    """The keys the shared cache holds now (LocMemCache in tests, Redis in CI's second run)."""
    if hasattr(cache._cache, "get_client"):  # noqa: SLF001 - django.core.cache.backends.redis
        client = cache._cache.get_client(None, write=True)  # noqa: SLF001
        return [key.decode() for key in client.keys(cache.make_key("*"))]
    return list(cache._cache)  # noqa: SLF001


def evict(raw_key):
    """What culling, maxmemory or expiry does to one key."""
    if hasattr(cache._cache, "get_client"):  # noqa: SLF001
        cache._cache.get_client(None, write=True).delete(raw_key)  # noqa: SLF001
    else:
        cache._cache.pop(raw_key, None)  # noqa: SLF001
        cache._expire_info.pop(raw_key, None)  # noqa: SLF001


def shown_ids(html):
    return sorted(int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', html))


def approved_ids(page):
    return sorted(page.comments.approved().values_list("pk", flat=True))


@pytest.mark.parametrize("path", ["/en/", "/en/releases/", "/en/releases/2022/", "/en/releases/autumn-student-exchange/"])
def test_anonymous_pages_are_shareable(client, sample, path):
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == SHARED
    assert response["ETag"].startswith('W/"') and response["Last-Modified"]
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"  # not Cookie: nothing personal in the page
    assert not response.cookies  # no csrftoken, no session
    assert b"csrfmiddlewaretoken" not in response.content


def test_release_page_holds_no_per_visitor_data(client, release):
    first = client.get(release.url, HTTP_ACCEPT_ENCODING="identity").content
    cache.clear()
    second = client.get(release.url, HTTP_ACCEPT_ENCODING="identity").content
    strip = lambda html: re.sub(rb'name="token" value="[^"]+"', b"", html)  # noqa: E731 - the shared time-trap token
    assert strip(first) == strip(second)


def test_conditional_get_answers_304_before_and_after_caching(client, release):
    first = client.get(release.url)
    assert first["X-Page-Cache"] == "miss"
    again = client.get(release.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == SHARED
    cache.clear()
    after_eviction = client.get(release.url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip")
    assert after_eviction.status_code == 304  # same state, same validator, whatever the encoding


def test_new_comment_changes_the_page_and_its_etag(client, release, comment_factory):
    first = client.get(release.url)
    comment = comment_factory(release, "A new thought.")
    response = client.get(release.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and response["ETag"] != first["ETag"]
    assert f'id="comment-{comment.pk}"' in response.content.decode()


def test_editor_pages_are_private_and_never_stored(client, release):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    response = client.get(release.url)
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert not any(":page:" in key for key in raw_keys())


@pytest.mark.parametrize("query", ["?posted=approved", "?comments=abc", "?utm_source=x", "?comments=1&comments=2"])
def test_other_query_strings_are_private(client, release, query):
    response = client.get(release.url + query)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_page_number_spellings_share_one_fragment(client, release, comment_factory):
    comment_factory(release, "Only one.")
    for spelling in ("1", "01", "001", "999"):
        client.get(f"{release.url}?comments={spelling}")
    fragments = [key for key in raw_keys() if ":comments:frag:" in key]
    assert len(fragments) == 1


def test_publishing_changes_every_cached_page(client, release):
    before = client.get("/en/releases/").content.decode()
    release.title = "A renamed release"
    release.save_revision().publish()
    after = client.get("/en/releases/")
    assert after["X-Page-Cache"] == "miss"
    assert "A renamed release" in after.content.decode() and "A renamed release" not in before


def test_page_shows_exactly_the_approved_comments_whatever_the_cache_forgets(client, release, comment_factory):
    """Post, hide, approve and delete comments while the cache loses keys at random
    (cleared, culled, expired): every page view shows exactly the approved ones."""
    rng = random.Random(20261130)
    comments = []
    for step in range(40):
        action = rng.choice(["post", "post", "hide", "approve", "delete"])
        if action == "post" or not comments:
            comments.append(comment_factory(release, f"Thought number {step}."))
        else:
            comment = rng.choice(comments)
            if action == "delete":
                comment.delete()
                comments.remove(comment)
            else:
                comment.status = Status.HIDDEN if action == "hide" else Status.APPROVED
                comment.save()
        for key in raw_keys():  # evict any key, the version keys of old included
            if rng.random() < 0.4:
                evict(key)
        html = client.get(release.url).content.decode()
        assert shown_ids(html) == approved_ids(release), f"step {step} ({action})"
        count = Thread.state(release.pk)[1]
        assert count == len(approved_ids(release))
        if count:
            assert f"Comments ({count})" in html


@pytest.fixture
def comment_factory(db):
    def make(page, text, status=Status.APPROVED):
        return Comment.objects.create(page=page, name="Reader", text=text, status=status)

    return make


def admin_form_data(form):
    """What the browser sends back for a Wagtail admin model form as shown: its fields and inline formsets."""

    def values(f):
        data = {}
        for name in f.fields:
            value = f[name].value()
            if value is None or value is False:
                continue
            data[f.add_prefix(name)] = "on" if value is True else value
        return data

    data = values(form)
    for formset in getattr(form, "formsets", {}).values():
        data.update(values(formset.management_form))
        for inline in formset.forms:
            data.update(values(inline))
    return data


def test_saving_the_dateline_order_changes_the_cached_release_page(client, release):
    """An editor saves Settings → Organization; the cached release page shows the new order at once."""
    from django.test import Client
    from wagtail.models import Site

    from pressroom.core.models import OrganizationSettings

    assert client.get(release.url)["X-Page-Cache"] == "miss"
    cached = client.get(release.url)
    assert cached["X-Page-Cache"] == "hit"
    assert '<p class="dateline">Khabarovsk, July 21, Juche 111 (2022)</p>' in cached.content.decode()

    editor = Client(HTTP_HOST="127.0.0.1")
    editor.force_login(get_user_model().objects.create_superuser("settings-editor", "se@example.org", "pw"))
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/core/organizationsettings/{site.pk}/"
    shown = editor.get(url)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert 'name="dateline_order"' in html and "As usual for the language" in html
    data = admin_form_data(shown.context["form"])
    assert data["dateline_order"] == "language"
    saved = editor.post(url, {**data, "dateline_order": "date_first"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    assert OrganizationSettings.for_site(site).dateline_order == "date_first"

    after = client.get(release.url)
    assert after["X-Page-Cache"] == "miss"
    assert '<p class="dateline">July 21, Juche 111 (2022), Khabarovsk</p>' in after.content.decode()
    ru = client.get(release.get_translation(release.locale.__class__.objects.get(language_code="ru")).url)
    assert "«21» июля 111 года чучхе (2022), г. Хабаровск" in ru.content.decode()


def test_migrate_retires_what_the_old_code_rendered(db):
    """An upgrade runs migrate: every page, PDF and memo keyed by the old generation is stale."""
    from django.core.management import call_command

    from pressroom.core.models import SiteState

    before = SiteState.current()[0]
    call_command("migrate", verbosity=0)
    assert SiteState.current()[0] == before + 1
