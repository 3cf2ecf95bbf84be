"""Tests for pressroom.importer.parse (pure: no Django, no database).

Sample files in files/ are fictional releases written for these tests; small
variations are built inline with :func:`release`.
"""

import json
from pathlib import Path

import pytest

from pressroom.importer.parse import (
    Contact,
    NotAReleaseError,
    ParsedRelease,
    parse_release,
    split_position,
    stable_key,
)
from tests.growth import LINEAR_BOUND, growth

FILES = Path(__file__).parent / "files"




def read(name):
    return parse_release((FILES / name).read_bytes())


def make_release(
    *,
    title="Press release – Boats for the Rowing Club",
    author="Anna Lindqvist",
    position="Chairwoman Lindenburg Rowing Club",
    body=("The club received four new boats this spring.", "Training starts on Monday."),
    dateline="Lindenburg, May 2, 2023",
    contact=(),
    footer=("Leave a comment",),
    newline="\n",
    encoding="utf-8",
):
    """Build the bytes of a release; pass None to leave a part out."""
    parts = [title, author, position, *body, dateline, newline.join(contact) or None, *footer]
    text = (newline * 2).join(p for p in parts if p is not None) + newline
    return text.encode(encoding)


# -- the sample files --------------------------------------------------------


def test_english_body_russian_dateline_with_juche_era():
    r = read("en_body_ru_dateline_juche.txt")
    assert r.kicker == "Press release"
    assert r.title == "Why Does the Harbour Need a Second Lighthouse?"
    assert r.author_name == "Lee Min Chol"
    assert r.author_position == "Secretary General"
    assert r.author_organization == "Lindenburg-Seaside Association for Friendship and Cultural Exchange"
    assert len(r.body) == 4
    # A paragraph spread over two lines is joined with one space.
    assert r.body[1] == (
        "The captains spoke about fog that lies on the northern bay for days at a time. "
        "They asked the council to build a second lighthouse on “Gull Rock” before the autumn storms."
    )
    assert (r.locale, r.dateline_locale) == ("en", "ru")
    assert r.dateline_place == "Линденбург"
    assert r.release_date == "2024-03-14"
    assert (r.era, r.era_year) == ("juche", 113)
    assert r.contact == Contact(
        postal_code="690000",
        country="Россия",
        city="Линденбург",
        street="ул. Маячная, 7",
        phone="(4232) 10-20-30",  # no-break spaces around it are gone
        fax="(4232) 10-20-31",
    )
    assert r.dropped == ["You can comment this article, but links are not allowed.", "Оставить комментарий"]
    assert r.warnings == []


def test_russian_body_russian_dateline_without_era():
    r = read("ru_body_ru_dateline.txt")
    assert (r.kicker, r.title) == ("Заявление", "Библиотека открыта для всех")  # em dash
    assert r.author_name == "Ольга Светлова"
    assert r.author_position == "Председатель правления"
    assert r.author_organization == "Общества дружбы «Северный берег»"
    assert len(r.body) == 3
    assert (r.locale, r.dateline_locale, r.dateline_place) == ("ru", "ru", "Линденбург")
    assert (r.release_date, r.era, r.era_year) == ("2023-10-03", "none", None)
    # "Тел./факс" is both numbers.
    assert r.contact.phone == r.contact.fax == "(4232) 40-50-60"
    assert r.contact.street == "ул. Садовая, 12"
    assert r.dropped == ["Комментировать"]
    assert r.warnings == []


def test_english_dateline_with_juche_era_and_crlf():
    data = (FILES / "en_dateline_juche_crlf.txt").read_bytes()
    assert b"\r\n" in data
    r = parse_release(data)
    assert (r.kicker, r.title) == ("Article", "Bread, Salt and a Shared Table")  # hyphen as the dash
    assert r.author_name == "Marta Kovalenko-Reed"
    assert (r.author_position, r.author_organization) == ("Vice-Chairman", "Lindenburg Friendship Society")
    assert r.body[1] == (
        "More than two hundred guests brought dishes from their home regions, "
        "and the evening ended with songs in four languages."
    )
    assert (r.dateline_place, r.dateline_locale) == ("Lindenburg", "en")
    assert (r.release_date, r.era, r.era_year) == ("2023-09-09", "juche", 112)
    assert r.contact == Contact("690002", "Russia", "Lindenburg", "12 Harbour Street", "+7 423 200-11-22", "+7 423 200-11-23")
    assert r.dropped == ["Leave a comment"]
    assert r.warnings == []


