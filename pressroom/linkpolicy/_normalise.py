"""Step 1: undo the usual obfuscations, keeping a map back to the original offsets.

Every pass in :data:`PASSES` finds one kind of disguise in the *original*
text and proposes a replacement; the replacements are applied together
(the earlier one wins where two overlap) to build the normalised text, and
each is recorded as a segment so a span found later can be mapped back.  A
replacement also records what kind of evidence it is (:class:`Evidence`):
undoing ``example[.]com`` is proof of intent, a dot rebuilt from ``". "`` is
only the shape of a sentence end, and the validator treats them differently.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from typing import Callable

from ._tlds import is_plain_tld, is_tld


class Evidence:
    """What a replacement says about the finding it ends up in."""

    TRICK = "trick"  # a known obfuscation: ``[.]``, ``&#46;``, zero-width, letter spacing
    DOT_WORD = "dot_word"  # ``dot``, ``точка``, ``점``: also ordinary words
    SPACED_DOT = "spaced_dot"  # ``name .tld``, ``name . tld``
    SENTENCE_DOT = "sentence_dot"  # ``name. tld``, ``name tld``, ``name.\\ntld``: the shape of prose
    JOIN = "join"  # a URL broken by a line break or a space after ``://``


WEAK_DOTS = frozenset((Evidence.DOT_WORD, Evidence.SPACED_DOT, Evidence.SENTENCE_DOT))

Replacement = tuple[int, int, str, str]  # orig start, orig end, new text, Evidence

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3002: ord("."), 0xFF61: ord(".")})
_DOT_WORDS = "dot|DOT|Dot|точка|ТОЧКА|тчк|ТЧК"
_AT_WORDS = "собака|СОБАКА|собачка|골뱅이"
_OPEN_Q = "\\[(\"'«“‘<{"
_CLOSE_Q = "\\])\"'»”’>},.;:!?"
_CYRILLIC_SCHEME = re.compile(r"[\u0400-\u04ff]")
_SCHEME_AHEAD = r"(?![a-z][\w+*.-]{0,31}:|www\d{0,3}\.|[\w.+-]{0,64}@)"
_URLISH_TOKEN = re.compile(
    r"(?i)^[\[(<\"'«“]*(?:[a-z][\w+*.-]{0,31}://|www\d{0,3}\.|[\w-]+(?:\.[\w-]+)+[/:?#])"
)
_URL_CONT = re.compile(r"[a-z0-9/._~%?=&#-]")
_URL_END = re.compile(r"[\w/._~%?=&#:-]")
_TLD_AFTER_BREAK = re.compile(r"[^\W\d_]{2,24}(?![\w.])")


def _whole(new: str, evidence: str) -> tuple[str, str]:
    """A pass whose every match becomes ``new`` (no function to call per match)."""
    return new, evidence


def _drop_invisible(m: re.Match, orig: str) -> Replacement:
    return m.start(), m.end(), "", Evidence.TRICK


def _fold_fullwidth(m: re.Match, orig: str) -> Replacement:
    return m.start(), m.end(), m.group().translate(_FULLWIDTH), Evidence.TRICK


def _decode_entity(m: re.Match, orig: str) -> Replacement | None:
    ch = html.unescape(m.group())
    return (m.start(), m.end(), ch, Evidence.TRICK) if ch in (".", ":", "/", "@") else None


def _decode_percent(m: re.Match, orig: str) -> Replacement:
    new = {"2e": ".", "2f": "/", "3a": ":", "40": "@"}[m.group()[1:].lower()]
    return m.start(), m.end(), new, Evidence.TRICK


def _unbracket(new: str) -> Callable[[re.Match, str], Replacement]:
    def replace(m: re.Match, orig: str) -> Replacement:
        s = m.start()
        if s and orig[s - 1] in " \t":  # "example (.) com": the space before goes too
            s -= 1
        return s, m.end(), new, Evidence.TRICK

    return replace


def _repair_scheme(m: re.Match, orig: str) -> Replacement | None:
    """``хттп://`` (Cyrillic letters) and ``http//`` (colon missing) -> ``http://``."""
    scheme = m.group("scheme")
    if not m.group("colon") or _CYRILLIC_SCHEME.search(scheme):
        return m.start(), m.end(), "https://" if scheme[-1] in "sSсС" else "http://", Evidence.TRICK
    return None


