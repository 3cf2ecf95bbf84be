import datetime
import html
from xml.etree import ElementTree

import feedparser
import pytest
from django.utils import translation
from taggit.models import Tag


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("fmt,content_type", [("rss", "application/rss+xml"), ("atom", "application/atom+xml")])
def test_release_feed_is_well_formed_with_absolute_links_and_dates(client, release, fmt, content_type):
    response, feed = parse(client, f"/en/feeds/releases.{fmt}")
    assert response["Content-Type"].startswith(content_type)
    assert len(feed.entries) == 3
    assert feed.feed.link.startswith("http://127.0.0.1:8000/en/releases/")
    entry = next(e for e in feed.entries if e.title == release.title)
    assert entry.link == release.full_url and entry.link.startswith("http")
    assert entry.published_parsed[:3] == (2022, 7, 21)
    if fmt == "atom":  # RSS 2.0 has no "updated" element
        assert entry.updated_parsed >= entry.published_parsed
    assert entry.id == f"http://127.0.0.1:8000/release/{release.translation_key}/en"
    html = entry.content[0].value
    assert "<p>" in html
    assert entry.summary.startswith(release.summary[:30])
    if fmt == "rss":
        assert entry.guidislink is False
        assert feed.feed.language == "en"
    else:
        assert response.content.decode().startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xml:lang="en"')


def test_rss_carries_content_encoded(client, release):
    xml = client.get("/en/feeds/releases.rss").content.decode()
    assert 'xmlns:content="http://purl.org/rss/1.0/modules/content/"' in xml
    assert "<content:encoded>" in xml
    assert '<guid isPermaLink="false">' in xml


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_russian_feed_has_russian_titles(client, release_ru, fmt):
    response, feed = parse(client, f"/ru/feeds/releases.{fmt}")
    titles = [e.title for e in feed.entries]
    assert release_ru.title in titles
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in t) for t in titles)
    assert "Амурский мост" in feed.feed.title
    assert all(e.link.startswith("http://127.0.0.1:8000/ru/") for e in feed.entries)


def test_guid_survives_editing_and_republishing(client, release):
    _, before = parse(client, "/en/feeds/releases.atom")
    old = {e.title: e.id for e in before.entries}[release.title]

    release.title = "Exchange widened again"
    release.slug = "exchange-widened-again"
    release.last_published_at = None
    release.save_revision().publish()

    _, after = parse(client, "/en/feeds/releases.atom")
    entry = {e.title: e for e in after.entries}["Exchange widened again"]
    assert entry.id == old
    assert entry.link.endswith("/en/releases/exchange-widened-again/")


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_tag_feed_lists_only_tagged_releases(client, release, fmt):
    slug = Tag.objects.get(name="student exchange").slug
    _, feed = parse(client, f"/en/feeds/tags/{slug}.{fmt}")
    assert [e.title for e in feed.entries] == [release.title]
    assert client.get(f"/en/feeds/tags/no-such-tag.{fmt}").status_code == 404


def test_russian_tag_feed_with_cyrillic_slug(client, release_ru):
    slug = Tag.objects.get(name="студенческий обмен").slug
    _, feed = parse(client, f"/ru/feeds/tags/{slug}.rss")
    assert [e.title for e in feed.entries] == [release_ru.title]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_author_feed_accepts_any_translation_of_the_author(client, release, release_ru, fmt):
    _, feed = parse(client, f"/ru/feeds/authors/{release.author_id}.{fmt}")
    assert [e.title for e in feed.entries] == [release_ru.title]
    assert feed.entries[0].author == "Анна Соколова"
    assert client.get(f"/en/feeds/authors/999999.{fmt}").status_code == 404


def test_comments_feed(client, release, release_ru):
    from pressroom.comments.models import Comment

    Comment.objects.create(page=release, name="Olga", text="Great news for our school.")
    Comment.objects.create(page=release, name="Spam", text="hidden", status="pending")
    _, feed = parse(client, f"/en/feeds/comments/{release.pk}.rss")
    texts = [e.summary for e in feed.entries]
    assert "Great news for our school." in texts and "hidden" not in texts
    assert all(e.link.startswith(release.full_url + "#comment-") for e in feed.entries)
    # A release is only in its own language's comment feed.
    assert client.get(f"/en/feeds/comments/{release_ru.pk}.rss").status_code == 404