def test_windows_1251_file():
    data = (FILES / "ru_cp1251.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    r = parse_release(data)
    assert (r.kicker, r.title) == ("Пресс-релиз", "Концерт на набережной")
    assert r.author_name == "Игорь Ветров"
    assert r.author_position == "Ответственный секретарь"
    assert r.author_organization == "Линденбургского общества любителей хоровой музыки"
    assert r.locale == "ru"
    assert r.release_date == "2021-06-01"  # nominative month: «1» июнь
    assert (r.contact.postal_code, r.contact.city, r.contact.phone) == ("690003", "Линденбург", "(4232) 55-66-77")


def test_utf8_bom_and_numeric_date():
    data = (FILES / "en_bom.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    r = parse_release(data)
    assert r.kicker == "Statement"  # not "\ufeffStatement"
    assert (r.author_position, r.author_organization) == ("Press Secretary", "Seaside Ferry Passengers Committee")
    assert (r.dateline_place, r.release_date, r.era) == ("Lindenburg", "2022-11-05", "none")
    assert r.contact.phone == "(4232) 77-88-99"
    assert r.warnings == []


def test_juche_mismatch_keeps_common_year_and_warns():
    r = read("juche_mismatch.txt")
    assert (r.release_date, r.era, r.era_year) == ("2022-04-15", "juche", 110)
    assert len(r.warnings) == 1
    assert "Juche 110" in r.warnings[0] and "2022" in r.warnings[0]


def test_korean_release():
    r = read("ko_body_juche.txt")
    assert (r.kicker, r.title, r.author_name) == ("보도자료", "새 등대를 세우자", "리민철")
    assert (r.author_position, r.author_organization) == ("사무총장", "린덴부르크-해안친선협회")
    assert (r.locale, r.dateline_locale, r.dateline_place) == ("ko", "ko", "린덴부르크")
    assert (r.release_date, r.era, r.era_year) == ("2024-03-14", "juche", 113)


@pytest.mark.parametrize(
    "name, code",
    [("empty_faulty.txt", "empty"), ("binary_faulty.bin", "binary")],
)
def test_faulty_files(name, code):
    with pytest.raises(NotAReleaseError) as info:
        read(name)
    assert info.value.code == code
    assert "\n" not in str(info.value)


# -- not a release -----------------------------------------------------------


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"   \n\r\n\t  \n", "empty"),
        (b"\xef\xbb\xbf\n\n", "empty"),
        (b"abc\x00def", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        # Latin-1 French: decodes as cp1251 but reads as noise ("cafй").
        ("Le café de la société est fermé à l'été.".encode("latin-1"), "undecodable"),
        (b"\x98\x98\x98 text", "undecodable"),  # 0x98 is unassigned in cp1251
    ],
)
def test_not_a_release(data, code):
    with pytest.raises(NotAReleaseError) as info:
        parse_release(data)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


def test_messages_are_clear():
    with pytest.raises(NotAReleaseError, match="^file is empty$"):
        parse_release(b"")
    with pytest.raises(NotAReleaseError, match="^file looks binary"):
        parse_release(b"\x00")
    with pytest.raises(NotAReleaseError, match="^cannot decode text as UTF-8 or Windows-1251$"):
        parse_release("naïve déjà vu".encode("latin-1"))


# -- encodings and line ends -------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_any_newline_any_encoding(newline, encoding):
    data = make_release(
        title="Заявление – Лодки для клуба",
        author="Анна Линдквист",
        position="Председатель Линденбургского гребного клуба",
        body=("Клуб получил четыре новые лодки.", "Тренировки начнутся в понедельник."),
        dateline="г. Линденбург, «2» мая 2023 г.",
        footer=("Комментировать",),
        newline=newline,
        encoding=encoding,
    )
    r = parse_release(data)
    assert (r.title, r.author_name, r.release_date, r.locale) == ("Лодки для клуба", "Анна Линдквист", "2023-05-02", "ru")
    assert r.body == ["Клуб получил четыре новые лодки.", "Тренировки начнутся в понедельник."]
    assert r.dropped == ["Комментировать"]


