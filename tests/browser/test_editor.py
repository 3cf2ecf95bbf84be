"""An editor writes and translates a release in Wagtail's admin; a moderator hides a comment."""

import re
import secrets
import time

import pytest
from playwright.sync_api import expect

from .conftest import MIN_SECONDS

pytestmark = pytest.mark.browser

HOME_EN = "Amur Bridge Society"  # titles from pressroom/core/sample/content.json
INDEX_EN = "Releases"


def log_in(page, server, shot):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", server.admin_password)
    shot("admin-login")
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


@pytest.mark.browser
def test_editor_creates_translates_and_moderates(page, server, context_factory, shot):
    suffix = secrets.token_hex(3)
    title_en = f"Volunteers plant a hundred trees {suffix}"
    title_ru = f"Волонтёры посадили сто деревьев {suffix}"
    slug = f"volunteers-plant-a-hundred-trees-{suffix}"

    log_in(page, server, shot)
    shot("admin-dashboard")

    # Pages -> the English home -> Releases -> Add child page.
    page.goto("/admin/pages/")
    page.get_by_role("link", name=f"Explore child pages of '{HOME_EN}'").click()
    page.get_by_role("link", name=f"Explore child pages of '{INDEX_EN}'").click()
    page.get_by_role("link", name="Add child page").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/releases/pressreleasepage/\d+/$"))
    page.fill("#id_title", title_en)
    page.fill("#id_summary", "Students and neighbours planted a hundred trees on the river bank.")
    page.fill("#id_dateline_place", "Khabarovsk")
    shot("release-form-en")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(f"Page '{title_en}' created and published")
    shot("release-published-en")

    # Translate: simple_translation's "Translate" action makes a Russian draft copy.
    page.get_by_role("link", name=title_en, exact=True).first.click()
    expect(page.locator("#id_title")).to_have_value(title_en)
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate").first.click()
    page.get_by_label(re.compile("Русский|Russian")).check()
    page.get_by_role("button", name=re.compile("Submit|Translate", re.I)).click()
    expect(page.locator("#id_title")).to_have_value(title_en)  # the Russian copy, still in English
    page.fill("#id_title", title_ru)
    page.fill("#id_summary", "Студенты и соседи посадили сто деревьев на берегу реки.")
    page.fill("#id_dateline_place", "Хабаровск")
    shot("release-form-ru")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(f"Page '{title_ru}' has been published")
    shot("release-published-ru")

    # Both are on the site, each in its language.
    reader = context_factory().new_page()
    reader.goto("/en/releases/")
    expect(reader.get_by_role("link", name=title_en)).to_be_visible()
    expect(reader.locator("main")).not_to_contain_text(title_ru)
    shot("site-index-en", page=reader)
    reader.goto("/ru/releases/")
    expect(reader.get_by_role("link", name=title_ru)).to_be_visible()
    expect(reader.locator("main")).not_to_contain_text(title_en)
    shot("site-index-ru", page=reader)
    reader.get_by_role("link", name=title_ru).click()
    # The draft translation's slug follows its Russian title (Wagtail's slug sync).
    expect(reader).to_have_url(re.compile(r"/ru/releases/[^/]+/$"))
    expect(reader.locator("article.release h1")).to_have_text(title_ru)
    reader.locator('header .languages a[hreflang="en"]').click()
    expect(reader).to_have_url(re.compile(rf"/en/releases/{slug}/$"))
    expect(reader.locator("article.release h1")).to_have_text(title_en)

    # A reader comments on the new release; the moderator hides it; it is gone from the page.
    comment = f"I will bring a spade next time. {suffix}"
    reader.fill("#id_name", "Neighbour")
    reader.fill("#id_text", comment)
    time.sleep(MIN_SECONDS + 0.5)
    reader.get_by_role("button", name="Leave a comment").click()
    expect(reader.locator("[data-comment-list] li.comment", has_text=comment)).to_be_visible()
    reader.reload()
    expect(reader.locator("[data-comment-list] li.comment", has_text=comment)).to_have_count(1)
    shot("comment-before-moderation", page=reader)

    page.get_by_role("link", name="Comments").first.click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/comments/comment/"))
    row = page.locator("tbody tr", has_text=comment)
    expect(row).to_have_count(1)
    row.locator("input[type=checkbox]").check()
    shot("admin-comment-selected")
    page.get_by_role("link", name="Hide selected comments").click()
    expect(page.locator("main")).to_contain_text(comment)
    shot("admin-hide-confirm")
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".messages")).to_contain_text("1 comment set to")
    expect(page.locator("tbody tr", has_text=comment)).to_contain_text("Hidden")
    shot("admin-comment-hidden")

    for _ in range(3):  # each gunicorn worker: none may serve the old list
        reader.reload()
        expect(reader.locator("[data-comment-list]")).not_to_contain_text(comment)
    shot("comment-gone", page=reader)


@pytest.mark.browser
def test_moderator_sees_held_words_and_approves_from_the_row(page, server, context_factory, shot):
    suffix = secrets.token_hex(3)
    text = f"Tickets for the concert at www.amur-tickets.example, see you there {suffix}"
    start = text.index("www.")
    # A comment the link policy held (as with LINKS_STRONG = "hold"), made in the server's database.
    server.manage(
        "shell", "-c",
        "from pressroom.comments.models import Comment; from pressroom.releases.models import PressReleasePage; "
        "page = PressReleasePage.objects.live().filter(locale__language_code='en').first(); "
        f"Comment.objects.create(page=page, name='Held Reader', text={text!r}, status='pending', held_reason='links', "
        f"held_spans=[{{'field': 'text', 'start': {start}, 'end': {start + 24}, 'text': 'www.amur-tickets.example', "
        "'kind': 'url', 'weak': False}])",
    )
    log_in(page, server, shot)
    page.goto("/admin/snippets/comments/comment/?held_reason=links")
    row = page.locator("tbody tr", has_text="Held Reader")
    expect(row).to_have_count(1)
    expect(row.locator("mark")).to_have_text("www.amur-tickets.example")
    expect(row).to_contain_text("May contain a link")
    expect(page.get_by_role("button", name="Add")).to_have_count(0)
    shot("admin-held-comment", full_page=False)
    row.get_by_role("button", name="Approve: Held Reader").click()
    expect(page.locator(".messages")).to_contain_text("Comment by Held Reader set to “Approved”.")
    expect(page).to_have_url(re.compile(r"held_reason=links"))  # back on the same filtered list
    shot("admin-held-approved", full_page=False)
    row.locator("input[type=checkbox]").check()
    expect(page.locator("[data-bulk-action-num-objects]")).to_have_text("1 comment selected")
