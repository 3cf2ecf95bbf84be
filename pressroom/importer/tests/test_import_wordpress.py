"""Tests for the import_wordpress command and the WordPress side of importer.services."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from pressroom.comments.models import Comment
from pressroom.importer.services import comment_text, old_path
from pressroom.releases.models import Author, PressReleasePage

FILES = Path(__file__).parent / "files"
EXPORT = FILES / "wordpress.xml"
BASE = "https://friends.lindenburg.example"
UTC = datetime.timezone.utc


def run(*args):
    """call_command("import_wordpress", ...) -> (stdout, stderr, CommandError or None)."""
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
    except CommandError as e:
        error = e
    return out.getvalue(), err.getvalue(), error


def post(wp_id):
    return PressReleasePage.objects.get(import_key=f"wp:{BASE}:{wp_id}")


def comment(wp_id):
    return Comment.objects.get(import_key=f"wp:{BASE}:{wp_id}")


def small_export(tmp_path, *items):
    """A one-channel export with the given <item> bodies."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Rowers</title><language>en-GB</language>"
        "<wp:base_site_url>https://rowers.example</wp:base_site_url>"
    )
    path = tmp_path / "export.xml"
    path.write_text(head + "".join(f"<item>{i}</item>" for i in items) + "</channel></rss>", encoding="utf-8")
    return path


def item(wp_id, title, status="publish", comments=""):
    return (
        f"<title>{title}</title><link>https://rowers.example/?p={wp_id}</link><wp:post_id>{wp_id}</wp:post_id>"
        f"<wp:post_type>post</wp:post_type><wp:status>{status}</wp:status>"
        f"<wp:post_date_gmt>2024-05-01 10:00:00</wp:post_date_gmt><content:encoded>Text of {title}.</content:encoded>"
        f"{comments}"
    )


def wp_comment(wp_id, text, approved="1"):
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id><wp:comment_author>Ada</wp:comment_author>"
        f"<wp:comment_date_gmt>2024-05-02 08:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{text}]]></wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved></wp:comment>"
    )


@pytest.mark.django_db
def test_report_counts(sample):
    out, err, error = run(EXPORT)
    assert error is None and err == ""
    lines = out.strip().splitlines()
    assert lines[-4:] == [
        "Posts: created 3, updated 0",
        "Skipped: 1 page(s), 1 attachment(s), 0 trashed post(s), 0 other item(s)",
        "Comments: imported 3 (approved 1, pending 0, hidden with links 2), already imported 0, "
        "skipped 2 (spam 1, trash 1)",
        "Found 5, Created 3, Updated 0, Skipped 2, Errors 0",
    ]
    assert not PressReleasePage.objects.filter(title="About us").exists()


@pytest.mark.django_db
def test_publish_status_dates_author_tags_and_body(sample):
    run(EXPORT)
    bread = post(101)
    assert bread.live and bread.locale.language_code == "en"
    assert bread.first_published_at == datetime.datetime(2023, 9, 9, 18, 30, tzinfo=UTC)
    assert bread.release_date == datetime.date(2023, 9, 9)
    assert bread.author.name == "Marta Kovalenko-Reed"
    assert sorted(bread.tags.names()) == ["News", "harvest"]
    assert bread.summary == "A harvest supper for neighbours."
    assert [b.block_type for b in bread.body] == ["paragraph", "heading", "list", "image"]
    image = bread.body[3].value
    assert image["image"] is None and image["url"].endswith("/2023/09/hall.jpg")
    assert image["caption"] == "Guests in the market hall"

    draft = post(104)
    assert not draft.live and draft.first_published_at is None
    assert draft.release_date == datetime.date(2023, 11, 20)
    assert draft.slug == "plans-for-the-winter-draft"  # no WordPress slug: from the title


@pytest.mark.django_db
def test_non_ascii_slug_kept_and_author_by_display_name(sample):
    run(EXPORT)
    library = post(102)
    assert library.slug == "библиотека"
    assert library.author == Author.objects.get(name="Ольга Светлова", locale=library.locale)
    assert set(library.tags.names()) == {"Новости", "море"}


