import xml.etree.ElementTree as ET

import pytest

from pressroom.releases.models import PressReleasePage

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall("sm:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS) if link.get("rel") == "alternate"
        }
        urls[url.findtext("sm:loc", namespaces=NS)] = {"lastmod": url.findtext("sm:lastmod", namespaces=NS), "alternates": alternates}
    return urls


def test_every_live_release_and_translation_with_alternates(client, sample):
    urls = sitemap(client)
    releases = PressReleasePage.objects.live()
    assert releases.count() == 6
    for release in releases:
        entry = urls[release.full_url]
        assert entry["lastmod"]
        assert release.full_url.startswith("http://127.0.0.1:8000/")
        translations = {t.locale.language_code: t.full_url for t in release.get_translations(inclusive=True)}
        assert entry["alternates"] == {**translations, "x-default": translations["en"]}
    # home pages and indexes of both languages are there too
    assert "http://127.0.0.1:8000/ru/" in urls and "http://127.0.0.1:8000/ru/releases/" in urls


def test_drafts_and_unpublished_pages_are_left_out(client, release, release_ru):
    from pressroom.releases.models import ReleaseIndexPage

    index = ReleaseIndexPage.objects.get(locale__language_code="en")
    draft = PressReleasePage(title="Not yet", slug="not-yet", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    release_ru.unpublish()
    urls = sitemap(client)
    assert not any("not-yet" in url for url in urls)
    assert release_ru.full_url not in urls
    # the English original no longer names a Russian alternate
    assert "ru" not in urls[release.full_url]["alternates"]


def test_robots_txt_points_at_sitemap(client, sample):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1/sitemap.xml" in response.content.decode()


def test_korean_translation_is_an_alternate(client, korean):
    urls = sitemap(client)
    en = "http://127.0.0.1:8000/en/releases/autumn-student-exchange/"
    ko = "http://127.0.0.1:8000/ko/releases/autumn-student-exchange/"
    assert urls[en]["alternates"]["ko"] == ko
    assert urls[ko]["alternates"]["en"] == en
    assert "http://127.0.0.1:8000/ko/" in urls