_WORD_BEFORE = re.compile(r"[\w-]{1,63}\Z")
_WORD_AFTER = re.compile(r"[\w-]{1,63}")


def _dot_word(m: re.Match, orig: str) -> Replacement | None:
    """`` dot ``, `` точка ``; but "does DOT compare" is a name in a sentence.

    A capitalised dot word between lower-case words, before a TLD that is also
    a word, is read as a dot only after a name with a digit or hyphen
    ("vpn-fast DOT live", and "cheap DOT pills DOT com" too).
    """
    word = m.group().strip()
    if not word.islower() and orig[m.end()].islower():
        after = _WORD_AFTER.match(orig, m.end()).group()
        name = _WORD_BEFORE.search(orig, max(0, m.start() - 63), m.start())
        if is_tld(after) and not is_plain_tld(after) and (
            name is None or not any(c.isdigit() or c == "-" for c in name.group())
        ):
            return None
    return m.start(), m.end(), ".", Evidence.DOT_WORD


def _korean_dot_word(m: re.Match, orig: str) -> Replacement | None:
    # "10점 good" is a score: the name before the dot word needs a letter.
    k = m.start()
    while k > 0 and (orig[k - 1].isascii() and (orig[k - 1].isalnum() or orig[k - 1] == "-")):
        k -= 1
    if not any(c.isalpha() for c in orig[k : m.start()]):
        return None
    return m.start(), m.end(), ".", Evidence.DOT_WORD


_NAME_BEFORE = re.compile(r"[A-Za-z0-9-]{4,63}\Z")
_NOT_NAMES = frozenset("that this with from what your dot-com".split()) | set(_DOT_WORDS.lower().split("|"))


def _space_for_dot(m: re.Match, orig: str) -> Replacement | None:
    """``mysite com``: a name of four letters or more, then a bare ``com``/``net``/``org``."""
    name = _NAME_BEFORE.search(orig, max(0, m.start() - 63), m.start())
    if name is None or name.group().lower() in _NOT_NAMES:
        return None  # "the com port", "dot com bubble"
    return m.start(), m.end(), ".", Evidence.SENTENCE_DOT


def _spaced_www(m: re.Match, orig: str) -> Replacement | None:
    """``w w w . cheap watches . com``: letters and words run together."""
    txt = m.group()
    if not any(c.isspace() for c in txt):
        return None
    collapsed = "".join(txt.split())
    if not is_tld(collapsed.rsplit(".", 1)[-1]):
        return None
    return m.start(), m.end(), collapsed, Evidence.TRICK


def _letter_spacing(m: re.Match, orig: str) -> Replacement | None:
    """``w w w . e x a m p l e . c o m`` and ``h t t p s : / / …``."""
    s, e, txt = m.start(), m.end(), m.group()
    collapsed = txt.replace(" ", "").replace("\t", "")
    if "://" in collapsed:
        return s, e, collapsed, Evidence.TRICK
    if "." not in collapsed.strip(".") or sum(c.isalnum() for c in collapsed) < 4:
        return None
    # "c o m y": a one-letter word after the spelled-out TLD is not part of it
    head, _, last = collapsed.rpartition(".")
    if last.isalpha() and not is_tld(last):
        for k in range(len(last) - 1, 1, -1):
            if is_tld(last[:k]):
                e = s + len(txt.rstrip())
                for _ in range(len(last) - k):  # drop the extra letters from the end
                    e = orig.rfind(" ", s, e)
                collapsed = head + "." + last[:k]
                break
    if collapsed[1:4].lower() == "www" and txt[1:2] == " ":
        s, collapsed = s + 2, collapsed[1:]  # "в w w w . …": a word before it
    return s, e, collapsed, Evidence.TRICK


