"""Tests for the import_release command and the release side of importer.services."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pressroom.core.models import Era, OrganizationSettings, OrganizationText
from pressroom.importer.parse import parse_release, stable_key
from pressroom.importer.services import kicker_for
from pressroom.releases.models import Author, PressReleasePage, ReleaseIndexPage

FILES = Path(__file__).parent / "files"
LIGHTHOUSE = FILES / "en_body_ru_dateline_juche.txt"


def run(*args):
    """call_command("import_release", ...) -> (stdout, stderr, CommandError or None)."""
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_release", *map(str, args), stdout=out, stderr=err)
    except CommandError as e:
        error = e
    return out.getvalue(), err.getvalue(), error


def imported(path, locale=None):
    parsed = parse_release(Path(path).read_bytes())
    return PressReleasePage.objects.get(import_key=stable_key(parsed), locale__language_code=locale or parsed.locale)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- dry run ------------------------------------------------------------------


@pytest.mark.django_db
def test_dry_run_json_is_the_parse_and_writes_nothing(sample):
    pages, authors = PressReleasePage.objects.count(), Author.objects.count()
    out, err, error = run(LIGHTHOUSE, "--dry-run", "--json")
    assert error is None and err == ""
    assert json.loads(out) == parse_release(LIGHTHOUSE.read_bytes()).to_dict()
    assert (PressReleasePage.objects.count(), Author.objects.count()) == (pages, authors)


@pytest.mark.django_db
def test_dry_run_json_several_files_is_a_list_with_null_for_faulty_ones(sample):
    files = [LIGHTHOUSE, FILES / "empty_faulty.txt", FILES / "ru_cp1251.txt"]
    out, err, error = run(*files, "--dry-run", "--json")
    data = json.loads(out)
    assert [d and d["title"] for d in data] == [
        "Why Does the Harbour Need a Second Lighthouse?",
        None,
        parse_release((FILES / "ru_cp1251.txt").read_bytes()).title,
    ]
    assert err.count("ERROR") == 1 and "empty_faulty.txt" in err
    assert error is not None


@pytest.mark.django_db
def test_dry_run_without_json_reports_and_rolls_back(sample):
    pages = PressReleasePage.objects.count()
    out, _, error = run(LIGHTHOUSE, "--dry-run")
    assert error is None
    assert "Dry run: nothing was written." in out
    # What would happen, and where readers would find it -- not the tree path (/home-en/...).
    first = out.splitlines()[0]
    assert first.startswith(
        f"{LIGHTHOUSE}: would create \u201cWhy Does the Harbour Need a Second Lighthouse?\u201d (en, draft) "
        "at /en/releases/why-does-the-harbour-need-a-second-lighthouse/ [key "
    )
    assert "Created page" not in out and "/home-en/" not in out
    assert out.rstrip().endswith("Found 1, Created 1, Updated 0, Errors 0")
    assert PressReleasePage.objects.count() == pages


@pytest.mark.django_db
def test_dry_run_of_an_imported_file_says_would_update_with_its_address(sample):
    run(LIGHTHOUSE)
    page = imported(LIGHTHOUSE)
    out, _, error = run(LIGHTHOUSE, "--dry-run")
    assert error is None
    assert f"would update page {page.pk} \u201c{page.title}\u201d" in out
    assert f"at /en/releases/{page.slug}/ " in out


@pytest.mark.django_db
def test_unicode_address_is_shown_readable(sample):
    out, _, error = run(FILES / "ru_cp1251.txt", "--dry-run")
    assert error is None
    assert "at /ru/releases/концерт-на-набережной/ " in out


@pytest.mark.django_db
def test_contact_block_that_differs_from_the_settings_is_a_warning(sample):
    out, _, error = run(LIGHTHOUSE)
    assert error is None
    line = next(line for line in out.splitlines() if "differs from the organization's settings" in line)
    # The sample organization is in Khabarovsk; the file's phone is Lindenburg's.
    assert "phone '(4232) 10-20-30', settings '(4212) 55-01-23'" in line
    assert OrganizationSettings.objects.get().phone == "(4212) 55-01-23"


@pytest.mark.django_db
def test_json_needs_dry_run(sample):
    assert "--dry-run" in str(run(LIGHTHOUSE, "--json")[2])


# -- create, update, publish --------------------------------------------------


@pytest.mark.django_db
def test_creates_a_draft_with_author_under_the_locale_index(sample):
    out, _, error = run(LIGHTHOUSE)
    assert error is None
    page = imported(LIGHTHOUSE)
    assert not page.live and page.latest_revision is not None
    assert page.get_parent().specific == ReleaseIndexPage.objects.get(locale__language_code="en", slug="releases")
    assert page.slug == "why-does-the-harbour-need-a-second-lighthouse"
    assert page.kicker == "press_release"
    assert page.dateline_place == "Линденбург"
    assert page.release_date == datetime.date(2024, 3, 14)
    assert [b.block_type for b in page.body] == ["paragraph"] * 4
    assert page.body[1].value.source.startswith("<p>The captains spoke about fog")
    author = page.author
    assert (author.name, author.locale.language_code) == ("Lee Min Chol", "en")
    assert author.position == "Secretary General"
    assert author.organization == "Lindenburg-Seaside Association for Friendship and Cultural Exchange"
    assert "Created page" in out and "author created: Lee Min Chol" in out
    assert out.rstrip().endswith("Found 1, Created 1, Updated 0, Errors 0")


@pytest.mark.django_db
def test_reimport_updates_the_same_page(sample):
    run(LIGHTHOUSE)
    page = imported(LIGHTHOUSE)
    pages, authors = PressReleasePage.objects.count(), Author.objects.count()
    out, _, error = run(LIGHTHOUSE)
    assert error is None
    assert (PressReleasePage.objects.count(), Author.objects.count()) == (pages, authors)
    assert imported(LIGHTHOUSE).pk == page.pk
    assert "Updated page" in out and out.rstrip().endswith("Found 1, Created 0, Updated 1, Errors 0")


@pytest.mark.django_db
def test_publish_makes_it_live_and_keeps_the_key(sample):
    run(LIGHTHOUSE, "--publish")
    page = imported(LIGHTHOUSE)
    assert page.live and page.first_published_at is not None
    assert page.import_key == "why-does-the-harbour-need-a-second-lighthouse-2024-03-14-en"
    # Published later again: still one page, still live.
    run(LIGHTHOUSE, "--publish")
    assert PressReleasePage.objects.filter(import_key=page.import_key).count() == 1


@pytest.mark.django_db
def test_reimport_without_publish_leaves_the_live_version(sample, tmp_path):
    first = write(tmp_path, "a.txt", "Statement – Quiet Harbour\n\nOne.\n\nLindenburg, 02.03.2024\n")
    run(first, "--publish")
    second = write(tmp_path, "b.txt", "Statement – Quiet Harbour\n\nOne, revised.\n\nLindenburg, 02.03.2024\n")
    out, _, _ = run(second)
    page = imported(first)
    assert page.live and page.body[0].value.source == "<p>One.</p>"
    assert page.get_latest_revision_as_object().body[0].value.source == "<p>One, revised.</p>"
    assert "the live version is unchanged until it is published" in out


@pytest.mark.django_db
def test_cp1251_and_crlf_files_import(sample):
    ru, crlf = FILES / "ru_cp1251.txt", FILES / "en_dateline_juche_crlf.txt"
    assert b"\r\n" in crlf.read_bytes()
    out, err, error = run(ru, crlf)
    assert error is None, err
    page = imported(ru)
    assert page.locale.language_code == "ru" and page.get_parent().slug == "releases"
    assert page.author.locale.language_code == "ru"
    page = imported(crlf)
    assert page.kicker == "article" and page.title == "Bread, Salt and a Shared Table"
    assert page.release_date == datetime.date(2023, 9, 9)
    assert out.rstrip().endswith("Found 2, Created 2, Updated 0, Errors 0")


@pytest.mark.django_db
def test_faulty_file_is_reported_and_the_good_one_still_imports(sample):
    out, err, error = run(FILES / "binary_faulty.bin", LIGHTHOUSE, FILES / "empty_faulty.txt")
    assert isinstance(error, CommandError)
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("ERROR ") and "binary_faulty.bin" in lines[0] and "binary" in lines[0]
    assert "empty_faulty.txt" in lines[1]
    assert imported(LIGHTHOUSE)
    assert out.rstrip().endswith("Found 3, Created 1, Updated 0, Errors 2")


@pytest.mark.django_db
def test_missing_parts_are_warnings(sample, tmp_path):
    path = write(tmp_path, "bare.txt", "Commentary – Fog Again\n\nThe fog came back.\n")
    out, _, error = run(path)
    assert error is None
    assert "warning: no dateline found" in out
    assert "warning: kicker 'Commentary' is not one of ours; used Press release" in out
    page = PressReleasePage.objects.get(title="Fog Again")
    assert page.author is None and page.kicker == "press_release"


@pytest.mark.django_db
def test_notes_and_problems_print_in_english_whatever_the_active_language(sample, tmp_path):
    """The admin shows them translated; the command's report stays in one language."""
    from django.utils import translation

    path = write(tmp_path, "bare.txt", "Commentary – Fog Again\n\nThe fog came back.\n")
    with translation.override("ru"):
        out, _, _ = run(path)
        _, err, error = run(LIGHTHOUSE, "--locale", "ko")
    assert "warning: no dateline found" in out and "warning: no author name found" in out
    assert "ERROR" in err and "the site has no 'ko' locale (content languages: en, ru)" in err and error


