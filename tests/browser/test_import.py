"""An editor imports the shared sample release from Wagtail's admin: paste, preview, correct, draft."""

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.liveserver import ROOT

pytestmark = pytest.mark.browser

SAMPLE_NAME = "000_7f83dd30d14b5ed4.txt"
SAMPLE = next(
    (d / SAMPLE_NAME for d in (ROOT.parent / "shared" / "releases", Path("/work/shared/releases")) if (d / SAMPLE_NAME).is_file()),
    None,
)
EDITOR_PASSWORD = secrets.token_urlsafe(12)

RU_RELEASE = ROOT / "pressroom" / "importer" / "tests" / "files" / "ru_body_ru_dateline.txt"

MAKE_EDITOR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
user = get_user_model().objects.create_user({name!r}, "{name}@example.org", {password!r})
user.groups.add(Group.objects.get(name="Editors"))
profile = UserProfile.get_for_user(user)
profile.preferred_language = {language!r}
profile.save()
"""


def log_in_editor(page, server, name, language="en"):
    """Log in as a new member of Wagtail's Editors group (not a superuser) who reads the admin in ``language``."""
    server.manage("shell", "-c", MAKE_EDITOR.format(name=name, password=EDITOR_PASSWORD, language=language))
    page.goto("/admin/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


@pytest.fixture
def editor(page, server):
    return log_in_editor(page, server, "editor")


@pytest.mark.browser
@pytest.mark.skipif(SAMPLE is None, reason="the shared sample releases are not here (../shared/releases)")
def test_editor_imports_the_shared_sample_release(editor, server, context_factory, shot):
    page = editor
    text = SAMPLE.read_text(encoding="utf-8")
    suffix = secrets.token_hex(3)

    # The menu item, then a bad file first: refused, and what was pasted stays.
    page.get_by_role("link", name="Import release").click()
    expect(page).to_have_url(re.compile(r"/admin/import/release/$"))
    page.fill("#source-text", text)
    page.set_input_files("#source-file", files=[{"name": "release.docx", "mimeType": "application/octet-stream",
                                             "buffer": b"this is not a Word file"}])
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("[data-import-error]")).to_contain_text("is not a Word document")
    expect(page.locator("#source-text")).to_have_value(text.replace("\r\n", "\n"))
    shot("import-bad-file")

    # Preview: each part the importer understood.
    page.get_by_role("button", name="Preview the import").click()
    summary = page.locator("[data-import-summary]")
    expect(summary.locator("[data-part=kicker]")).to_have_text("Press release")
    expect(summary.locator("[data-part=title]")).to_have_text("Whom Does This Expansion of Military Blocs Aim at?")
    expect(summary.locator("[data-part=signatory]")).to_have_text(
        "Kim Yong Ho, Secretary General, Korea-Russia Association for Promotion of Exchange and Cooperation"
    )
    expect(summary.locator("[data-part=body]")).to_contain_text("11 paragraph blocks")
    expect(summary.locator("[data-part=dateline]")).to_contain_text("г. Хабаровск, «21» июля 111 года чучхе (2022)")
    expect(summary.locator("[data-part=contact]")).to_contain_text("(4212) 22-71-55")
    expect(summary.locator("[data-import-warnings]")).to_contain_text("differs from the organization's settings")
    expect(summary.locator("[data-import-destination]")).to_contain_text(
        "/en/releases/whom-does-this-expansion-of-military-blocs-aim-at/"
    )
    expect(page.locator("#id_title")).to_have_value("Whom Does This Expansion of Military Blocs Aim at?")
    expect(page.locator("#id_author_position")).to_have_value("Secretary General")
    expect(page.locator("#id_era")).to_have_value("juche")
    # The admin scrolls inside its layout, so a full-page shot is one screen: make the screen tall.
    page.set_viewport_size({"width": 1200, "height": 3400})
    shot("import-preview")
    page.set_viewport_size({"width": 1200, "height": 900})

    # Correct the title and the kicker, check again, create.
    title = f"Whom Does the Expansion of Military Blocs Aim at? {suffix}"
    page.fill("#id_title", title)
    page.select_option("#id_kicker", "statement")
    page.get_by_role("button", name="Check again").click()
    expect(summary.locator("[data-part=kicker]")).to_have_text("Statement")
    slug = f"whom-does-the-expansion-of-military-blocs-aim-at-{suffix}"
    expect(summary.locator("[data-import-destination]")).to_contain_text(f"/en/releases/{slug}/")
    shot("import-corrected")
    page.get_by_role("button", name="Create draft").click()

    # Wagtail's page editor of the new draft.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text("imported as a draft")
    expect(page.locator("#id_title")).to_have_value(title)
    expect(page.locator("#id_kicker")).to_have_value("statement")
    expect(page.locator("#id_dateline_place")).to_have_value("Хабаровск")
    expect(page.locator("#id_release_date")).to_have_value(re.compile(r"2022-07-21"))
    expect(page.locator("main")).to_contain_text("Draft")
    page.set_viewport_size({"width": 1200, "height": 2400})
    shot("import-editor")

    # A draft: readers do not see it yet.
    reader = context_factory().new_page()
    response = reader.goto(f"/en/releases/{slug}/")
    assert response.status == 404
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.skipif(SAMPLE is None, reason="the shared sample releases are not here (../shared/releases)")
def test_russian_editor_uploads_a_translation_of_an_imported_release(page, server, shot):
    # The English original, imported with the command line (same service as the admin).
    out = server.manage("import_release", str(SAMPLE))
    english_title = "Whom Does This Expansion of Military Blocs Aim at?"
    assert "Created page" in out or "Updated page" in out
    log_in_editor(page, server, "redaktor", language="ru")

    page.get_by_role("link", name="Импорт релиза").click()
    page.set_input_files("#source-file", str(RU_RELEASE))
    page.get_by_role("button", name="Посмотреть, что будет импортировано").click()
    summary = page.locator("[data-import-summary]")
    expect(summary).to_contain_text("Что распознал импорт")
    expect(page.locator("#id_language")).to_have_value("ru")
    expect(summary.locator("[data-import-destination]")).to_contain_text("/ru/releases/")
    # What the file said is now in the text box.
    page.get_by_text("Вставленный текст").click()
    expect(page.locator("#source-text")).to_have_value(re.compile(r"\S"))
    option = page.locator("#id_translation_of option", has_text=english_title)
    page.select_option("#id_translation_of", option.get_attribute("value"))
    page.set_viewport_size({"width": 1200, "height": 3400})
    shot("import-preview-ru")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.get_by_role("button", name="Создать черновик").click()

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text("импортирован как черновик")
    shot("import-editor-ru")
    russian_id = int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))
    with server.db_connect() as conn:
        q = server.placeholder()
        rows = conn.execute(
            "SELECT p.id, p.translation_key, l.language_code, p.live FROM wagtailcore_page p "
            f"JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE p.id = {q} OR p.title = {q}",
            (russian_id, english_title),
        ).fetchall()
    by_language = {language: (pk, key, live) for pk, key, language, live in rows}
    assert by_language["ru"][0] == russian_id and not by_language["ru"][2]
    assert by_language["ru"][1] == by_language["en"][1]


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour friends</title><link>https://harbour-{suffix}.example</link><language>en-GB</language>
<wp:base_site_url>https://harbour-{suffix}.example</wp:base_site_url>
<item><title>Autumn concert on the quay {suffix}</title><dc:creator>editor</dc:creator>
  <link>https://harbour-{suffix}.example/2024/10/autumn-concert/</link>
  <content:encoded><![CDATA[<p>Musicians from both shores played on the quay.</p>]]></content:encoded>
  <wp:post_id>11</wp:post_id><wp:post_name>autumn-concert-{suffix}</wp:post_name>
  <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
  <wp:post_date_gmt>2024-10-05 12:00:00</wp:post_date_gmt>
  <wp:comment><wp:comment_id>31</wp:comment_id><wp:comment_author>Mira</wp:comment_author>
    <wp:comment_date_gmt>2024-10-06 08:00:00</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[A lovely evening, thank you.]]></wp:comment_content>
    <wp:comment_approved>1</wp:comment_approved></wp:comment>
  <wp:comment><wp:comment_id>32</wp:comment_id><wp:comment_author>Bot</wp:comment_author>
    <wp:comment_date_gmt>2024-10-06 09:00:00</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[cheap tickets at tickets-{suffix}.com]]></wp:comment_content>
    <wp:comment_approved>1</wp:comment_approved></wp:comment>