@pytest.mark.django_db
def test_redirects_from_old_urls(sample, client):
    run(EXPORT)
    paths = dict(Redirect.objects.values_list("old_path", "redirect_page_id"))
    assert paths["/2023/09/09/bread-salt-and-a-shared-table"] == post(101).pk
    assert paths["/2023/10/03/библиотека"] == post(102).pk
    assert paths["/?p=104"] == post(104).pk
    response = client.get("/2023/10/03/%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0/")
    assert response.status_code == 301
    assert response["Location"] == post(102).url


@pytest.mark.django_db
def test_comments_with_dates_authors_and_link_policy(sample):
    run(EXPORT)
    nina = comment(11)
    assert (nina.page_id, nina.name, nina.email) == (post(101).pk, "Nina", "nina@mail.example")
    assert nina.created_at == datetime.datetime(2023, 9, 10, 7, 0, tzinfo=UTC)
    assert nina.text.endswith("on my blog, see example dot com")  # <b> stripped
    assert nina.status == "hidden" and nina.moderation_note == 'link: "example dot com"'
    assert nina.source == "import"

    marta = comment(12)
    assert marta.status == "approved" and marta.moderation_note == ""  # author_url is ignored
    assert marta.created_at == datetime.datetime(2023, 9, 10, 9, 15, tzinfo=UTC)

    petr = comment(21)  # pending in WordPress, and it has a link
    assert petr.status == "hidden" and "https://library.lindenburg.example/chteniya" in petr.moderation_note

    assert not Comment.objects.filter(import_key__in=[f"wp:{BASE}:13", f"wp:{BASE}:22"]).exists()  # spam, trash


@pytest.mark.django_db
def test_reimport_is_idempotent(sample):
    run(EXPORT)
    counts = (PressReleasePage.objects.count(), Comment.objects.count(), Redirect.objects.count(), Author.objects.count())
    pk = post(101).pk
    out, _, error = run(EXPORT)
    assert error is None
    assert (PressReleasePage.objects.count(), Comment.objects.count(), Redirect.objects.count(), Author.objects.count()) == counts
    assert post(101).pk == pk
    assert "already imported 3" in out
    assert out.strip().splitlines()[-1] == "Found 5, Created 0, Updated 3, Skipped 2, Errors 0"


@pytest.mark.django_db
def test_moderators_decision_survives_reimport(sample):
    run(EXPORT)
    Comment.objects.filter(pk=comment(11).pk).update(status="approved", moderation_note="checked")
    run(EXPORT)
    assert comment(11).status == "approved"


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(sample):
    counts = (PressReleasePage.objects.count(), Comment.objects.count(), Redirect.objects.count(), Author.objects.count())
    out, _, error = run(EXPORT, "--dry-run")
    assert error is None
    assert "Dry run: nothing was written." in out
    # What would happen and where readers would find it, not the tree path (/home-en/...).
    assert "would create page from post 101 \u201cBread, Salt and a Shared Table\u201d (published) at /en/releases/bread-salt-and-a-shared-table/" in out
    assert "at /en/releases/библиотека/" in out
    assert "Created page" not in out and "/home-en/" not in out
    assert out.strip().splitlines()[-1] == "Found 5, Created 3, Updated 0, Skipped 2, Errors 0"
    assert (PressReleasePage.objects.count(), Comment.objects.count(), Redirect.objects.count(), Author.objects.count()) == counts


@pytest.mark.django_db
def test_dry_run_after_an_import_says_would_update(sample):
    run(EXPORT)
    out, _, error = run(EXPORT, "--dry-run")
    assert error is None
    assert out.count("would update page ") == 3 and "would create" not in out


