"""Hostile inputs for the detector, each built to about ``n`` characters.

Shared by the growth test (``test_detect.py``: the cost at ``8n`` must stay
near eight times the cost at ``n``) and by ``bench/linkpolicy.py`` (seconds
for 1 MB).  Each one aims at a pass or a regex that could backtrack or rescan.
"""

from __future__ import annotations

from typing import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


INPUTS: dict[str, Callable[[int], str]] = {
    "dots": _repeat("."),
    "a-dot": _repeat("a."),
    "http": _repeat("http://"),
    "letters": _repeat("a"),
    "long-label": lambda n: "a" * (n - 4) + ".com",
    "long-word-then-host": lambda n: "a" * (n - 6) + " x.com",
    "long-hangul-word-then-host": lambda n: "가" * (n - 5) + " 가.한국",
    "combining": lambda n: "a" + "\u0301" * (n - 1),
    "hangul-email": lambda n: "a@" + _repeat("한.글.")(n - 2),
    "at-signs": _repeat("a@"),
    "dot-word": _repeat("x dot "),
    "bbcode": _repeat("[url="),
    "spaced-www": _repeat("w w w . "),
    "sentence-dots": _repeat("word. so "),
    "space-before-dots": _repeat("a .b "),
    "many-hosts": _repeat("name.com "),
    "junk-labels": lambda n: "www." + _repeat("x1.")(n - 4),
    "broken-schemes": _repeat("хттп//"),
    "korean-at": _repeat("a골뱅이"),
    "ellipsis-www": _repeat(".....www"),
    "letter-spacing": _repeat("a b c d . "),
    "markdown": _repeat("[a]("),
    "ipv6-ish": _repeat("1:2:"),
}
