"""Link detection for reader comments (private; import from ``pressroom.linkpolicy``).

How it works, in three steps, one module each:

1. **Normalise** (:mod:`._normalise`): a table of passes undoes the usual
   obfuscations (zero-width characters, fullwidth forms, ``&#46;``, ``[.]``,
   `` dot ``, ``점``, letter spacing, a URL broken over a line end …) into a
   second string, recording every replacement so offsets map back to the
   original and each finding knows what it was rebuilt from.
2. **Scan** (:mod:`._scan`): a few anchored, linear-time regexes propose
   candidates (markup, ``scheme://``, ``mailto:``-like schemes, e-mail,
   dotted hosts, IPv6).
3. **Judge** (:mod:`._hosts`): a bare host needs a real top-level domain
   (:mod:`._tlds`, from the Public Suffix List); its evidence is *strong*
   (a scheme, ``www.``, markup, an e-mail, an IP, a known obfuscation, a
   name + plain TLD, a path, a sharing phrase before it) or *weak* (the
   policy's ambiguous shapes: ``left.Today``, ``영화.한국영화``,
   ``Amazon.com``, ``main.py``, ``user.email``, ``ASP.NET``).

Overlapping candidates are merged; a merged finding is strong if any of its
parts is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._normalise import Normalised
from ._scan import scan

__all__ = ["Link", "find_links", "has_link", "KINDS", "STRENGTHS"]

KINDS = ("url", "domain", "email", "ip", "markup", "obfuscated")
STRENGTHS = ("strong", "weak")


@dataclass(frozen=True, slots=True)
class Link:
    """One link found in a text: ``text == original[start:end]``.

    ``strength`` is ``"strong"`` (refuse) or ``"weak"`` (one of the policy's
    ambiguous shapes; a site may hold it for a moderator instead).

    >>> Link(4, 15, "domain", "example.com").weak
    False
    """

    start: int
    end: int
    kind: str
    text: str
    strength: str = "strong"

    @property
    def weak(self) -> bool:
        """True when the only evidence is one of the policy's ambiguous shapes."""
        return self.strength == "weak"


def find_links(text: str) -> list[Link]:
    """Return every link in ``text``, weak findings included, sorted and non-overlapping.

    Offsets are code points into ``text`` (end exclusive); ``kind`` is one of
    ``"url"``, ``"domain"``, ``"email"``, ``"ip"``, ``"markup"``,
    ``"obfuscated"``.  Raises ``TypeError`` unless ``text`` is a ``str``.

    >>> find_links("Подробнее на example.com, спасибо")
    [Link(start=13, end=24, kind='domain', text='example.com', strength='strong')]
    >>> [(l.kind, l.text) for l in find_links("write to spam dot ru or U.S. gov")]
    [('obfuscated', 'spam dot ru')]
    >>> [(l.text, l.strength) for l in find_links("Just run main.py, they left.Today")]
    [('main.py', 'weak'), ('left.Today', 'weak')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_links() needs a str, not {type(text).__name__}")
    if not text:
        return []
    norm = Normalised(text)
    cands = scan(norm)
    if not cands:
        return []
    cands.sort()  # by start, then end: a finding grows over every candidate it overlaps
    merged: list[list] = []  # [start, end, priority, kind, obfuscated, weak]
    for c in cands:
        start, end, prio, kind, obf, weak = c
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            cur = merged[-1]
            if end > cur[1]:
                cur[1] = end
            if prio > cur[2]:
                cur[2], cur[3] = prio, kind
            cur[4] = cur[4] or obf
            cur[5] = cur[5] and weak
        else:
            merged.append([start, end, prio, kind, obf, weak])
    links: list[Link] = []
    rebuilt = bool(norm.segs)  # otherwise the offsets are the original ones already
    last_end = 0
    for s, e, _prio, kind, obf, weak in merged:
        if rebuilt:
            if kind != "markup" and norm.evidence(s, e):
                kind = "obfuscated"
            s, e = norm.to_orig(s, e)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s or s < last_end:  # can only happen through odd mappings
                continue
        if obf and kind != "markup":
            kind = "obfuscated"
        links.append(Link(s, e, kind, text[s:e], "weak" if weak else "strong"))
        last_end = e
    return links


def has_link(text: str) -> bool:
    """True if ``text`` contains at least one link, weak findings included.

    >>> has_link("Meeting at 10.30, see you (e.g. at the U.N.)")
    False
    >>> has_link("всё тут: vk.cc/abc")
    True
    """
    return bool(find_links(text))
