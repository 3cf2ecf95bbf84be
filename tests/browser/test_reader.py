"""A reader's journeys, in Chromium against gunicorn: read, switch language, comment."""

import re
import secrets
import time

import pytest
from playwright.sync_api import expect

from .conftest import MIN_SECONDS

pytestmark = pytest.mark.browser

RELEASE = "/en/releases/autumn-student-exchange/"
RELEASE_RU = "/ru/releases/autumn-student-exchange/"


def wait_for_bots_check():
    """The form refuses posts sooner than MIN_SECONDS after it was rendered."""
    time.sleep(MIN_SECONDS + 0.5)


def assert_no_console_errors(page):
    """CSP violations and script errors land on the console; public pages have none."""
    assert page.console_errors == [], page.console_errors
    failed = [(s, u) for s, u in page.failed_urls if not u.endswith("/favicon.ico") and "/api/" not in u]
    assert failed == [], failed


@pytest.mark.browser
def test_reader_reads_switches_language_and_comments(page, shot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot("front-page")

    page.locator(f'main a[href="{RELEASE}"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE) + "$"))
    expect(page.locator("article.release h1")).to_be_visible()
    english_title = page.locator("article.release h1").inner_text()
    shot("release-en")

    page.locator('header .languages a[hreflang="ru"]').click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE_RU) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("article.release h1")).not_to_have_text(english_title)
    expect(page.get_by_role("button", name="Оставить комментарий")).to_be_visible()
    shot("release-ru")

    page.locator('header .languages a[hreflang="en"]').click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE) + "$"))
    expect(page.locator("article.release h1")).to_have_text(english_title)
    # The strict CSP is on, and the comment script (an external file) is allowed by it.
    response = page.request.get(RELEASE)
    assert "script-src 'self'" in response.headers["content-security-policy"]

    text = f"Glad to see more schools join. Ref {secrets.token_hex(4)}"
    heading = page.locator("#comments-title").inner_text()
    count = int(re.search(r"\((\d+)\)", heading).group(1))
    page.fill("#id_name", "Browser Reader")
    page.fill("#id_text", text)
    # The limit is shown before posting; the counter counts as the server does.
    expect(page.locator("#comment-text-limit")).to_contain_text("Up to 5000 characters.")
    expect(page.locator("[data-counter]")).to_have_text(f"{len(text)} / 5000")
    assert page.locator("#id_name").get_attribute("maxlength") == "100"
    page.evaluate("window.__sameDocument = 'yes'")
    wait_for_bots_check()
    shot("comment-typed")
    with page.expect_response(lambda r: "/api/releases/" in r.url and r.request.method == "POST") as posted:
        page.get_by_role("button", name="Leave a comment").click()
    assert posted.value.status == 201, posted.value.text()
    new = page.locator("[data-comment-list] li.comment", has_text=text)
    expect(new).to_be_visible()
    expect(new.locator(".comment-author")).to_have_text("Browser Reader")
    assert page.evaluate("window.__sameDocument") == "yes"  # no reload: the script did it
    expect(page.locator("#id_text")).to_have_value("")
    expect(page.locator("[data-form-errors] .error")).to_have_count(0)
    # The count in the heading follows, and a short confirmation is announced.
    expect(page.locator("#comments-title")).to_contain_text(f"({count + 1})")
    expect(page.locator("[data-form-status][role=status]")).to_have_text("Thank you! Your comment is published.")
    shot("comment-shown")
    assert_no_console_errors(page)

    page.reload()
    expect(page.locator("[data-comment-list] li.comment", has_text=text)).to_have_count(1)


@pytest.mark.browser
def test_link_is_refused_highlighted_and_text_kept(page, context_factory, shot):
    text = f"Great news! More on example dot com, see you there ({secrets.token_hex(3)})"
    page.goto(RELEASE)
    page.fill("#id_name", "Link Poster")
    page.fill("#id_text", text)
    wait_for_bots_check()
    with page.expect_response(lambda r: "/api/releases/" in r.url and r.request.method == "POST") as posted:
        page.get_by_role("button", name="Leave a comment").click()
    assert posted.value.status == 422
    error = page.locator("#comment-text-error")  # on the field it concerns
    expect(error).to_contain_text("example dot com")
    expect(error).to_contain_text("Links are not allowed")
    mark = page.locator(".link-highlight mark")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("example dot com")
    expect(page.locator(".link-highlight")).to_contain_text("Great news! More on")
    expect(page.locator("#id_text")).to_have_value(text)
    expect(page.locator("#id_text")).to_be_focused()
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-comment-list]")).not_to_contain_text("example dot com")
    shot("js-link-refused")
    assert_no_console_errors(page)

    # The same without JavaScript: a plain POST, the page comes back with the error.
    context = context_factory(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(RELEASE)
    nojs.fill("#id_name", "Link Poster")
    nojs.fill("#id_text", text)
    wait_for_bots_check()
    with nojs.expect_navigation() as navigation:
        nojs.get_by_role("button", name="Leave a comment").click()
    assert navigation.value.status == 422
    error = nojs.locator("#comment-text-error")
    expect(error).to_contain_text("example dot com")
    expect(nojs.locator("#id_text")).to_have_value(text)
    expect(nojs.locator("#id_name")).to_have_value("Link Poster")
    expect(nojs.locator("[data-comment-list]")).not_to_contain_text("example dot com")
    # The page opens at the form, not the top of the article: the error is on
    # screen, and the cursor is in the text, whose description is the error.
    expect(error).to_be_in_viewport()
    expect(nojs.locator("#comment-leave, #leave-comment").first).to_be_in_viewport()
    assert nojs.evaluate("window.scrollY") > 0
    # (the page may sit in a background window: ask the document, not the window)
    assert nojs.evaluate("document.activeElement.id") == "id_text"
    expect(nojs.locator("#id_text")).to_have_attribute("aria-describedby", "comment-text-error comment-text-limit")
    shot("nojs-link-refused", page=nojs, full_page=False)


@pytest.mark.browser
def test_russian_reader_gets_russian_refusal(page, shot):
    text = f"Подробности на example dot com ({secrets.token_hex(3)})"
    page.goto(RELEASE_RU)
    page.fill("#id_name", "Читатель")
    page.fill("#id_text", text)
    wait_for_bots_check()
    page.get_by_role("button", name="Оставить комментарий").click()
    expect(page.locator("#comment-text-error")).to_contain_text("Ссылки запрещены")
    expect(page.locator(".link-highlight mark")).to_have_text("example dot com")
    expect(page.locator("#id_text")).to_have_value(text)
    shot("ru-link-refused")
    assert_no_console_errors(page)