</item>
<item><title>About us</title><wp:post_id>12</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""


@pytest.mark.browser
def test_editor_imports_a_wordpress_export_from_the_admin(page, server, context_factory, shot):
    suffix = secrets.token_hex(3)
    log_in_editor(page, server, f"wp{suffix}")
    page.get_by_role("link", name="WordPress import").click()
    expect(page).to_have_url(re.compile(r"/admin/import/wordpress/$"))
    page.set_input_files(
        "#id_file",
        files=[{"name": "harbour.WordPress.xml", "mimeType": "text/xml", "buffer": WXR.format(suffix=suffix).encode()}],
    )
    page.get_by_role("button", name="Preview the import").click()

    report = page.locator("[data-wordpress-report]")
    expect(report).to_contain_text("What importing “harbour.WordPress.xml” would do")
    # An editor of the Editors group may not publish: told before anything is written.
    expect(report.locator("[data-wordpress-destination]")).to_contain_text("posts published in WordPress become drafts")
    row = report.locator("[data-post='11']")
    expect(row).to_contain_text("would create")
    expect(row).to_contain_text(f"/en/releases/autumn-concert-{suffix}/")
    expect(row).to_contain_text("1 approved, 1 hidden (links)")
    expect(report.locator("[data-wordpress-totals]")).to_contain_text("Skipped: 1 page(s)")
    page.set_viewport_size({"width": 1200, "height": 1400})
    shot("wordpress-preview")

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Imported “harbour.WordPress.xml”: 1 release(s) created")
    expect(report).to_contain_text("Imported “harbour.WordPress.xml”")
    shot("wordpress-imported")
    report.locator("[data-post='11'] a", has_text="created").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(f"Autumn concert on the quay {suffix}")

    # A draft: readers do not see it, and its old address is not yet a redirect to a live page.
    reader = context_factory().new_page()
    assert reader.goto(f"/en/releases/autumn-concert-{suffix}/").status == 404
    assert page.console_errors == []