def test_comments_feed_sends_readers_text_as_text_not_markup(client, release):
    from pressroom.comments.models import Comment

    text = 'Nice <img src=x onerror="alert(1)"> & <b>bold</b>\nsecond line'
    Comment.objects.create(page=release, name="<script>x</script>", text=text)
    xml = client.get(f"/en/feeds/comments/{release.pk}.rss").content
    description = ElementTree.fromstring(xml).find("channel/item/description").text
    # The description is HTML to a feed reader: only our <br> is markup there.
    assert "<img" not in description and "<b>" not in description
    assert description == "Nice &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;<br>second line"
    assert html.unescape(description.replace("<br>", "\n")) == text


def test_interleaved_feed_requests_keep_their_own_state(rf, release, release_ru):
    """urls.py shares one Feed object between threads: request A, then B, then
    A's feed is rendered -- A must get A's items (old code stored B's locale and
    page on the Feed)."""
    from pressroom.comments.models import Comment
    from pressroom.releases import feeds

    Comment.objects.create(page=release, name="Olga", text="English comment")
    Comment.objects.create(page=release_ru, name="Ольга", text="Русский комментарий")

    def begin(feed, code, *args):
        request = rf.get(f"/{code}/feeds/x", HTTP_HOST="127.0.0.1:8000")
        with translation.override(code):
            return request, feed.get_object(request, *args)

    def render(feed, request, obj, code):
        with translation.override(code):
            return feedparser.parse(feed.get_feed(obj, request).writeString("utf-8"))

    releases = feeds.ReleaseFeed()
    request_en, obj_en = begin(releases, "en")
    request_ru, obj_ru = begin(releases, "ru")
    english = render(releases, request_en, obj_en, "en")
    assert release.title in [e.title for e in english.entries]
    assert all("/en/" in e.link for e in english.entries)
    assert "Амурский мост" in render(releases, request_ru, obj_ru, "ru").feed.title

    comments = feeds.CommentsFeed()
    request_en, obj_en = begin(comments, "en", release.pk)
    request_ru, obj_ru = begin(comments, "ru", release_ru.pk)
    english = render(comments, request_en, obj_en, "en")
    summaries = [e.summary for e in english.entries]
    assert "English comment" in summaries and "Русский комментарий" not in summaries
    assert all(e.link.startswith(release.full_url + "#comment-") for e in english.entries)
    russian = [e.summary for e in render(comments, request_ru, obj_ru, "ru").entries]
    assert "Русский комментарий" in russian and "English comment" not in russian


def test_feed_pubdate_falls_back_to_release_date_midnight(release):
    from pressroom.releases.feeds import release_pubdate

    release.first_published_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    value = release_pubdate(release)
    assert value.tzinfo is not None and value.date() == datetime.date(2022, 7, 21)


def test_pages_advertise_feeds(client, release, sample):
    for url in (release.url, "/en/releases/", "/en/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html, url
        assert 'href="/en/feeds/releases.rss"' in html
        assert '<link rel="alternate" type="application/atom+xml"' in html
    html = client.get(release.url).content.decode()
    assert f"/en/feeds/comments/{release.pk}.rss" in html


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_korean_feed(client, korean, fmt):
    from pressroom.releases.models import PressReleasePage

    response, feed = parse(client, f"/ko/feeds/releases.{fmt}")
    assert [e.title for e in feed.entries] == ["가을 학생 교류가 서른 개 학교로 더 넓어진다"]
    assert feed.feed.title == "아무르다리 문화교류협회"
    assert all(e.link.startswith("http://127.0.0.1:8000/ko/") for e in feed.entries)
    release = PressReleasePage.objects.get(locale__language_code="ko")
    _, comments = parse(client, f"/ko/feeds/comments/{release.pk}.rss")
    assert comments.feed.title == "“가을 학생 교류가 서른 개 학교로 더 넓어진다”에 달린 댓글"
    assert [e.summary for e in comments.entries] == ["반가운 소식입니다. 시골 학교도 참가할 수 있나요?"]
