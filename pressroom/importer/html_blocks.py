"""WordPress post HTML -> a list of ``(block_type, value)`` pairs.

The pairs have the shape of the release body StreamField
(``pressroom.releases.blocks.ReleaseBodyBlock``), so a command can hand them
to the page as ``body=[...]`` once images are resolved:

* ``("paragraph", "<p>…</p>")`` -- rich text; only ``p b strong i em a br``
  survive, ``<a>`` keeps only an ``href`` with a safe scheme (http, https,
  mailto, tel, or a relative address);
* ``("heading", {"text": str, "level": "h2" | "h3" | "h4"})`` -- h1 and h2
  become h2, h5 and h6 become h4;
* ``("quote", {"text": str, "attribution": str})`` -- the attribution is the
  ``<cite>`` of the blockquote, without a leading dash; paragraphs of the
  quote are joined by "\\n";
* ``("list", {"style": "ul" | "ol", "items": [str, ...]})`` -- nested lists
  are flattened into the outer one;
* ``("image", {"url": str, "alt": str, "caption": str})`` -- from ``<img>``,
  with the caption from ``<figcaption>`` or a ``[caption]`` shortcode.

All ``str`` values except the paragraph HTML are PLAIN text (entities decoded,
tags gone): escape them when rendering, as Django templates do.

Both editors are understood. Classic-editor content goes through WordPress's
``wpautop`` before display, so here too bare text split by a blank line is two
paragraphs and a single newline is a ``<br>``. Content with Gutenberg block
comments (``<!-- wp:paragraph -->``) is not autop'ed by WordPress, so
newlines are plain whitespace; the block comments only mark boundaries.

``<script>``, ``<style>``, ``<iframe>``, ``<object>``, ``<svg>``, forms and
the like are dropped with their content; other unknown tags are unwrapped to
their text.

>>> html_to_blocks('Hello <b>world</b>\\nagain\\n\\n<h2>Next</h2><ul><li>one<li>two</ul>')
[('paragraph', '<p>Hello <b>world</b><br>again</p>'), ('heading', {'text': 'Next', 'level': 'h2'}), ('list', {'style': 'ul', 'items': ['one', 'two']})]
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

__all__ = ["html_to_blocks", "safe_url"]

_DROP = {
    "script", "style", "iframe", "object", "svg", "math", "noscript", "template", "select", "textarea",
    "button", "head", "title", "video", "audio", "canvas", "map", "frameset", "noembed", "noframes",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_INLINE_KEEP = {"b": "b", "strong": "strong", "i": "i", "em": "em", "a": "a"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "center", "dl", "dt", "dd", "details", "summary",
    "form", "fieldset", "hgroup",
}
_HEADING_LEVEL = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SPACES = re.compile(r"[ \t\n\r\f]+")

# Shortcodes whose whole content is not text: [embed]https://…[/embed], [video …].
# The enclosed part may not contain "[", so that a file full of unclosed
# shortcodes is read in linear time, not searched to its end from each one.
_SHORTCODE_DROP = re.compile(
    r"\[(embed|video|audio|playlist|gallery|contact-form-7|contact-form|wpforms|soundcloud|youtube)\b[^\]]*\]"
    r"(?:[^\[]*\[/\1\])?",
    re.IGNORECASE,
)
# Likewise the caption body stops at the next [caption or [/caption.
_CAPTION = re.compile(
    r"\[(?:wp_)?caption\b[^\]]*\]((?:(?!\[/?(?:wp_)?caption\b).)*)\[/(?:wp_)?caption\]",
    re.IGNORECASE | re.DOTALL,
)
# Nesting limits: deeper markup is not meaningful and would make the
# reopen-on-new-paragraph and capture lookups quadratic.
_MAX_INLINE = 20
_MAX_CAPTURES = 50


def safe_url(url: str | None, base_url: str | None = None) -> str | None:
    """``url`` if its scheme is safe (http, https, mailto, tel, or none), else None.

    Control characters and whitespace are ignored when reading the scheme, as
    browsers do, so "java\\tscript:" is caught. Relative addresses are joined
    to ``base_url`` when one is given.

    >>> safe_url("JavaScript:alert(1)") is None, safe_url("/a b", "https://x.example/p/")
    (True, 'https://x.example/a b')
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    probe = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()
    m = re.match(r"^([a-z][a-z0-9+.\-]*):", probe)
    if m and m.group(1) not in _SAFE_SCHEMES:
        return None
    if not m and base_url:
        url = urljoin(base_url, url)
    return url


