"""Top-level domains: which labels are real, and which also read as words.

The list itself comes from the Public Suffix List shipped inside the
``publicsuffixlist`` package, asked through its public API
(``PublicSuffixList.is_public``) for the ICANN section only, so updating the
package updates the list.  Nothing here is a TLD list of our own: the small
sets below only say which real TLDs *also* read as ordinary words or file
extensions, which is what decides how strong a bare ``name.tld`` is.
"""

from __future__ import annotations

from functools import lru_cache

from publicsuffixlist import PublicSuffixList

# In the ICANN section of the PSL but not delegated in the root zone
# (special-use names, RFC 7686): never a TLD a reader can visit.
_NOT_IN_ROOT = frozenset({"onion"})

# Two-letter country TLDs that are also short words or abbreviations of chat
# English: after "channel. ", "a red dot " or "ok." they are the next word
# ("ok.im home", "5.30.pm", "thx.gn"), not a TLD.
FUNCTION_WORD_TLDS = frozenset(
    "am as at be by do id im in is it la ma me my na ne no nu pa re so to us ye "
    "bb cu gg gm gn np pm tc".split()
)

# The TLDs a link is normally written with and no sentence starts with; every
# other generic TLD (".you", ".cool", ".call", ".best", ".app") is also a word.
CLASSIC_GTLDS = frozenset("com net org info biz edu gov mil int mobi xyz рф".split())

# Real TLDs that are also common file extensions ("main.py", "clip.mov").
FILE_EXTENSION_TLDS = frozenset("py md sh zip mov rs ai pl ps mp pm".split())


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True, accept_unknown=False)


@lru_cache(maxsize=8192)
def is_tld(label: str) -> bool:
    """True if ``label`` (any case, Unicode or punycode) is a delegated top-level domain.

    >>> is_tld("com"), is_tld("РФ"), is_tld("xn--p1ai"), is_tld("한국")
    (True, True, True, True)
    >>> is_tld("js"), is_tld("onion"), is_tld("")
    (False, False, False)
    """
    low = label.lower()
    if not low or low in _NOT_IN_ROOT or "." in low:
        return False
    try:
        return _psl().is_public(low)
    except UnicodeError:  # a label the idna codec refuses is no TLD
        return False


def is_plain_tld(tld: str) -> bool:
    """True for a TLD that does not also read as a word.

    A country code that is no chat word, a classic gTLD, or a short IDN
    (``рф``, ``укр``, ``닷컴``); not ``.so``, ``.cool`` or ``.онлайн``.

    >>> is_plain_tld("com"), is_plain_tld("ru"), is_plain_tld("рус"), is_plain_tld("so")
    (True, True, True, False)
    >>> is_plain_tld("cool"), is_plain_tld("дети")
    (False, False)
    """
    low = tld.lower()
    if low.startswith("xn--") or low in CLASSIC_GTLDS:
        return True
    if not low.isascii():
        return len(low) <= 3
    return len(low) == 2 and low not in FUNCTION_WORD_TLDS
