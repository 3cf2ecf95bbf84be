"""Link detection for reader comments (private; import from ``pressroom.linkpolicy``).

How it works, in three steps:

1. **Normalise** the text into a second string in which the usual obfuscations
   are undone: zero-width characters and soft hyphens are dropped, fullwidth
   forms and ideographic dots become ASCII, ``&#46;`` / ``%2E`` / ``(.)`` /
   `` dot `` / `` точка `` / ``닷`` become ``.``, ``w w w . x . c o m`` is
   collapsed, a URL broken over a line end is joined.  Every replacement is
   recorded as a segment, so offsets found in the normalised string can be
   mapped back to the original, and a finding that overlaps a replacement is
   reported as ``"obfuscated"``.
2. **Scan** the normalised text with a handful of anchored regexes (markup,
   ``scheme://``, ``mailto:``-like schemes, e-mail, dotted hosts, IPv6).  The
   regexes only *propose* candidates; all quantifiers that can meet long runs
   are possessive and every pattern starts behind a negative look-behind, so
   a 1 MB token costs one attempt, not a million (linear time).
3. **Validate** candidates in Python: a bare host needs a real top-level
   domain (from the Public Suffix List shipped by ``publicsuffixlist``), and
   weak evidence (a dot rebuilt from ``". "``, a capitalised "TLD" that is
   really the next sentence, one-letter labels as in ``e.g.com``) is rejected.
"""

from __future__ import annotations

import bisect
import html
import importlib.util
import ipaddress
import os
import re
from dataclasses import dataclass

__all__ = ["Link", "find_links", "has_link", "KINDS"]

KINDS = ("url", "domain", "email", "ip", "markup", "obfuscated")


@dataclass(frozen=True, slots=True)
class Link:
    """One link found in a text: ``text == original[start:end]``."""

    start: int
    end: int
    kind: str
    text: str


# ---------------------------------------------------------------------------
# Top-level domains
# ---------------------------------------------------------------------------

_TLDS: frozenset[str] | None = None


def _load_tlds() -> frozenset[str]:
    """Top labels of the ICANN section of the Public Suffix List.

    The list is the data file shipped inside the ``publicsuffixlist`` package
    (no network access).  Locating it through ``find_spec`` avoids importing
    the package itself.  IDN labels are added in both forms (``рф`` and
    ``xn--p1ai``).
    """
    spec = importlib.util.find_spec("publicsuffixlist")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'publicsuffixlist' package is required")
    path = os.path.join(list(spec.submodule_search_locations)[0], "public_suffix_list.dat")
    with open(path, encoding="utf-8") as fh:
        data = fh.read()
    begin = data.index("===BEGIN ICANN DOMAINS===")
    end = data.index("===END ICANN DOMAINS===")
    tlds: set[str] = set()
    for line in data[begin:end].splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        label = line.split()[0].lstrip("!").rsplit(".", 1)[-1].lower()
        if not label or label == "*":
            continue
        tlds.add(label)
        try:
            if label.isascii():
                if label.startswith("xn--"):
                    tlds.add(label.encode("ascii").decode("idna"))
            else:
                tlds.add(label.encode("idna").decode("ascii"))
        except UnicodeError:
            pass
    return frozenset(tlds)


def _tlds() -> frozenset[str]:
    global _TLDS
    if _TLDS is None:
        _TLDS = _load_tlds()
    return _TLDS


# ---------------------------------------------------------------------------
# Step 1: normalisation with an offset map
# ---------------------------------------------------------------------------

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3002: ord("."), 0xFF61: ord(".")})
_DOT_WORDS = "dot|DOT|точка|ТОЧКА|тчк|ТЧК"
_AT_WORDS = "собака|СОБАКА|собачка|골뱅이"
_OPEN_Q = "\\[(\"'«“‘<{"
_CLOSE_Q = "\\])\"'»”’>},.;:!?"

_SP2_TAIL = r"(?![a-z][\w+*.-]{0,31}:|www\d{0,3}\.|[\w.+-]{0,64}@)"