def _caption_to_figure(m: re.Match) -> str:
    inner = m.group(1)
    # The caption text is what follows the image (or the link around it).
    split = max(inner.lower().rfind("</a>"), -1)
    if split >= 0:
        split += 4
    else:
        img = re.search(r"<img\b[^>]*>", inner, re.IGNORECASE)
        split = img.end() if img else 0
    return f"<figure>{inner[:split]}<figcaption>{inner[split:]}</figcaption></figure>"


class _Converter(HTMLParser):
    def __init__(self, autop: bool, base_url: str | None):
        super().__init__(convert_charrefs=True)
        self.autop = autop
        self.base_url = base_url
        self.blocks: list[tuple[str, object]] = []
        self.para: list[str] = []  # rich-text fragments of the open paragraph
        self.inline: list[tuple[str, str, str]] = []  # open inline tags: (name, opening, closing)
        self.skip: list[str] = []  # dropped elements being skipped
        self.captures: list[dict] = []  # open heading / list / quote / figure

    # -- paragraphs ---------------------------------------------------------

    def _para_write(self, fragment: str) -> None:
        if not self.para:
            self.para.extend(opening for _, opening, _ in self.inline)
        self.para.append(fragment)

    def _flush(self) -> None:
        if not self.para:
            return
        fragments = self.para + [closing for _, _, closing in reversed(self.inline)]
        self.para = []
        body = "".join(fragments)
        # Drop inline tags left empty, then <br>s and spaces at either end.
        previous = None
        while previous != body:
            previous = body
            body = re.sub(r"<(b|strong|i|em|a)(?: [^>]*)?>\s*</\1>", " ", body)
        body = re.sub(r"^(?:\s|<br>)+|(?:\s|<br>)+$", "", body)
        body = re.sub(r" {2,}", " ", body)
        if re.sub(r"<[^>]*>|[\s\u00a0]", "", body):
            self.blocks.append(("paragraph", f"<p>{body}</p>"))

    # -- where text goes ----------------------------------------------------

    def _target(self) -> dict | None:
        for cap in reversed(self.captures):
            if cap["kind"] == "figure" and not cap["in_caption"]:
                continue
            return cap
        return None

    def _text(self, data: str) -> None:
        cap = self._target()
        if cap is None:
            self._para_text(data)
            return
        kind = cap["kind"]
        if kind == "list" and cap["item"] is None:
            if not data.strip():
                return
            cap["item"] = []
        buf = {
            "heading": lambda: cap["text"],
            "list": lambda: cap["item"],
            "quote": lambda: cap["cite"] if cap["in_cite"] else cap["text"],
            "figure": lambda: cap["caption"],
        }[kind]()
        buf.append(data)

    def _para_text(self, data: str) -> None:
        if self.autop:
            chunks = re.split(r"\n[ \t\r\f]*\n\s*", data)
            for n, chunk in enumerate(chunks):
                if n:
                    self._flush()
                lines = chunk.split("\n")
                for m, line in enumerate(lines):
                    if m:
                        self._para_write("<br>")
                    line = _SPACES.sub(" ", line)
                    if line:
                        self._para_write(html.escape(line, quote=False))
        else:
            text = _SPACES.sub(" ", data)
            if text:
                self._para_write(html.escape(text, quote=False))

    def _break(self) -> None:
        """A block boundary: new paragraph, or a line break inside a capture."""
        cap = self._target()
        if cap is None:
            self._flush()
        elif cap["kind"] == "quote":
            (cap["cite"] if cap["in_cite"] else cap["text"]).append("\n")
        elif cap["kind"] == "list" and cap["item"] is not None:
            cap["item"].append(" ")
        elif cap["kind"] in ("heading", "figure"):
            (cap["text"] if cap["kind"] == "heading" else cap["caption"]).append(" ")

    # -- parser callbacks ---------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _DROP:
            self.skip.append(tag)
            return
        a = {k: (v or "") for k, v in attrs}
        cap = self._target()
        if tag in _INLINE_KEEP:
            if cap is not None or len(self.inline) >= _MAX_INLINE:
                return  # captures hold plain text
            name = _INLINE_KEEP[tag]
            opening, closing = f"<{name}>", f"</{name}>"
            if tag == "a":
                href = safe_url(a.get("href"), self.base_url)
                # A link without a usable address is unwrapped to its text.
                opening, closing = (f'<a href="{html.escape(href, quote=True)}">', "</a>") if href else ("", "")
            self.inline.append((name, opening, closing))
            if self.para:
                self.para.append(opening)
        elif tag == "br":
            if cap is None:
                self._para_write("<br>")
            else:
                self._break()
        elif tag == "img":
            self._image(a)
        elif tag in _HEADING_LEVEL:
            if cap is None:
                self._flush()
                self.captures.append({"kind": "heading", "tag": tag, "text": []})
            else:
                self._break()
        elif tag in ("ul", "ol"):
            if cap is None:
                self._flush()
                self.captures.append({"kind": "list", "tag": tag, "style": tag, "items": [], "item": None, "depth": 1})
            elif cap["kind"] == "list":
                cap["depth"] += 1
                self._end_item(cap)
            else:
                self._break()
        elif tag == "li":
            if cap is not None and cap["kind"] == "list":
                self._end_item(cap)
                cap["item"] = []
            else:
                self._break()
        elif tag == "blockquote":
            if cap is None:
                self._flush()
                self.captures.append({"kind": "quote", "tag": tag, "text": [], "cite": [], "in_cite": False})
            else:
                self._break()
        elif tag == "cite" and cap is not None and cap["kind"] == "quote":
            cap["in_cite"] = True
        elif tag == "figure" and len(self.captures) < _MAX_CAPTURES:
            self._flush()
            self.captures.append({"kind": "figure", "tag": tag, "images": [], "caption": [], "in_caption": False})
        elif tag == "figcaption":
            fig = self._figure()
            if fig is not None:
                fig["in_caption"] = True
            else:
                self._break()
        elif tag in ("hr",) or tag in _BLOCK or tag in ("td", "th"):
            if tag in ("td", "th") and cap is None and self.para:
                self._para_write(" ")
            else:
                self._break()
        # Anything else (span, u, sup, font, unknown tags): unwrapped.

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _INLINE_KEEP:
            name = _INLINE_KEEP[tag]
            if any(n == name for n, _, _ in self.inline):
                while self.inline:
                    n, _, closing = self.inline.pop()
                    if self.para:
                        self.para.append(closing)
                    if n == name:
                        break
            return
        cap = self._target()
        if tag in _HEADING_LEVEL:
            if cap is not None and cap["kind"] == "heading":
                self._close(cap)
            else:
                self._break()
        elif tag in ("ul", "ol"):
            if cap is not None and cap["kind"] == "list":
                cap["depth"] -= 1
                self._end_item(cap)
                if cap["depth"] == 0:
                    self._close(cap)
            else:
                self._break()
        elif tag == "li":
            if cap is not None and cap["kind"] == "list":
                self._end_item(cap)
            else:
                self._break()
        elif tag == "blockquote":
            if cap is not None and cap["kind"] == "quote":
                self._close(cap)
            else:
                self._break()
        elif tag == "cite":
            if cap is not None and cap["kind"] == "quote":
                cap["in_cite"] = False
        elif tag == "figcaption":
            fig = self._figure()
            if fig is not None:
                fig["in_caption"] = False
            else:
                self._break()
        elif tag == "figure":
            fig = self._figure()
            if fig is not None:
                self._close(fig)
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data)

    def handle_comment(self, data: str) -> None:
        # Gutenberg block delimiters, <!--more-->, <!--nextpage-->: boundaries.
        # Any other comment (conditional comments included) is dropped.
        if re.match(r"\s*/?wp:|\s*(more|nextpage)\b", data) and not self.skip and self._target() is None:
            self._flush()

    # -- captures -----------------------------------------------------------

    def _figure(self) -> dict | None:
        for cap in reversed(self.captures):
            if cap["kind"] == "figure":
                return cap
        return None

    def _end_item(self, cap: dict) -> None:
        if cap["item"] is not None:
            text = _plain(cap["item"])
            if text:
                cap["items"].append(text)
        cap["item"] = None

    def _image(self, attrs: dict[str, str]) -> None:
        url = safe_url(attrs.get("src"), self.base_url)
        if not url:
            return
        image = {"url": url, "alt": _plain([attrs.get("alt", "")]), "caption": ""}
        fig = self._figure()
        if fig is not None:
            fig["images"].append(image)
            return
        cap = self._target()
        if cap is not None and cap["kind"] in ("heading", "quote"):
            return  # an icon inside a heading or quote is decoration
        self._flush()
        self.blocks.append(("image", image))

    def _close(self, cap: dict) -> None:
        # Close anything opened inside it first (unclosed tags in sloppy HTML).
        while self.captures:
            top = self.captures.pop()
            self._emit(top)
            if top is cap:
                break

    def _emit(self, cap: dict) -> None:
        self._flush()
        kind = cap["kind"]
        if kind == "heading":
            text = _plain(cap["text"])
            if text:
                self.blocks.append(("heading", {"text": text, "level": _HEADING_LEVEL[cap["tag"]]}))
        elif kind == "list":
            self._end_item(cap)
            if cap["items"]:
                self.blocks.append(("list", {"style": cap["style"], "items": cap["items"]}))
        elif kind == "quote":
            text = "\n".join(line for line in (_plain([s]) for s in "".join(cap["text"]).split("\n")) if line)
            attribution = re.sub(r"^[\s\-–—―]+", "", _plain(cap["cite"]))
            if text:
                self.blocks.append(("quote", {"text": text, "attribution": attribution}))
        elif kind == "figure":
            caption = _plain(cap["caption"])
            for image in cap["images"]:
                image["caption"] = caption if len(cap["images"]) == 1 else image["caption"]
                self.blocks.append(("image", image))
            if caption and not cap["images"]:
                self.blocks.append(("paragraph", f"<p>{html.escape(caption, quote=False)}</p>"))

    def finish(self) -> list[tuple[str, object]]:
        self.close()
        while self.captures:
            self._close(self.captures[-1])
        self._flush()
        return self.blocks


