"""Word forms for search: one form shared by the inflected forms of a word.

Search matches a query word with a word of the text when both have the same
form. The form is chosen by the script of the word, so a Russian name in an
English release (or an English one in a Korean release) is treated as what it
is:

* Latin and Cyrillic words: the Snowball stemmer of English or Russian
  (PyStemmer, the stemmers PostgreSQL's own "english" and "russian" configs
  are built from), so ``exchanges`` and ``exchange`` share ``exchang``;
* Hangul words: the word without a trailing particle (``교류를``, ``교류가``,
  ``교류에서`` -> ``교류``). Korean glues particles to nouns, and neither SQLite
  nor PostgreSQL ships a Korean analyzer; a short list of particles covers what
  a reader searching a press release types. A one-syllable particle is only
  removed from a word of three syllables or more (``국가`` stays ``국가``).

>>> word_form("Exchanges"), word_form("обмена"), word_form("교류를")
('exchang', 'обм', '교류')
>>> extra_forms("Student exchanges 교류를 넓혔다")
['exchang', '교류']
"""

import re
from functools import lru_cache

import Stemmer

WORD_RE = re.compile(r"\w+")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z]")

# Case particles and common particle chains, longest first so that 에서는 wins
# over 는. One-syllable ones need at least two syllables left in front of them.
_KOREAN_PARTICLES = sorted(
    [
        "이", "가", "은", "는", "을", "를", "의", "에", "도", "와", "과", "로", "만",
        "에서", "에게", "한테", "으로", "께서", "까지", "부터", "보다", "처럼", "마다", "이나",
        "에는", "에도", "에만", "와의", "과의", "로는", "로서", "로써", "이며", "이고", "라는",
        "에서는", "에서도", "에서의", "에게는", "으로는", "으로서", "으로써", "으로의", "이라는", "까지는",
    ],
    key=len,
    reverse=True,
)


def korean_base(word):
    """``word`` without a trailing Korean particle (or unchanged).

    >>> korean_base("교류를"), korean_base("교류가"), korean_base("교류에서는"), korean_base("국가")
    ('교류', '교류', '교류', '국가')
    >>> korean_base("학생들을")
    '학생'
    """
    for particle in _KOREAN_PARTICLES:
        if word.endswith(particle):
            rest = word[: -len(particle)]
            if len(rest) >= (2 if len(particle) == 1 else 1):
                word = rest
                break
    if word.endswith("들") and len(word) >= 3:  # plural: 학생들 -> 학생
        word = word[:-1]
    return word


@lru_cache(maxsize=None)
def _stemmer(algorithm):
    return Stemmer.Stemmer(algorithm)


def word_form(word, stem=True):
    """The search form of one word: lower-cased, then stemmed or stripped by its script.

    With ``stem=False`` only Korean particles are removed (for PostgreSQL,
    whose text search configs stem English and Russian themselves).
    """
    word = word.lower()
    if _HANGUL_RE.search(word):
        return korean_base(word)
    if not stem:
        return word
    if _CYRILLIC_RE.search(word):
        return _stemmer("russian").stemWord(word.replace("ё", "е"))
    if _LATIN_RE.search(word):
        return _stemmer("english").stemWord(word)
    return word


def words(text):
    return WORD_RE.findall(text or "")


def extra_forms(text, stem=True):
    """The forms of the words of ``text`` that are not words of it already, each once.

    Indexed next to the text, so a query reduced to forms finds it while the
    text's own words still match exactly.
    """
    seen = {word.lower() for word in words(text)}
    forms = []
    for word in words(text):
        form = word_form(word, stem)
        if form and form not in seen:
            seen.add(form)
            forms.append(form)
    return forms