# One pass per obfuscation: (name, gate, regex).  Each regex starts with a
# literal or a character set so that ``re`` can skip ahead in C; the gate is a
# cheap substring test that keeps a pass from running at all on most texts.
_PASSES: tuple[tuple[str, object, re.Pattern], ...] = (
    ("inv", None, re.compile(f"[{_INVISIBLE}]+")),
    ("fw", None, re.compile("[\uff01-\uff5e\u3002\uff61]+")),
    ("ent", ("&",), re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")),
    ("pct", ("%",), re.compile(r"%(?:2[eEfF]|3[aA]|40)")),
    ("brk", None, re.compile(
        r"[(\[{<][ \t]?(?:\.|dot|DOT|Dot|точка|ТОЧКА|тчк|ТЧК|점|닷)[ \t]?[)\]}>][ \t]?")),
    ("bcol", None, re.compile(r"[(\[{]:[)\]}]")),
    ("bat", None, re.compile(r"[(\[{<][ \t]?(?:at|AT|собака|СОБАКА|골뱅이|@)[ \t]?[)\]}>][ \t]?")),
    ("wdot", ("dot", "DOT", "точка", "ТОЧКА", "тчк", "ТЧК"),
     re.compile(rf"(?<=\w)[ \t]+(?:{_DOT_WORDS})[ \t]+(?=\w)")),
    ("kdot", ("점", "닷"), re.compile(r"(?<=[A-Za-z0-9-])[ \t]*[점닷][ \t]*(?=[A-Za-z])")),
    ("kcom", ("닷",), re.compile(r"(?<=[A-Za-z0-9])[ \t]*(?=닷[컴넷])")),
    ("wat", ("собак", "СОБАК", "골뱅이"), re.compile(rf"(?<=\w)[ \t]+(?:{_AT_WORDS})[ \t]+(?=\w)")),
    ("eat", (" at ", " AT "), re.compile(
        r"(?<=\w)[ \t]+(?:at|AT)[ \t]+(?=[\w-]{1,63}[ \t]*(?:[(\[{][ \t]?)?(?:dot|DOT)\b)")),
    ("sp1", (" .", "\t."), re.compile(r"(?<=\w)[ \t]+\.[ \t]*(?=[^\W_])")),
    ("sp2", None, re.compile(r"\.(?<=\w\.)[ \t]+(?=[a-z0-9а-яё])" + _SP2_TAIL)),
    ("lsp", re.compile(r" \S \S \S"), re.compile(
        rf"(?<![^\s{_OPEN_Q}])(?:\S[ ]){{3,}}\S(?:(?<=/)[ \t]+|(?![^\s{_CLOSE_Q}]))")),
    ("slsp", ("://",), re.compile(r"://(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?=[\w\[])")),
    ("nl", ("\n",), re.compile(r"\n")),
)
_ORDER = {name: i for i, (name, _g, _r) in enumerate(_PASSES)}


# Classes of replacement; the validator is stricter for the weak ones.
_STRONG, _WORD, _SP1, _SP2, _JOIN = "strong", "word", "sp1", "sp2", "join"
_WEAK = frozenset((_WORD, _SP1, _SP2))

_URLISH_TOKEN = re.compile(
    r"(?i)^[\[(<\"'«“]*(?:[a-z][\w+*.-]{0,31}://|www\d{0,3}\.|[\w-]+(?:\.[\w-]+)+[/:?#])"
)
_URL_CONT = re.compile(r"[a-z0-9/._~%?=&#-]")
_URL_END = re.compile(r"[\w/._~%?=&#:-]")


class _Norm:
    """The normalised text plus a piecewise offset map back to the original.

    ``segs`` holds one tuple per replacement, sorted:
    ``(norm_start, norm_end, orig_start, orig_end, cls)``.  Text between
    replacements is copied unchanged, so offsets there shift by a constant.
    """

    __slots__ = ("text", "orig", "segs", "_nstarts")

    def __init__(self, orig: str) -> None:
        self.orig = orig
        parts: list[str] = []
        segs: list[tuple[int, int, int, int, str]] = []
        found: list[tuple[int, int, int, str, str]] = []
        for name, gate, rx in _PASSES:
            if gate is not None:
                if isinstance(gate, tuple):
                    if not any(g in orig for g in gate):
                        continue
                elif not gate.search(orig):
                    continue
            for m in rx.finditer(orig):
                rep = _replacement(name, m, orig)
                if rep is not None:
                    s, e, new, cls = rep
                    found.append((s, _ORDER[name], e, new, cls))
        found.sort()
        last = 0  # orig offset copied up to
        npos = 0  # length of the normalised text so far
        for s, _order, e, new, cls in found:
            if s < last:
                continue  # overlaps an earlier replacement
            if s > last:
                parts.append(orig[last:s])
                npos += s - last
            parts.append(new)
            segs.append((npos, npos + len(new), s, e, cls))
            npos += len(new)
            last = e
        if segs:
            parts.append(orig[last:])
            self.text = "".join(parts)
        else:
            self.text = orig
        self.segs = segs
        self._nstarts = [sg[0] for sg in segs]

    def _seg_before(self, n: int) -> int:
        """Index of the last segment with norm_start <= n, or -1."""
        return bisect.bisect_right(self._nstarts, n) - 1

    def to_orig(self, ns: int, ne: int) -> tuple[int, int]:
        if not self.segs:
            return ns, ne
        return self._map(ns, True), self._map(ne, False)

    def _map(self, n: int, is_start: bool) -> int:
        segs = self.segs
        i = self._seg_before(n if is_start else n - 1)
        # Skip back over zero-length (deleted) segments for end positions.
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
            if n <= s0:  # zero-length segment at n; look further back
                i -= 1
                continue
            return o1 + (n - s1)
        return n  # before the first segment: identical offsets

    def weak_after(self, ns: int, ne: int) -> int | None:
        """Norm offset just after the first weak replacement inside [ns, ne)."""
        i = bisect.bisect_left(self._nstarts, ns)
        while i < len(self.segs) and self.segs[i][0] < ne:
            if self.segs[i][4] in _WEAK and self.segs[i][1] > ns:
                return self.segs[i][1]
            i += 1
        return None

    def classes(self, ns: int, ne: int) -> set[str]:
        """Replacement classes that touch the normalised span [ns, ne)."""
        out: set[str] = set()
        if not self.segs:
            return out
        i = bisect.bisect_left(self._nstarts, ns)
        # a segment starting before ns may still reach into the span
        if i > 0 and self.segs[i - 1][1] > ns:
            i -= 1
        segs = self.segs
        while i < len(segs) and segs[i][0] < ne:
            s0, s1 = segs[i][0], segs[i][1]
            if s1 > ns or (s0 == s1 and ns < s0 < ne):
                out.add(segs[i][4])
            i += 1
        return out


def _replacement(g: str, m: re.Match, orig: str) -> tuple[int, int, str, str] | None:
    """(orig_start, orig_end, replacement, class) for one pass match, or None."""
    s, e = m.span()
    txt = m.group()
    if g == "inv":
        return s, e, "", _STRONG
    if g == "fw":
        return s, e, txt.translate(_FULLWIDTH), _STRONG
    if g == "ent":
        ch = html.unescape(txt)
        return (s, e, ch, _STRONG) if ch in (".", ":", "/", "@") else None
    if g == "pct":
        return s, e, {"2e": ".", "2f": "/", "3a": ":", "40": "@"}[txt[1:].lower()], _STRONG
    if g in ("brk", "bat"):
        if s and orig[s - 1] in " \t":
            s -= 1
        return s, e, "." if g == "brk" else "@", _STRONG
    if g == "bcol":
        return s, e, ":", _STRONG
    if g in ("wdot", "kdot", "kcom"):
        return s, e, ".", _WORD
    if g in ("wat", "eat"):
        return s, e, "@", _WORD
    if g == "sp1":
        return s, e, ".", _SP1
    if g == "sp2":
        return s, e, ".", _SP2
    if g == "lsp":
        collapsed = txt.replace(" ", "").replace("\t", "")
        if "://" in collapsed:
            return s, e, collapsed, _STRONG
        if "." not in collapsed.strip(".") or sum(c.isalnum() for c in collapsed) < 4:
            return None
        # "c o m y": a one-letter word after the spelled-out TLD is not part of it
        head, _, last = collapsed.rpartition(".")
        if last.isalpha() and last.lower() not in _tlds():
            for k in range(len(last) - 1, 1, -1):
                if last[:k].lower() in _tlds():
                    cut = len(last) - k  # tokens to drop from the end
                    e = s + len(txt.rstrip())
                    for _ in range(cut):
                        e = orig.rfind(" ", s, e)
                    collapsed = head + "." + last[:k]
                    break
        if collapsed[1:4].lower() == "www" and txt[1:2] == " ":
            s, collapsed = s + 2, collapsed[1:]  # "в w w w . …": a word before it
        return s, e, collapsed, _STRONG
    if g == "slsp":
        return s, e, "://", _JOIN
    # g == "nl": join only a URL that visibly continues on the next line.
    i, j = s, e
    if i and orig[i - 1] == "\r":
        i -= 1
    nxt = orig[j : j + 2]
    if not nxt or i == 0:
        return None
    prev = orig[i - 1]
    if nxt[0] == "." and len(nxt) == 2 and nxt[1].isalpha() and (prev.isalnum() or prev == "-"):
        return i, j, "", _JOIN
    if not (_URL_CONT.match(nxt[0]) and _URL_END.match(prev)):
        return None
    lo = max(0, i - 300)
    k = max(orig.rfind(" ", lo, i), orig.rfind("\n", lo, i), orig.rfind("\t", lo, i))
    token = orig[k + 1 : i]
    if _URLISH_TOKEN.search(token):
        return i, j, "", _JOIN
    return None


# ---------------------------------------------------------------------------
# Step 2: candidate regexes (run on the normalised text)
# ---------------------------------------------------------------------------

_TAIL_CHARS = r"[^\s<>\"'`“”«»‘’]"
_HOST_RE = re.compile(
    r"(?<![\w.@/\\-])(?P<host>[\w-]++(?:\.[\w-]++)++)"
    rf"(?P<port>:\d{{1,5}}(?!\w|\.\d))?(?P<tail>[/?#]{_TAIL_CHARS}*+)?"
)
_DOT_RE = re.compile(r"\.[\w-]")
_RUN_RE = re.compile(r"[\w.-]*+")
_SCHEME_RE = re.compile(
    rf"(?<![\w+*-])(?P<scheme>[A-Za-z][\w+*.-]{{0,31}})://(?P<body>{_TAIL_CHARS}*+)"
)
_COLON_SCHEME_RE = re.compile(
    r"(?i)(?<![\w.+-])(?P<scheme>mailto|skype|xmpp|callto|tg|viber|whatsapp|magnet|sips?|facetime)"
    rf":(?=[\w%+@])(?P<body>{_TAIL_CHARS}*+)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+%-])[\w.+%-]{1,64}@(?P<host>[\w-]++(?:\.[\w-]++)++)")
_IPV6_RE = re.compile(
    r"(?<![\w:.\[])(?P<br>\[)?(?P<addr>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
    r"(?(br)\](?::\d{1,5})?)(?![\w:])"
)
_MARKUP_RES = (
    re.compile(
        r"(?is)<a\b[^<>]{0,2000}?\bhref\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s>]+)[^<>]{0,2000}>"
        r"(?:[^<]{0,2000}</a\s*>)?"
    ),
    re.compile(
        r"!?\[[^\[\]\n]{0,500}\]\(\s*<?(?P<url>[^\s()<>]{1,2000})>?"
        r"(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\s*\)"
    ),
    re.compile(r"(?i)<(?:[a-z][\w+.*-]{0,31}:[^\s<>]{1,2000}|www\d{0,3}\.[^\s<>]{1,2000})>"),
    re.compile(
        r"(?i)\[(?P<tag>url|link|img|email)(?:=[^\[\]\n]{1,2000})?\][^\[]{0,2000}\[/(?P=tag)\]"
    ),
    re.compile(r"(?i)\[(?:url|link|img|email)=[^\[\]\s]{1,2000}\]"),
)

_TRAIL_PUNCT = ".,;:!?…'\"»”’"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_DASH_RE = re.compile(r"[—–]")

_HTTP_LIKE = re.compile(r"^h.{1,3}ps?$")
_REAL_SCHEMES = {"http", "https"}

_CYR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһӏԛԝүкмтнвАВЕКМНОРСТХІЈЅ"
    "αοιντυεχωκρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwykmthbABEKMHOPCTXIJS"
    "aoivtuexwkpABEZHIKMNOPTYX",
)