@pytest.mark.django_db
def test_truncated_export_is_an_error_with_its_line(sample):
    pages = PressReleasePage.objects.count()
    out, err, error = run(FILES / "wordpress_truncated.xml")
    assert isinstance(error, CommandError)
    assert "line 39" in err and err.startswith("ERROR ")
    assert "Errors 1" in out
    assert PressReleasePage.objects.count() == pages


@pytest.mark.django_db
def test_posts_before_a_break_are_kept(sample, tmp_path):
    path = small_export(tmp_path, item(1, "Spring regatta"))
    text = path.read_text(encoding="utf-8").replace("</channel></rss>", "<item><title>Broken")
    path.write_text(text, encoding="utf-8")
    out, err, error = run(path)
    assert error is not None and "malformed WXR at line" in err
    assert PressReleasePage.objects.filter(title="Spring regatta").exists()


@pytest.mark.django_db
def test_pending_trash_and_locale(sample, tmp_path):
    path = small_export(
        tmp_path,
        item(1, "Spring regatta", comments=wp_comment(7, "Wait for me!", approved="0")),
        item(2, "Old news", status="trash"),
        item(3, "Club dinner", status="pending"),
    )
    out, _, error = run(path, "--locale", "ru")
    assert error is None
    regatta = PressReleasePage.objects.get(import_key="wp:https://rowers.example:1")
    assert regatta.locale.language_code == "ru" and regatta.get_parent().slug == "releases"
    assert Comment.objects.get(import_key="wp:https://rowers.example:7").status == "pending"
    assert not PressReleasePage.objects.get(import_key="wp:https://rowers.example:3").live
    assert not PressReleasePage.objects.filter(title="Old news").exists()
    assert "1 trashed post(s)" in out


@pytest.mark.django_db
def test_taken_slug_gets_a_suffix(sample, tmp_path, release):
    named = item(1, "Autumn").replace("<wp:post_type>", f"<wp:post_name>{release.slug}</wp:post_name><wp:post_type>")
    path = small_export(tmp_path, named)
    out, _, _ = run(path)
    page = PressReleasePage.objects.get(import_key="wp:https://rowers.example:1")
    assert page.slug == f"{release.slug}-2"
    assert "was taken" in out


@pytest.mark.django_db
@pytest.mark.parametrize("args, message", [(["--locale", "xx"], "unknown locale"), (["--parent", "nowhere"], "nowhere")])
def test_bad_options(sample, args, message):
    _, _, error = run(EXPORT, *args)
    assert isinstance(error, CommandError) and message in str(error)


@pytest.mark.parametrize(
    "html, text",
    [
        ("Plain", "Plain"),
        ("one\ntwo", "one\ntwo"),
        ("one<br />two", "one\ntwo"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("a &amp;lt; b &lt;b&gt;", "a &lt; b <b>"),
        ("x<script>alert(1)</script>y", "xy"),
        ("<a href='http://a.example'>site</a>", "site"),
    ],
)
def test_comment_text(html, text):
    assert comment_text(html) == text


def test_old_path():
    assert old_path("https://x.example/2021/05/post/") == "/2021/05/post"
    assert old_path("https://x.example/?p=1&b=2") == "/?b=2&p=1"
    assert old_path("https://x.example/") is None and old_path("") is None


@pytest.mark.django_db
def test_weak_link_evidence_is_held_not_hidden(release):
    """A missing space before a word that is a TLD is no proof of a link: held, words marked."""
    from pressroom.importer.services import import_wp_comment
    from pressroom.importer.wordpress import WPComment

    weak = WPComment(501, None, author="Reader", content="Great talk.Today we met again", approved="1")
    strong = WPComment(502, None, author="Spammer", content="Cheap tickets at https://tickets.example", approved="1")
    assert import_wp_comment(weak, page=release, base_url="https://old.example") == "pending"
    assert import_wp_comment(strong, page=release, base_url="https://old.example") == "hidden"
    held = Comment.objects.get(import_key__endswith=":501")
    assert held.held_reason == "links" and held.held_spans[0]["text"] == "talk.Today"
