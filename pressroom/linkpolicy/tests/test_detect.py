"""Tests for pressroom.linkpolicy: fixture corpora, spans, kinds, properties."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.linkpolicy import Link, find_links, has_link
from pressroom.linkpolicy.tests.adversarial import INPUTS

FILES = Path(__file__).parent / "files"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\n|\\r")


def _unescape(line: str) -> str:
    def sub(m: re.Match) -> str:
        if m.group(1):
            return chr(int(m.group(1), 16))
        return "\n" if m.group() == "\\n" else "\r"

    return _ESCAPE.sub(sub, line)


def _fixture(name: str) -> list[tuple[str, str | None]]:
    """(text, expected first link text or None) from a fixture file."""
    cases: list[tuple[str, str | None]] = []
    for raw in (FILES / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("%"):
            continue
        if raw.startswith("=> "):
            text, _ = cases[-1]
            cases[-1] = (text, _unescape(raw[3:]))
        else:
            cases.append((_unescape(raw), None))
    return cases


LINKS = _fixture("links.txt")
WEAK_LINKS = _fixture("weak_links.txt")
NOT_LINKS = [text for text, _ in _fixture("not_links.txt")]


@pytest.mark.parametrize("text,expected", LINKS, ids=[t[:40] for t, _ in LINKS])
def test_links(text, expected):
    links = find_links(text)
    assert links, f"no link found in {text!r}"
    assert any(l.strength == "strong" for l in links), f"only weak findings in {text!r}"
    if expected is not None:
        assert links[0].text == expected


@pytest.mark.parametrize("text,expected", WEAK_LINKS, ids=[t[:40] for t, _ in WEAK_LINKS])
def test_weak_links(text, expected):
    links = find_links(text)
    assert links, f"no finding in {text!r}"
    assert all(l.weak and l.strength == "weak" for l in links), links
    assert has_link(text)
    if expected is not None:
        assert links[0].text == expected


@pytest.mark.parametrize("text", NOT_LINKS, ids=[t[:40] for t in NOT_LINKS])
def test_not_links(text):
    assert find_links(text) == []
    assert not has_link(text)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("go https://example.org/x", "url"),
        ("go www.example.org", "url"),
        ("go example.org", "domain"),
        ("go a.b@example.org", "email"),
        ("go 10.20.30.40", "ip"),
        ('go <a href="http://e.org">x</a>', "markup"),
        ("go [t](http://e.org)", "markup"),
        ("go [url=e.org]x[/url]", "markup"),
        ("go example dot org", "obfuscated"),
        ("go example[.]org", "obfuscated"),
        ("go hxxp://example.org", "obfuscated"),
        ("go exаmple.org", "obfuscated"),  # Cyrillic а
        ("go example%2Eorg", "obfuscated"),
    ],
)
def test_kinds(text, kind):
    (link,) = find_links(text)
    assert link.kind == kind
    assert link.start == 3 and link.end == len(text)


def test_link_is_a_frozen_dataclass():
    link = find_links("see example.com")[0]
    assert link == Link(4, 15, "domain", "example.com", "strong")
    assert not link.weak
    with pytest.raises(AttributeError):
        link.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text,spans",
    [
        # surrounding punctuation and quotes stay outside
        ('He said "example.com", then (test-site.org).', ["example.com", "test-site.org"]),
        ("«сайт-знакомств.рф»!", ["сайт-знакомств.рф"]),
        # Korean particles glued after a link stay outside
        ("example.com에서 확인, mail@example.kr으로 연락", ["example.com", "mail@example.kr"]),
        ("https://뉴스.한국에 있어요", ["https://뉴스.한국"]),
        # markup: the whole element
        ('x <a href="https://e.com">t</a> y', ['<a href="https://e.com">t</a>']),
        ("x [t](https://e.com) y", ["[t](https://e.com)"]),
        ("x [URL=e.com]t[/URL] y", ["[URL=e.com]t[/URL]"]),
        # obfuscation: the whole expression
        ("x example dot com y", ["example dot com"]),
        ("x w w w . e x a m p l e . c o m y", ["w w w . e x a m p l e . c o m"]),
        ("x example (.) com y", ["example (.) com"]),
        # unbalanced closing bracket is outside, balanced one inside
        ("(see https://en.wiki.org/wiki/A_(b))", ["https://en.wiki.org/wiki/A_(b)"]),
        ("two: a.com and b.org.", ["a.com", "b.org"]),
    ],
)
def test_spans(text, spans):
    links = find_links(text)
    assert [l.text for l in links] == spans
    for l in links:
        assert text[l.start : l.end] == l.text


def test_ambiguous_shapes_are_found_but_weak():
    # a real TLD with only an ambiguous shape behind it is a weak finding
    for text, found in [
        ("Just run main.py and read readme.md", ["main.py", "readme.md"]),
        ("The site runs on ASP.NET", ["ASP.NET"]),
        ("version 3.4.12.200 is out", ["3.4.12.200"]),
        ("They left.Today it is empty.", ["left.Today"]),
    ]:
        links = find_links(text)
        assert [l.text for l in links] == found
        assert all(l.weak and l.strength == "weak" for l in links)
    assert not has_link("Встреча в г. Москве прошла спокойно.")


@pytest.mark.parametrize("value", [None, b"example.com", 42, ["example.com"]])
def test_non_str_input_is_a_type_error(value):
    with pytest.raises(TypeError):
        find_links(value)
    with pytest.raises(TypeError):
        has_link(value)


@pytest.mark.parametrize("text", ["", " ", ".", "@", "://", "a.", ".com", "www.", "http://"])
def test_trivial_inputs(text):
    assert find_links(text) == []


def _check_invariants(text: str, links: list[Link]) -> None:
    last = 0
    for l in links:
        assert 0 <= l.start < l.end <= len(text)
        assert l.start >= last
        assert l.text == text[l.start : l.end]
        assert l.kind in {"url", "domain", "email", "ip", "markup", "obfuscated"}
        assert l.strength in {"strong", "weak"}
        last = l.end


_ALPHABET = st.sampled_from(
    list("abcxyz019.-_@:/ \n()[]<>{}%&#;=?\"'")
    + ["dot", "точка", "닷", "점", "собака", " at ", "www.", "http://", "com", "рф", "한국",
       "\u200b", "\u00ad", "．", "。", "&#46;", "%2E", "[.]", "h**p", "\r\n", "é", "а", "ο"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_property_link_soup(text):
    _check_invariants(text, find_links(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_property_arbitrary_text(text):
    _check_invariants(text, find_links(text))


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        find_links(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_adversarial_cost_grows_linearly(name):
    # No wall-clock limit: the cost at 8n must stay near 8x the cost at n
    # (a quadratic scan would be 64x).  Seconds for 1 MB are in the bench.
    n = 16_000
    small, big = INPUTS[name](n), INPUTS[name](8 * n)
    assert len(small) == n and len(big) == 8 * n
    _check_invariants(big, find_links(big))
    ratio = _cpu_seconds(big) / max(_cpu_seconds(small), 1e-4)
    assert ratio < 24, f"{name}: 8x the input cost {ratio:.1f}x the time"
