"""Step 2: propose candidates in the normalised text.

A handful of regexes (markup, ``scheme://``, ``mailto:``-like schemes,
e-mail, dotted hosts, IPv6) only *propose*; hosts are judged in
:mod:`._hosts`.  Quantifiers that can meet long runs are possessive or
bounded and every pattern starts behind a negative look-behind, so a 1 MB
token costs one attempt, not a million.
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple

from ._hosts import STOPWORDS, judge_host, mixed_script, tld_prefix
from ._normalise import Evidence, Normalised
from ._tlds import is_tld


class Candidate(NamedTuple):
    start: int  # normalised offsets
    end: int
    priority: int  # which kind wins when candidates overlap
    kind: str
    obfuscated: bool
    weak: bool


_DIGIT = re.compile(r"\d")
_UNCACHEABLE = object()  # memo key: how many verdicts depended on the text around them
_INNER_DOT = re.compile(r"\.[\w-]")
_URLISH = re.compile(r"[.:/]")
_PATH_START = re.compile(r"[/?#]")
_TAIL_CHARS = r"[^\s<>\"'`“”«»‘’]"
# A host starts after a space or punctuation, or after an ellipsis ("see.....x.com"),
# never inside a word, a path or a dotted run; the possessive repeats make
# a failed attempt at the start of a long word the only attempt in it.
_HOST_RE = re.compile(
    r"(?<![\w@/\\-])(?:(?<=\.\.)|(?<!\.))(?P<host>[\w-]++(?:\.[\w-]++)++)"
    rf"(?P<port>:\d{{1,5}}(?!\w|\.\d))?(?P<tail>[/?#]{_TAIL_CHARS}*+)?"
)
# A scheme may be glued to letters of another script ("리뷰http://", "обзорhttp://").
_SCHEME_RE = re.compile(
    rf"(?<![A-Za-z0-9+*-])(?P<scheme>[A-Za-z][A-Za-z0-9+*.-]{{0,31}})://(?P<body>{_TAIL_CHARS}*+)"
)
# Schemes written without "//" ("mailto:x@y", "skype:name?call"), and the
# substrings that must be in the lower-cased text before their regex runs.
_COLON_SCHEMES = ("mailto", "skype", "xmpp", "callto", "tg", "viber", "whatsapp", "magnet", "sips",
                  "sip", "facetime")
_COLON_GATE = tuple(f"{scheme}:" for scheme in _COLON_SCHEMES)
_COLON_SCHEME_RE = re.compile(
    rf"(?i)(?<![\w.+-])(?P<scheme>{'|'.join(_COLON_SCHEMES)})"
    rf":(?=[\w%+@?])(?P<body>{_TAIL_CHARS}*+)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+%-])[\w.+%-]{1,64}@(?P<host>[\w-]++(?:\.[\w-]++)++)")
_IPV6_RE = re.compile(
    r"(?<![\w:.\[])(?P<br>\[)?(?P<addr>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
    r"(?(br)\](?::\d{1,5})?)(?![\w:])"
)
# (gate, regex): the regex runs only if one of the gate's substrings is in the lower-cased text
_MARKUP_RES = (
    (("<a",), re.compile(
        r"(?is)<a\b[^<>]{0,2000}?\bhref\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s>]+)[^<>]{0,2000}>"
        r"(?:[^<]{0,2000}</a\s*>)?"
    )),
    (("](",), re.compile(
        r"!?\[[^\[\]\n]{0,500}\]\(\s*<?(?P<url>[^\s()<>]{1,2000})>?"
        r"(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\s*\)"
    )),
    (("<",), re.compile(r"(?i)<(?:[a-z][\w+.*-]{0,31}:[^\s<>]{1,2000}|www\d{0,3}\.[^\s<>]{1,2000})>")),
    (("[url", "[link", "[img", "[email"), re.compile(
        r"(?i)\[(?P<tag>url|link|img|email)(?:=[^\[\]\n]{1,2000})?\][^\[]{0,2000}\[/(?P=tag)\]"
    )),
    (("[url=", "[link=", "[img=", "[email="), re.compile(r"(?i)\[(?:url|link|img|email)=[^\[\]\s]{1,2000}\]")),
)
# A phrase that shares an address, right before it ("visit", "go to", "зайди на",
# "ссылка:", "->") or, in Korean, right after it ("… 방문", "…로 접속").  A verb
# may have a preposition after it ("go to", "заходите на"); a noun may not ("a
# site on ASP.NET"), and plain prepositions are not enough ("I was at Amazon.com").
_SHARING_VERBS = frozenset(
    "visit see check out go goto click open join follow download register subscribe search "
    "type buy order here via тут здесь 접속 방문 검색 클릭 구매 주문 구입".split()
)
_SHARING_VERB_STEMS = (
    "зайд", "заход", "перейд", "переход", "смотр", "посет", "подробн", "куп", "покуп", "заказ",
)
_SHARING_NOUNS = frozenset(
    "site website web page link url address сайт ссылка адрес 사이트 주소 주소는 링크 홈페이지 블로그 카페".split()
)
_CONNECTORS = frozenset("на в to at us me our my мой наш наши нашем".split())
_SHARING_SEPARATORS = " \t\n-–—:>→=\"'«“(["
_SHARING_AFTER = re.compile(
    r"[\s)\]\"'»”]{0,3}(?:으로|로|에서|에)?\s{0,2}(?:방문|접속|클릭|들어|검색|가입|오세요)"
)

_TRAIL_PUNCT = ".,;:!?…'\"»”’"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_OPENERS = "[(\"'«“‘<{"
_CLOSERS_Q = "])\"'»”’>}"
_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_DASH_RE = re.compile(r"[—–]")
_HTTP_LIKE = re.compile(r"^h.{1,3}ps?$")
_REAL_SCHEMES = {"http", "https"}
_GLUED_HTTP = re.compile(r"(?<=[a-z])https?\Z")


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


def _sharing_context(t: str, start: int, end: int) -> bool:
    """Does a sharing phrase stand right before ``t[start:end]`` (or, in Korean, after it)?"""
    before = t[max(0, start - 40) : start]
    words = before.rstrip(_SHARING_SEPARATORS)
    if any(c in ":>→=" for c in before[len(words) :]):
        return True  # "Новости: name.online", "-----> name.com", "url=name.com"
    tail = words.split()[-3:]
    if tail and tail[-1][-1] not in ".!?" and tail[-1].lower() in _SHARING_NOUNS:
        return True  # "site name.com"
    while len(tail) > 1 and tail[-1].lower() in _CONNECTORS:
        tail.pop()  # "go to", "зайди на", "visit us at"
    if tail and tail[-1][-1] not in ".!?":  # "lives here. model.fit": a sentence ended
        w = tail[-1].lower().strip(_SHARING_SEPARATORS + ",")
        if w in _SHARING_VERBS or w.startswith(_SHARING_VERB_STEMS):
            return True
    return _SHARING_AFTER.match(t, end) is not None


def _markup(t: str, low: str, out: list[Candidate]) -> None:
    for gate, rx in _MARKUP_RES:
        if not any(g in low for g in gate):
            continue
        for m in rx.finditer(t):
            url = m.groupdict().get("url")
            if url is not None and not _URLISH.search(url):
                continue
            out.append(Candidate(m.start(), m.end(), 5, "markup", False, False))


def _schemes(t: str, out: list[Candidate]) -> None:
    for m in _SCHEME_RE.finditer(t):
        body = m.group("body")
        if not body or not (body[0].isalnum() or body[0] in "[_"):
            continue
        cut = _PATH_START.search(body)
        host_end = cut.start() if cut else len(body)
        host = body[:host_end]
        rest = _trim_tail(body[host_end:]) if cut else ""
        if not cut:
            host = _trim_tail(host, hangul=False)
        # a particle glued to the host: "https://뉴스.한국에서"
        labels = host.rsplit("@", 1)[-1].split(":", 1)[0].split(".")
        if len(labels) > 1 and labels[-1] and not labels[-1].isdigit():
            k = tld_prefix(labels[-1])
            if 0 < k < len(labels[-1]):
                host = host[: len(host) - (len(labels[-1]) - k)]
                rest = ""
        scheme = m.group("scheme").lower()
        start = m.start()
        glued = _GLUED_HTTP.search(scheme)
        if glued:  # "postshttp://": a word glued before the scheme stays outside
            start += glued.start()
            scheme = glued.group()
        obf = scheme not in _REAL_SCHEMES and bool(_HTTP_LIKE.match(scheme))
        obf = obf or any(mixed_script(lb) for lb in labels)
        end = m.start("body") + len(host) + len(rest)
        out.append(Candidate(start, end, 4, "url", obf, False))


def _colon_schemes(t: str, out: list[Candidate]) -> None:
    for m in _COLON_SCHEME_RE.finditer(t):
        body = _trim_tail(m.group("body"))
        if body:
            out.append(Candidate(m.start(), m.start("body") + len(body), 4, "url", False, False))


def _emails(t: str, norm: Normalised, out: list[Candidate]) -> None:
    for m in _EMAIL_RE.finditer(t):
        hs = m.start("host")
        local_start = m.start()
        while t[local_start] == "." and local_start < hs - 1:
            local_start += 1
        if t[local_start] == "@":
            continue
        labels = m.group("host").split(".")
        n = tld_prefix(labels[-1])
        if not n or any(not lb or len(lb) > 63 for lb in labels):
            continue
        end = m.end("host") - (len(labels[-1]) - n)
        ev = norm.evidence(local_start, end)
        if Evidence.DOT_WORD in ev and t[local_start : hs - 1].lower() in STOPWORDS:
            continue  # "this dog at home dot ..."
        obf = any(mixed_script(lb) for lb in labels)
        out.append(Candidate(local_start, end, 3, "email", obf, False))


def _glued_start(t: str, s: int, first_dot: int) -> int:
    """Where a host really starts inside the word matched from ``s``.

    Latin letters glued after Hangul ("리뷰www.x.com"), or ``www`` glued after
    letters of another script ("обзорwww.x.com"), start a new word.
    """
    for k in range(first_dot - 1, s, -1):
        c, nxt = t[k - 1], t[k]
        if not c.isascii() and nxt.isascii() and nxt.isalnum() and (
            "\uac00" <= c <= "\ud7a3" or t[k : k + 4].lower() == "www."
        ):
            return k
    return s


def _hosts(t: str, norm: Normalised, out: list[Candidate]) -> None:
    # A flood repeats the same token: judge each shape once per text.  ``memo``
    # keeps verdicts of _judge; ``seen`` keeps the candidate of a whole match,
    # relative to its start, keyed by the match, the characters around it and
    # the replacements inside it -- unless a verdict looked at the text before.
    memo: dict = {_UNCACHEABLE: 0}
    seen: dict = {}
    rebuilt = bool(norm.segs)
    for m in _HOST_RE.finditer(t):
        host = m.group("host")
        dot = host.rfind(".")
        last = host[dot + 1 :]
        if (dot == host.find(".") and last.isascii() and last.isalpha()
                and (last.islower() or last.isupper()) and not is_tld(last)):
            continue  # "e.g", "a .b": two labels, and nothing in the last one can be a TLD
        s, e = m.span()
        key = (m.group(), t[s - 1 : s], t[e : e + 1], norm.local_segments(s, e) if rebuilt else ())
        hit = seen.get(key, seen)
        if hit is not seen:
            if hit is not None:
                a, b, prio, kind, obf, weak = hit
                out.append(Candidate(s + a, s + b, prio, kind, obf, weak))
            continue
        asked = memo[_UNCACHEABLE]
        found = len(out)
        _host(t, norm, m, memo, out)
        if memo[_UNCACHEABLE] == asked:
            if len(out) > found:
                a, b, prio, kind, obf, weak = out[-1]
                seen[key] = (a - s, b - s, prio, kind, obf, weak)
            else:
                seen[key] = None


def _host(t: str, norm: Normalised, m: re.Match, memo: dict, out: list[Candidate]) -> None:
    """The candidate (if any) for one match of the host regex."""
    s = m.start()
    host = m.group("host")
    if not host.isascii():
        s = _glued_start(t, s, m.start() + host.index("."))
        host = t[s : m.end("host")]
    trimmed = host.rstrip("-")
    tail = m.group("tail")
    port = m.group("port") or ""
    if tail and len(trimmed) == len(host):
        tail = _trim_tail(tail)
    else:
        tail = ""
    path = bool(port or tail)
    he = end = s + len(trimmed)
    end += len(port) + len(tail)
    cut = trimmed.rfind(".")
    last = trimmed[cut + 1 :]
    if not tld_prefix(last) and (
        cut == trimmed.find(".")  # two labels: nothing to drop
        or not (trimmed.startswith("www") or _DIGIT.search(last)
                or norm.segs and norm.evidence(s + cut, s + cut + 1))
    ):
        return  # "e.g", "os.path", "a .b": no TLD, and no junk label to drop
    hs = s
    verdict = _judge(t, norm, s, he, path, end, memo)
    if (verdict is None or verdict.weak) and cut != trimmed.find("."):
        # three labels or more: a shorter host inside may do better
        verdict, hs, he, end = _judge_run(t, norm, s, he, path, end, memo)
    if verdict is None:
        return
    if verdict.used < he - hs:
        end = hs + verdict.used
    prio = 3 if verdict.kind == "ip" else 2
    out.append(Candidate(hs, end, prio, verdict.kind, verdict.obfuscated, verdict.weak))


def _judge_run(t: str, norm: Normalised, s: int, e: int, path: bool, end: int, memo: dict):
    """Judge the dotted run ``t[s:e]``, and shorter hosts inside it.

    Also tries the host after each of up to three rebuilt dots ("here. model.fit",
    "stuff. name . com"), keeping the first strong verdict, else the first weak
    one; a host that is no host loses up to two junk labels at its end
    ("www.name.com.junk42", "name.com .Next").  Returns
    ``(verdict or None, start, end of host, end of finding)``.
    """
    best = None
    hs = s
    for _ in range(4):
        found = _drop_junk_labels(t, norm, hs, e, path, end, memo)
        if found is not None and (best is None or best[0].weak and not found[0].weak):
            best = found
            if not found[0].weak:
                break
        nxt = norm.weak_dot_after(hs, e)
        if nxt is None or "." not in t[nxt:e]:
            break
        hs = nxt
    return best or (None, s, e, end)


def _drop_junk_labels(t: str, norm: Normalised, hs: int, he: int, path: bool, end: int, memo: dict):
    for _ in range(3):
        verdict = _judge(t, norm, hs, he, path, end, memo)
        if verdict is not None:
            return verdict, hs, he, end
        cut = t.rfind(".", hs, he)
        if he - hs > 253 or t.find(".", hs, cut) < 0:
            return None
        junk = t[cut + 1 : he]
        rebuilt = bool(norm.evidence(cut, cut + 1))
        if not (rebuilt or t.startswith("www", hs) or any(c.isdigit() for c in junk)):
            return None  # "np.array" is code, not "np" plus junk
        he = end = cut
        path = False
    return None


class _Context:
    """``judge_host``'s ``context()``: looked up once, and only if asked."""

    __slots__ = ("t", "start", "end", "asked")

    def __init__(self, t: str, start: int, end: int) -> None:
        self.t, self.start, self.end, self.asked = t, start, end, False

    def __call__(self) -> bool:
        self.asked = True
        return _sharing_context(self.t, self.start, self.end)


