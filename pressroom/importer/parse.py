"""Parse a plain-text press release into a :class:`ParsedRelease`.

The format, top to bottom (every part may be missing; a missing part gives a
warning, never an exception)::

    Press release – Title of the release      <- optional kicker + dash + title

    Lee Min Chol                              <- author's name, own line
    Chairman Lindenburg Friendship Society    <- position + organization

    Body paragraph, which may                 <- paragraphs, blank-line separated
    span several lines.

    г. Линденбург, «21» июля 111 года чучхе (2022)  <- dateline, any language

    690000, Россия, г. Линденбург             <- contact block
    ул. Примерная, 1
    Тел. (4232) 00-00-00
    Факс (4232) 00-00-01

    You can comment this article, but links are not allowed.   <- dropped

Example:

>>> text = '''Statement – Rivers Need Bridges
...
... Anna Petrova
... Secretary Riverside Friendship Society
...
... The society opened a reading room.
...
... Springfield, July 21, Juche 111 (2022)
... '''
>>> r = parse_release(text.encode())
>>> (r.kicker, r.title, r.author_position, r.author_organization)
('Statement', 'Rivers Need Bridges', 'Secretary', 'Riverside Friendship Society')
>>> (r.dateline_place, r.release_date, r.era, r.era_year, r.locale)
('Springfield', '2022-07-21', 'juche', 111, 'en')
>>> stable_key(r)
'rivers-need-bridges-2022-07-21-en'

Text inside paragraphs is whitespace-normalised: the lines of a paragraph are
joined with one space and runs of spaces (including no-break spaces) collapse.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "Contact",
    "NotAReleaseError",
    "Note",
    "ParsedRelease",
    "parse_release",
    "stable_key",
]

JUCHE_EPOCH = 1911  # Juche year = common year - 1911; 1912 is Juche 1.


class NotAReleaseError(ValueError):
    """The input is not a text release at all (empty, binary, undecodable).

    ``code`` is one of ``"empty"``, ``"binary"``, ``"undecodable"`` so that
    callers and tests can branch on it rather than on the wording.
    """

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation and return it unchanged.

    Django's ``makemessages`` collects the strings given to a function of this
    name, so the notes below land in the catalogs while this module stays plain
    Python; whoever shows a :class:`Note` translates it (:meth:`Note.translate`).
    """
    return message


class Note(str):
    """A note of the parser: its English text, keeping what it was made from.

    ``message`` is the English wording with ``%(name)s`` placeholders (``s``,
    not ``r``, so that a translation may quote in its own way), marked for
    translation; ``params`` fill them. Text from the file goes only into
    ``params``, never into ``message``, so a ``%`` in a release cannot break
    the formatting. A note is a ``str``: it prints, compares and serialises as
    its English text (the command prints that, ``to_dict()`` holds it);
    :meth:`translate` words it in another language.

    >>> note = Note(gettext_noop("contact line not stored (no field for it): '%(line)s'"), line="100% www.example")
    >>> note
    "contact line not stored (no field for it): '100% www.example'"
    >>> note.message, note.params
    ("contact line not stored (no field for it): '%(line)s'", {'line': '100% www.example'})
    >>> note.translate({note.message: "строка не сохранена: «%(line)s»"}.get)
    'строка не сохранена: «100% www.example»'
    """

    message: str
    params: dict

    def __new__(cls, message: str, /, **params) -> Note:
        note = super().__new__(cls, message % params if params else message)
        note.message = message
        note.params = params
        return note

    def __reduce__(self):  # copy.deepcopy (dataclasses.asdict) and pickle
        return _note, (self.message, self.params)

    def translate(self, gettext) -> str:
        """The note in the language of ``gettext`` (Django's, in the admin)."""
        message = gettext(self.message)
        return message % self.params if self.params else message


def _note(message, params):
    return Note(message, **params)


@dataclass
class Contact:
    """The contact block at the foot of a release. Every field may be None."""

    postal_code: str | None = None
    country: str | None = None
    city: str | None = None  # without the "г." prefix
    street: str | None = None
    phone: str | None = None
    fax: str | None = None