# -- datelines ---------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline, place, date, era, era_year, locale",
    [
        ("г. Линденбург, «21» июля 111 года чучхе (2022)", "Линденбург", "2022-07-21", "juche", 111, "ru"),
        ("г. Линденбург, «21» июля 2022 г.", "Линденбург", "2022-07-21", "none", None, "ru"),
        ("г. Линденбург, \"21\" июля 2022 года", "Линденбург", "2022-07-21", "none", None, "ru"),
        ("Линденбург, 21 июль 2022", "Линденбург", "2022-07-21", "none", None, "ru"),
        ("Lindenburg, July 21, 2022", "Lindenburg", "2022-07-21", "none", None, "en"),
        ("Lindenburg, July 21, Juche 111 (2022)", "Lindenburg", "2022-07-21", "juche", 111, "en"),
        ("Lindenburg, Jul. 21, Juche 111", "Lindenburg", "2022-07-21", "juche", 111, "en"),
        ("Lindenburg, 21 Sept 2022", "Lindenburg", "2022-09-21", "none", None, "en"),
        ("Lindenburg, “21” July 2022", "Lindenburg", "2022-07-21", "none", None, "en"),
        ("Seaside, 21.07.2022", "Seaside", "2022-07-21", "none", None, "en"),
        ("City of Lindenburg, 2022-07-21", "Lindenburg", "2022-07-21", "none", None, "en"),
        ("린덴부르크, 주체111(2022)년 7월 21일", "린덴부르크", "2022-07-21", "juche", 111, "ko"),
        ("린덴부르크, 2022년 7월 21일", "린덴부르크", "2022-07-21", "none", None, "ko"),
        ("Lindenburg, January 1, Juche 1 (1912)", "Lindenburg", "1912-01-01", "juche", 1, "en"),
    ],
)
def test_datelines(dateline, place, date, era, era_year, locale):
    r = parse_release(make_release(dateline=dateline))
    assert (r.dateline_place, r.release_date, r.era, r.era_year, r.dateline_locale) == (
        place, date, era, era_year, locale,
    )
    assert r.warnings == []
    assert r.locale == "en"  # the body's language, whatever the dateline's


@pytest.mark.parametrize(
    "dateline, place, date, era, era_year",
    [
        # Date first, as Korean statements are signed: no comma, or a comma.
        ("주체111(2022)년 7월 21일 평양", "평양", "2022-07-21", "juche", 111),
        ("2022년 7월 21일 평양", "평양", "2022-07-21", "none", None),
        ("주체111(2022)년 7월 21일, 평양", "평양", "2022-07-21", "juche", 111),
        ("2022년 7월 21일, 하바롭스크", "하바롭스크", "2022-07-21", "none", None),
        # DPRK texts letter-space short names: 평 양.
        ("주체111(2022)년 7월 21일 평 양", "평양", "2022-07-21", "juche", 111),
        # Place first, with and without the era.
        ("평양, 주체111(2022)년 7월 21일", "평양", "2022-07-21", "juche", 111),
        ("하바롭스크, 2022년 7월 21일", "하바롭스크", "2022-07-21", "none", None),
        # Date first in English and Russian too (an organization may want it).
        ("July 21, 2022, Lindenburg", "Lindenburg", "2022-07-21", "none", None),
        ("July 21, Juche 111 (2022), Lindenburg", "Lindenburg", "2022-07-21", "juche", 111),
        ("«21» июля 2022 г., г. Линденбург", "Линденбург", "2022-07-21", "none", None),
        ("«21» июля 111 года чучхе (2022), г. Линденбург", "Линденбург", "2022-07-21", "juche", 111),
    ],
)
def test_datelines_in_either_order(dateline, place, date, era, era_year):
    r = parse_release(make_release(dateline=dateline))
    assert (r.dateline_place, r.release_date, r.era, r.era_year) == (place, date, era, era_year)
    assert r.warnings == []


PLACES = {"en": "Lindenburg", "ru": "Линденбург", "ko": "린덴부르크"}


