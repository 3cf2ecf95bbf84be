"""axe-core on every reader page, in en, ru and ko, at a desktop and a phone width: no violations.

axe-core comes inside the virtualenv (axe-playwright-python ships axe.min.js); Playwright
injects it with page.evaluate, which the pages' strict CSP does not stop. Every rule axe
runs by default, whatever its impact, plus ``target-size`` (WCAG 2.2 AA 2.5.8, minimum
size of what a finger taps; off in axe's defaults) -- nothing is switched off.
"""

import time
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import MIN_SECONDS

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ru", "ko"]
WIDTHS = [1280, 390]
RELEASE = "/{lang}/releases/autumn-student-exchange/"
# What the sample content holds in each language (pressroom/core/sample/content.json).
SEARCH = {"en": "exchanges", "ru": "обмен", "ko": "교류"}
TAG = {"en": "student-exchange", "ru": "студенческий-обмен", "ko": "학생-교류"}
PAGES = {
    # name: (path, status)
    "home": ("/{lang}/", 200),
    "index": ("/{lang}/releases/", 200),
    "release": (RELEASE, 200),  # with its comments and the comment form
    "posted": (RELEASE + "?posted=approved", 200),  # after a plain post: the thank-you notice
    "search": ("/{lang}/search/?q={search}", 200),
    "search-empty": ("/{lang}/search/?q=zzqqxx", 200),
    "tag": ("/{lang}/releases/tags/{tag}/", 200),
    "month": ("/{lang}/releases/2022/07/", 200),
    "year": ("/{lang}/releases/2022/", 200),
    "404": ("/{lang}/no-such-page/", 404),
}
# A comment the site refuses for its link, in the reader's language.
REFUSED = {
    "en": "Good news. Details: see example.com for the programme",
    "ru": "Хорошая новость. Подробности: смотрите example.com",
    "ko": "좋은 소식입니다. 자세한 내용은 example.com에서 보세요",
}
LOCALES = {"en": "en-US", "ru": "ru-RU", "ko": "ko-KR"}
OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

axe = Axe()


def assert_no_violations(page, where):
    results = axe.run(page, options=OPTIONS)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def audit_at_both_widths(page, where, shot=None):
    """axe at each width (the page reflows: the phone layout is a different page to audit),
    with a screenshot of each in var/screenshots/ when ``shot`` is given (the layout test in
    test_korean.py saves those of the other reader pages)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        assert_no_violations(page, f"{where} at {width}px")
        if shot:
            shot(f"{width}", page=page)


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_reader_page_has_no_axe_violations(context_factory, lang, name):
    path, status = PAGES[name]
    path = path.format(lang=lang, search=quote(SEARCH[lang]), tag=quote(TAG[lang]))
    page = context_factory(locale=LOCALES[lang]).new_page()
    response = page.goto(path)
    assert response.status == status, (path, response.status)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    audit_at_both_widths(page, path)


def refuse_a_comment(page, lang):
    page.fill("#id_name", "Reader")
    page.fill("#id_text", REFUSED[lang])
    time.sleep(MIN_SECONDS + 0.5)  # the form's time trap
    page.locator("form.comment-form button[type=submit]").click()


def assert_highlight_under_text_field(page):
    """The reader's text with the link marked sits right under the field and its message."""
    assert page.evaluate(
        "document.querySelector('[data-highlight]').previousElementSibling.contains(document.getElementById('id_text'))"
    )


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_refused_comment_has_no_axe_violations(context_factory, shot, lang):
    """The error state, as the page script shows it (the API's answer) and as the server
    renders it for a plain form post (422)."""
    path = RELEASE.format(lang=lang)
    page = context_factory(locale=LOCALES[lang]).new_page()
    page.goto(path)
    refuse_a_comment(page, lang)
    expect(page.locator("#comment-text-error")).to_contain_text("example.com")
    expect(page.locator(".link-highlight mark")).to_have_text("example.com")
    assert_highlight_under_text_field(page)
    audit_at_both_widths(page, f"{path} refused, with JavaScript", shot)

    # Without the page script (axe itself needs JavaScript, so only comments.js is kept out).
    plain = context_factory(locale=LOCALES[lang]).new_page()
    plain.route("**/comments.js", lambda route: route.abort())
    plain.goto(path)
    with plain.expect_navigation() as navigation:
        refuse_a_comment(plain, lang)
    assert navigation.value.status == 422
    expect(plain.locator("#comment-text-error")).to_contain_text("example.com")
    expect(plain.locator(".link-highlight mark")).to_have_text("example.com")
    assert_highlight_under_text_field(plain)
    audit_at_both_widths(plain, f"{path} refused, plain form post", shot)