KO_RELEASE = ROOT / "pressroom" / "importer" / "tests" / "files" / "ko_body_juche.txt"


@pytest.mark.browser
def test_korean_editor_imports_a_korean_release(page, server, context_factory, shot):
    """The third language: a Korean release, uploaded by an editor who reads the admin in Korean."""
    log_in_editor(page, server, f"pyonjipja{secrets.token_hex(2)}", language="ko")
    page.get_by_role("link", name="보도자료 가져오기").click()
    page.set_input_files("#source-file", str(KO_RELEASE))
    page.get_by_role("button", name="가져올 내용 미리 보기").click()
    summary = page.locator("[data-import-summary]")
    expect(summary).to_contain_text("가져오기가 읽어 낸 내용")
    expect(page.locator("#id_language")).to_have_value("ko")
    expect(summary.locator("[data-part=title]")).to_have_text("새 등대를 세우자")
    expect(summary.locator("[data-part=signatory]")).to_contain_text("리민철")
    # The Juche year with the common year beside it, as Korean statements write it.
    expect(summary.locator("[data-part=dateline]")).to_contain_text("주체113(2024)년 3월 14일")
    expect(summary.locator("[data-part=dateline]")).to_contain_text("린덴부르크")
    expect(summary.locator("[data-import-destination]")).to_contain_text("/ko/releases/")
    page.set_viewport_size({"width": 1200, "height": 3000})
    shot("import-preview-ko")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.get_by_role("button", name="초안 만들기").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text("초안으로 가져왔습니다")
    expect(page.locator("#id_title")).to_have_value("새 등대를 세우자")
    shot("import-editor-ko")
    assert page.console_errors == []