@pytest.mark.parametrize("language", ["en", "ru", "ko"])
@pytest.mark.parametrize("era", ["none", "juche"])
@pytest.mark.parametrize("order", ["place_first", "date_first"])
def test_every_dateline_the_site_writes_is_read_back(language, era, order):
    import datetime

    from pressroom.core.datelines import format_dateline  # Babel only, no Django

    line = format_dateline(PLACES[language], datetime.date(2022, 7, 21), language, era, order)
    r = parse_release(make_release(dateline=line))
    assert (r.dateline_place, r.release_date, r.era, r.dateline_locale) == (PLACES[language], "2022-07-21", era, language)
    assert r.warnings == []


KOREAN_HEAD = "성명 – 두번째 등대\n\n리민철\n린덴부르크-해안친선협회 사무총장\n\n어민들은 두번째 등대를 세울것을 요청하였다.\n\n"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_korean_place_on_the_line_under_the_date(gap):
    """DPRK statements end with the date and, under it, the place (often letter-spaced)."""
    text = KOREAN_HEAD + f"주체111(2022)년 12월 23일{gap}평 양\n\n690000, 러시아, 하바롭스크\n전화 (4212) 00-00-00\n"
    r = parse_release(text.encode())
    assert r.body == ["어민들은 두번째 등대를 세울것을 요청하였다."]
    assert (r.dateline_place, r.release_date, r.era, r.era_year) == ("평양", "2022-12-23", "juche", 111)
    assert (r.contact.city, r.contact.phone) == ("하바롭스크", "(4212) 00-00-00")
    assert r.warnings == []


def test_a_short_last_korean_paragraph_is_not_a_place_without_a_date():
    r = parse_release((KOREAN_HEAD + "감사합니다\n").encode())
    assert r.body[-1] == "감사합니다" and r.dateline_place is None


def test_a_sentence_after_a_date_is_not_a_place():
    body = ("The boats arrived.", "July 21, 2022, the club held its first race")
    r = parse_release(make_release(body=body, dateline=None))
    assert r.body == list(body) and r.release_date is None


def test_dateline_without_place_warns():
    r = parse_release(make_release(dateline="21.07.2022"))
    assert (r.dateline_place, r.release_date) == (None, "2022-07-21")
    assert r.warnings == ["dateline has no place"]


def test_impossible_date_warns():
    r = parse_release(make_release(dateline="Lindenburg, 31.02.2022"))
    assert r.release_date is None
    assert r.dateline_place == "Lindenburg"
    assert "impossible date" in r.warnings[0]


def test_sentence_with_a_date_is_body_not_dateline():
    body = ("The boats arrived.", "On July 21, 2022, the club held its first race.")
    r = parse_release(make_release(body=body, dateline=None))
    assert r.body == list(body)
    assert r.release_date is None
    assert "no dateline found" in r.warnings


def test_dateline_glued_to_last_paragraph():
    data = make_release(body=("First.", "Second paragraph.\nLindenburg, May 2, 2023"), dateline=None)
    r = parse_release(data)
    assert r.body == ["First.", "Second paragraph."]
    assert r.release_date == "2023-05-02"


# -- missing parts -----------------------------------------------------------


def test_no_title():
    r = parse_release(make_release(title=None))
    assert r.title is None and r.kicker is None
    assert r.author_name == "Anna Lindqvist"
    assert r.author_organization == "Lindenburg Rowing Club"
    assert "no title found" in r.warnings


def test_no_author():
    r = parse_release(make_release(author=None, position=None))
    assert r.title == "Boats for the Rowing Club"
    assert r.author_name is None
    assert r.body[0] == "The club received four new boats this spring."
    assert "no author name found" in r.warnings


def test_title_without_kicker():
    r = parse_release(make_release(title="Boats for the Rowing Club"))
    assert (r.kicker, r.title) == (None, "Boats for the Rowing Club")


def test_hyphen_inside_title_is_not_a_kicker():
    r = parse_release(make_release(title="Long-Awaited Boats - at Last"))
    assert (r.kicker, r.title) == (None, "Long-Awaited Boats - at Last")


