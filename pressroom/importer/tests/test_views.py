"""The admin's "Import release": an editor pastes or uploads, reviews, corrects, creates a draft."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from pressroom.importer import services
from pressroom.importer.forms import ReviewForm
from pressroom.importer.parse import parse_release, stable_key
from pressroom.releases.models import Author, PressReleasePage

FILES = Path(__file__).parent / "files"
LIGHTHOUSE = FILES / "en_body_ru_dateline_juche.txt"
URL = "/admin/import/release/"
SHARED = next(
    (p for p in (Path(__file__).resolve().parents[3].parent / "shared" / "releases", Path("/work/shared/releases")) if p.is_dir()),
    None,
)


def make_user(name, *groups, language=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture
def editor(client, sample):
    """A member of Wagtail's "Editors" group: may add and edit pages, not publish."""
    client.force_login(make_user("editor", "Editors"))
    return client


def preview(client, **data):
    return client.post(URL, {"action": "preview", "language": "auto", **data})


def review_data(response, **changes):
    """The review form as the browser would send it back: its initial values, changed."""
    form = response.context["review"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


def docx_bytes(paragraphs):
    """A Word file with these paragraphs; a newline inside one becomes a line break (Shift+Enter)."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        run = document.add_paragraph().add_run()
        for i, line in enumerate(text.split("\n")):
            if i:
                run.add_break()
            run.add_text(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- who may import -------------------------------------------------------------


def test_editor_sees_the_menu_item_and_the_form(editor):
    assert "Import release" in editor.get("/admin/").content.decode()
    response = editor.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="text"' in html and 'name="file"' in html and "Preview the import" in html


def test_user_who_cannot_add_pages_gets_403_and_no_menu_item(client, sample):
    user = make_user("viewer")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert "Import release" not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 403
    pages = PressReleasePage.objects.count()
    assert preview(client, text=LIGHTHOUSE.read_text()).status_code == 403
    response = client.post(URL, {"action": "create", "title": "T", "language": "en", "kicker": "statement",
                                 "release_date": "2024-01-01", "era": "none"})
    assert response.status_code == 403
    assert PressReleasePage.objects.count() == pages


def test_editor_allowed_only_under_another_index_gets_a_form_error(client, sample):
    from wagtail.models import GroupPagePermission

    from pressroom.releases.models import ReleaseIndexPage

    group = Group.objects.create(name="Russian desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    ru_index = ReleaseIndexPage.objects.get(locale__language_code="ru")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(group=group, page=ru_index, permission=Permission.objects.get(codename=codename))
    client.force_login(make_user("desk", "Russian desk"))
    pages = PressReleasePage.objects.count()
    response = client.post(URL, review_data(preview(client, text=LIGHTHOUSE.read_text()), action="create"))
    assert response.status_code == 200
    assert "You may not add pages under" in response.content.decode()
    assert response.context["review"]["title"].value() == "Why Does the Harbour Need a Second Lighthouse?"
    assert PressReleasePage.objects.count() == pages


# -- preview --------------------------------------------------------------------


def test_pasted_text_preview_shows_each_part_and_writes_nothing(editor):
    pages, authors = PressReleasePage.objects.count(), Author.objects.count()
    response = preview(editor, text=LIGHTHOUSE.read_text())
    assert response.status_code == 200
    html = response.content.decode()
    summary = response.context["summary"]
    assert summary["kicker"] == "Press release"
    assert summary["title"] == "Why Does the Harbour Need a Second Lighthouse?"
    assert (summary["author_name"], summary["author_position"]) == ("Lee Min Chol", "Secretary General")
    assert summary["author_organization"] == "Lindenburg-Seaside Association for Friendship and Cultural Exchange"
    assert len(summary["body"]) == 4
    # The dateline is Russian in this file, with the Juche era.
    assert summary["dateline"] == "г. Линденбург, «14» марта 113 года чучхе (2024)"
    assert summary["destination"].created
    assert summary["destination"].url == "/en/releases/why-does-the-harbour-need-a-second-lighthouse/"
    for text in ("Lee Min Chol", "4 paragraph blocks", "113 года чучхе", "/en/releases/why-does-the-harbour"):
        assert text in html
    # The sample organization has other contact details than this file.
    assert any("differs from the organization" in w for w in summary["warnings"])
    # The review form is prefilled from the parse.
    initial = response.context["review"].initial
    assert initial["title"] == summary["title"] and initial["era"] == "juche" and initial["language"] == "en"
    assert initial["body"].count("\n\n") == 3
    assert (PressReleasePage.objects.count(), Author.objects.count()) == (pages, authors)


@pytest.mark.parametrize(
    "order, russian, korean_dateline",
    [
        # As usual for the language: the place first in Russian, the date first in Korean.
        ("language", "г. Линденбург, «14» марта 113 года чучхе (2024)", "2023년 5월 16일 하바롭스크"),
        ("place_first", "г. Линденбург, «14» марта 113 года чучхе (2024)", "하바롭스크, 2023년 5월 16일"),
        ("date_first", "«14» марта 113 года чучхе (2024), г. Линденбург", "2023년 5월 16일 하바롭스크"),
    ],
)
def test_preview_dateline_in_the_organizations_order(editor, korean, order, russian, korean_dateline):
    from wagtail.models import Site

    from pressroom.core.models import OrganizationSettings

    org = OrganizationSettings.for_site(Site.objects.get(is_default_site=True))
    org.dateline_order = order
    org.save()
    assert preview(editor, text=LIGHTHOUSE.read_text()).context["summary"]["dateline"] == russian
    ko = preview(editor, text=(FILES / "ko_common_era_contact.txt").read_text())
    assert ko.context["summary"]["dateline"] == korean_dateline
    assert korean_dateline in ko.content.decode()


@pytest.mark.skipif(SHARED is None, reason="the shared sample releases are not here (../shared/releases)")
def test_shared_sample_release_preview(editor):
    text = (SHARED / "000_7f83dd30d14b5ed4.txt").read_text()
    summary = preview(editor, text=text).context["summary"]
    assert summary["title"] == "Whom Does This Expansion of Military Blocs Aim at?"
    assert summary["author_name"] == "Kim Yong Ho"
    assert summary["dateline"] == "г. Хабаровск, «21» июля 111 года чучхе (2022)"
    assert ("Phone", "(4212) 22-71-55") in summary["contact"]
    assert any("differs from the organization" in w and "22-71-55" in w for w in summary["warnings"])


def test_uploaded_txt_in_windows_1251(editor):
    data = (FILES / "ru_cp1251.txt").read_bytes()
    response = preview(editor, text="", file=SimpleUploadedFile("release.txt", data, "text/plain"))
    summary = response.context["summary"]
    assert summary["title"] == parse_release(data).title
    assert response.context["review"].initial["language"] == "ru"
    # What the file said is now in the text box, decoded.
    assert summary["title"] in response.context["source"]["text"].value()


def test_uploaded_docx(editor):
    # As Word keeps it: no blank lines, one paragraph per block, the contact block's
    # lines (and a wrapped body paragraph) as line breaks inside one paragraph.
    paragraphs = [p for p in LIGHTHOUSE.read_text().split("\n\n") if p.strip()]
    upload = SimpleUploadedFile("release.docx", docx_bytes(paragraphs))
    summary = preview(editor, file=upload).context["summary"]
    assert summary["title"] == "Why Does the Harbour Need a Second Lighthouse?"
    assert summary["author_position"] == "Secretary General"
    assert len(summary["body"]) == 4
    assert summary["dateline"] == "г. Линденбург, «14» марта 113 года чучхе (2024)"


# -- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("empty.txt", b"", "empty"),
        ("picture.txt", (FILES / "binary_faulty.bin").read_bytes(), "binary"),
        ("latin1.txt", "Café au lait - résumé for the naïve señor".encode("latin-1"), "undecodable"),
        ("release.docx", b"Statement - not really a Word file", "not_docx"),
        ("broken.docx", b"PK\x03\x04 truncated zip", "not_docx"),
    ],
)
def test_bad_file_is_refused_and_the_pasted_text_kept(editor, name, data, code):
    pasted = "Statement – Something I typed\n\nAnna Petrova"
    response = preview(editor, text=pasted, file=SimpleUploadedFile(name, data))
    assert response.status_code == 200
    source = response.context["source"]
    # An empty upload is refused by Django's FileField itself, the rest by our form.
    assert source.has_error("file" if code == "empty" else "__all__", code)
    assert code == "empty" or "data-import-error" in response.content.decode()
    assert source["text"].value() == pasted
    assert "summary" not in response.context


def test_errors_are_in_the_editors_language(client, sample):
    client.force_login(make_user("redaktor", "Editors", language="ru"))
    response = preview(client, text="  \n\n ")
    html = response.content.decode()
    assert "Нет текста для импорта" in html
    response = preview(client, text="Заявление – Черновик", file=SimpleUploadedFile("x.docx", b"not a zip"))
    assert "не документ Word" in response.content.decode()
    assert response.context["source"]["text"].value() == "Заявление – Черновик"


# A release with no dateline and a web line in its contact block, which has
# a "%" and markup in it: the parser's notes carry such text as a parameter.
NOTED = (
    "Заявление – Мосты\n\nАнна Петрова\nСекретарь Общества дружбы «Берег»\n\n"
    "Общество открыло читальный зал.\n\nсайт: www.example.org/%(x)s/100%<b>\n"
)


def test_parser_notes_are_in_the_editors_language(client, sample):
    client.force_login(make_user("redaktor", "Editors", language="ru"))
    response = preview(client, text=NOTED)
    assert response.context["parser_notes"] == [
        "строка контактов не сохранена (для неё нет поля): «сайт: www.example.org/%(x)s/100%<b>»",
        "строка даты не найдена",
    ]
    html = response.content.decode()
    assert "Заметки разбора" in html and "<li>строка даты не найдена</li>" in html
    assert "«сайт: www.example.org/%(x)s/100%&lt;b&gt;»" in html  # escaped like any text
    # The command prints the same notes in English.
    assert parse_release(NOTED.encode()).warnings == [
        "contact line not stored (no field for it): 'сайт: www.example.org/%(x)s/100%<b>'",
        "no dateline found",
    ]


def test_parser_notes_in_korean(client, sample):
    client.force_login(make_user("pyonjipja", "Editors", language="ko"))
    notes = preview(client, text=NOTED).context["parser_notes"]
    assert notes == [
        "연락처 줄을 저장하지 않았습니다(넣을 칸이 없음): ‘сайт: www.example.org/%(x)s/100%<b>’",
        "날짜 줄을 찾지 못했습니다",
    ]


def test_parser_notes_in_english_for_an_english_editor(editor):
    html = preview(editor, text=NOTED).content.decode()
    assert "Notes from the parser" in html and "<li>no dateline found</li>" in html


def test_import_problem_is_in_the_editors_language(client, sample):
    """A Korean release on a site without Korean: the preview says so in Russian."""
    client.force_login(make_user("redaktor", "Editors", language="ru"))
    response = preview(client, text=(FILES / "ko_common_era_contact.txt").read_text())
    problem = response.context["summary"]["problem"]
    assert problem == "на сайте нет языка «ko» (языки содержимого: en, ru)"
    assert problem in response.content.decode()


# -- create ---------------------------------------------------------------------


def test_corrections_are_used_and_the_draft_is_not_live(editor):
    response = preview(editor, text=LIGHTHOUSE.read_text())
    body = response.context["review"].initial["body"].split("\n\n")
    data = review_data(
        response,
        action="create",
        kicker="statement",
        title="A Second Lighthouse for the Harbour",
        author_position="Secretary General of the Association",
        body="\n\n".join(body[:2] + ["A paragraph the editor added."]),
        era="none",
    )
    response = editor.post(URL, data)
    page = PressReleasePage.objects.get(title="A Second Lighthouse for the Harbour")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.has_unpublished_changes and page.latest_revision is not None
    assert page.kicker == "statement"
    assert page.author.position == "Secretary General of the Association"
    assert [b.value.source for b in page.body][-1] == "<p>A paragraph the editor added.</p>"
    assert len(page.body) == 3
    assert page.locale.language_code == "en"
    assert page.get_parent().slug == "releases"
    # The key follows the corrected title, as a CLI import of the corrected text would.
    form = ReviewForm(data)
    assert form.is_valid()
    assert page.import_key == stable_key(form.to_parsed()) == "a-second-lighthouse-for-the-harbour-2024-03-14-en"
    # Wagtail's editor opens on it with the message.
    html = editor.get(response["Location"]).content.decode()
    assert "imported as a draft" in html and "A Second Lighthouse for the Harbour" in html


def test_second_import_updates_the_same_page(editor):
    first = editor.post(URL, review_data(preview(editor, text=LIGHTHOUSE.read_text()), action="create"))
    page = PressReleasePage.objects.get(import_key=stable_key(parse_release(LIGHTHOUSE.read_bytes())))
    response = preview(editor, text=LIGHTHOUSE.read_text())
    assert not response.context["summary"]["destination"].created
    assert any("imported before" in w for w in response.context["summary"]["warnings"])
    second = editor.post(URL, review_data(response, action="create"))
    assert first["Location"] == second["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert PressReleasePage.objects.filter(import_key=page.import_key).count() == 1


def test_translation_of_an_existing_release_shares_its_translation_key(editor):
    english = services.import_parsed_release(parse_release(LIGHTHOUSE.read_bytes())).page
    response = preview(editor, text=(FILES / "ru_body_ru_dateline.txt").read_text())
    assert response.context["review"].initial["language"] == "ru"
    assert english in response.context["review"].fields["translation_of"].queryset
    data = review_data(response, action="create", translation_of=english.pk)
    response = editor.post(URL, data)
    assert response.status_code == 302
    russian = PressReleasePage.objects.get(pk=int(response["Location"].split("/")[-3]))
    assert russian.locale.language_code == "ru" and not russian.live
    assert russian.translation_key == english.translation_key
    assert english.get_translation(Locale.objects.get(language_code="ru")).pk == russian.pk
    assert russian.get_parent().specific.translation_key == english.get_parent().translation_key


def test_translation_refused_when_one_exists_and_the_text_is_kept(editor, release, release_ru):
    text = (FILES / "ru_body_ru_dateline.txt").read_text()
    pages = PressReleasePage.objects.count()
    data = review_data(preview(editor, text=text), action="create", translation_of=release.pk)
    response = editor.post(URL, data)
    assert response.status_code == 200
    assert "already has a translation" in response.content.decode()
    assert response.context["review"]["title"].value() == data["title"]
    assert response.context["source"]["text"].value() == text
    assert PressReleasePage.objects.count() == pages
