"""Shared helpers of the hostile-input tests: an HTML inertness scanner."""

from html.parser import HTMLParser

import pytest

from pressroom.comments.tests.conftest import comment_settings, old_token  # noqa: F401 (autouse fixture)

MARK = "pwn3d"
PAYLOADS = [
    f"<script>alert('{MARK}')</script>",
    f'"><img src=x onerror=alert("{MARK}")>',
    f"'><svg onload=alert('{MARK}')>",
    f"</textarea><script>alert('{MARK}')</script>",
    f"</title></script><script>alert('{MARK}')</script>",
    f"javascript:alert('{MARK}')",
    f"<style>body{{background:url(//{MARK}.invalid)}}</style>",
    f'<a href="javascript:alert(\'{MARK}\')">{MARK}</a>',
]


class ActiveContent(HTMLParser):
    """Collects every place where a payload would have become live HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and MARK in value:
                self.problems.append(f"<{tag} style={value!r}>")
        if tag in ("img", "svg") and any(n.startswith("on") for n, _ in attrs):
            self.problems.append(f"<{tag} {attrs!r}>")
        if tag in ("script", "style"):
            kind = dict(attrs).get("type") or ""
            # A JSON data block is never executed; it must only be unclosable (no "<").
            self._in = "json" if tag == "script" and kind == "application/json" else tag
            for name, value in attrs:
                if name == "src" and value == "x":
                    self.problems.append(f"<{tag} src=x>")

    def handle_endtag(self, tag):
        if tag == self._in or (tag == "script" and self._in == "json"):
            self._in = None

    def handle_data(self, data):
        if self._in == "json":
            if "<" in data:
                self.problems.append(f"<script type=application/json>{data[:80]}")
        elif self._in and MARK in data:
            self.problems.append(f"<{self._in}>{data[:80]}")


def assert_inert(html):
    scanner = ActiveContent()
    scanner.feed(html)
    scanner.close()
    assert not scanner.problems, scanner.problems


@pytest.fixture
def token(release):
    return old_token(release)