_OPENERS = "[(\"'«“‘<{"
_CLOSERS_Q = "])\"'»”’>}"

_STOPWORDS = frozenset(
    "the a an this that these those its his her their our your my one every each any "
    "some no и а но это эта этот та тот одна каждая любая наша ваша моя его её их или как"
    .split()
)
# Two-letter TLDs that are also English function words: "a red dot in the map".
_FUNCTION_WORD_TLDS = frozenset("in is it to at as be by do me my no so us am".split())
_SENTENCE_END_HANGUL = set("다요죠까네")


def _script(c: str) -> str:
    if c.isascii():
        return "d" if c.isdigit() else "l"
    if "\uac00" <= c <= "\ud7a3":
        return "h"
    if "\u0400" <= c <= "\u04ff":
        return "c"
    return "o"


def _tld_len(label: str) -> int:
    """Length of the real TLD at the start of ``label`` (0 if none).

    The whole label normally; a prefix when a particle or word of another
    script is glued to the domain (``com에서``, ``한국에``).
    """
    tlds = _tlds()
    low = label.lower()
    if low in tlds:
        return len(label)
    mapped = low.translate(_HOMOGLYPHS)
    if mapped != low and mapped.isascii() and mapped in tlds:
        return len(label)
    for k in range(min(len(label) - 1, 63), 1, -1):
        a, b = _script(label[k - 1]), _script(label[k])
        if (a != b or a == "h") and low[:k] in tlds:
            return k
    return 0


