"""Stream a WordPress export (WXR 1.0-1.2) as plain dataclasses.

:func:`iter_wxr` reads with :func:`xml.etree.ElementTree.iterparse` and throws
each ``<item>`` away once it has been turned into a :class:`WPItem`, so memory
stays bounded by the largest single item, not by the file (a 200 MB export
reads in a few MB).

It yields, in document order:

* one :class:`WPSite` (title, link, language, base URLs) -- before anything
  else;
* a :class:`WPAuthor` per ``<wp:author>``;
* a :class:`WPTerm` per channel-level ``<wp:category>``, ``<wp:tag>`` or
  ``<wp:term>``;
* a :class:`WPItem` per ``<item>``: posts, pages, attachments, nav menu items
  and whatever else the site stored; filter on ``post_type``.

Example:

>>> import io
>>> xml = b'''<?xml version="1.0" encoding="UTF-8"?>
... <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
...      xmlns:dc="http://purl.org/dc/elements/1.1/"
...      xmlns:content="http://purl.org/rss/1.0/modules/content/">
... <channel><title>Riverside</title><language>ru-RU</language>
... <item><title>Hello</title><dc:creator>anna</dc:creator>
...   <content:encoded><![CDATA[<p>Hi</p>]]></content:encoded>
...   <wp:post_id>7</wp:post_id><wp:post_name>%d0%bc%d0%b8%d1%80</wp:post_name>
...   <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
...   <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
... </item></channel></rss>'''
>>> site, item = list(iter_wxr(io.BytesIO(xml)))
>>> site.language, item.post_id, item.slug, item.content, item.date
('ru-RU', 7, 'мир', '<p>Hi</p>', None)

Dates: ``date`` comes from ``wp:post_date_gmt`` when it is set (then it is an
aware UTC datetime), else from ``wp:post_date`` (then it is naive: the site's
local time, whose zone the export does not say). "0000-00-00 00:00:00"
(WordPress's "never", used for drafts) gives None.

Comments stay flat, as in the export, each with its ``parent_id``; use
:func:`iter_threaded` to walk them in thread order.

Safety: the export is parsed with ``defusedxml``, which refuses every entity
declaration, so neither a "billion laughs" expansion bomb nor an external
entity (a local file, a URL) is ever expanded, whatever expat the system has;
such an export is a :class:`WXRError` naming the entity (WordPress never
declares one). An external DTD is never fetched.
"""

from __future__ import annotations

import datetime
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Union
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

__all__ = [
    "WPAuthor",
    "WPComment",
    "WPItem",
    "WPSite",
    "WPTerm",
    "WPTermRef",
    "WXRError",
    "iter_threaded",
    "iter_wxr",
]

NS_WP = "http://wordpress.org/export/1.2/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_EXCERPT = "http://wordpress.org/export/1.2/excerpt/"
NS_DC = "http://purl.org/dc/elements/1.1/"


