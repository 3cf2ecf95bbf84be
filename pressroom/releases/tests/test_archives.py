import datetime
from urllib.parse import quote

import pytest
from taggit.models import Tag

from pressroom.releases.models import PressReleasePage, ReleaseIndexPage


def index_for(code):
    return ReleaseIndexPage.objects.get(locale__language_code=code)


def titles(response):
    return [r.title for r in response.context["releases"]]


def test_index_sidebar_counts_years_and_months_in_page_language(client, sample):
    response = client.get("/en/releases/")
    html = response.content.decode()
    assert 'href="/en/releases/2022/"' in html and 'href="/en/releases/2022/07/"' in html
    assert ">July</a> <span class=\"count\">(1)</span>" in html
    years = response.context["archive_years"]
    assert [(y["year"], y["count"]) for y in years] == [(2024, 1), (2023, 1), (2022, 1)]
    html_ru = client.get("/ru/releases/").content.decode()
    assert ">Июль</a>" in html_ru and ">Сентябрь</a>" in html_ru


def test_year_and_month_archives(client, release):
    response = client.get("/en/releases/2022/")
    assert response.status_code == 200
    assert titles(response) == [release.title]
    response = client.get("/en/releases/2022/07/")
    assert response.status_code == 200 and titles(response) == [release.title]
    assert "<h1>July 2022</h1>" in response.content.decode()
    ru = client.get("/ru/releases/2022/07/").content.decode()
    assert "<h1>Июль 2022\u202fг.</h1>" in ru


def test_archive_sidebar_marks_the_page_shown(client, sample):
    month = client.get("/en/releases/2022/07/").content.decode()
    assert '<a href="/en/releases/2022/07/" aria-current="page">July</a>' in month
    assert '<a href="/en/releases/2022/">2022</a>' in month
    year = client.get("/en/releases/2022/").content.decode()
    assert '<a href="/en/releases/2022/" aria-current="page">2022</a>' in year
    assert "aria-current" not in client.get("/en/releases/").content.decode().split('class="archive-sidebar"')[1]


@pytest.mark.parametrize("url", ["/en/releases/1999/", "/en/releases/2022/08/", "/en/releases/2022/13/",
                                 "/en/releases/2022/00/", "/en/releases/22/", "/en/releases/tags/nope/",
                                 "/en/releases/authors/999999/"])
def test_empty_or_invalid_archives_are_404(client, sample, url):
    assert client.get(url).status_code == 404


def test_tag_archive_per_language(client, release, release_ru):
    slug = Tag.objects.get(name="student exchange").slug
    response = client.get(f"/en/releases/tags/{slug}/")
    assert response.status_code == 200 and titles(response) == [release.title]
    # An English tag has no Russian releases.
    assert client.get(f"/ru/releases/tags/{slug}/").status_code == 404
    ru_slug = Tag.objects.get(name="студенческий обмен").slug
    response = client.get(f"/ru/releases/tags/{ru_slug}/")
    assert response.status_code == 200 and titles(response) == [release_ru.title]
    assert quote(f"/ru/feeds/tags/{ru_slug}.rss") in response.content.decode()


def test_release_page_links_its_tags_and_author(client, release):
    html = client.get(release.url).content.decode()
    slug = Tag.objects.get(name="student exchange").slug
    assert f'href="/en/releases/tags/{slug}/">student exchange</a>' in html
    assert f'href="/en/releases/authors/{release.author_id}/">Anna Sokolova</a>' in html


def test_author_archive_accepts_any_translation(client, release, release_ru):
    response = client.get(f"/ru/releases/authors/{release.author_id}/")
    assert response.status_code == 200
    assert titles(response) == [release_ru.title]
    assert "<h1>Анна Соколова</h1>" in response.content.decode()


def test_archive_pagination(client, sample, settings):
    index = index_for("en")
    for n in range(3):
        page = PressReleasePage(title=f"Extra {n}", release_date=datetime.date(2022, 7, 1 + n))
        index.add_child(instance=page)
        page.save_revision().publish()
    from pressroom.releases import models

    old = models.RELEASES_PER_PAGE
    models.RELEASES_PER_PAGE = 2
    try:
        first = client.get("/en/releases/2022/07/")
        second = client.get("/en/releases/2022/07/?page=2")
    finally:
        models.RELEASES_PER_PAGE = old
    assert len(titles(first)) == 2 and len(titles(second)) == 2
    assert first.context["page_obj"].paginator.count == 4


@pytest.mark.parametrize("few", [0, 200])
def test_small_listings_read_by_id_list_the_same_pages(client, sample, monkeypatch, few):
    """A listing of at most FEW releases is read as its ids first: same releases, order and pages."""
    from pressroom.releases import views

    monkeypatch.setattr(views, "FEW", few)
    monkeypatch.setattr("pressroom.releases.models.RELEASES_PER_PAGE", 2)
    index = index_for("en")
    tag, _ = Tag.objects.get_or_create(name="harbour")
    made = []
    for day in (3, 1, 2, 5, 4):  # dates out of order, two on the same day
        release = index.add_child(instance=PressReleasePage(
            title=f"Harbour note {day}", slug=f"harbour-note-{day}", locale=index.locale,
            release_date=datetime.date(2021, 5, min(day, 4)), body=[]))
        release.tags.add(tag)
        release.save_revision().publish()
        made.append(release)
    expected = [r.title for r in sorted(made, key=lambda r: (r.release_date, r.pk), reverse=True)]
    pages = [titles(client.get(f"/en/releases/tags/{tag.slug}/", {"page": n})) for n in (1, 2, 3)]
    assert sum(pages, []) == expected
    assert client.get(f"/en/releases/tags/{tag.slug}/").context["page_obj"].paginator.count == 5