def _trim_tail(s: str, hangul: bool = True) -> str:
    """Drop trailing punctuation, unbalanced closers, glued Hangul, dashes."""
    m = _HANGUL_RE.search(s) if hangul else None
    if m:
        s = s[: m.start()]
    m = _DASH_RE.search(s)
    if m:
        s = s[: m.start()]
    while s:
        c = s[-1]
        if c in _TRAIL_PUNCT:
            s = s[:-1]
        elif c in _CLOSERS:
            if s.count(c) > s.count(_CLOSERS[c]):
                s = s[:-1]
            else:
                break
        else:
            break
    return s


def _mixed_script(label: str) -> bool:
    return bool(_CYR_GREEK.search(label)) and any("a" <= c.lower() <= "z" for c in label)


def _ipv4(labels: list[str]) -> bool:
    return (
        len(labels) == 4
        and all(lb.isdigit() and lb.isascii() and len(lb) <= 3 and int(lb) <= 255 for lb in labels)
    )


# ---------------------------------------------------------------------------
# Step 3: validation
# ---------------------------------------------------------------------------


def _check_host(host: str, *, evidence: bool, classes: set[str], before: str, after: str,
                email: bool = False) -> tuple[int, str, bool] | None:
    """Validate a dotted host.  Returns (host length used, kind, obfuscated)."""
    if len(host) > 253:
        return None
    labels = host.split(".")
    if _ipv4(labels):
        return len(host), "ip", False
    if any(not lb or len(lb) > 63 or "_" in lb for lb in labels):
        return None
    first = labels[0].lower()
    www = first.startswith("www") and (first[3:] == "" or first[3:].isdigit())
    last = labels[-1]
    n = _tld_len(last)
    if not n:
        if www and len(labels) >= 3 and last.isalpha() and len(last) >= 2:
            n = len(last)
        else:
            return None
    glued = n < len(last)
    tld = last[:n]
    used = len(host) - (len(last) - n)
    obf = any(_mixed_script(lb) for lb in labels)
    if www and len(labels) >= 3:
        return used, "url", obf
    if email:
        return used, "email", obf
    strong = evidence and not glued
    names = labels[:-1]
    sld = names[-1]
    if (
        tld[:1].isupper() and tld[1:].islower() and len(tld) > 1 and not strong
        and tld.lower() not in _NEVER_A_WORD_TLDS
    ):
        return None  # "left.Today", "г.Москва": the next sentence, not a TLD
    if all(len(lb) == 1 for lb in names) and not strong and (
        len(names) > 1 or not (sld.isascii() and tld.islower())
    ):
        return None  # "e.g.com", "U.S.Army" (but "x.com" is a domain)
    if sld.isdigit() and not strong:
        return None  # "1.one", "24.kz" without a path
    if _script(sld[-1]) == "h" and _script(tld[0]) == "h" and sld[-1] in _SENTENCE_END_HANGUL:
        return None  # "끝났다.한국은": a Korean sentence end
    if classes & {_WORD, _SP1, _SP2}:
        if not (tld == tld.lower() or tld == tld.upper()) or len(sld) < 2 and not strong:
            return None
        if _WORD in classes and (
            sld.lower() in _STOPWORDS
            or tld.lower() in _FUNCTION_WORD_TLDS and not any(c.isdigit() or c == "-" for c in sld)
        ):
            return None  # "the dot com bubble", "a red dot in the middle"
        if _SP2 in classes and not (
            strong
            or any(c.isdigit() or c == "-" for lb in names for c in lb)
            or (len(sld) >= 7 and sld.islower())  # "truthdaily. xyz", not "approx. one"
            or (before and before in _OPENERS and after and after in _CLOSERS_Q)
        ):
            return None  # "approx. one", "см. онлайн"
    if _SP1 in classes and tld != tld.lower():
        return None  # "C# .NET"
    return used, "domain", obf