def _judge(t: str, norm: Normalised, hs: int, he: int, path: bool, end: int, memo: dict):
    host = t[hs:he]
    evidence = norm.evidence(hs, he) if norm.segs else set()
    quoted = 0 < hs and end < len(t) and t[hs - 1] in _OPENERS and t[end] in _CLOSERS_Q
    # The text before matters for IPs ("version 1.2.3.4") and for context():
    # verdicts that looked at it are not remembered.
    key = (host, path, quoted, *sorted(evidence))
    verdict = memo.get(key, memo)
    if verdict is not memo:
        return verdict
    context = _Context(t, hs, end)
    verdict = judge_host(host, path=path, evidence=evidence, context=context,
                         before_text=t[max(0, hs - 12) : hs], quoted=quoted)
    if context.asked or host[0].isdigit():
        memo[_UNCACHEABLE] += 1
    else:
        memo[key] = verdict
    return verdict


def _ipv6(t: str, out: list[Candidate]) -> None:
    for m in _IPV6_RE.finditer(t):
        addr = m.group("addr")
        if not any(len(g) >= 3 for g in addr.split(":")):
            continue
        try:
            ipaddress.IPv6Address(addr)
        except ValueError:
            continue
        out.append(Candidate(m.start(), m.end(), 3, "ip", False, False))


def scan(norm: Normalised) -> list[Candidate]:
    """Every candidate in the normalised text, unsorted and possibly overlapping.

    >>> [(c.start, c.end, c.kind, c.weak) for c in scan(Normalised("see x.com, run main.py"))]
    [(4, 9, 'domain', False), (15, 22, 'domain', True)]
    """
    t = norm.text
    low = t.lower()
    out: list[Candidate] = []
    if "<" in t or "[" in t:
        _markup(t, low, out)
    if "://" in t:
        _schemes(t, out)
    if ":" in t and any(g in low for g in _COLON_GATE):
        _colon_schemes(t, out)
    if "@" in t:
        _emails(t, norm, out)
    if _INNER_DOT.search(t):  # a dot inside a word: prose ends its sentences with ". "
        _hosts(t, norm, out)
    if "::" in t or ("[" in t and ":" in t) or t.count(":") >= 7:
        _ipv6(t, out)
    return out


__all__ = ["Candidate", "scan"]
