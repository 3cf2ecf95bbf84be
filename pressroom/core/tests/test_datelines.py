import datetime

import pytest

from pressroom.core.datelines import format_dateline, juche_year, usual_order

D = datetime.date


@pytest.mark.parametrize(
    "place, date, locale, era, expected",
    [
        ("Khabarovsk", D(2022, 7, 21), "en", "none", "Khabarovsk, July 21, 2022"),
        ("Khabarovsk", D(2022, 7, 21), "en", "juche", "Khabarovsk, July 21, Juche 111 (2022)"),
        ("Хабаровск", D(2022, 7, 21), "ru", "none", "г. Хабаровск, «21» июля 2022 г."),
        ("Хабаровск", D(2022, 7, 21), "ru", "juche", "г. Хабаровск, «21» июля 111 года чучхе (2022)"),
        # 1912 is Juche 1; 1911 has no Juche year and renders as with no era.
        ("Khabarovsk", D(1912, 1, 1), "en", "juche", "Khabarovsk, January 1, Juche 1 (1912)"),
        ("Khabarovsk", D(1911, 12, 31), "en", "juche", "Khabarovsk, December 31, 1911"),
        ("Хабаровск", D(1912, 3, 8), "ru", "juche", "г. Хабаровск, «8» марта 1 года чучхе (1912)"),
        ("Хабаровск", D(1911, 3, 8), "ru", "juche", "г. Хабаровск, «8» марта 1911 г."),
        # Genitive month names in Russian.
        ("Москва", D(2023, 5, 1), "ru", "none", "г. Москва, «1» мая 2023 г."),
        # Korean: the date, then the place, no comma (see datelines._FORMATS).
        ("하바롭스크", D(2022, 7, 21), "ko", "juche", "주체111(2022)년 7월 21일 하바롭스크"),
        ("하바롭스크", D(2022, 7, 21), "ko", "none", "2022년 7월 21일 하바롭스크"),
        ("평양", D(2022, 7, 21), "ko", "juche", "주체111(2022)년 7월 21일 평양"),
        ("평양", D(1912, 4, 15), "ko", "juche", "주체1(1912)년 4월 15일 평양"),
        ("평양", D(1911, 12, 31), "ko", "juche", "1911년 12월 31일 평양"),
        ("", D(2024, 3, 14), "ko", "juche", "주체113(2024)년 3월 14일"),
        ("", D(2024, 1, 1), "ko", "none", "2024년 1월 1일"),
        ("평양", D(2022, 7, 21), "ko-KR", "none", "2022년 7월 21일 평양"),
        # Region variants and unknown languages fall back sensibly.
        ("Khabarovsk", D(2022, 7, 21), "en-GB", "none", "Khabarovsk, July 21, 2022"),
        ("Khabarovsk", D(2022, 7, 21), "xx", "none", "Khabarovsk, July 21, 2022"),
        ("", D(2022, 7, 21), "en", "none", "July 21, 2022"),
    ],
)
def test_format_dateline(place, date, locale, era, expected):
    assert format_dateline(place, date, locale, era) == expected


def test_juche_year_edges():
    assert juche_year(1911) is None
    assert juche_year(1912) == 1
    assert juche_year(2022) == 111


# Every language x era x order on one date, so a new language, era or order
# shows up here as a gap. "language" is the usual order: place first in English
# and Russian, date first in Korean.
MATRIX = {
    ("en", "none", "place_first"): "Khabarovsk, July 21, 2022",
    ("en", "none", "date_first"): "July 21, 2022, Khabarovsk",
    ("en", "juche", "place_first"): "Khabarovsk, July 21, Juche 111 (2022)",
    ("en", "juche", "date_first"): "July 21, Juche 111 (2022), Khabarovsk",
    ("ru", "none", "place_first"): "г. Khabarovsk, «21» июля 2022 г.",
    ("ru", "none", "date_first"): "«21» июля 2022 г., г. Khabarovsk",
    ("ru", "juche", "place_first"): "г. Khabarovsk, «21» июля 111 года чучхе (2022)",
    ("ru", "juche", "date_first"): "«21» июля 111 года чучхе (2022), г. Khabarovsk",
    ("ko", "none", "place_first"): "Khabarovsk, 2022년 7월 21일",
    ("ko", "none", "date_first"): "2022년 7월 21일 Khabarovsk",
    ("ko", "juche", "place_first"): "Khabarovsk, 주체111(2022)년 7월 21일",
    ("ko", "juche", "date_first"): "주체111(2022)년 7월 21일 Khabarovsk",
}
USUAL = {"en": "place_first", "ru": "place_first", "ko": "date_first"}


@pytest.mark.parametrize("language", ["en", "ru", "ko"])
@pytest.mark.parametrize("era", ["none", "juche"])
@pytest.mark.parametrize("order", ["language", "place_first", "date_first"])
def test_every_language_era_and_order(language, era, order):
    expected = MATRIX[(language, era, USUAL[language] if order == "language" else order)]
    assert format_dateline("Khabarovsk", D(2022, 7, 21), language, era, order) == expected


def test_the_usual_order_is_the_default():
    for language, order in USUAL.items():
        assert usual_order(language) == order
        assert format_dateline("Khabarovsk", D(2022, 7, 21), language) == MATRIX[(language, "none", order)]


@pytest.mark.parametrize("order", ["language", "place_first", "date_first"])
def test_no_place_is_the_date_alone_in_any_order(order):
    assert format_dateline("", D(2022, 7, 21), "ko", "juche", order) == "주체111(2022)년 7월 21일"
    assert format_dateline(None, D(2022, 7, 21), "ru", "none", order) == "«21» июля 2022 г."


@pytest.mark.parametrize("language", ["en", "ko"])
def test_common_era_agrees_with_cldr_long_date(language):
    """English and Korean write the common-era date as CLDR's long format does (Babel)."""
    from babel.dates import format_date

    for date in (D(2022, 7, 21), D(2024, 1, 1), D(1999, 12, 31)):
        assert format_dateline("", date, language) == format_date(date, "long", locale=language)