# Title-case TLDs that never start a sentence, so "mysite.Com" is still a domain.
_NEVER_A_WORD_TLDS = frozenset({"com", "org", "ru", "рф", "su", "info", "biz", "xyz", "io", "ua", "kz", "cn", "jp", "kr"})


def _scan(norm: _Norm) -> list[tuple[int, int, int, str, bool]]:
    """Candidates as (start, end, priority, kind, obfuscated) in normalised offsets."""
    t = norm.text
    out: list[tuple[int, int, int, str, bool]] = []
    has_lt, has_br = "<" in t, "[" in t
    if has_lt or has_br:
        for rx in _MARKUP_RES:
            for m in rx.finditer(t):
                url = m.groupdict().get("url")
                if url is not None and not re.search(r"[.:/]", url):
                    continue
                out.append((m.start(), m.end(), 5, "markup", False))
    if "://" in t:
        for m in _SCHEME_RE.finditer(t):
            body = m.group("body")
            if not body or not (body[0].isalnum() or body[0] in "[_"):
                continue
            cut = re.search(r"[/?#]", body)
            host_end = cut.start() if cut else len(body)
            host = body[:host_end]
            rest = _trim_tail(body[host_end:]) if cut else ""
            if not cut:
                host = _trim_tail(host, hangul=False)
            # a particle glued to the host: "https://뉴스.한국에서"
            hl = host.rsplit("@", 1)[-1].split(":", 1)[0]
            labels = hl.split(".")
            if len(labels) > 1 and labels[-1] and not labels[-1].isdigit():
                k = _tld_len(labels[-1])
                if 0 < k < len(labels[-1]):
                    host = host[: len(host) - (len(labels[-1]) - k)]
                    rest = ""
            scheme = m.group("scheme")
            obf = scheme.lower() not in _REAL_SCHEMES and bool(_HTTP_LIKE.match(scheme.lower()))
            obf = obf or any(_mixed_script(lb) for lb in labels)
            end = m.start("body") + len(host) + len(rest)
            out.append((m.start(), end, 4, "url", obf))
    if ":" in t:
        for m in _COLON_SCHEME_RE.finditer(t):
            body = _trim_tail(m.group("body"))
            if body:
                out.append((m.start(), m.start("body") + len(body), 4, "url", False))
    if "@" in t:
        for m in _EMAIL_RE.finditer(t):
            host = m.group("host")
            hs = m.start("host")
            local_start = m.start()
            while t[local_start] == "." and local_start < hs - 1:
                local_start += 1
            res = _check_host(host, evidence=True, classes=set(), before="", after="", email=True)
            if res is None or t[local_start] == "@":
                continue
            used, kind, obf = res
            end = hs + used
            cls = norm.classes(local_start, end)
            if _WORD in cls and t[local_start:hs - 1].lower() in _STOPWORDS:
                continue
            out.append((local_start, end, 3, kind, obf))
    pos = 0
    while "." in t:
        # Jump from dot to dot (a literal prefix, so the scan runs in C) and
        # walk back over the label instead of trying the host regex at every
        # character of the text.
        dm = _DOT_RE.search(t, pos)
        if dm is None:
            break
        p = dm.start()
        k, lo = p, max(0, p - 260)
        while k > lo and (t[k - 1].isalnum() or t[k - 1] in "-_"):
            k -= 1
        m = _HOST_RE.match(t, k) if k < p else None
        if m is None:
            # nothing can start inside this dotted run (same look-behind rule)
            pos = _RUN_RE.match(t, p).end() or p + 1
            continue
        pos = max(m.end(), p + 1)
        s = m.start()
        host = m.group("host")
        port = m.group("port") or ""
        tail = _trim_tail(m.group("tail") or "")
        evidence = bool(port) or len(tail) > 0
        end_guess = s + len(host) + len(port) + len(tail)
        after = t[end_guess] if end_guess < len(t) else ""
        hs, he = s, s + len(host)
        res = None
        while True:
            cls = norm.classes(hs, he)
            res = _check_host(t[hs:he], evidence=evidence, classes=cls,
                              before=t[hs - 1] if hs else "", after=after)
            if res is not None or not (cls & _WEAK) or he - hs > 253:
                break
            # "here. model.fit": retry after the first weak dot
            nxt = norm.weak_after(hs, he)
            if nxt is None or "." not in t[nxt:he]:
                break
            hs = nxt
        if res is None:
            continue
        s = hs
        host = t[hs:he]
        used, kind, obf = res
        end = s + used if used < len(host) else end_guess
        out.append((s, end, 2 if kind != "ip" else 3, kind, obf))
    if "::" in t or ("[" in t and ":" in t) or t.count(":") >= 7:
        for m in _IPV6_RE.finditer(t):
            addr = m.group("addr")
            if not any(len(g) >= 3 for g in addr.split(":")):
                continue
            try:
                ipaddress.IPv6Address(addr)
            except ValueError:
                continue
            out.append((m.start(), m.end(), 3, "ip", False))
    return out


