"""`pressroom bootstrap`: the first start of a real organization, without the sample."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from pressroom.core.models import HomePage, OrganizationSettings
from pressroom.releases.models import ReleaseIndexPage


def bootstrap(*args):
    out = io.StringIO()
    call_command("bootstrap", *args, stdout=out)
    return out.getvalue()


def test_no_sample_makes_home_and_release_index_for_each_language(client, fresh_site, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = bootstrap(
        "--no-sample",
        "--organization", "Harbour Friends",
        "--organization", "ru=Друзья гавани",
        "--era", "juche",
        "--city", "Lindenburg", "--city", "ru=Линденбург",
        "--street", "1 Quay St.",
        "--email", "press@harbour.example", "--phone", "+1 555 0100",
    )
    assert "Made the home page and release index for: en, ru." in out
    homes = {h.locale.language_code: h for h in HomePage.objects.live()}
    assert {code: h.title for code, h in homes.items()} == {"en": "Harbour Friends", "ru": "Друзья гавани"}
    assert homes["en"].translation_key == homes["ru"].translation_key
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == homes["en"] and site.site_name == "Harbour Friends"
    indexes = ReleaseIndexPage.objects.live()
    assert sorted((i.locale.language_code, i.get_parent().specific.title) for i in indexes) == [
        ("en", "Harbour Friends"), ("ru", "Друзья гавани"),
    ]
    assert {i.title for i in indexes} == {"Releases", "Публикации"}

    org = OrganizationSettings.for_site(site)
    assert (org.era, org.email, org.phone) == ("juche", "press@harbour.example", "+1 555 0100")
    texts = {t.language: (t.name, t.city, t.street) for t in org.texts.all()}
    assert texts == {"en": ("Harbour Friends", "Lindenburg", "1 Quay St."), "ru": ("Друзья гавани", "Линденбург", "1 Quay St.")}

    # The pages answer, in both languages, with the organization in the footer.
    for code, name in (("en", "Harbour Friends"), ("ru", "Друзья гавани")):
        for url in (homes[code].url, indexes.get(locale__language_code=code).url):
            response = client.get(url)
            assert response.status_code == 200, url
            assert name in response.content.decode()


def test_asked_once_a_second_run_changes_nothing_an_editor_set(fresh_site, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    bootstrap("--no-sample", "--organization", "Harbour Friends", "--email", "press@harbour.example")
    org = OrganizationSettings.for_site(Site.objects.get(is_default_site=True))
    org.email = "editor@harbour.example"
    org.save()
    out = bootstrap("--no-sample", "--organization", "Someone Else", "--email", "other@example.org")
    assert "Made the home page" not in out
    org.refresh_from_db()
    assert org.email == "editor@harbour.example"
    assert org.texts.get(language="en").name == "Harbour Friends"
    assert HomePage.objects.count() == 2 and ReleaseIndexPage.objects.count() == 2


def test_languages_must_be_configured(fresh_site, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with pytest.raises(CommandError, match="ko: not in PRESSROOM_LANGUAGES"):
        bootstrap("--no-sample", "--languages", "en,ko")
    out = bootstrap("--no-sample", "--languages", "en")
    assert "release index for: en." in out
    assert [h.locale.language_code for h in HomePage.objects.all()] == ["en"]


def test_organization_options_need_no_sample(sample):
    with pytest.raises(CommandError, match="need --no-sample"):
        bootstrap("--organization", "Harbour Friends")
