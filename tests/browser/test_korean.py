"""Korean readers, and the reader pages' layout in the three languages at two widths."""

import re
import secrets

import pytest
from playwright.sync_api import expect

from .test_reader import assert_no_console_errors, wait_for_bots_check

pytestmark = pytest.mark.browser

RELEASE_KO = "/ko/releases/autumn-student-exchange/"


@pytest.mark.browser
def test_korean_reader_reads_searches_and_comments(page, shot):
    page.goto("/ko/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", name="최신 보도자료")).to_be_visible()
    shot("ko-front-page")

    page.locator(f'main a[href="{RELEASE_KO}"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE_KO) + "$"))
    expect(page.locator("article.release h1")).to_have_text("가을 학생 교류가 서른 개 학교로 더 넓어진다")
    expect(page.locator("article.release header time")).to_have_text("2022년 7월 21일")
    expect(page.locator(".dateline")).to_have_text("주체111(2022)년 7월 21일 하바롭스크")  # date first
    expect(page.locator(".site-footer")).to_contain_text("아무르다리 문화교류협회")
    shot("ko-release")

    # The language switch leads to the English translation and back.
    page.locator('header .languages a[hreflang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator('header .languages a[hreflang="ko"]').click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE_KO) + "$"))

    # Search with a particle glued on: 교류를 finds the release whose title says 교류가.
    page.fill("header input[type=search]", "교류를")
    page.press("header input[type=search]", "Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("main")).to_contain_text("검색 결과 1건")
    expect(page.locator(".release-card .card-title mark")).to_have_text("교류가")
    shot("ko-search")

    page.goto(RELEASE_KO)
    text = f"우리 학교도 참가하고 싶습니다. {secrets.token_hex(3)}"
    page.fill("#id_name", "한국 독자")
    page.fill("#id_text", text)
    wait_for_bots_check()
    with page.expect_response(lambda r: "/api/releases/" in r.url and r.request.method == "POST") as posted:
        page.get_by_role("button", name="댓글 남기기").click()
    assert posted.value.status == 201, posted.value.text()
    expect(page.locator("[data-comment-list] li.comment", has_text=text)).to_be_visible()
    shot("ko-comment-shown")
    assert_no_console_errors(page)


@pytest.mark.browser
def test_korean_reader_gets_korean_refusal(page, shot):
    text = f"자세한 내용은 example.com에서 보세요 ({secrets.token_hex(3)})"
    page.goto(RELEASE_KO)
    page.fill("#id_name", "한국 독자")
    page.fill("#id_text", text)
    wait_for_bots_check()
    page.get_by_role("button", name="댓글 남기기").click()
    error = page.locator("#comment-text-error")  # on the field it concerns
    expect(error).to_contain_text("링크는 쓸 수 없습니다. 링크로 보이는 부분: “example.com”")
    expect(page.locator(".link-highlight mark")).to_have_text("example.com")  # the particle 에서 stays outside
    expect(page.locator("#id_text")).to_have_value(text)
    shot("ko-link-refused")
    assert_no_console_errors(page)


LAYOUT_PAGES = {
    "home": "/{lang}/",
    "index": "/{lang}/releases/",
    "release": "/{lang}/releases/autumn-student-exchange/",
    "search": "/{lang}/search/?q={query}",
    "search-empty": "/{lang}/search/?q=zzqqxx",
    "tag": "/{lang}/releases/tags/{tag}/",
    "month": "/{lang}/releases/2022/07/",
    "404": "/{lang}/no-such-page/",
}
QUERIES = {"en": "exchanges", "ru": "обмен", "ko": "교류"}
TAGS = {"en": "student-exchange", "ru": "студенческий-обмен", "ko": "학생-교류"}

# Measured in the page: spacing around main, the footer's bottom, overflow, and whether the
# header search field is wide enough for its placeholder (text width from a canvas in the field's font).
MEASURE = """() => {
  const rect = (sel) => document.querySelector(sel).getBoundingClientRect();
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const input = document.querySelector('header input[type=search]');
  const inputStyle = getComputedStyle(input);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = inputStyle.font;
  const room = input.clientWidth - parseFloat(inputStyle.paddingLeft) - parseFloat(inputStyle.paddingRight);
  return {
    paddingTop: parseFloat(style.paddingTop), paddingBottom: parseFloat(style.paddingBottom),
    firstGap: main.firstElementChild.getBoundingClientRect().top - rect('.site-header').bottom,
    lastGap: rect('.site-footer').top - Array.from(main.querySelectorAll('*')).filter(e => e.offsetParent)
      .reduce((bottom, e) => Math.max(bottom, e.getBoundingClientRect().bottom), 0),
    footerBottom: rect('.site-footer').bottom + window.scrollY,
    misaligned: main.firstElementChild.getBoundingClientRect().left - rect('.site-name').left,
    documentHeight: document.documentElement.scrollHeight,
    viewportHeight: window.innerHeight,
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
    placeholder: input.placeholder,
    placeholderWidth: ctx.measureText(input.placeholder).width,
    placeholderRoom: room,
    // The largest heading below the page's h1 (visible ones only), and the h1 itself.
    h1Size: Array.from(main.querySelectorAll('h1')).filter(h => h.offsetHeight > 1)
      .reduce((size, h) => Math.max(size, parseFloat(getComputedStyle(h).fontSize)), 0),
    subheadingSize: Array.from(main.querySelectorAll('h2, h3, h4, h5, h6')).filter(h => h.offsetHeight > 1)
      .reduce((size, h) => Math.max(size, parseFloat(getComputedStyle(h).fontSize)), 0),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ru", "ko"])
def test_reader_pages_layout(context_factory, shot, lang, width):
    """Every reader page at a desktop and a phone width: spacing kept, footer down, nothing cut."""
    context = context_factory(viewport={"width": width, "height": 844}, locale={"ru": "ru-RU", "ko": "ko-KR"}.get(lang, "en-US"))
    page = context.new_page()
    for name, path in LAYOUT_PAGES.items():
        response = page.goto(path.format(lang=lang, query=QUERIES[lang], tag=TAGS[lang]))
        assert response.status == (404 if name == "404" else 200), (name, response.status)
        m = page.evaluate(MEASURE)
        assert m["paddingTop"] >= 16 and m["paddingBottom"] >= 16, (name, m)
        assert m["firstGap"] >= 16, (name, m)  # the first thing in main does not touch the header
        assert m["lastGap"] >= 16, (name, m)  # nor the last one the footer
        assert m["overflowX"] <= 0, (name, m)
        assert abs(m["misaligned"]) <= 1, (name, m)  # main's text lines up with the header's
        assert m["placeholderWidth"] <= m["placeholderRoom"], (name, m)  # «Поиск по публикациям» not cut
        assert m["subheadingSize"] < m["h1Size"] or not m["h1Size"], (name, m)  # no h2 outranks the title
        # Short pages: the footer ends at the bottom of the window, not in the middle.
        assert abs(m["footerBottom"] - max(m["documentHeight"], m["viewportHeight"])) <= 1, (name, m)
        shot(f"{name}", page=page)
    context.close()
