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


@pytest.mark.parametrize("with_korean", [False, True])
def test_first_run_says_which_sample_it_loaded(fresh_site, settings, tmp_path, with_korean):
    """The message counts what was made: Korean has one release of the sample when configured."""
    from pressroom.comments.models import Comment
    from pressroom.releases.models import PressReleasePage

    settings.VAR_DIR = tmp_path
    if with_korean:  # as PRESSROOM_LANGUAGES=en,ru,ko would (see conftest's korean fixture)
        settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.LANGUAGES, ("ko", "한국어")]
        backends = dict(settings.WAGTAILSEARCH_BACKENDS)
        backends["ko"] = {**backends["ru"], "SEARCH_CONFIG": "simple"}
        settings.WAGTAILSEARCH_BACKENDS = backends
    out = bootstrap()
    made = {
        code: PressReleasePage.objects.filter(locale__language_code=code).count()
        for code in ("en", "ru", "ko")
    }
    if with_korean:
        assert made == {"en": 3, "ru": 3, "ko": 1} and Comment.objects.count() == 3
        assert "Loaded the sample content: 3 releases in English, 3 in Russian and 1 in Korean, with 3 comments.\n" in out
    else:
        assert made == {"en": 3, "ru": 3, "ko": 0} and Comment.objects.count() == 2
        assert "Loaded the sample content: 3 releases in English and 3 in Russian, with 2 comments.\n" in out
    assert "Loaded the sample content" not in bootstrap()  # once


def test_load_sample_content_command_says_what_it_loaded(fresh_site):
    out = io.StringIO()
    call_command("load_sample_content", stdout=out)
    assert "Loaded the sample content under /home-en/: 3 releases in English and 3 in Russian, with 2 comments." in out.getvalue()
    out = io.StringIO()
    call_command("load_sample_content", stdout=out)
    assert out.getvalue() == "Sample content already present; nothing to do.\n"