def test_body_only():
    long = "The rowing club of Lindenburg received four new boats this spring from its partner club across the bay."
    r = parse_release(make_release(title=None, author=None, position=None, body=(long,), dateline=None, footer=()))
    assert r.body == [long]
    assert r.title is None and r.author_name is None and r.release_date is None
    assert {"no title found", "no author name found", "no dateline found"} <= set(r.warnings)


def test_header_without_blank_lines():
    data = "Statement – Boats\nAnna Lindqvist\nChairwoman Lindenburg Rowing Club\n\nBody text.\n\nLindenburg, May 2, 2023\n"
    r = parse_release(data.encode())
    assert (r.title, r.author_name, r.author_position, r.body) == ("Boats", "Anna Lindqvist", "Chairwoman", ["Body text."])


def test_title_only():
    r = parse_release(b"Statement - Boats\n")
    assert r.title == "Boats"
    assert r.body == []
    assert "no body text found" in r.warnings


def test_boilerplate_is_dropped_anywhere():
    r = parse_release(make_release(body=("One.", "Оставить комментарий", "Two.")))
    assert r.body == ["One.", "Two."]
    assert r.dropped == ["Оставить комментарий", "Leave a comment"]


# -- position / organization -------------------------------------------------


@pytest.mark.parametrize(
    "line, position, organization",
    [
        ("Secretary General Lindenburg-Seaside Association for Friendship", "Secretary General",
         "Lindenburg-Seaside Association for Friendship"),
        ("Chairman of the Board of the Tumen Rowing Society", "Chairman of the Board", "Tumen Rowing Society"),
        ("Vice-Chairman, Lindenburg Friendship Society", "Vice-Chairman", "Lindenburg Friendship Society"),
        ("Executive Director Center for Coastal Studies", "Executive Director", "Center for Coastal Studies"),
        ("Председатель Линденбургского краевого общества дружбы", "Председатель",
         "Линденбургского краевого общества дружбы"),
        ("Генеральный секретарь Ассоциации содействия обменам", "Генеральный секретарь",
         "Ассоциации содействия обменам"),
        ("린덴부르크친선협회 위원장", "위원장", "린덴부르크친선협회"),
        ("Ответственный секретарь Линденбургского общества любителей хоровой музыки", "Ответственный секретарь",
         "Линденбургского общества любителей хоровой музыки"),
        ("Chief boatwright Lindenburg Rowing Club", "Chief boatwright", "Lindenburg Rowing Club"),
        ("Director of the Center for Coastal Studies", "Director", "Center for Coastal Studies"),
        ("Press Secretary", "Press Secretary", None),
    ],
)
def test_split_position(line, position, organization):
    assert split_position(line) == (position, organization, None)


def test_split_position_guess_warns():
    position, organization, warning = split_position("Boatwright at the Lindenburg Rowing Club")
    assert (position, organization) == ("Boatwright", "Lindenburg Rowing Club")
    assert warning.startswith("guessed")


@pytest.mark.parametrize(
    "line",
    ["Poet and translator", "Friendship Society", "retired sea captain", "Boatwright Lindenburg Rowing Club"],
)
def test_split_position_unsure_keeps_line(line):
    position, organization, warning = split_position(line)
    assert (position, organization) == (line, None)
    assert warning


def test_unsure_split_warns_in_release():
    r = parse_release(make_release(position="Poet and translator"))
    assert (r.author_position, r.author_organization) == ("Poet and translator", None)
    assert any("position" in w for w in r.warnings)


# -- locale ------------------------------------------------------------------


def test_locale_forced():
    assert parse_release(make_release(), locale="de").locale == "de"


def test_locale_from_body_not_from_title():
    r = parse_release(make_release(title="Заявление – Лодки", body=("The club received boats.",)))
    assert r.locale == "en"


# -- output ------------------------------------------------------------------


def test_to_dict_is_json_ready_and_complete():
    d = read("en_body_ru_dateline_juche.txt").to_dict()
    assert list(d) == [
        "kicker", "title", "author_name", "author_position", "author_organization", "body", "locale",
        "dateline_place", "dateline_locale", "release_date", "era", "era_year", "contact", "dropped", "warnings",
    ]
    assert list(d["contact"]) == ["postal_code", "country", "city", "street", "phone", "fax"]
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