@pytest.mark.django_db
def test_same_title_other_date_gets_a_unique_slug(sample, tmp_path):
    a = write(tmp_path, "a.txt", "Statement – Rowing Season\n\nOpen.\n\nLindenburg, 01.05.2023\n")
    b = write(tmp_path, "b.txt", "Statement – Rowing Season\n\nOpen again.\n\nLindenburg, 01.05.2024\n")
    run(a, b)
    assert imported(a).slug == "rowing-season"
    assert imported(b).slug == "rowing-season-2"


@pytest.mark.django_db
def test_author_is_matched_by_name_and_locale_and_updated(sample, tmp_path):
    Author.objects.create(name="Lee Min Chol", locale=imported_locale("en"), position="Member")
    out, _, _ = run(LIGHTHOUSE)
    assert Author.objects.filter(name="Lee Min Chol").count() == 1
    assert Author.objects.get(name="Lee Min Chol").position == "Secretary General"
    assert "author updated" in out


def imported_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


@pytest.mark.django_db
def test_parent_option(sample):
    en_home = sample
    archive = ReleaseIndexPage(title="Archive", slug="archive", locale=en_home.locale)
    en_home.add_child(instance=archive)
    run(LIGHTHOUSE, "--parent", "archive")
    assert imported(LIGHTHOUSE).get_parent().pk == archive.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [(["--parent", "nowhere"], "nowhere"), (["--locale", "xx"], "unknown locale"), (["--locale", "ko"], None)],
)
def test_bad_options(sample, args, message):
    out, err, error = run(LIGHTHOUSE, *args)
    if message:
        assert isinstance(error, CommandError) and message in str(error)
        assert PressReleasePage.objects.filter(import_key__startswith="why-does").count() == 0
    else:
        # ko is a language the parser knows, but this site has no Korean tree.
        assert "no 'ko' locale" in err and error is not None


