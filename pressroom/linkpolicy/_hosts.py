"""Step 3: is a dotted name a host, and how strong is the evidence for it?

:func:`judge_host` answers for a candidate found in the normalised text:
``None`` (not a link at all: an abbreviation, a decimal, a sentence end
before a word), or a :class:`Verdict` whose ``weak`` flag says that the name
has one of the policy's ambiguous shapes and nothing else speaks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ._normalise import WEAK_DOTS, Evidence
from ._tlds import CLASSIC_GTLDS, FILE_EXTENSION_TLDS, FUNCTION_WORD_TLDS, is_plain_tld, is_tld


@dataclass(frozen=True, slots=True)
class Verdict:
    used: int  # length of the host actually used (a glued particle is cut off)
    kind: str  # "domain", "url" (www.) or "ip"
    obfuscated: bool  # Latin mixed with Cyrillic/Greek look-alikes
    weak: bool


_LATIN = re.compile(r"[A-Za-z]")
_DIGIT_OR_HYPHEN = re.compile(r"[\d-]")
_CYR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһӏԛԝүкмтнвАВЕКМНОРСТХІЈЅ"
    "αοιντυεχωκρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwykmthbABEKMHOPCTXIJS"
    "aoivtuexwkpABEZHIKMNOPTYX",
)
# Words that are no name before a dot word: "the dot com bubble", "this dog at home dot …".
STOPWORDS = frozenset(
    "the a an this that these those its his her their our your my one every each any "
    "some no и а но это эта этот та тот одна каждая любая наша ваша моя его её их или как"
    .split()
)
_SENTENCE_END_HANGUL = set("다요죠까네")
# Abbreviations written before a name: "Mr.Kim" (.kim), "Dr.Lee", "St.Moritz".
_TITLES = frozenset("mr mrs ms dr st mt prof jr sr gen col capt rev fr vs no г ул им св тов".split())
# A software word right before a four-part number: "version 3.4.12.200", "Прошивка 2.8.6.149".
_VERSION_BEFORE = re.compile(
    r"(?i)(?:\bv|\bver|version|build|release|firmware|update|patch|"
    r"верси\w*|прошивк\w*|сборк\w*|обновлени\w*|버전|펌웨어|업데이트|빌드)\.?\s*\Z"
)


def _script(c: str) -> str:
    if c.isascii():
        return "d" if c.isdigit() else "l"
    if "\uac00" <= c <= "\ud7a3":
        return "h"
    if "\u0400" <= c <= "\u04ff":
        return "c"
    return "o"


def mixed_script(label: str) -> bool:
    """A label that mixes Latin with Cyrillic/Greek letters (``gооgle``)."""
    return bool(_CYR_GREEK.search(label)) and any("a" <= c.lower() <= "z" for c in label)


def tld_prefix(label: str, latin_name: bool = True) -> int:
    """Length of the real TLD at the start of ``label`` (0 if none).

    The whole label normally; a prefix when a word of another script or a
    capitalised word is glued to it (``com에서``, ``한국영화``, ``comJoin``),
    or digits to a classic TLD (``com2``) -- but not ``mp4``.  A Cyrillic
    look-alike TLD is read as Latin only after a Latin name (``gооgle.соm``).

    >>> tld_prefix("com"), tld_prefix("com에서"), tld_prefix("mp4"), tld_prefix("comNow")
    (3, 3, 0, 3)
    """
    low = label.lower()
    if is_tld(low):
        return len(label)
    if label.isascii() and label.isalpha() and (label.islower() or label.isupper()):
        return 0  # nothing glued: no script, case or digit boundary inside
    if latin_name:
        mapped = low.translate(_HOMOGLYPHS)
        if mapped != low and mapped.isascii() and is_tld(mapped):
            return len(label)
    for k in range(min(len(label) - 1, 63), 1, -1):
        a, b = _script(label[k - 1]), _script(label[k])
        if a == b == "l":
            split = label[k - 1].islower() and label[k].isupper()
        elif (a, b) == ("l", "d"):
            split = low[:k] in CLASSIC_GTLDS
        else:
            split = a != b or a == "h"
        if split and is_tld(low[:k]):
            return k
    return 0


def ipv4(labels: list[str]) -> bool:
    return len(labels) == 4 and all(
        lb.isdigit() and lb.isascii() and len(lb) <= 3 and int(lb) <= 255 for lb in labels
    )


def judge_host(host: str, *, path: bool, evidence: set[str], context: Callable[[], bool],
               before_text: str, quoted: bool) -> Verdict | None:
    """Judge a bare dotted name found in the normalised text.

    ``path``: a path, port or query follows; ``evidence``: the replacements
    the name was rebuilt from; ``context()``: a sharing phrase stands right
    before it ("visit", "зайди на", "사이트"), asked only when it matters;
    ``quoted``: brackets or quotes around it.
    """
    if len(host) > 253:
        return None
    labels = host.split(".")
    if host[0].isdigit() and ipv4(labels):
        weak = bool(_VERSION_BEFORE.search(before_text)) or labels[0] == "0" or any(
            len(lb) > 1 and lb[0] == "0" for lb in labels  # "1.000.000.000 views"
        )
        return Verdict(len(host), "ip", False, weak and not context())
    if "_" in host or "" in labels or any(len(lb) > 63 for lb in labels):
        return None
    names, last = labels[:-1], labels[-1]
    sld = names[-1]
    latin_name = _LATIN.search(sld) is not None
    first = labels[0].lower()
    www = first.startswith("www") and (first[3:] == "" or first[3:].isdigit())
    n = tld_prefix(last, latin_name)
    if not n:
        if not (www and len(labels) >= 3 and last.isalpha() and len(last) >= 2):
            return None
        n = len(last)
    used = len(host) - (len(last) - n)
    tld = last[:n]
    obf = not host.isascii() and any(mixed_script(lb) for lb in labels)
    if www and len(labels) >= 3:
        return Verdict(used, "url", obf, False)
    glued_hangul = n < len(last) and _script(last[n]) == "h" and _script(tld[-1]) == "h"
    ltld = tld.lower()
    plain = is_plain_tld(tld)
    # a word, not a TLD, when it follows one name: "user.email", "felt so.so" (not "x.gg.gg")
    word_tld = not plain and (len(names) == 1 or ltld not in FUNCTION_WORD_TLDS)
    # "cheap-meds24", "my-site": a name people do not write in prose
    marked = _DIGIT_OR_HYPHEN.search(host, 0, len(host) - len(last)) is not None
    if word_tld:  # "2day.love" is SMS spelling: a word TLD needs a hyphen or two digits
        marked = any("-" in lb or sum(c.isdigit() for c in lb) >= 2 for lb in names)
    trick = Evidence.TRICK in evidence  # letter spacing, entities, fullwidth: proof of intent
    hangul_name = _script(sld[-1]) == "h"

    # --- not a link at all
    if all(len(lb) == 1 for lb in names) and not path and (
        len(names) > 1 or not (sld.isascii() and tld.islower())
    ):
        return None  # "e.g.com", "U.S.Army" (but "x.com" is a domain)
    if sld.isdigit() and not path and not plain and (ltld in FUNCTION_WORD_TLDS or not context()):
        return None  # "at 10.am", "born in 1999.so", "two reasons: 1.it is"
    if hangul_name and _script(tld[0]) == "h" and sld[-1] in _SENTENCE_END_HANGUL:
        return None  # "끝났다.한국은": a Korean sentence end
    if len(names) == 1 and sld.lower() in _TITLES and not (path or context()):
        return None  # "Mr.Kim"
    if evidence & WEAK_DOTS:
        if (tld not in (ltld, tld.upper()) and ltld not in CLASSIC_GTLDS) or (len(sld) < 2 and not path):
            return None
        if Evidence.DOT_WORD in evidence and not marked and (
            sld.lower() in STOPWORDS or ltld in FUNCTION_WORD_TLDS
            or (tld.isupper() != sld.isupper() and not path)
        ):
            return None  # "the dot com bubble", "a red dot in"
        if Evidence.SENTENCE_DOT in evidence and not (path or quoted) and (
            hangul_name or sld.isdigit() or not (marked or plain)
        ):
            return None  # "my channel. you", "approx. one", "10점. cg", "windows 10. net"
        if Evidence.SPACED_DOT in evidence and tld != ltld and not marked:
            return None  # "C# .NET"

    # --- strong unless the name has one of the ambiguous shapes
    weak = False
    if Evidence.SENTENCE_DOT in evidence:
        weak = not (marked or path or quoted)  # "name. tld" is also how sentences end
    elif tld[:1].isupper() and tld[1:].islower() and len(tld) > 1 and ltld not in CLASSIC_GTLDS:
        weak = not path  # "left.Today", "г.Москва": the next sentence, not a TLD
    elif glued_hangul or hangul_name:
        weak = not (path or trick or context())  # "영화.한국영화", "좋았다.TV": a missing space in Korean
    elif not (path or trick):
        weak = (
            ltld in FILE_EXTENSION_TLDS  # "main.py", "clip.mov"
            or (word_tld and not marked)  # "user.email", "model.fit", "dress .so", "felt so.so"
            or sld.isdigit()  # "24.kz"
            or (len(sld) == 1 and ltld not in CLASSIC_GTLDS)  # "u.ca", "will.i.am", not "x.com"
            or (sld.istitle() and tld.islower() and not marked)  # "Amazon.com", "Lenta.ru"
            or (tld.isupper() and not marked and (sld.istitle() or sld.isupper() and len(sld) <= 3))
            # "ASP.NET", "Socket.IO", but not "NEWSITE.COM"
        ) and not context()
    return Verdict(used, "domain", obf, weak)
