import doctest

import pytest

from pressroom.core import wordforms
from pressroom.core.wordforms import extra_forms, korean_base, word_form


def test_doctests():
    assert doctest.testmod(wordforms).failed == 0


@pytest.mark.parametrize(
    "words",
    [
        ["exchange", "exchanges", "exchanged", "Exchange"],
        ["обмена", "обмен"],
        ["учения", "учений", "учение"],
        ["교류", "교류를", "교류가", "교류의", "교류에서", "교류에서는", "교류로"],
        ["학생", "학생들", "학생들을"],
    ],
)
def test_inflected_forms_share_one_form(words):
    assert len({word_form(word) for word in words}) == 1


@pytest.mark.parametrize("word", ["국가", "사이", "나라", "서울"])
def test_korean_words_ending_like_a_particle_stay_whole(word):
    assert korean_base(word) == word


def test_without_stemming_only_korean_particles_go():
    """PostgreSQL stems English and Russian itself; only Korean needs Python."""
    assert word_form("Exchanges", stem=False) == "exchanges"
    assert word_form("교류를", stem=False) == "교류"
    assert extra_forms("обмена 교류가", stem=False) == ["교류"]


def test_extra_forms_are_new_forms_only():
    assert extra_forms("Exchange exchanges, обмена; 교류를 교류") == ["exchang", "обм"]
    assert extra_forms("") == []
    assert extra_forms("!!! ---") == []