# -- organization settings ----------------------------------------------------


@pytest.fixture
def org(sample):
    from wagtail.models import Site

    return OrganizationSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
def test_organization_filled_only_where_empty(org):
    org.phone = ""
    org.era = Era.NONE
    org.save()
    OrganizationText.objects.filter(organization=org, language="ru").update(city="", street="")
    out, _, _ = run(LIGHTHOUSE)
    org.refresh_from_db()
    assert org.phone == "(4232) 10-20-30"  # was empty
    assert org.postal_code == "680030" and org.fax == "(4212) 55-01-24"  # kept
    assert org.era == Era.JUCHE
    ru = OrganizationText.objects.get(organization=org, language="ru")
    assert (ru.city, ru.street) == ("Линденбург", "ул. Маячная, 7")
    assert ru.country == "Россия" and ru.name == "Общество культурного обмена «Амурский мост»"
    en = OrganizationText.objects.get(organization=org, language="en")
    assert en.city == "Khabarovsk"  # the dateline is Russian: only the ru address is touched
    assert "organization: filled phone" in out and "era set to Juche" in out


@pytest.mark.django_db
def test_organization_era_not_changed_when_chosen(org):
    assert org.era == Era.JUCHE  # the sample content chose it
    out, _, _ = run(LIGHTHOUSE)
    assert "era set" not in out


