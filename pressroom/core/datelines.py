"""Datelines: the place and date line of a press release, per locale and era.

>>> import datetime
>>> format_dateline("Khabarovsk", datetime.date(2022, 7, 21), "en", "juche")
'Khabarovsk, July 21, Juche 111 (2022)'
>>> format_dateline("Хабаровск", datetime.date(2022, 7, 21), "ru", "juche")
'г. Хабаровск, «21» июля 111 года чучхе (2022)'
"""

from babel.dates import format_date

ERA_NONE = "none"
ERA_JUCHE = "juche"
JUCHE_EPOCH = 1911  # 1912 is Juche 1


def juche_year(year):
    """The Juche year of a common year, or None before 1912.

    >>> juche_year(2022), juche_year(1912), juche_year(1911)
    (111, 1, None)
    """
    return year - JUCHE_EPOCH if year > JUCHE_EPOCH else None


# Per language: the pattern of the day and month (Babel/CLDR syntax, so the month
# is in the right grammatical case), then how the year follows with and without
# the era. Languages not listed fall back to English.
_FORMATS = {
    "en": {
        "place": "{place}",
        "day": "MMMM d",
        "year": "{day}, {year}",
        "era": "{day}, Juche {era_year} ({year})",
    },
    "ru": {
        # «21» июля: CLDR's format-context month is the genitive.
        "place": "г. {place}",
        "day": "«d» MMMM",
        "year": "{day} {year} г.",
        "era": "{day} {era_year} года чучхе ({year})",
    },
    "ko": {
        "place": "{place}",
        "day": "MMMM d일",
        "year": "{year}년 {day}",
        "era": "주체{era_year}({year})년 {day}",
    },
}


def format_dateline(place, date, locale, era=ERA_NONE):
    """Render ``place, date`` for ``locale`` ("en", "ru", "ko"; others as "en").

    ``era`` is ``"none"`` or ``"juche"``; with the Juche era the common year
    follows in brackets. Years before 1912 have no Juche year and are written
    as with no era. An empty place gives the date alone.

    >>> import datetime
    >>> format_dateline("Хабаровск", datetime.date(2022, 7, 21), "ru")
    'г. Хабаровск, «21» июля 2022 г.'
    """
    language = (locale or "en").split("-")[0].split("_")[0].lower()
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
    return f"{fmt['place'].format(place=place)}, {when}"