class WXRError(ValueError):
    """The file is not a readable WXR export. ``line`` is the line (or None)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass
class WPSite:
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""  # as exported, e.g. "en-US", "ru-RU"
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class WPAuthor:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    id: int | None = None


@dataclass
class WPTerm:
    """A channel-level category, tag or custom term."""

    kind: str  # "category", "post_tag" or the taxonomy of a <wp:term>
    slug: str
    name: str = ""
    parent: str = ""  # the parent's slug, categories only
    id: int | None = None
    description: str = ""


@dataclass
class WPTermRef:
    """A category or tag attached to an item."""

    slug: str  # the nicename, percent-decoded
    name: str


@dataclass
class WPComment:
    id: int | None
    parent_id: int | None  # None for a top-level comment
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""  # wp:comment_author_IP
    date_gmt: datetime.datetime | None = None  # aware, UTC
    content: str = ""
    approved: str = "1"  # "1", "0" (pending), "spam", "trash"
    type: str = "comment"  # "comment", "pingback", "trackback"; "" is read as "comment"
    user_id: int | None = None  # the site user who wrote it, if any


@dataclass
class WPItem:
    post_type: str = ""  # "post", "page", "attachment", "nav_menu_item", ...
    title: str = ""
    link: str = ""
    slug: str = ""  # wp:post_name, percent-decoded ("%d0%bc%d0%b8%d1%80" -> "мир")
    post_id: int | None = None
    status: str = ""  # "publish", "draft", "private", "pending", "future", "inherit", "trash"
    creator: str = ""  # dc:creator, an author login
    date: datetime.datetime | None = None  # see the module docstring
    content: str = ""  # content:encoded, raw HTML
    excerpt: str = ""
    categories: list[WPTermRef] = field(default_factory=list)
    tags: list[WPTermRef] = field(default_factory=list)
    attachment_url: str = ""
    parent_id: int | None = None  # wp:post_parent; None for 0
    comment_status: str = ""  # "open" / "closed"
    menu_order: int = 0
    guid: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # wp:postmeta, last value wins
    comments: list[WPComment] = field(default_factory=list)


WXRRecord = Union[WPSite, WPAuthor, WPTerm, WPItem]


def _local(tag: str) -> str:
    """'{http://wordpress.org/export/1.1/}post_id' -> 'wp:post_id'.

    Every WXR version (1.0, 1.1, 1.2) maps to the same prefixes.
    """
    if tag[:1] != "{":
        return tag
    ns, _, name = tag[1:].partition("}")
    if ns.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if ns.rstrip("/").endswith("excerpt") else "wp:") + name
    if ns == NS_CONTENT:
        return "content:" + name
    if ns == NS_DC:
        return "dc:" + name
    return tag


def _text(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _int(value: str) -> int | None:
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        return None


def _date(value: str, *, gmt: bool) -> datetime.datetime | None:
    value = value.strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        d = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return d.replace(tzinfo=datetime.timezone.utc) if gmt else d


def _children(el: ET.Element) -> dict[str, ET.Element]:
    """First child per local name."""
    out: dict[str, ET.Element] = {}
    for child in el:
        out.setdefault(_local(child.tag), child)
    return out


def _author(el: ET.Element) -> WPAuthor:
    c = _children(el)
    return WPAuthor(
        login=_text(c.get("wp:author_login")),
        display_name=_text(c.get("wp:author_display_name")),
        email=_text(c.get("wp:author_email")),
        first_name=_text(c.get("wp:author_first_name")),
        last_name=_text(c.get("wp:author_last_name")),
        id=_int(_text(c.get("wp:author_id"))),
    )


def _term(el: ET.Element) -> WPTerm:
    c = _children(el)
    kind = _local(el.tag)[3:]
    if kind == "category":
        return WPTerm(
            kind="category",
            slug=unquote(_text(c.get("wp:category_nicename"))),
            name=_text(c.get("wp:cat_name")),
            parent=unquote(_text(c.get("wp:category_parent"))),
            id=_int(_text(c.get("wp:term_id"))),
            description=_text(c.get("wp:category_description")),
        )
    if kind == "tag":
        return WPTerm(
            kind="post_tag",
            slug=unquote(_text(c.get("wp:tag_slug"))),
            name=_text(c.get("wp:tag_name")),
            id=_int(_text(c.get("wp:term_id"))),
            description=_text(c.get("wp:tag_description")),
        )
    return WPTerm(
        kind=_text(c.get("wp:term_taxonomy")),
        slug=unquote(_text(c.get("wp:term_slug"))),
        name=_text(c.get("wp:term_name")),
        parent=unquote(_text(c.get("wp:term_parent"))),
        id=_int(_text(c.get("wp:term_id"))),
        description=_text(c.get("wp:term_description")),
    )


def _comment(el: ET.Element) -> WPComment:
    c = _children(el)
    parent = _int(_text(c.get("wp:comment_parent")))
    return WPComment(
        id=_int(_text(c.get("wp:comment_id"))),
        parent_id=parent or None,
        author=_text(c.get("wp:comment_author")),
        author_email=_text(c.get("wp:comment_author_email")),
        author_url=_text(c.get("wp:comment_author_url")),
        author_ip=_text(c.get("wp:comment_author_IP")),
        date_gmt=_date(_text(c.get("wp:comment_date_gmt")), gmt=True),
        content=(c["wp:comment_content"].text or "") if "wp:comment_content" in c else "",
        approved=_text(c.get("wp:comment_approved")) or "1",
        type=_text(c.get("wp:comment_type")) or "comment",
        user_id=_int(_text(c.get("wp:comment_user_id"))) or None,
    )


def _item(el: ET.Element) -> WPItem:
    item = WPItem()
    for child in el:
        name = _local(child.tag)
        text = child.text or ""
        if name == "title":
            item.title = text.strip()
        elif name == "link":
            item.link = text.strip()
        elif name == "guid":
            item.guid = text.strip()
        elif name == "dc:creator":
            item.creator = text.strip()
        elif name == "content:encoded":
            item.content = text
        elif name == "excerpt:encoded":
            item.excerpt = text
        elif name == "wp:post_id":
            item.post_id = _int(text)
        elif name == "wp:post_name":
            item.slug = unquote(text.strip())
        elif name == "wp:post_type":
            item.post_type = text.strip()
        elif name == "wp:status":
            item.status = text.strip()
        elif name == "wp:post_parent":
            item.parent_id = _int(text) or None
        elif name == "wp:attachment_url":
            item.attachment_url = text.strip()
        elif name == "wp:comment_status":
            item.comment_status = text.strip()
        elif name == "wp:menu_order":
            item.menu_order = _int(text) or 0
        elif name == "category":
            ref = WPTermRef(slug=unquote(child.get("nicename", "")), name=text.strip())
            domain = child.get("domain", "category")
            if domain == "category":
                item.categories.append(ref)
            elif domain == "post_tag":
                item.tags.append(ref)
        elif name == "wp:postmeta":
            c = _children(child)
            key = _text(c.get("wp:meta_key"))
            if key:
                item.meta[key] = (c["wp:meta_value"].text or "") if "wp:meta_value" in c else ""
        elif name == "wp:comment":
            item.comments.append(_comment(child))
    dates = {_local(c.tag): c.text or "" for c in el if _local(c.tag) in ("wp:post_date_gmt", "wp:post_date")}
    item.date = _date(dates.get("wp:post_date_gmt", ""), gmt=True) or _date(dates.get("wp:post_date", ""), gmt=False)
    return item


_CHANNEL_HEAD = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}

_CHANNEL_BODY = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}


def iter_wxr(source: str | os.PathLike | IO[bytes]) -> Iterator[WXRRecord]:
    """Yield the site, authors, terms and items of a WXR export, streaming.

    ``source`` is a path or a binary file object. Raises :class:`WXRError`
    (with the line number) on malformed XML or a root that is not ``<rss>``;
    records yielded before the error have already been handed out, so a
    caller that must be all-or-nothing should collect first (or run with
    ``--dry-run`` first).

    >>> import io
    >>> try:
    ...     list(iter_wxr(io.BytesIO(b"<rss><channel><title>x</title>")))
    ... except WXRError as e:
    ...     print(e.line, e)
    1 malformed WXR at line 1, column 30: no element found
    """
    site = WPSite()
    site_sent = False
    depth = 0
    channel: ET.Element | None = None
    try:
        for event, el in iterparse(source, events=("start", "end"), forbid_entities=True, forbid_external=True):
            if event == "start":
                depth += 1
                if depth == 1 and el.tag != "rss":
                    raise WXRError(f"not a WXR export: the root element is <{_local(el.tag)}>, not <rss>", 1)
                if depth == 2 and el.tag == "channel":
                    channel = el
                if depth == 3 and not site_sent and _local(el.tag) in _CHANNEL_BODY:
                    # The channel head is over: WXR puts it before authors and items.
                    site_sent = True
                    yield site
                continue
            # "end"
            if depth == 3 and channel is not None:
                name = _local(el.tag)
                if name == "item":
                    yield _item(el)
                    # Free the item: clear its subtree and unhook it from the
                    # channel, which would otherwise keep every item alive.
                    el.clear()
                    channel.remove(el)
                elif name == "wp:author":
                    yield _author(el)
                    el.clear()
                    channel.remove(el)
                elif name in ("wp:category", "wp:tag", "wp:term"):
                    yield _term(el)
                    el.clear()
                    channel.remove(el)
                elif name in _CHANNEL_HEAD and not site_sent:
                    setattr(site, _CHANNEL_HEAD[name], (el.text or "").strip())
            elif depth == 2 and not site_sent:
                site_sent = True
                yield site
            depth -= 1
    except DefusedXmlException as e:
        raise WXRError(f"refused WXR: {e} (an export never declares entities)") from e
    except ET.ParseError as e:
        line, column = getattr(e, "position", (None, None))
        message = str(e).split(":")[0]
        raise WXRError(f"malformed WXR at line {line}, column {column}: {message}", line) from e
    if channel is None:
        raise WXRError("not a WXR export: no <channel> element")


def iter_threaded(comments: Iterable[WPComment]) -> Iterator[tuple[int, WPComment]]:
    """Yield ``(depth, comment)`` in thread order: each reply after its parent.

    Siblings keep their export order. A reply whose parent is missing (or a
    parent loop) is treated as top-level, so every comment comes out once.

    >>> cs = [WPComment(1, None), WPComment(2, None), WPComment(3, 1), WPComment(4, 3)]
    >>> [(d, c.id) for d, c in iter_threaded(cs)]
    [(0, 1), (1, 3), (2, 4), (0, 2)]
    """
    comments = list(comments)
    ids = {c.id for c in comments if c.id is not None}
    children: dict[int | None, list[WPComment]] = {}
    for c in comments:
        parent = c.parent_id if c.parent_id in ids and c.parent_id != c.id else None
        children.setdefault(parent, []).append(c)
    seen: set[int] = set()

    def walk(root: WPComment, depth: int) -> Iterator[tuple[int, WPComment]]:
        # Iterative, so a pathological thread cannot hit the recursion limit.
        stack = [(depth, root)]
        while stack:
            d, c = stack.pop()
            if id(c) in seen:
                continue
            seen.add(id(c))
            yield d, c
            if c.id is not None:
                stack.extend((d + 1, child) for child in reversed(children.get(c.id, [])))

    for c in children.get(None, []):
        yield from walk(c, 0)
    # Comments caught in a parent loop (1 -> 2 -> 1) are unreachable from the
    # top; hand them out as top-level rather than lose them.
    for c in comments:
        if id(c) not in seen:
            yield from walk(c, 0)