@pytest.mark.django_db
def test_missing_address_row_is_created_named_after_the_author_organization(org):
    OrganizationText.objects.filter(organization=org, language="ru").delete()
    out, _, _ = run(LIGHTHOUSE)
    ru = OrganizationText.objects.get(organization=org, language="ru")
    assert ru.name == "Lindenburg-Seaside Association for Friendship and Cultural Exchange"
    assert (ru.country, ru.city, ru.street) == ("Россия", "Линденбург", "ул. Маячная, 7")
    assert "created the ru name and address" in out


@pytest.mark.django_db
def test_full_settings_are_left_alone(org):
    before = (org.postal_code, org.phone, org.fax, org.era)
    texts = list(OrganizationText.objects.filter(organization=org).values())
    run(LIGHTHOUSE, FILES / "ru_body_ru_dateline.txt", FILES / "en_dateline_juche_crlf.txt")
    org.refresh_from_db()
    assert (org.postal_code, org.phone, org.fax, org.era) == before
    assert list(OrganizationText.objects.filter(organization=org).values()) == texts


# -- pure helpers -------------------------------------------------------------


@pytest.mark.parametrize(
    "label, value",
    [
        ("Press release", "press_release"),
        ("Пресс-релиз", "press_release"),
        ("Statement", "statement"),
        ("Заявление", "statement"),
        ("Article", "article"),
        ("Статья", "article"),
        ("Opinion", "press_release"),
        (None, "press_release"),
    ],
)
def test_kicker_for(label, value):
    kicker, warning = kicker_for(label)
    assert kicker == value
    assert (warning is None) == (label not in ("Opinion", None))



# -- Korean -------------------------------------------------------------------


@pytest.mark.django_db
def test_korean_release_goes_to_the_korean_tree(korean, client):
    path = FILES / "ko_common_era_contact.txt"
    out, err, error = run(path)
    assert error is None, err
    assert "Created 1" in out and "author unchanged: 파벨 림" in out  # the sample's Korean author
    page = imported(path)
    assert page.locale.language_code == "ko"
    assert page.get_parent().specific.locale.language_code == "ko"
    assert (page.title, page.kicker, page.dateline_place) == ("아무르강 기슭을 함께 가꾸자", "statement", "하바롭스크")
    assert page.release_date == datetime.date(2023, 5, 16)
    assert (page.author.name, page.author.position) == ("파벨 림", "프로그램 담당자")
    # The sample organization writes the Juche era: the page's dateline says so in Korean.
    assert page.dateline() == "주체112(2023)년 5월 16일 하바롭스크"  # date first, as Korean writes it
    # The Korean contact block matches the Korean organization text: nothing to fill or warn about.
    text = OrganizationText.objects.get(language="ko")
    assert (text.city, text.street) == ("하바롭스크", "나베레즈나야 거리 12")


# -- a freshly migrated database -------------------------------------------------


def test_publish_into_a_freshly_migrated_database_makes_what_it_needs(client, fresh_site):
    out, err, error = run(LIGHTHOUSE, FILES / "ru_body_ru_dateline.txt", "--publish")
    assert error is None, err
    assert "no release index page" not in err
    english, russian = imported(LIGHTHOUSE), imported(FILES / "ru_body_ru_dateline.txt")
    for page, code in ((english, "en"), (russian, "ru")):
        assert page.live and page.locale.language_code == code
        index = page.get_parent().specific
        assert isinstance(index, ReleaseIndexPage) and index.locale.language_code == code
        assert index.get_parent().specific.locale.language_code == code
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    assert index.get_parent().translation_key == english.get_parent().get_parent().translation_key
    home = client.get("/", follow=True)  # the site's root is the new English home page
    assert home.status_code == 200 and english.title in home.content.decode()