@dataclass
class ParsedRelease:
    """Everything :func:`parse_release` found in one file.

    ``release_date`` is an ISO date string (``"2022-07-21"``) or None;
    ``era`` is ``"juche"`` or ``"none"``; ``locale`` is the language of the
    body, ``dateline_locale`` the language of the dateline (they can differ).
    ``dropped`` lists site boilerplate lines that were removed, ``warnings``
    notes for the importer to print or show (:class:`Note`, a ``str`` in
    English that can be translated).
    """

    kicker: str | None = None
    title: str | None = None
    author_name: str | None = None
    author_position: str | None = None
    author_organization: str | None = None
    body: list[str] = field(default_factory=list)
    locale: str = "en"
    dateline_place: str | None = None
    dateline_locale: str | None = None
    release_date: str | None = None
    era: str = "none"
    era_year: int | None = None
    contact: Contact = field(default_factory=Contact)
    dropped: list[str] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dict of all fields, ``contact`` nested as a dict.

        >>> ParsedRelease(title="T").to_dict()["contact"]["city"] is None
        True
        """
        return dataclasses.asdict(self)


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _decode(data: bytes) -> str:
    if not data:
        raise NotAReleaseError("file is empty", "empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotAReleaseError("cannot decode text as UTF-16 despite its byte-order mark", "undecodable")
    # Control bytes are the same in UTF-8 and cp1251, so look before decoding.
    head = data[:8192]
    if b"\x00" in head:
        raise NotAReleaseError("file looks binary (it contains NUL bytes)", "binary")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    if head and controls / len(head) > 0.05:
        raise NotAReleaseError("file looks binary (too many control characters)", "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausibly_cyrillic(text):
        return text
    raise NotAReleaseError("cannot decode text as UTF-8 or Windows-1251", "undecodable")


def _plausibly_cyrillic(text: str) -> bool:
    """Whether cp1251-decoded ``text`` reads as Cyrillic rather than noise.

    Any byte string decodes as cp1251 (almost), so decoding alone proves
    nothing: Latin-1 "café" comes out as "cafй". Real Russian has words made
    only of Cyrillic letters; mis-decoded Western text has Cyrillic letters
    stuck inside Latin words. So: at least one Cyrillic word, and nine in ten
    words that contain Cyrillic must be Cyrillic throughout.
    """
    words = re.findall(r"[^\W\d_]+", text)
    cyr_words = [w for w in words if _CYRILLIC.search(w)]
    if not cyr_words:
        return False
    pure = sum(1 for w in cyr_words if all("\u0400" <= ch <= "\u04ff" for ch in w))
    return pure / len(cyr_words) >= 0.9


def _script_locale(text: str, default: str = "en") -> str:
    """"ru" if Cyrillic letters dominate, "ko" for Hangul, else "en"."""
    counts = {
        "ru": len(_CYRILLIC.findall(text)),
        "ko": len(_HANGUL.findall(text)),
        "en": len(_LATIN.findall(text)),
    }
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        return default
    return best


_WS = re.compile(r"[\s\u00a0\u2007\u202f]+")


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


# --------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"""^(?:
        you\ can\ comment\ (?:on\ )?this\ (?:article|post|page|release).*
      | (?:leave|post|add|write)\ a\ (?:comment|reply)
      | comments?\ are\ closed
      | оставить\ комментарий | добавить\ комментарий | комментировать
      | вы\ можете\ (?:про)?комментировать\ .*
      | комментарии\ закрыты
      | 댓글\ ?(?:달기|쓰기|남기기)
      | 이\ (?:글|기사|보도자료)에\ 댓글을\ .*
      | 댓글\ 작성이\ 마감되었습니다
    )[.!:]?$""",
    re.IGNORECASE | re.VERBOSE,
)


# --------------------------------------------------------------------------
# Header: kicker, title, author
# --------------------------------------------------------------------------

_KICKERS = (
    "press release", "news release", "statement", "article", "commentary", "opinion", "interview",
    "пресс-релиз", "заявление", "статья", "комментарий", "интервью", "сообщение",
    "보도자료", "성명", "담화", "기사", "논평",
)
_KICKER_RE = re.compile(
    r"^(?P<kicker>" + "|".join(re.escape(k) for k in _KICKERS) + r")"
    r"(?:\s*[–—]\s*|\s+-\s+|:\s+)(?P<title>\S.*)$",
    re.IGNORECASE,
)

_NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.\-]*|[A-ZА-ЯЁ]\.|[\uac00-\ud7a3]{2,5})$")
# A foreign name written in Hangul has a one-syllable part, as in 파벨 림 (Pavel Lim).
_HANGUL_NAME_PART = re.compile(r"^[\uac00-\ud7a3]{1,5}$")


def _looks_like_name(line: str) -> bool:
    tokens = line.split()
    if not tokens or len(tokens) > 5 or len(line) > 60 or re.search(r"\d|[:;!?]$", line):
        return False
    if len(tokens) == 1 and not _HANGUL.search(tokens[0]):
        return False  # a single Latin/Cyrillic word is more likely a heading
    if all(_HANGUL_NAME_PART.match(t) for t in tokens):
        if any(_is_position_word(t) or _is_org_word(t) for t in tokens):
            return False  # 사무총장 alone is a position, not a name
        if len(tokens) > 1:
            return len(tokens) <= 3
    return all(_NAME_TOKEN.match(t) for t in tokens)


def _looks_like_body(line: str) -> bool:
    return len(line) > 200 or (len(line.split()) >= 12 and line.rstrip().endswith("."))


# Words that make up a position. English and Korean words match whole
# (case-insensitively); Russian ones by stem, to cover grammatical cases.
_POSITION_WORDS_EN = {
    "secretary", "general", "chairman", "chairwoman", "chairperson", "chair", "vice", "deputy",
    "president", "director", "head", "executive", "member", "co-chairman", "co-chair", "spokesman",
    "spokeswoman", "spokesperson", "press", "officer", "editor", "chief", "editor-in-chief", "founder",
    "co-founder", "coordinator", "representative", "manager", "senior", "first", "honorary", "acting",
    "permanent", "board", "treasurer", "adviser", "advisor", "counsellor", "counselor", "researcher",
    "research", "fellow", "professor", "lecturer", "analyst", "commentator", "correspondent",
    "journalist", "writer", "activist", "leader", "organizer", "organiser", "ambassador", "minister",
    "consul", "attaché", "vice-chairman", "vice-president", "vice-chair", "staff", "associate",
}
_POSITION_STEMS_RU = (
    "председател", "сопредседател", "заместител", "генеральн", "секретар", "ответственн",
    "исполнительн", "директор", "президент", "вице-", "руководител", "глава", "член", "пресс-",
    "представител", "координатор", "редактор", "главн", "почётн", "почетн", "перв", "основател",
    "советник", "эксперт", "научн", "сотрудник", "старш", "правлени", "корреспондент", "обозревател",
    "профессор", "доцент", "журналист", "активист",
)
_POSITION_WORDS_KO = {
    "사무총장", "위원장", "부위원장", "회장", "부회장", "이사장", "대표", "서기장", "국장", "소장",
    "기자", "교수", "연구사", "대변인", "위원", "서기", "부장",
    "담당자", "책임자", "총장", "부총장", "실장", "처장", "과장", "팀장", "이사", "고문", "참사", "부부장",
}
_CONNECTORS = {"of", "the", "at", "in", "for", "and", "&", "-", "–", "—", ","}
_ORG_WORDS_EN = {
    "association", "committee", "society", "center", "centre", "union", "council", "institute",
    "foundation", "federation", "league", "club", "party", "ministry", "agency", "university",
    "academy", "organization", "organisation", "group", "fund", "front", "alliance", "company",
    "corporation", "newspaper", "network", "movement", "forum", "bureau", "embassy", "consulate",
    "department", "school", "college", "assembly", "coalition", "circle", "secretariat",
}
_ORG_STEMS_RU = (
    "ассоциаци", "комитет", "обществ", "союз", "центр", "фонд", "институт", "федераци", "лиг",
    "клуб", "парти", "министерств", "агентств", "университет", "академи", "организаци", "групп",
    "движени", "форум", "альянс", "компани", "газет", "совет", "посольств", "консульств",
    "редакци", "бюро", "кружк", "кружок",
)
_ORG_SUFFIXES_KO = ("협회", "위원회", "연맹", "동맹", "단체", "센터", "연구소", "대학", "연구원", "협의회")


def _bare(token: str) -> str:
    return token.strip(",.;:()«»\"“”").lower()


def _is_position_word(token: str) -> bool:
    t = _bare(token)
    if not t:
        return False
    if t in _POSITION_WORDS_EN or t in _POSITION_WORDS_KO:
        return True
    if _CYRILLIC.search(t):
        return any(t.startswith(s) for s in _POSITION_STEMS_RU)
    # Hyphenated compounds of position words: "Co-Chairman", "Vice-Director".
    parts = [p for p in t.split("-") if p]
    return len(parts) > 1 and all(p in _POSITION_WORDS_EN or p in {"co", "vice"} for p in parts)


def _is_org_word(token: str) -> bool:
    t = _bare(token)
    if t in _ORG_WORDS_EN:
        return True
    if _CYRILLIC.search(t):
        return any(t.startswith(s) for s in _ORG_STEMS_RU)
    return t.endswith(_ORG_SUFFIXES_KO)


def _is_capitalized(token: str) -> bool:
    t = token.strip("«\"“(")
    return bool(t) and t[0].isupper()


def _unsure(line: str) -> Note:
    return Note(gettext_noop("could not tell position from organization in '%(line)s'; kept it all as position"), line=line)


def split_position(line: str) -> tuple[str | None, str | None, Note | None]:
    """Split an author line into ``(position, organization, warning)``.

    The heuristic, in order:

    1. Korean lines put the organization first: trailing known titles
       (사무총장, 위원장…) are the position, the rest the organization.
    2. If the line holds an organization word (Association, Committee,
       Society, Center, Ассоциация, Общество, Союз…), the organization starts
       at the first one and reaches back over the words before it that are
       not known position words nor connectors ("of", "the", ","): in English
       capitalized words ("Lindenburg-Seaside Association…"), in Russian any word,
       as adjectives there are lowercase ("краевого общества"). The rest,
       minus trailing connectors, is the position. If the position does not
       start with a known position word (Secretary, General, Chairman,
       Председатель, секретарь…), the split is reported as a guess.
    3. Without an organization word: the longest leading run of known
       position words is the position when the remainder starts with a
       capital letter ("Vice-Chairman, Lindenburg Rowing Club").
    4. Otherwise -- unsure -- the whole line stays the position and a warning
       says so.

    >>> split_position("Secretary General Riverside-Lakeside Friendship Association")[:2]
    ('Secretary General', 'Riverside-Lakeside Friendship Association')
    >>> split_position("Председатель правления Общества дружбы «Берег»")[:2]
    ('Председатель правления', 'Общества дружбы «Берег»')
    """
    line = _clean(line)
    tokens = line.split(" ")
    if not line:
        return None, None, None

    if _HANGUL.search(line):
        # The organization's name ends with its kind (협회, 위원회…); what follows is the position.
        k = max((i for i, tok in enumerate(tokens[:-1]) if _is_org_word(tok)), default=None)
        if k is not None and _is_position_word(tokens[-1]):
            return " ".join(tokens[k + 1:]), " ".join(tokens[: k + 1]), None
        end = len(tokens)
        while end > 0 and _is_position_word(tokens[end - 1]):
            end -= 1
        if 0 < end < len(tokens):
            return " ".join(tokens[end:]), " ".join(tokens[:end]), None
        if end == len(tokens):
            return line, None, _unsure(line)

    unsure = _unsure(line)

    # 2. An organization word, and the words before it that belong to the name.
    k = next((i for i, tok in enumerate(tokens) if _is_org_word(tok) and not _is_position_word(tok)), None)
    if k is not None:
        j = k
        while j > 0:
            prev = tokens[j - 1]
            if _is_position_word(prev) or _bare(prev) in _CONNECTORS or prev.endswith(","):
                break
            if not (_is_capitalized(prev) or _CYRILLIC.search(prev)):
                break
            j -= 1
        head = tokens[:j]
        while head and (_bare(head[-1]) in _CONNECTORS or not _bare(head[-1])):
            head = head[:-1]
        if not head:
            return line, None, unsure
        position, org = " ".join(head).rstrip(","), " ".join(tokens[j:])
        if _is_position_word(head[0]):
            return position, org, None
        return position, org, Note(
            gettext_noop("guessed the split of '%(line)s' into position '%(position)s' and organization '%(organization)s'"),
            line=line,
            position=position,
            organization=org,
        )

    # 3. Leading run of position words, then a capitalized remainder.
    last_pos = -1
    for i, tok in enumerate(tokens):
        if _is_position_word(tok):
            last_pos = i
            if tok.endswith(","):
                break
        elif _bare(tok) not in _CONNECTORS or last_pos < 0:
            break
    if last_pos >= 0:
        rest = tokens[last_pos + 1:]
        while rest and _bare(rest[0]) in _CONNECTORS | {""}:
            rest = rest[1:]
        position = " ".join(tokens[: last_pos + 1]).rstrip(",")
        if not rest:
            return position, None, None
        if _is_capitalized(rest[0]):
            return position, " ".join(rest), None

    return line, None, unsure


# --------------------------------------------------------------------------
# Dateline
# --------------------------------------------------------------------------

_MONTHS = {
    # Russian: nominative and genitive, plus the usual abbreviations.
    "январь": 1, "января": 1, "янв": 1,
    "февраль": 2, "февраля": 2, "фев": 2, "февр": 2,
    "март": 3, "марта": 3, "мар": 3,
    "апрель": 4, "апреля": 4, "апр": 4,
    "май": 5, "мая": 5,
    "июнь": 6, "июня": 6, "июн": 6,
    "июль": 7, "июля": 7, "июл": 7,
    "август": 8, "августа": 8, "авг": 8,
    "сентябрь": 9, "сентября": 9, "сен": 9, "сент": 9,
    "октябрь": 10, "октября": 10, "окт": 10,
    "ноябрь": 11, "ноября": 11, "ноя": 11, "нояб": 11,
    "декабрь": 12, "декабря": 12, "дек": 12,
    # English, full and abbreviated.
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_MONTH_RE = re.compile(r"(?<![\w])(" + _MONTH_ALT + r")\.?(?![\w])", re.IGNORECASE)
_DAY_MONTH_RE = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH_ALT + r")\.?(?![\w])", re.I)
_MONTH_DAY_RE = re.compile(r"(?<![\w])(" + _MONTH_ALT + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)", re.I)
_NUMERIC_RE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_KO_MD_RE = re.compile(r"(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_ERA_WORD = r"(?:чучхе|juche|주체)"
_ERA_BEFORE_RE = re.compile(
    r"(?<!\d)(\d{1,3})(?:st|nd|rd|th)?\s*(?:года|год|г\.?|year)?\s*(?:of\s+|эры\s+)?" + _ERA_WORD, re.I
)
_ERA_AFTER_RE = re.compile(_ERA_WORD + r"\s*(?:year\s*)?(\d{1,3})(?!\d)", re.I)
_BRACKET_YEAR_RE = re.compile(r"\(\s*(\d{4})\s*(?:г\.?|года|년)?\s*\)")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# What a date part may consist of once day, month and years are found.
_DATE_NOISE_RE = re.compile(
    r"(?:\d+(?:st|nd|rd|th)?|" + _MONTH_ALT + r"|года|год|г|чучхе|эры|juche|주체|year|of|the|년|월|일|[\s.,()\-–—/])",
    re.I,
)
_PLACE_PREFIX_RE = re.compile(r"^(?:г\.|г\s|город\s|city of\s)\s*", re.I)
# Place first: "Lindenburg, July 21, 2022". Date first: the shortest date part
# before a comma or space and a place with no digit or comma, as in
# "주체111(2022)년 7월 21일 평양" or "July 21, 2022, Lindenburg".
_PLACE_FIRST_RE = re.compile(r"^([^,\d]{2,60}),\s*(.+)$")
_DATE_FIRST_RE = re.compile(r"^(.+?)(?:,\s*|\s+)([^,\d]{2,60})$")
# A place on a line of its own, in Hangul: 평양, 평 양 (letter-spaced), 하바롭스크.
_HANGUL_PLACE_RE = re.compile(r"^[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+){0,2}$")
_HANGUL_SYLLABLE_RE = re.compile(r"^[\uac00-\ud7a3]$")


@dataclass
class _Dateline:
    place: str | None
    date: datetime.date | None
    era: str
    era_year: int | None
    locale: str
    warnings: list[Note]


def _is_date(text: str) -> bool:
    return not _DATE_NOISE_RE.sub("", text).strip()


def _place(text: str) -> str | None:
    """The place of a dateline as written, or None if ``text`` cannot be one.

    Without the "г." prefix; a letter-spaced Korean name ("평 양", as DPRK
    statements set short names) closed up.
    """
    text = text.strip()
    if len(text.split()) > 5 or _MONTH_RE.fullmatch(text) or _is_date(text):
        return None
    text = _PLACE_PREFIX_RE.sub("", text).strip()
    tokens = text.split()
    if len(tokens) > 1 and all(_HANGUL_SYLLABLE_RE.match(t) for t in tokens):
        text = "".join(tokens)
    return text or None


def _parse_dateline(line: str) -> _Dateline | None:
    """Read ``place, date``, ``date place`` or a bare date; None if the line is not one.

    English and Russian datelines put the place first, Korean ones usually the
    date ("주체111(2022)년 7월 21일 평양"); either order is read in any language.
    """
    line = _clean(line)
    if not line or len(line) > 120:
        return None
    plain = re.sub(r"[«»\"“”„‟]", " ", line)
    place = None
    date_part = plain
    if (m := _PLACE_FIRST_RE.match(plain)) is not None and (found := _place(m.group(1))) is not None:
        place, date_part = found, m.group(2)
    if not _is_date(date_part):
        m = _DATE_FIRST_RE.match(plain)
        found = _place(m.group(2)) if m is not None and _is_date(m.group(1)) else None
        # After a date, a place starts with a capital (or is in Hangul, which has
        # none): "July 21, 2022, the club met" is the end of a sentence.
        if found is None or found[0].islower():
            return None  # something other than a date: a sentence, an address
        place, date_part = found, m.group(1)

    warnings = []
    day = month = year = None
    if (m := _ISO_RE.search(date_part)) is not None:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _NUMERIC_RE.search(date_part)) is not None:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _KO_MD_RE.search(date_part)) is not None:
        month, day = int(m.group(1)), int(m.group(2))
    elif (m := _DAY_MONTH_RE.search(date_part)) is not None:
        day, month = int(m.group(1)), _MONTHS[m.group(2).lower()]
    elif (m := _MONTH_DAY_RE.search(date_part)) is not None:
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
    else:
        return None
    rest = date_part[: m.start()] + " " + date_part[m.end():]

    era = "none"
    era_year = None
    if re.search(_ERA_WORD, rest, re.I):
        era = "juche"
        em = _ERA_BEFORE_RE.search(rest) or _ERA_AFTER_RE.search(rest)
        era_year = int(em.group(1)) if em else None
    if year is None:
        bm = _BRACKET_YEAR_RE.search(rest)
        ym = bm or _YEAR_RE.search(rest)
        year = int(ym.group(1)) if ym else None
    if era == "juche":
        if era_year is None and year is not None:
            warnings.append(
                Note(gettext_noop("dateline '%(line)s' names the Juche era but no Juche year; used %(year)s"), line=line, year=year)
            )
        elif year is None and era_year is not None:
            year = era_year + JUCHE_EPOCH
        elif era_year is not None and era_year != year - JUCHE_EPOCH:
            warnings.append(
                Note(
                    gettext_noop(
                        "dateline '%(line)s': Juche %(era_year)s is %(era_common_year)s, not %(year)s; "
                        "kept the year in brackets (%(year)s)"
                    ),
                    line=line,
                    era_year=era_year,
                    era_common_year=era_year + JUCHE_EPOCH,
                    year=year,
                )
            )
    if year is None:
        return None  # "July 21" alone is too weak to call a dateline
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        warnings.append(
            Note(
                gettext_noop("dateline '%(line)s' has an impossible date (%(date)s)"),
                line=line,
                date=f"{year}-{month:02}-{day:02}",
            )
        )
        date = None
    return _Dateline(place, date, era, era_year, _script_locale(line), warnings)


def _date_then_place(date_line: str, place_line: str) -> _Dateline | None:
    """The dateline of a date with a Korean place on the line under it, else None."""
    place_line, date_line = _clean(place_line), _clean(date_line)
    if len(place_line) > 20 or not _HANGUL_PLACE_RE.match(place_line):
        return None
    if not _is_date(re.sub(r"[«»\"“”„‟]", " ", date_line)):
        return None
    return _parse_dateline(f"{date_line} {place_line}")


# --------------------------------------------------------------------------
# Contact block
# --------------------------------------------------------------------------

_COUNTRIES = {
    "россия", "российская федерация", "russia", "russian federation", "кндр", "dprk", "korea",
    "корея", "china", "китай", "кнр", "монголия", "mongolia", "беларусь", "belarus", "казахстан",
    "kazakhstan", "украина", "ukraine", "япония", "japan", "вьетнам", "vietnam", "лаос", "laos",
    "куба", "cuba", "germany", "германия", "france", "франция", "usa", "сша",
    "러시아", "조선", "한국", "대한민국", "중국", "몽골", "일본", "베트남", "윁남", "라오스", "꾸바", "쿠바",
    "독일", "프랑스", "미국", "벨라루스", "카자흐스탄", "우크라이나",
}
_POSTAL_RE = re.compile(r"^(\d{5,6})(?:,\s*|\s+)(\S.*)$")
_STREET_RU_RE = re.compile(
    r"^(?:ул\.|улица|пр\.|пр-т|проспект|пер\.|переулок|наб\.|набережная|бульвар|б-р|ш\.|шоссе|пл\.|площадь)\s*\S",
    re.I,
)
_STREET_EN_RE = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|drive|dr|square|sq|prospekt|pereulok|ul)\b\.?",
    re.I,
)
# Korean: 나베레즈나야 거리 12, 창광거리 5, 세종대로 110.
_STREET_KO_RE = re.compile(r"[\uac00-\ud7a3](?:\s*)(?:거리|길|로|동|구역)\s*\d")
_FAX_LABELS = ("факс", "fax", "팩스", "전송")
_PHONE_RE = re.compile(
    r"(?P<label>тел(?:ефон)?|т|факс|tel(?:ephone)?|phone|ph|fax|전화(?:번호)?|팩스|전송)\.?"
    r"(?P<both>\s*/\s*(?:факс|fax|팩스)\.?)?\s*:?\s*"
    r"(?P<num>\+?[\d(][\d\s()\-–.]*\d)",
    re.I,
)
_EMAIL_WEB_RE = re.compile(r"^(?:e-?mail|эл\.?\s*почта|web(?:site)?|site|сайт|이메일|전자우편|홈페이지)\b|^\S+@\S+\.\w+$|^(?:https?://|www\.)\S+$", re.I)


def _contact_line(line: str, contact: Contact, warnings: list[Note]) -> bool:
    """Fill ``contact`` from ``line``; False if the line is not a contact line."""
    line = _clean(line)
    if not line or len(line) > 200:  # contact lines are short; keeps regexes cheap
        return False
    if _PHONE_RE.match(line) is not None:
        for m in _PHONE_RE.finditer(line):
            label = m.group("label").lower()
            number = _clean(m.group("num"))
            if label in _FAX_LABELS or m.group("both"):
                contact.fax = contact.fax or number
            if label not in _FAX_LABELS:
                contact.phone = contact.phone or number
        return True
    if (m := _POSTAL_RE.match(line)) is not None:
        contact.postal_code = m.group(1)
        _place_parts(m.group(2), contact)
        return True
    parts = [p.strip() for p in line.split(",")]
    if len(parts) >= 2 and parts[0].lower() in _COUNTRIES and not re.search(r"\d", line):
        _place_parts(line, contact)
        return True
    if len(line) <= 80 and re.search(r"\d", line) and (
        _STREET_RU_RE.match(line) or _STREET_EN_RE.search(line) or _STREET_KO_RE.search(line)
    ):
        contact.street = line
        return True
    if _EMAIL_WEB_RE.search(line):
        warnings.append(Note(gettext_noop("contact line not stored (no field for it): '%(line)s'"), line=line))
        return True
    return False


def _place_parts(text: str, contact: Contact) -> None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    city = None
    for p in parts:
        if re.match(r"^г\.|^город\s", p, re.I):
            city = _PLACE_PREFIX_RE.sub("", p).strip()
    if parts and parts[0].lower() in _COUNTRIES:
        contact.country = parts[0]
        parts = parts[1:]
    if city is None and parts:
        city = _PLACE_PREFIX_RE.sub("", parts[-1]).strip()
    contact.city = city or contact.city


# --------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------


def _split_paragraphs(text: str) -> list[list[str]]:
    paragraphs, current = [], []
    for raw in text.split("\n"):
        line = raw.strip(" \t\u00a0\u200b\ufeff")
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def parse_release(data: bytes, *, locale: str = "auto") -> ParsedRelease:
    """Parse the bytes of one plain-text release.

    ``locale`` is "auto" (detect from the body: Cyrillic -> "ru", Hangul ->
    "ko", else "en") or a language code to force. Raises
    :class:`NotAReleaseError` for empty, binary or undecodable input; any
    other oddity (no title, no dateline, a Juche year that does not match the
    common year) lands in ``warnings``.

    >>> r = parse_release("Заявление – Мосты\\n\\nТекст.\\n\\nг. Тумэнь, «3» мая 2021 г.".encode("cp1251"))
    >>> r.title, r.body, r.dateline_place, r.release_date, r.locale, r.warnings
    ('Мосты', ['Текст.'], 'Тумэнь', '2021-05-03', 'ru', ['no author name found'])
    """
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise NotAReleaseError("file is empty (whitespace only)", "empty")
    result = ParsedRelease()
    warnings = result.warnings

    # Boilerplate can sit anywhere; drop it first so it cannot pose as a title.
    paragraphs = []
    for para in _split_paragraphs(text):
        kept = []
        for line in para:
            if _BOILERPLATE.match(_clean(line)):
                result.dropped.append(_clean(line))
            else:
                kept.append(line)
        if kept:
            paragraphs.append(kept)

    # Header. Lines are taken one by one, so it does not matter whether the
    # title, name and position are separated by blank lines or not -- except
    # that a first paragraph with no name-like second line is a wrapped title.
    header = []  # (line, index of paragraph, index of line)
    for pi, para in enumerate(paragraphs[:3]):
        for li, line in enumerate(para):
            header.append((_clean(line), pi, li))
    consumed = 0  # header lines used
    title_line = None
    if header and not _looks_like_body(header[0][0]):
        first = header[0][0]
        second = header[1][0] if len(header) > 1 else ""
        # No title when the file opens with a name followed by a line that
        # splits cleanly into position and organization. (A name-like title
        # such as "Friendship Society Opens Library" is followed by the
        # author's name, which does not split.)
        no_title = (
            not _KICKER_RE.match(first)
            and _looks_like_name(first)
            and bool(second)
            and not _looks_like_body(second)
            and split_position(second)[1:] != (None, None)
            and split_position(second)[2] is None
        )
        if no_title:
            warnings.append(Note(gettext_noop("no title found")))
        else:
            title_line = first
            consumed = 1
            # A wrapped title: more lines in the first paragraph, none a name.
            para0 = paragraphs[0]
            if len(para0) > 1 and not any(_looks_like_name(_clean(l)) for l in para0[1:2]):
                if sum(len(l) for l in para0) <= 300 and not any(_looks_like_body(_clean(l)) for l in para0):
                    title_line = _clean(" ".join(para0))
                    consumed = len(para0)
    elif header:
        warnings.append(Note(gettext_noop("no title found")))
    if title_line:
        m = _KICKER_RE.match(title_line)
        if m:
            result.kicker, result.title = m.group("kicker"), m.group("title").strip()
        else:
            result.title = title_line
    if consumed < len(header) and _looks_like_name(header[consumed][0]):
        result.author_name = header[consumed][0]
        consumed += 1
        if consumed < len(header):
            line = header[consumed][0]
            if not _looks_like_body(line) and not line.endswith((".", "!", "?")) and len(line) <= 200:
                position, org, warning = split_position(line)
                result.author_position, result.author_organization = position, org
                if warning:
                    warnings.append(warning)
                consumed += 1
            else:
                warnings.append(Note(gettext_noop("no author position found")))
    else:
        warnings.append(Note(gettext_noop("no author name found")))

    # What remains after the header, still as paragraphs of lines.
    rest: list[list[str]] = []
    if consumed:
        last_pi, last_li = header[consumed - 1][1], header[consumed - 1][2]
        tail = paragraphs[last_pi][last_li + 1:]
        if tail:
            rest.append(tail)
        rest.extend(paragraphs[last_pi + 1:])
    else:
        rest = list(paragraphs)

    # Tail: from the end, whole paragraphs (or trailing lines of the last body
    # paragraph) made of contact and dateline lines.
    dateline = None
    contact = result.contact
    tail_warnings: list[Note] = []
    while rest:
        para = rest[-1]
        # Korean statements end with the date and, on a line of its own under
        # it, the place ("주체111(2022)년 12월 23일" / "평 양"), at times with a
        # blank line between: such a place joins the paragraph of its date.
        if dateline is None and len(para) == 1 and len(rest) > 1 and _date_then_place(rest[-2][-1], para[0]):
            rest.pop()
            rest[-1] = [*rest[-1], *para]
            continue
        cut = len(para)
        while cut > 0:
            line = para[cut - 1]
            if _contact_line(line, contact, tail_warnings):
                cut -= 1
                continue
            if dateline is None and (d := _parse_dateline(line)) is not None:
                dateline = d
                cut -= 1
                continue
            if dateline is None and cut > 1 and (d := _date_then_place(para[cut - 2], line)) is not None:
                dateline = d
                cut -= 2
                continue
            break
        if cut == 0:
            rest.pop()
            continue
        if cut < len(para):
            rest[-1] = para[:cut]
        break
    warnings.extend(tail_warnings)

    result.body = [_clean(" ".join(p)) for p in rest]
    if not result.body:
        warnings.append(Note(gettext_noop("no body text found")))

    if locale == "auto":
        sample = " ".join(result.body) or (result.title or "")
        result.locale = _script_locale(sample)
    else:
        result.locale = locale

    if dateline is None:
        warnings.append(Note(gettext_noop("no dateline found")))
    else:
        result.dateline_place = dateline.place
        result.dateline_locale = dateline.locale
        result.release_date = dateline.date.isoformat() if dateline.date else None
        result.era = dateline.era
        result.era_year = dateline.era_year
        warnings.extend(dateline.warnings)
        if dateline.place is None:
            warnings.append(Note(gettext_noop("dateline has no place")))
    return result


def _slugify(value: str) -> str:
    value = unicodedata.normalize("NFKC", value)
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s_]+", "-", value).strip("-")


def stable_key(parsed: ParsedRelease) -> str:
    """The key that identifies a release across re-imports.

    ``<slug of title>-<release date>-<locale>``. The slug keeps Unicode
    letters, lowercased (like Django's ``slugify(allow_unicode=True)``; no
    transliteration, so Russian and Korean titles stay readable and distinct)
    and is cut to 80 characters at a hyphen. A missing title gives
    "untitled", a missing date "nodate".

    >>> stable_key(ParsedRelease(title="Мосты и «реки»!", release_date="2022-07-21", locale="ru"))
    'мосты-и-реки-2022-07-21-ru'
    """
    slug = _slugify(parsed.title or "") or "untitled"
    if len(slug) > 80:
        slug = slug[:81].rsplit("-", 1)[0] if "-" in slug[:81] else slug[:80]
    return f"{slug}-{parsed.release_date or 'nodate'}-{parsed.locale}"
