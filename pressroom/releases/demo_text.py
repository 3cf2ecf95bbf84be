"""Text for ``pressroom generate_demo_data``: words drawn the way natural text draws them.

A handful of real words repeated everywhere would make every search match most
releases (the worst case of ranking, not a press office's). So each language
gets a vocabulary of real words followed by made-up ones built from syllables,
and words are drawn with Zipf's law (the word of rank r with weight 1/r): a few
are everywhere, most are rare, as in real text. Pure Python; bench/scale.py
picks its search words from the same ranks.

>>> words = vocabulary("en")
>>> words[0], len(words)
('society', 4000)
"""

import itertools
from functools import lru_cache

BASE = {
    "en": (
        "society council river school students exchange festival music museum volunteers spring autumn "
        "program city region library concert teachers harbour bridge forest garden report meeting youth "
        "science award grant project history archive exhibition workshop lecture season community"
    ).split(),
    "ru": (
        "общество совет река школа студенты обмен фестиваль музыка музей волонтёры весна осень программа "
        "город край библиотека концерт учителя гавань мост лес сад отчёт встреча молодёжь наука премия "
        "грант проект история архив выставка мастерская лекция сезон община"
    ).split(),
}
SYLLABLES = {
    "en": "ka ri mo tu le sa vi no ra de po mi lu ta ne so ga bi ku re".split(),
    "ru": "ка ри мо ту ле са ви но ра де по ми лу та не со га би ку ре".split(),
}
SIZE = 4000


@lru_cache(maxsize=None)
def vocabulary(language, size=SIZE):
    """The words of ``language`` (English syllables for others), most frequent first."""
    base = BASE.get(language, BASE["en"])
    syllables = SYLLABLES.get(language, SYLLABLES["en"])
    made = ("".join(parts) for parts in itertools.product(syllables, repeat=3))
    return tuple(itertools.islice(itertools.chain(base, made), size))


@lru_cache(maxsize=None)
def cumulative_weights(size=SIZE):
    return tuple(itertools.accumulate(1.0 / rank for rank in range(1, size + 1)))


def words(rng, language, n):
    """``n`` words of ``language`` drawn with Zipf's law from ``rng`` (a ``random.Random``)."""
    vocab = vocabulary(language)
    return rng.choices(vocab, cum_weights=cumulative_weights(len(vocab)), k=n)


def sentence(rng, language, n):
    text = " ".join(words(rng, language, n))
    return text[0].upper() + text[1:] + "."