def _plain(parts: list[str]) -> str:
    return _SPACES.sub(" ", "".join(parts)).strip()


def html_to_blocks(html_text: str, *, base_url: str | None = None) -> list[tuple[str, object]]:
    """Convert one post's HTML (``WPItem.content``) to body blocks.

    ``base_url`` (e.g. the site's ``base_site_url``) makes relative link and
    image addresses absolute; without it they are kept as they are.

    >>> html_to_blocks('<!-- wp:quote --><blockquote><p>Rivers join.</p><cite>— A. Petrova</cite></blockquote><!-- /wp:quote -->')
    [('quote', {'text': 'Rivers join.', 'attribution': 'A. Petrova'})]
    >>> html_to_blocks('[caption id="a1"]<img src="/m/bridge.jpg" alt="Bridge"> The new bridge[/caption]', base_url="https://riverside.example")
    [('image', {'url': 'https://riverside.example/m/bridge.jpg', 'alt': 'Bridge', 'caption': 'The new bridge'})]
    >>> html_to_blocks('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">there</a></p>')
    [('paragraph', '<p>Hi there</p>')]
    """
    if not html_text or not html_text.strip():
        return []
    text = html_text.replace("\r\n", "\n").replace("\r", "\n")
    autop = not re.search(r"<!--\s*wp:", text)
    text = _SHORTCODE_DROP.sub("", text)
    text = _CAPTION.sub(_caption_to_figure, text)
    converter = _Converter(autop=autop, base_url=base_url)
    converter.feed(text)
    return converter.finish()