def _join_line_break(m: re.Match, orig: str) -> Replacement | None:
    """Join a link broken over a line end, only where it visibly continues."""
    i, j = m.span()
    if i and orig[i - 1] == "\r":
        i -= 1
    nxt = orig[j : j + 2]
    if not nxt or i == 0:
        return None
    prev = orig[i - 1]
    if nxt[0] == "." and len(nxt) == 2 and nxt[1].isalpha() and (prev.isalnum() or prev == "-"):
        return i, j, "", Evidence.JOIN  # "name\n.tld"
    if prev == "." and i > 1 and orig[i - 2].isalnum():
        tld = _TLD_AFTER_BREAK.match(orig, j)
        if tld and is_tld(tld.group()):
            return i, j, "", Evidence.SENTENCE_DOT  # "name.\ntld": also a sentence end
    if not (_URL_CONT.match(nxt[0]) and _URL_END.match(prev)):
        return None
    lo = max(0, i - 300)
    k = max(orig.rfind(" ", lo, i), orig.rfind("\n", lo, i), orig.rfind("\t", lo, i))
    if _URLISH_TOKEN.search(orig[k + 1 : i]):
        return i, j, "", Evidence.JOIN
    return None


@dataclass(frozen=True)
class Pass:
    """One normalisation pass: a regex over the original text and what a match becomes.

    ``replace`` is a function of the match (returning the replacement, or
    None to leave the match alone) or, through :func:`_whole`, the text and
    evidence every match becomes.  ``gate`` keeps the pass from running at all
    on the many texts that cannot contain it: substrings looked for in the
    lower-cased text, or a regex.  ``ascii=False`` marks a pass that only text
    with non-ASCII characters can need.
    """

    name: str
    pattern: re.Pattern
    replace: Callable[[re.Match, str], Replacement | None] | tuple[str, str]
    gate: tuple[str, ...] | re.Pattern | None = None
    ascii: bool = True


