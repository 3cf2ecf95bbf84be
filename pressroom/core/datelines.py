"""Datelines: the place and date line of a press release, per locale, era and order.

>>> import datetime
>>> format_dateline("Khabarovsk", datetime.date(2022, 7, 21), "en", "juche")
'Khabarovsk, July 21, Juche 111 (2022)'
>>> format_dateline("Хабаровск", datetime.date(2022, 7, 21), "ru", "juche")
'г. Хабаровск, «21» июля 111 года чучхе (2022)'
>>> format_dateline("평양", datetime.date(2022, 7, 21), "ko", "juche")
'주체111(2022)년 7월 21일 평양'
"""

from babel.dates import format_date

ERA_NONE = "none"
ERA_JUCHE = "juche"
JUCHE_EPOCH = 1911  # 1912 is Juche 1

# Which comes first, the place or the date. "language" is the usual order of
# the dateline's language (_FORMATS[...]["order"]); an organization may fix one.
ORDER_LANGUAGE = "language"
ORDER_PLACE_FIRST = "place_first"
ORDER_DATE_FIRST = "date_first"


def juche_year(year):
    """The Juche year of a common year, or None before 1912.

    >>> juche_year(2022), juche_year(1912), juche_year(1911)
    (111, 1, None)
    """
    return year - JUCHE_EPOCH if year > JUCHE_EPOCH else None


# Per language: the pattern of the day and month (Babel/CLDR syntax, so the month
# is in the right grammatical case), how the year follows with and without the
# era, the usual order, and how place and date join in each order. Languages not
# listed fall back to English.
_FORMATS = {
    "en": {
        "place": "{place}",
        "day": "MMMM d",
        "year": "{day}, {year}",
        "era": "{day}, Juche {era_year} ({year})",
        "order": ORDER_PLACE_FIRST,
        ORDER_PLACE_FIRST: "{place}, {when}",
        ORDER_DATE_FIRST: "{when}, {place}",
    },
    "ru": {
        # «21» июля: CLDR's format-context month is the genitive.
        "place": "г. {place}",
        "day": "«d» MMMM",
        "year": "{day} {year} г.",
        "era": "{day} {era_year} года чучхе ({year})",
        "order": ORDER_PLACE_FIRST,
        ORDER_PLACE_FIRST: "{place}, {when}",
        ORDER_DATE_FIRST: "{when}, {place}",
    },
    "ko": {
        # The common era is CLDR's long date (2022년 7월 21일); the Juche era puts
        # the common year in brackets after the Juche year, as Korean texts do.
        "place": "{place}",
        "day": "MMMM d일",
        "year": "{year}년 {day}",
        "era": "주체{era_year}({year})년 {day}",
        # Korean statements are signed with the date, then the place: no comma,
        # since 일 already closes the date and Korean writes none there -- DPRK
        # statements end "주체111(2022)년 12월 23일" with "평양" under it, the
        # inter-Korean declarations "2018년 4월 27일 판문점" on one line.
        "order": ORDER_DATE_FIRST,
        ORDER_DATE_FIRST: "{when} {place}",
        # Place first, the comma separates as in the other languages.
        ORDER_PLACE_FIRST: "{place}, {when}",
    },
}


def usual_order(locale):
    """``"place_first"`` or ``"date_first"``: how datelines in ``locale`` are usually written.

    >>> usual_order("en"), usual_order("ru"), usual_order("ko-KR"), usual_order("xx")
    ('place_first', 'place_first', 'date_first', 'place_first')
    """
    return _FORMATS.get(_language(locale), _FORMATS["en"])["order"]


def _language(locale):
    return (locale or "en").split("-")[0].split("_")[0].lower()


def format_dateline(place, date, locale, era=ERA_NONE, order=ORDER_LANGUAGE):
    """Render the dateline of ``place`` and ``date`` for ``locale`` ("en", "ru", "ko"; others as "en").

    ``era`` is ``"none"`` or ``"juche"``; with the Juche era the common year
    follows in brackets. Years before 1912 have no Juche year and are written
    as with no era. ``order`` is ``"language"`` (the usual order of the
    language: place first in English and Russian, date first in Korean),
    ``"place_first"`` or ``"date_first"``. An empty place gives the date alone.

    >>> import datetime
    >>> format_dateline("Хабаровск", datetime.date(2022, 7, 21), "ru")
    'г. Хабаровск, «21» июля 2022 г.'
    >>> format_dateline("Khabarovsk", datetime.date(2022, 7, 21), "en", order="date_first")
    'July 21, 2022, Khabarovsk'
    >>> format_dateline("하바롭스크", datetime.date(2022, 7, 21), "ko", order="place_first")
    '하바롭스크, 2022년 7월 21일'
    """
    language = _language(locale)
    fmt = _FORMATS.get(language, _FORMATS["en"])
    day = format_date(date, fmt["day"], locale=language if language in _FORMATS else "en")
    era_year = juche_year(date.year) if era == ERA_JUCHE else None
    if era_year is None:
        when = fmt["year"].format(day=day, year=date.year)
    else:
        when = fmt["era"].format(day=day, year=date.year, era_year=era_year)
    place = (place or "").strip()
    if not place:
        return when
    if order not in (ORDER_PLACE_FIRST, ORDER_DATE_FIRST):
        order = fmt["order"]
    return fmt[order].format(place=fmt["place"].format(place=place), when=when)
