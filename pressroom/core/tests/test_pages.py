import re

import pytest
from wagtail.models import Locale, Site

from pressroom.core.models import HomePage, OrganizationSettings


def test_sample_content_has_three_releases_in_two_languages(sample):
    from pressroom.releases.models import PressReleasePage

    for code in ("en", "ru"):
        assert PressReleasePage.objects.live().filter(locale__language_code=code).count() == 3
    # Each English release has its Russian translation.
    for release in PressReleasePage.objects.filter(locale__language_code="en"):
        assert release.get_translation_or_none(Locale.objects.get(language_code="ru")) is not None


def test_sample_content_loads_once(sample):
    from pressroom.core import sample_content

    assert sample_content.load() is None  # already loaded by conftest
    assert HomePage.objects.count() == 2


@pytest.mark.parametrize("language, title, footer_city", [("en", "Amur Bridge Society", "Khabarovsk"), ("ru", "Общество «Амурский мост»", "Хабаровск")])
def test_home_page_in_each_language(client, sample, language, title, footer_city):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert f"<title>{title} — " in html  # the page's title, then the organization's name
    assert footer_city in html.split('class="site-footer"')[1]
    assert html.count('class="release-card"') == 3


def test_root_redirects_to_a_language(client, sample):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_footer_shows_contact_in_page_language(client, sample):
    html = client.get("/ru/").content.decode()
    footer = html.split('class="site-footer"')[1]
    assert "680030" in footer and "ул. Набережная, 12" in footer
    assert "Факс: (4212) 55-01-24" in footer
    html = client.get("/en/").content.decode()
    footer = html.split('class="site-footer"')[1]
    assert "12 Naberezhnaya St." in footer and "Fax: (4212) 55-01-24" in footer


def test_organization_text_falls_back_to_default_language(sample):
    org = OrganizationSettings.for_site(Site.objects.get(is_default_site=True))
    assert org.text_for("ko").language == "en"
    assert org.text_for("ru").name.startswith("Общество")


def test_search_finds_release_in_active_language(client, sample):
    html = client.get("/en/search/", {"q": "music"}).content.decode()
    assert "An evening of traditional <mark>music</mark>" in html  # the match is marked in the title
    assert "Вечер традиционной" not in html
    html = client.get("/ru/search/", {"q": "музыка"}).content.decode()
    assert "Вечер традиционной <mark>музыки</mark>" in html


def test_search_handles_empty_and_nonsense(client, sample):
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/search/", {"q": "zzqqxx" * 100}).status_code == 200
    html = client.get("/en/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_404_page_is_ours(client, sample):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_static_css_is_served(sample, settings):
    from django.test import Client

    # WhiteNoise serves from the app folders when nothing was collected (as in tests).
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client(HTTP_HOST="127.0.0.1")  # a new client builds its middleware with these settings
    html = client.get("/en/").content.decode()
    href = re.search(r'href="(/static/core/css/site[^"]*\.css)"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200
    assert b".comment-form" in b"".join(response.streaming_content)


def test_korean_sample_site(client, korean):
    """With Korean configured the sample has a Korean home page, release, comment and footer."""
    html = client.get("/ko/").content.decode()
    assert '<html lang="ko">' in html
    assert "<title>아무르다리협회 — 아무르다리 문화교류협회</title>" in html
    assert "본문으로 건너뛰기" in html and "보도자료 검색" in html
    footer = html.split('class="site-footer"')[1]
    assert "하바롭스크" in footer and "나베레즈나야 거리 12" in footer and "팩스: (4212) 55-01-24" in footer
    assert html.count('class="release-card"') == 1  # the one release the sample has in Korean
    html = client.get("/ko/releases/autumn-student-exchange/").content.decode()
    assert "주체111(2022)년 7월 21일 하바롭스크" in html  # the Juche era; the date first, as Korean writes it
    assert "반가운 소식입니다. 시골 학교도 참가할 수 있나요?" in html
    assert "댓글 남기기" in html
    assert 'hreflang="ko"' in client.get("/en/releases/autumn-student-exchange/").content.decode()


def test_sample_languages_follow_the_settings(settings):
    from pressroom.core import sample_content

    settings.LANGUAGES = [("ko", "한국어"), ("en", "English"), ("de", "Deutsch")]
    assert sample_content.sample_languages() == ["ko", "en"]


def heading_levels(html):
    from html.parser import HTMLParser

    levels = []

    class Headings(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if re.fullmatch(r"h[1-6]", tag):
                levels.append(int(tag[1]))

    Headings().feed(html)
    return levels


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/", "/{lang}/releases/", "/{lang}/releases/2022/", "/{lang}/search/?q=exchange",
        "/{lang}/search/?q=обмен", "/{lang}/search/?q=교류", "/{lang}/releases/autumn-student-exchange/",
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru", "ko"])
def test_heading_levels_do_not_jump(client, korean, path, lang):
    """One h1, and each heading at most one level below the one before (no h1 -> h3)."""
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    levels = heading_levels(response.content.decode())
    assert levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


@pytest.mark.parametrize(
    "lang, date",
    [("en", "July 21, 2022"), ("ru", "21 июля 2022\u202fг."), ("ko", "2022년 7월 21일")],
)
def test_release_shows_its_date_by_the_title(client, korean, lang, date):
    html = client.get(f"/{lang}/releases/autumn-student-exchange/").content.decode()
    header = html.split('<article class="release"')[1].split("</header>")[0]
    assert f'<time datetime="2022-07-21">{date}</time>' in header
