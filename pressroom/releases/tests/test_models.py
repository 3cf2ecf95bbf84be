import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from pressroom.releases.models import Author, Kicker, PressReleasePage, ReleaseIndexPage


def add_release(index, title, date, **kwargs):
    release = PressReleasePage(title=title, release_date=date, dateline_place="Khabarovsk", **kwargs)
    index.add_child(instance=release)
    release.save_revision().publish()
    return release


def test_release_page_renders_byline_dateline_kicker_tags(client, release):
    html = client.get(release.url).content.decode()
    assert "Press release" in html
    assert "Anna Sokolova" in html and "Chairwoman, Amur Bridge Society" in html
    assert "Khabarovsk, July 21, Juche 111 (2022)" in html
    assert "student exchange" in html
    assert '<meta name="description" content="The Society doubles' in html


def test_russian_release_uses_russian_dateline_author_and_kicker(client, release_ru):
    html = client.get(release_ru.url).content.decode()
    assert release_ru.url.startswith("/ru/")
    assert "г. Хабаровск, «21» июля 111 года чучхе (2022)" in html
    assert "Анна Соколова" in html
    assert "Пресс-релиз" in html


def test_translations_linked_with_hreflang_and_switcher(client, release, release_ru):
    html = client.get(release.url).content.decode()
    assert f'hreflang="ru" href="http://127.0.0.1:8000{release_ru.url}"' in html
    assert f'<a href="{release_ru.url}" hreflang="ru" lang="ru">Русский</a>' in html
    html = client.get(release_ru.url).content.decode()
    assert f'hreflang="en" href="http://127.0.0.1:8000{release.url}"' in html


def test_era_setting_changes_dateline(client, release):
    from pressroom.core.models import OrganizationSettings

    org = OrganizationSettings.for_site(release.get_site())
    org.era = "none"
    org.save()
    assert "Khabarovsk, July 21, 2022" in client.get(release.url).content.decode()


def test_index_lists_newest_first_and_paginates(client, sample):
    index = ReleaseIndexPage.objects.get(locale__language_code="en")
    for n in range(22):
        add_release(index, f"Bulk release {n:02d}", datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    html = client.get(index.url).content.decode()
    assert html.count('class="release-card"') == 20
    titles = [line for line in html.splitlines() if 'class="card-title"><a' in line]
    assert "An evening of traditional music" in titles[0]  # 2024 comes first
    html2 = client.get(index.url, {"page": 2}).content.decode()
    assert html2.count('class="release-card"') == 5
    assert "Bulk release 00" in html2
    assert client.get(index.url, {"page": "999"}).status_code == 200
    assert client.get(index.url, {"page": "x"}).status_code == 200


def test_draft_and_scheduled_releases_are_invisible(client, sample):
    index = ReleaseIndexPage.objects.get(locale__language_code="en")
    draft = PressReleasePage(title="Secret draft", release_date=datetime.date(2025, 1, 1), live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    draft.refresh_from_db()
    scheduled = PressReleasePage(title="Embargoed news", release_date=datetime.date(2025, 1, 2), live=False)
    index.add_child(instance=scheduled)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled.save_revision().publish()  # as the editor's "Publish" with a go-live date
    for url in (index.url, "/en/"):
        html = client.get(url).content.decode()
        assert "Secret draft" not in html and "Embargoed news" not in html
    assert client.get(draft.url or "/en/releases/secret-draft/").status_code == 404
    assert 'class="release-card"' not in client.get("/en/search/", {"q": "Embargoed"}).content.decode()


def test_new_release_appears_on_front_page(client, sample):
    index = ReleaseIndexPage.objects.get(locale__language_code="en")
    author = Author.objects.filter(locale__language_code="en").first()
    add_release(index, "Fresh statement", datetime.date(2026, 11, 1), kicker=Kicker.STATEMENT, author=author, summary="Fresh.")
    html = client.get("/en/").content.decode()
    assert "Fresh statement" in html
    assert html.index("Fresh statement") < html.index("An evening of traditional music")


def test_author_is_localized_for_the_page_language(release, release_ru):
    assert release.localized_author.name == "Anna Sokolova"
    # Even if the Russian page still points at the English author, the Russian one is shown.
    release_ru.author = release.author
    assert release_ru.localized_author.name == "Анна Соколова"
    assert release_ru.localized_author.locale == Locale.objects.get(language_code="ru")


def test_kicker_choices_are_translatable():
    from django.utils import translation

    with translation.override("ru"):
        assert str(Kicker.STATEMENT.label) == "Заявление"
