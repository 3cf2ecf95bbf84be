"""The interface catalogs: complete, compiled, and (for Korean) particle-free around names."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["ru", "ko"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Korean particles whose form depends on the last syllable of the word before them
# (은/는, 이/가, 을/를, 과/와, 으로/로, 이라/라): after an inserted name, the right one
# cannot be chosen, so the wording must not put one there.
VARIABLE_PARTICLE = re.compile(r"%\(\w+\)[sd][”\"'’»)]?\s?(은|는|이|가|을|를|과|와|으로|로|이라|라)(?![가-힣])")


def catalog(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as f:
        return read_po(f, locale=language)


def entries(language):
    return [message for message in catalog(language) if message.id]


def strings(message):
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def ids(message):
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    untranslated = [ids(m)[0] for m in entries(language) if not all(strings(m)) or m.fuzzy]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for message in entries(language):
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in ids(message)))
        for text in strings(message):
            used = set(PLACEHOLDER.findall(text))
            # A plural's single form may leave the count out ("this comment?"), nothing else.
            assert wanted - {"count", "counter"} <= used <= wanted, (message.id, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_the_source(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in entries(language):
        if isinstance(message.id, tuple):
            for n, text in enumerate(message.string):
                count = {"ru": [1, 2, 5, 21.5][n], "ko": 7}[language]
                if language == "ru" and n == 3:
                    continue  # the fractional form is never asked for by an integer count
                assert compiled.ngettext(*message.id, count) == text, message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_korean_has_one_plural_form():
    ko = catalog("ko")
    assert ko.num_plurals == 1
    assert all(len(m.string) == 1 for m in entries("ko") if isinstance(m.id, tuple))


def test_korean_wording_needs_no_particle_after_a_name():
    chosen = [text for m in entries("ko") for text in strings(m) if VARIABLE_PARTICLE.search(text)]
    assert chosen == []
    # The check itself catches what it is for.
    assert VARIABLE_PARTICLE.search("%(title)s에 댓글") is None
    assert VARIABLE_PARTICLE.search("“%(title)s”을 삭제") is not None
    assert VARIABLE_PARTICLE.search("%(name)s는") is not None