def find_links(text: str) -> list[Link]:
    """Return every link in ``text``, sorted and non-overlapping.

    Offsets are code points into ``text`` (end exclusive); ``kind`` is one of
    ``"url"``, ``"domain"``, ``"email"``, ``"ip"``, ``"markup"``,
    ``"obfuscated"``.

    >>> find_links("Подробнее на example.com, спасибо")
    [Link(start=13, end=24, kind='domain', text='example.com')]
    >>> [(l.kind, l.text) for l in find_links("write to spam dot ru or U.S. gov")]
    [('obfuscated', 'spam dot ru')]
    """
    if not text or not isinstance(text, str):
        return []
    norm = _Norm(text)
    cands = _scan(norm)
    if not cands:
        return []
    cands.sort(key=lambda c: (c[0], -c[1]))
    merged: list[list] = []
    for s, e, prio, kind, obf in cands:
        if e <= s:
            continue
        if merged and s < merged[-1][1]:
            cur = merged[-1]
            cur[1] = max(cur[1], e)
            if prio > cur[2]:
                cur[2], cur[3] = prio, kind
            cur[4] = cur[4] or obf
        else:
            merged.append([s, e, prio, kind, obf])
    links: list[Link] = []
    for s, e, _prio, kind, obf in merged:
        os_, oe = norm.to_orig(s, e)
        while os_ < oe and text[os_].isspace():
            os_ += 1
        while oe > os_ and text[oe - 1].isspace():
            oe -= 1
        if oe <= os_:
            continue
        if kind != "markup" and (obf or norm.classes(s, e)):
            kind = "obfuscated"
        if links and os_ < links[-1].end:  # can only happen through odd mappings
            continue
        links.append(Link(os_, oe, kind, text[os_:oe]))
    return links


def has_link(text: str) -> bool:
    """True if ``text`` contains at least one link.

    >>> has_link("Meeting at 10.30, see you (e.g. at the U.N.)")
    False
    >>> has_link("всё тут: vk.cc/abc")
    True
    """
    return bool(find_links(text))
