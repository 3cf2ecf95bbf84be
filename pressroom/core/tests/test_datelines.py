import datetime

import pytest

from pressroom.core.datelines import format_dateline, juche_year

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
        ("하바롭스크", D(2022, 7, 21), "ko", "juche", "하바롭스크, 주체111(2022)년 7월 21일"),
        ("하바롭스크", D(2022, 7, 21), "ko", "none", "하바롭스크, 2022년 7월 21일"),
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