# The passes in priority order: where two replacements overlap, the one that
# starts first wins, and at the same start the one listed first.  Each
# pattern starts with a literal or a character class, so ``re`` skips ahead
# in C, and every repetition is bounded or possessive (linear time).
PASSES: tuple[Pass, ...] = (
    Pass("drop_invisible", re.compile(f"[{_INVISIBLE}]+"), _drop_invisible, ascii=False),
    Pass("fold_fullwidth", re.compile("[\uff01-\uff5e\u3002\uff61]+"), _fold_fullwidth, ascii=False),
    Pass("decode_entity",
         re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"), _decode_entity,
         gate=("&",)),
    Pass("decode_percent", re.compile(r"%(?:2[eEfF]|3[aA]|40)"), _decode_percent, gate=("%",)),
    Pass("repair_scheme",
         re.compile(r"(?i)(?<![a-z0-9\u0400-\u04ff])(?P<scheme>h[t*x]{2}ps?|[хh][тt]{1,2}[пp][сc]?)"
                    r"(?P<colon>:?)//(?=[\w\[])"),
         _repair_scheme, gate=("p//", "s//", "п:", "п//", "с:", "с//")),
    Pass("unbracket_dot",
         re.compile(r"[(\[{<][ \t]?(?:\.|dot|DOT|Dot|точка|ТОЧКА|тчк|ТЧК|점|쩜|닷)[ \t]?[)\]}>][ \t]?"),
         _unbracket("."), gate=("(", "[", "{", "<")),
    Pass("unbracket_colon", re.compile(r"[(\[{]:[)\]}]"), _whole(":", Evidence.TRICK), gate=(":",)),
    Pass("unbracket_at",
         re.compile(r"[(\[{<][ \t]?(?:at|AT|собака|СОБАКА|골뱅이|@)[ \t]?[)\]}>][ \t]?"),
         _unbracket("@"), gate=("(", "[", "{", "<")),
    Pass("dot_word", re.compile(rf"(?<=\w)[ \t]+(?:{_DOT_WORDS})[ \t]+(?=\w)"),
         _dot_word, gate=("dot", "точка", "тчк")),
    Pass("korean_dot_word",
         re.compile(r"(?<=[A-Za-z0-9-])[ \t]*[점쩜닷][ \t]*(?=[A-Za-z])"), _korean_dot_word,
         gate=("점", "쩜", "닷"), ascii=False),
    Pass("korean_dotcom", re.compile(r"(?<=[A-Za-z0-9])[ \t]*(?=닷[컴넷])"),
         _whole(".", Evidence.DOT_WORD), gate=("닷",), ascii=False),
    Pass("at_word", re.compile(rf"(?<=\w)[ \t]+(?:{_AT_WORDS})[ \t]+(?=\w)"),
         _whole("@", Evidence.DOT_WORD), gate=("собак", "골뱅이"), ascii=False),
    Pass("korean_at_word", re.compile(r"(?<=[A-Za-z0-9])[ \t]*(?:골뱅이|골뱅)[ \t]*(?=[A-Za-z0-9])"),
         _whole("@", Evidence.DOT_WORD), gate=("골뱅",), ascii=False),
    Pass("english_at_word",
         re.compile(r"(?<=\w)[ \t]+(?:at|AT)[ \t]+(?=[\w-]{1,63}[ \t]*(?:[(\[{][ \t]?)?(?:dot|DOT)\b)"),
         _whole("@", Evidence.DOT_WORD), gate=("dot",)),
    Pass("spaced_www",
         re.compile(r"(?i)(?<![^\s\[(\"'«“<{:])w[ \t]?w[ \t]?w[ \t]*\.[ \t]*"
                    r"(?:[\w-]{1,63}[ \t]{1,2}){0,4}[\w-]{1,63}[ \t]*\.[ \t]*[^\W\d_]{2,24}\b"),
         _spaced_www, gate=("w w", "www ", "www. ", "www.\t")),
    Pass("space_before_dot", re.compile(r"(?<=\w)[ \t]+\.[ \t]*(?=[^\W_])"),
         _whole(".", Evidence.SPACED_DOT), gate=(" .", "\t.")),
    Pass("space_after_dot", re.compile(r"\.(?<=\w\.)[ \t]+(?=[a-z0-9а-яё])" + _SCHEME_AHEAD),
         _whole(".", Evidence.SENTENCE_DOT), gate=(". ", ".\t")),
    Pass("space_for_dot", re.compile(r"(?<=[A-Za-z0-9])[ ](?=(?:com|net|org)(?![\w.@]))"),
         _space_for_dot, gate=(" com", " net", " org")),
    Pass("letter_spacing",
         re.compile(rf"(?<![^\s{_OPEN_Q}])(?:\S[ ]){{3,}}\S(?:(?<=/)[ \t]+|(?![^\s{_CLOSE_Q}]))"),
         _letter_spacing, gate=re.compile(r" \S \S \S")),
    Pass("space_after_scheme", re.compile(r"://(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?=[\w\[])"),
         _whole("://", Evidence.JOIN), gate=("://",)),
    Pass("join_line_break", re.compile(r"\n"), _join_line_break, gate=("\n",)),
)

# The same, flattened for the loop in Normalised, which runs for every comment.
_RUNNERS = tuple(
    (
        order,
        p.gate if isinstance(p.gate, tuple) else None,
        p.gate.search if isinstance(p.gate, re.Pattern) else None,
        p.pattern.finditer,
        p.replace,
    )
    for order, p in enumerate(PASSES)
)
_ASCII_RUNNERS = tuple(r for r, p in zip(_RUNNERS, PASSES) if p.ascii)


