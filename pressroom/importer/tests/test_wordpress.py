"""Tests for pressroom.importer.wordpress (streaming WXR reader)."""

import datetime
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from pressroom.importer.wordpress import (
    WPAuthor,
    WPComment,
    WPItem,
    WPSite,
    WPTerm,
    WPTermRef,
    WXRError,
    iter_threaded,
    iter_wxr,
)

FILES = Path(__file__).parent / "files"


UTC = datetime.timezone.utc

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{v}/">
<channel><title>Rowing Club</title><language>en-GB</language>
"""


def wxr(*items, version="1.2"):
    """A minimal export with the given <item> bodies."""
    body = "".join(f"<item>{i}</item>" for i in items)
    return io.BytesIO((HEAD.format(v=version) + body + "</channel></rss>").encode())


@pytest.fixture(scope="module")
def records():
    return list(iter_wxr(FILES / "wordpress.xml"))


@pytest.fixture(scope="module")
def items(records):
    return {r.post_id: r for r in records if isinstance(r, WPItem)}


def test_record_order(records):
    kinds = [type(r).__name__ for r in records]
    assert kinds == ["WPSite", "WPAuthor", "WPAuthor", "WPTerm", "WPTerm"] + ["WPItem"] * 5


def test_site(records):
    assert records[0] == WPSite(
        title="Lindenburg Friendship Society",
        link="https://friends.lindenburg.example",
        description="News of the society",
        language="en-US",
        base_site_url="https://friends.lindenburg.example",
        base_blog_url="https://friends.lindenburg.example",
        wxr_version="1.2",
    )


def test_authors(records):
    authors = [r for r in records if isinstance(r, WPAuthor)]
    assert authors[0] == WPAuthor(
        login="mkreed",
        display_name="Marta Kovalenko-Reed",
        email="marta@friends.lindenburg.example",
        first_name="Marta",
        last_name="Kovalenko-Reed",
        id=2,
    )
    assert authors[1].display_name == "Ольга Светлова"


def test_channel_terms(records):
    terms = [r for r in records if isinstance(r, WPTerm)]
    assert terms == [
        WPTerm(kind="category", slug="news", name="News", id=4),
        WPTerm(kind="post_tag", slug="море", name="море", id=9),  # percent-decoded
    ]


def test_post_with_gutenberg_content(items):
    post = items[101]
    assert (post.post_type, post.status, post.slug, post.creator) == (
        "post", "publish", "bread-salt-and-a-shared-table", "mkreed",
    )
    assert post.title == "Bread, Salt and a Shared Table"
    assert post.date == datetime.datetime(2023, 9, 9, 18, 30, tzinfo=UTC)  # the GMT one
    assert post.content.startswith("<!-- wp:paragraph -->\n<p>On Saturday")  # CDATA, raw HTML
    assert "<strong>harvest supper</strong>" in post.content
    assert post.excerpt == "A harvest supper for neighbours."
    assert post.categories == [WPTermRef("news", "News")]
    assert post.tags == [WPTermRef("harvest", "harvest")]
    assert post.meta == {"_thumbnail_id": "103"}
    assert (post.comment_status, post.parent_id) == ("open", None)


def test_russian_post_with_percent_encoded_slug(items):
    post = items[102]
    assert post.slug == "библиотека"
    assert post.title == "Библиотека открыта для всех"
    assert post.categories == [WPTermRef("новости", "Новости")]
    assert post.tags == [WPTermRef("море", "море")]
    assert "\n\n" in post.content  # classic editor: paragraphs by blank lines


def test_draft_has_no_date_gmt_so_local_date_is_used(items):
    draft = items[104]
    assert (draft.status, draft.slug) == ("draft", "")
    assert draft.date == datetime.datetime(2023, 11, 20, 8, 0)
    assert draft.date.tzinfo is None


def test_page(items):
    page = items[105]
    assert (page.post_type, page.slug, page.menu_order, page.comment_status) == ("page", "about", 2, "closed")
    assert page.comments == []


def test_attachment(items):
    att = items[103]
    assert att.post_type == "attachment"
    assert att.attachment_url == "https://friends.lindenburg.example/wp-content/uploads/2023/09/hall.jpg"
    assert att.parent_id == 101
    assert att.status == "inherit"
    assert att.excerpt == "Guests in the market hall"  # WordPress keeps the caption there


def test_comments(items):
    c11, c12, c13 = items[101].comments
    assert c11 == WPComment(
        id=11,
        parent_id=None,
        author="Nina",
        author_email="nina@mail.example",
        author_url="",
        author_ip="192.0.2.10",
        date_gmt=datetime.datetime(2023, 9, 10, 7, 0, tzinfo=UTC),
        content="What a lovely evening! The fish soup recipe is on <b>my</b> blog, see example dot com",
        approved="1",
        type="comment",
        user_id=None,
    )
    assert (c12.parent_id, c12.type, c12.user_id) == (11, "comment", 2)  # empty type read as "comment"
    assert c13.approved == "spam"
    assert 'href="http://watches.example/buy"' in c13.content


def test_pending_trash_pingback_and_ipv6(items):
    c21, c22 = items[102].comments
    assert c21.approved == "0"
    assert c21.author_ip == "2001:db8::5"
    assert "https://library.lindenburg.example/chteniya" in c21.content
    assert (c22.approved, c22.type, c22.author_ip) == ("trash", "pingback", "")


def test_threaded_order(items):
    comments = items[101].comments
    assert [(depth, c.id) for depth, c in iter_threaded(comments)] == [(0, 11), (1, 12), (0, 13)]


def test_threaded_survives_orphans_and_loops():
    comments = [
        WPComment(1, 2),  # a loop: 1 -> 2 -> 1
        WPComment(2, 1),
        WPComment(3, 99),  # parent missing from the export
        WPComment(4, 4),  # its own parent
        WPComment(5, 3),
    ]
    out = list(iter_threaded(comments))
    assert sorted(c.id for _, c in out) == [1, 2, 3, 4, 5]
    assert (0, comments[2]) in out and (1, comments[4]) in out


def test_deep_thread_does_not_recurse():
    comments = [WPComment(1, None)] + [WPComment(i, i - 1) for i in range(2, 5000)]
    out = list(iter_threaded(comments))
    assert out[-1] == (4998, comments[-1])


def test_missing_elements_give_defaults():
    (site, item) = list(iter_wxr(wxr("<title>Bare</title>")))
    assert site.language == "en-GB"
    assert item == WPItem(title="Bare")


def test_zero_dates_are_none():
    xml = (
        "<wp:post_date>0000-00-00 00:00:00</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"
        "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_date_gmt>0000-00-00 00:00:00"
        "</wp:comment_date_gmt><wp:comment_approved>1</wp:comment_approved></wp:comment>"
    )
    (_, item) = list(iter_wxr(wxr(xml)))
    assert item.date is None
    assert item.comments[0].date_gmt is None


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_older_wxr_versions(version):
    xml = "<wp:post_id>5</wp:post_id><wp:post_type>page</wp:post_type><excerpt:encoded>Short</excerpt:encoded>"
    (_, item) = list(iter_wxr(wxr(xml, version=version)))
    assert (item.post_id, item.post_type, item.excerpt) == (5, "page", "Short")


def test_cdata_keeps_markup_and_entities_are_decoded():
    xml = (
        "<title>Fish &amp; Chips</title>"
        "<content:encoded><![CDATA[<p>a &amp; b]]]]><![CDATA[></p>]]></content:encoded>"
    )
    (_, item) = list(iter_wxr(wxr(xml)))
    assert item.title == "Fish & Chips"
    assert item.content == "<p>a &amp; b]]></p>"


def test_bad_percent_encoding_does_not_crash():
    (_, item) = list(iter_wxr(wxr("<wp:post_name>caf%e9-%zz</wp:post_name>")))
    assert item.slug == "caf\ufffd-%zz"


def test_truncated_file_raises_with_line_number():
    records = []
    with pytest.raises(WXRError) as info:
        for record in iter_wxr(FILES / "wordpress_truncated.xml"):
            records.append(record)
    assert info.value.line == 39
    assert "line 39" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert [type(r).__name__ for r in records] == ["WPSite", "WPAuthor", "WPAuthor", "WPTerm", "WPTerm"]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "line 1"),
        (b"not xml at all", "line 1"),
        (b"<html><body>hi</body></html>", "root element is <html>"),
        (b"<rss><title>no channel</title></rss>", "no <channel>"),
        (b"<rss><channel><item><title>x</item></channel></rss>", "mismatched tag"),
    ],
)
def test_not_wxr(data, words):
    with pytest.raises(WXRError, match=words):
        list(iter_wxr(io.BytesIO(data)))


def test_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    ).encode()
    with pytest.raises(WXRError, match=r"^refused WXR: .*'x'") as info:
        list(iter_wxr(io.BytesIO(data)))
    assert "TOP SECRET" not in str(info.value)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]><rss><channel><title>&lol9;</title></channel></rss>"
)


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        # Even one harmless-looking entity: defusedxml refuses every declaration,
        # so safety does not hang on the limits of the system's expat.
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "x">]><rss><channel><title>&lol;</title></channel></rss>',
    ],
    ids=["billion-laughs", "one-entity"],
)
def test_entity_declarations_are_refused_before_expansion(data):
    with pytest.raises(WXRError, match=r"^refused WXR: .*'lol"):
        list(iter_wxr(io.BytesIO(data)))


# -- memory ------------------------------------------------------------------

def _write_big_wxr(path, n_items):
    paragraph = "<p>" + "Rowing on the bay at dawn, the crews counted the strokes. " * 20 + "</p>\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD.format(v="1.2"))
        for i in range(n_items):
            f.write(
                f"<item><title>Post {i}</title><wp:post_id>{i}</wp:post_id><wp:post_type>post</wp:post_type>"
                f"<wp:post_name>post-{i}</wp:post_name><wp:status>publish</wp:status>"
                f"<content:encoded><![CDATA[{paragraph}]]></content:encoded>"
                f"<wp:comment><wp:comment_id>{i}</wp:comment_id><wp:comment_content>Nice {i}"
                f"</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>"
                "</item>\n"
            )
        f.write("</channel></rss>\n")


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("PRESSROOM_SLOW_TESTS") != "1", reason="set PRESSROOM_SLOW_TESTS=1")
def test_large_export_reads_in_bounded_memory(tmp_path):
    path = tmp_path / "big.xml"
    _write_big_wxr(path, 20_000)
    size = path.stat().st_size
    assert size > 20 * 1024 * 1024
    tracemalloc.start()
    try:
        count = 0
        for record in iter_wxr(path):
            if isinstance(record, WPItem):
                count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 30 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB for a {size / 2**20:.0f} MB file"


def test_docstring_examples():
    import doctest

    from pressroom.importer import wordpress

    result = doctest.testmod(wordpress)
    assert result.attempted > 0 and result.failed == 0
