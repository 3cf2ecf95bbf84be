import json
import re
from html.parser import HTMLParser

import pytest


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data


def head_of(client, url):
    parser = Head()
    parser.feed(client.get(url).content.decode())
    return parser


def test_open_graph_twitter_and_canonical(client, release):
    head = head_of(client, release.url)
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == release.title
    assert head.meta["og:description"].startswith("The Society doubles")
    assert head.meta["og:url"] == release.full_url
    assert head.meta["og:locale"] == "en_US"
    assert head.meta["og:locale:alternate"] == "ru_RU"
    assert head.meta["og:site_name"] == "Amur Bridge Society for Cultural Exchange"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == release.title
    assert {"rel": "canonical", "href": release.full_url} in head.links


def test_json_ld_news_article(client, release):
    head = head_of(client, release.url)
    assert len(head.scripts) == 1
    data = json.loads(head.scripts[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == release.title
    assert data["datePublished"].startswith("2022-07-21")
    assert re.match(r"\d{4}-\d\d-\d\dT", data["dateModified"])
    assert data["author"] == {"@type": "Person", "name": "Anna Sokolova", "jobTitle": "Chairwoman"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Amur Bridge Society for Cultural Exchange"
    assert data["publisher"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 Naberezhnaya St.",
        "addressLocality": "Khabarovsk",
        "postalCode": "680030",
        "addressCountry": "Russia",
    }
    assert data["inLanguage"] == "en"
    assert data["url"] == release.full_url


def test_russian_json_ld(client, release_ru):
    head = head_of(client, release_ru.url)
    data = json.loads(head.scripts[0])
    assert data["inLanguage"] == "ru"
    assert data["headline"] == release_ru.title
    assert data["author"]["name"] == "Анна Соколова"
    assert data["publisher"]["name"] == "Общество культурного обмена «Амурский мост»"
    assert data["publisher"]["address"]["addressLocality"] == "Хабаровск"
    assert head.meta["og:locale"] == "ru_RU"


def test_script_breakout_in_title_stays_data(client, release):
    evil = 'Bad </script><script>alert("x")</script> & co'
    release.title = evil
    release.save_revision().publish()
    html = client.get(release.url).content.decode()
    assert '<script>alert("x")' not in html
    head = head_of(client, release.url)
    assert len(head.scripts) == 1
    assert json.loads(head.scripts[0])["headline"] == evil


def test_ld_json_script_escapes():
    from pressroom.releases.jsonld import ld_json_script

    assert str(ld_json_script({"a": "</script>&"})) == (
        '<script type="application/ld+json">{"a": "\\u003C/script\\u003E\\u0026"}</script>'
    )