class Normalised:
    """The normalised text plus a piecewise offset map back to the original.

    ``segs`` holds one tuple per replacement, sorted:
    ``(norm_start, norm_end, orig_start, orig_end, evidence)``.  Text between
    replacements is copied unchanged, so offsets there shift by a constant.

    >>> n = Normalised("see example [.] com")
    >>> n.text
    'see example.com'
    >>> n.to_orig(4, 15), n.evidence(4, 15)
    ((4, 19), {'trick'})
    """

    __slots__ = ("text", "orig", "segs", "_nstarts")

    def __init__(self, orig: str) -> None:
        self.orig = orig
        found: list[tuple[int, int, int, str, str]] = []
        low = orig.lower()
        for order, words, gate, finditer, replace in _ASCII_RUNNERS if orig.isascii() else _RUNNERS:
            if words is not None:
                for w in words:
                    if w in low:
                        break
                else:
                    continue
            elif gate is not None and gate(orig) is None:
                continue
            if type(replace) is tuple:  # _whole(): every match becomes the same text
                new, ev = replace
                found.extend([(m.start(), order, m.end(), new, ev) for m in finditer(orig)])
                continue
            for m in finditer(orig):
                rep = replace(m, orig)
                if rep is not None:
                    s, e, new, ev = rep
                    found.append((s, order, e, new, ev))
        if not found:
            self.text, self.segs, self._nstarts = orig, [], []
            return
        found.sort()
        parts: list[str] = []
        segs: list[tuple[int, int, int, int, str]] = []
        last = 0  # orig offset copied up to
        npos = 0  # length of the normalised text so far
        for s, _order, e, new, ev in found:
            if s < last:
                continue  # overlaps an earlier replacement
            if s > last:
                parts.append(orig[last:s])
                npos += s - last
            parts.append(new)
            segs.append((npos, npos + len(new), s, e, ev))
            npos += len(new)
            last = e
        if segs:
            parts.append(orig[last:])
            self.text = "".join(parts)
        else:
            self.text = orig
        self.segs = segs
        self._nstarts = [sg[0] for sg in segs]

    def to_orig(self, ns: int, ne: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original."""
        if not self.segs:
            return ns, ne
        return self._map(ns, True), self._map(ne, False)

    def _map(self, n: int, is_start: bool) -> int:
        segs = self.segs
        i = bisect.bisect_right(self._nstarts, n if is_start else n - 1) - 1
        while i >= 0:
            s0, s1, o0, o1, _ = segs[i]
            if is_start:
                if n < s1:
                    if s1 - s0 == o1 - o0:  # same length: map char by char
                        return o0 + (n - s0)
                    return o0
                return o1 + (n - s1)
            if n - 1 < s1 and n > s0:
                if s1 - s0 == o1 - o0:
                    return o0 + (n - s0)
                return o1
            if n <= s0:  # a deleted (zero-length) segment at n: look further back
                i -= 1
                continue
            return o1 + (n - s1)
        return n  # before the first segment: identical offsets

    def weak_dot_after(self, ns: int, ne: int) -> int | None:
        """Normalised offset just after the first weak dot inside [ns, ne)."""
        i = bisect.bisect_left(self._nstarts, ns)
        while i < len(self.segs) and self.segs[i][0] < ne:
            if self.segs[i][4] in WEAK_DOTS and self.segs[i][1] > ns:
                return self.segs[i][1]
            i += 1
        return None

    def local_segments(self, ns: int, ne: int) -> tuple:
        """The replacements touching [ns, ne), with offsets relative to ``ns``."""
        if not self.segs:
            return ()
        segs = self.segs
        i = bisect.bisect_left(self._nstarts, ns)
        if i > 0 and segs[i - 1][1] > ns:
            i -= 1
        out = []
        while i < len(segs) and segs[i][0] <= ne:
            out.append((segs[i][0] - ns, segs[i][1] - ns, segs[i][4]))
            i += 1
        return tuple(out)

    def evidence(self, ns: int, ne: int) -> set[str]:
        """Evidence of the replacements that touch the normalised span [ns, ne)."""
        out: set[str] = set()
        if not self.segs:
            return out
        i = bisect.bisect_left(self._nstarts, ns)
        if i > 0 and self.segs[i - 1][1] > ns:  # one starting before ns may reach into it
            i -= 1
        segs = self.segs
        while i < len(segs) and segs[i][0] < ne:
            s0, s1 = segs[i][0], segs[i][1]
            if s1 > ns or (s0 == s1 and ns < s0 < ne):
                out.add(segs[i][4])
            i += 1
        return out