@pytest.mark.parametrize(
    "title, date, locale, key",
    [
        ("Why Does the Harbour Need a Second Lighthouse?", "2024-03-14", "en",
         "why-does-the-harbour-need-a-second-lighthouse-2024-03-14-en"),
        ("Библиотека открыта для всех", "2023-10-03", "ru", "библиотека-открыта-для-всех-2023-10-03-ru"),
        ("새 등대를 세우자", "2024-03-14", "ko", "새-등대를-세우자-2024-03-14-ko"),
        (None, None, "en", "untitled-nodate-en"),
        ("«»!?", "2024-03-14", "ru", "untitled-2024-03-14-ru"),
    ],
)
def test_stable_key(title, date, locale, key):
    assert stable_key(ParsedRelease(title=title, release_date=date, locale=locale)) == key


def test_stable_key_same_for_reimport_in_other_encoding():
    utf8 = parse_release(make_release(title="Заявление – Лодки", body=("Текст.",)))
    cp1251 = parse_release(make_release(title="Заявление – Лодки", body=("Текст.",), encoding="cp1251", newline="\r\n"))
    assert stable_key(utf8) == stable_key(cp1251) == "лодки-2023-05-02-ru"


def test_stable_key_is_bounded():
    key = stable_key(ParsedRelease(title="word " * 100, release_date="2024-01-01"))
    assert len(key) <= 80 + len("-2024-01-01-en")
    assert not key.startswith("-") and "--" not in key


# -- robustness --------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "a@" * n,
        lambda n: "«21» " * n,
        lambda n: "Tel. " + "1-" * n,
        lambda n: ("x " * 100 + "\n") * (n // 50),
        lambda n: "Para.\n\n" * n,
        lambda n: "Lindenburg, July 21, 2022\n\n" * n,
    ],
    ids=["at-signs", "quoted-days", "phone", "long-paragraph", "many-paragraphs", "many-datelines"],
)
def test_catastrophic_inputs_stay_linear(make):
    ratio = growth(lambda data: parse_release(data), lambda n: make(n).encode(), 2_000)
    assert ratio < LINEAR_BOUND, f"8x the input cost {ratio:.0f}x the time"


def test_huge_line_does_not_hang():
    data = ("a, " * 200_000 + "\n\n" + "1" * 100_000 + "\n").encode()
    r = parse_release(data)
    assert len(r.body) >= 1


def test_docstring_examples():
    import doctest

    from pressroom.importer import parse

    result = doctest.testmod(parse)
    assert result.attempted > 0 and result.failed == 0


def test_korean_release_common_era_with_contact_block():
    """A Korean release as a Korean office writes it: name with a one-syllable part,
    organization before position, Korean contact labels and the comment notice in Korean."""
    r = read("ko_common_era_contact.txt")
    assert (r.kicker, r.title) == ("성명", "아무르강 기슭을 함께 가꾸자")
    assert (r.author_name, r.author_position, r.author_organization) == ("파벨 림", "프로그램 담당자", "아무르다리 문화교류협회")
    assert len(r.body) == 2 and r.body[0].startswith("지난 토요일")
    assert (r.locale, r.dateline_locale, r.dateline_place) == ("ko", "ko", "하바롭스크")
    assert (r.release_date, r.era, r.era_year) == ("2023-05-16", "none", None)
    assert (r.contact.postal_code, r.contact.country, r.contact.city) == ("680030", "러시아", "하바롭스크")
    assert (r.contact.street, r.contact.phone, r.contact.fax) == ("나베레즈나야 거리 12", "(4212) 55-01-23", "(4212) 55-01-24")
    assert r.dropped == ["이 글에 댓글을 남길 수 있지만 링크는 쓸 수 없습니다.", "댓글 남기기"]
    assert r.warnings == []


@pytest.mark.parametrize(
    "line, name",
    [("파벨 림", True), ("리민철", True), ("김 영희", True), ("사무총장", False), ("문화 교류 협회", False), ("가 나 다 라", False)],
)
def test_korean_names(line, name):
    from pressroom.importer.parse import _looks_like_name

    assert _looks_like_name(line) is name
