"""The Django side of the importers: authors, pages, settings, comments, redirects.

The parsers (:mod:`.parse`, :mod:`.wordpress`, :mod:`.html_blocks`) turn files
into plain data; the functions here turn that data into rows, so that the
management commands only read options and print. Every function returns what
it did as data (an :class:`Outcome` or a list of notes) rather than printing.

Matching rules, so that a re-import updates instead of duplicating:

* a release page is found by ``PressReleasePage.import_key`` *and* locale
  (a translation made in the admin copies the key, so the locale tells the
  original from its copies; alias pages are ignored);
* an author by ``name`` and locale;
* an imported comment by ``Comment.import_key``.

Example (inside a test database with the sample content)::

    >>> parsed = parse_release(open("release.txt", "rb").read())   # doctest: +SKIP
    >>> outcome = import_parsed_release(parsed, publish=True)        # doctest: +SKIP
    >>> outcome.created, outcome.page.live                           # doctest: +SKIP
    (True, True)
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from pressroom.comments.models import Comment, HeldReason, Source, Status
from pressroom.core import site_setup
from pressroom.core.models import Era, OrganizationSettings, OrganizationText
from pressroom.linkpolicy import find_links
from pressroom.releases.models import Author, Kicker, PressReleasePage, ReleaseIndexPage

from .parse import Note, ParsedRelease, stable_key

__all__ = [
    "ImportProblem",
    "Destination",
    "Outcome",
    "KNOWN_LOCALES",
    "comment_text",
    "contact_differences",
    "destination",
    "fill_organization",
    "find_index",
    "get_locale",
    "import_parsed_release",
    "import_wp_comment",
    "import_wp_post",
    "kicker_for",
    "organization_settings",
    "public_url",
    "release_title",
    "translated",
    "upsert_author",
]

# Languages the text parser can detect, plus whatever the site is configured for.
KNOWN_LOCALES = ("en", "ru", "ko")
SLUG_MAX = 80


class ImportProblem(Exception):
    """One source item cannot be imported (no index page for its language...).

    The commands print it (``str()``: English) against that file or item and go
    on with the next; the admin shows :func:`translated` ``(problem)``, in the
    editor's language. Made like a :class:`~.parse.Note`: a message marked
    with ``gettext_noop`` and the params that fill it.
    """

    def __init__(self, message: str, /, **params):
        self.note = Note(message, **params)
        super().__init__(self.note)


def translated(note) -> str:
    """A parser :class:`~.parse.Note` or an :class:`ImportProblem` in the active language.

    Any other text is returned as it is.

    >>> str(translated(Note(gettext_noop("no title found"))))
    'no title found'
    """
    if isinstance(note, ImportProblem):
        note = note.note
    if isinstance(note, Note):
        return note.translate(gettext)
    return str(note)


@dataclass
class Outcome:
    """What importing one release or post did."""

    page: PressReleasePage
    created: bool
    published: bool  # by this import; a live page updated without publishing keeps its live version
    author: Author | None = None
    author_action: str = ""  # "created", "updated", "unchanged" or ""
    notes: list[str] = field(default_factory=list)  # things done besides the page
    warnings: list[str] = field(default_factory=list)
    url: str = ""  # the public address of the page (import_parsed_release)


def describe_state(outcome: Outcome) -> str:
    """How the page stands after the import, for the commands' report line."""
    if outcome.published:
        return "published"
    if outcome.page.live:
        return "new draft revision; the live version is unchanged until it is published"
    return "draft"


# --------------------------------------------------------------------------
# Locales, index pages, slugs
# --------------------------------------------------------------------------


def outcome_details(outcome: Outcome, warnings=()) -> list[str]:
    """The indented lines a command prints under an imported page: author, notes, warnings."""
    lines = []
    if outcome.author is not None:
        affiliation = f" ({outcome.author.affiliation})" if outcome.author.affiliation else ""
        lines.append(f"  author {outcome.author_action}: {outcome.author.name}{affiliation}")
    lines += [f"  {note}" for note in outcome.notes]
    lines += [f"  warning: {warning}" for warning in [*warnings, *outcome.warnings]]
    return lines


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def get_locale(code: str) -> Locale:
    """The Wagtail ``Locale`` of ``code``; ImportProblem if it is not a content language.

    On a freshly migrated database the locale of a content language does not
    exist yet: it is made, with its home page and release index.
    """
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None and code in content_language_codes():
        site_setup.ensure_site([code])
        locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise ImportProblem(
            gettext_noop("the site has no '%(language)s' locale (content languages: %(languages)s)"),
            language=code,
            languages=", ".join(content_language_codes()),
        )
    return locale


def find_index(locale: Locale, parent_slug: str | None = None) -> ReleaseIndexPage:
    """The ReleaseIndexPage new releases of ``locale`` go under.

    With ``parent_slug`` the index with that slug in that locale; without, the
    first index of the locale in tree order (a site normally has one). A
    content language without one gets it, and a home page if it has none
    (:func:`pressroom.core.site_setup.ensure_site`).
    """
    indexes = ReleaseIndexPage.objects.filter(locale=locale).order_by("path")
    if parent_slug:
        indexes = indexes.filter(slug=parent_slug)
    elif not indexes.exists() and locale.language_code in content_language_codes():
        site_setup.ensure_site([locale.language_code])
    index = indexes.first()
    if index is None and parent_slug:
        raise ImportProblem(
            gettext_noop("no release index page with slug '%(slug)s' in locale '%(language)s'"),
            slug=parent_slug,
            language=locale.language_code,
        )
    if index is None:
        raise ImportProblem(gettext_noop("no release index page in locale '%(language)s'"), language=locale.language_code)
    return index


def unique_slug(parent, wanted: str, page=None) -> str:
    """``wanted`` slugified and cut to SLUG_MAX, with -2, -3... if a sibling has it.

    Wagtail refuses two siblings with one slug; ``page`` (when updating) does
    not count as its own sibling.
    """
    base = slugify(wanted, allow_unicode=True)[:SLUG_MAX].strip("-") or "release"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)] + suffix
    return slug


def _page_to_edit(import_key: str, locale: Locale, index, wanted_slug: str):
    """``(page, parent, created)`` for an import: the page that earlier imports of
    ``import_key`` made, as its latest revision, or a new one under ``index``."""
    page = (
        PressReleasePage.objects.filter(import_key=import_key, locale=locale, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )
    if page is None:
        page = PressReleasePage(locale=locale, import_key=import_key)
        page.slug = unique_slug(index, wanted_slug)
        return page, index, True
    # Edit the latest revision, not the live row, so an unpublished draft made
    # by an earlier import or an editor is the base we change.
    page = page.get_latest_revision_as_object()
    return page, page.get_parent(), False


def _stream(blocks) -> str:
    """StreamField raw data from ``(type, value)`` pairs, as sample_content does."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _save(page: PressReleasePage, parent, created: bool, publish: bool) -> bool:
    """Add (if new) and save a revision; publish only when asked. Returns ``publish``.

    Without ``publish`` an update of a live page becomes a draft revision: the
    live version stays as it was until an editor (or ``--publish``) publishes it,
    as when an editor saves a draft in the admin.
    """
    if created:
        page.live = False
        parent.add_child(instance=page)
    revision = page.save_revision(clean=True)
    if publish:
        revision.publish()
        page.refresh_from_db()
    return publish


def upsert_author(name: str | None, locale: Locale, position: str | None = None, organization: str | None = None):
    """Find the Author called ``name`` in ``locale`` or create it; ``(author, action)``.

    Position and organization are taken from the source when it has them (the
    latest release is the best evidence of someone's current job); they are
    never blanked. ``action`` is "created", "updated" or "unchanged"; with no
    name, ``(None, "")``.
    """
    name = (name or "").strip()[:255]
    if not name:
        return None, ""
    author = Author.objects.filter(name=name, locale=locale).order_by("pk").first()
    wanted = {k: v.strip()[:255] for k, v in (("position", position), ("organization", organization)) if v and v.strip()}
    if author is None:
        author = Author.objects.create(name=name, locale=locale, **wanted)
        return author, "created"
    changed = [k for k, v in wanted.items() if getattr(author, k) != v]
    if not changed:
        return author, "unchanged"
    for k in changed:
        setattr(author, k, wanted[k])
    author.save(update_fields=changed)
    return author, "updated"


# --------------------------------------------------------------------------
# Plain-text releases
# --------------------------------------------------------------------------

_KICKER_MAP = {
    "press release": Kicker.PRESS_RELEASE,
    "news release": Kicker.PRESS_RELEASE,
    "пресс-релиз": Kicker.PRESS_RELEASE,
    "보도자료": Kicker.PRESS_RELEASE,
    "statement": Kicker.STATEMENT,
    "заявление": Kicker.STATEMENT,
    "성명": Kicker.STATEMENT,
    "article": Kicker.ARTICLE,
    "статья": Kicker.ARTICLE,
    "기사": Kicker.ARTICLE,
    "interview": Kicker.INTERVIEW,
    "интервью": Kicker.INTERVIEW,
}


def kicker_for(label: str | None) -> tuple[str, str | None]:
    """The Kicker value for a kicker as written in the file, and a warning if guessed.

    >>> kicker_for("Заявление")
    ('statement', None)
    >>> kicker_for("press_release")
    ('press_release', None)
    >>> kicker_for("Commentary")
    ('press_release', "kicker 'Commentary' is not one of ours; used Press release")
    """
    if not label:
        return Kicker.PRESS_RELEASE.value, "no kicker; used Press release"
    if label in Kicker.values:  # already ours, e.g. chosen in the admin's import form
        return label, None
    value = _KICKER_MAP.get(label.strip().lower())
    if value is None:
        return Kicker.PRESS_RELEASE.value, f"kicker {label!r} is not one of ours; used Press release"
    return value.value, None


def release_title(parsed: ParsedRelease) -> tuple[str, str | None]:
    """The page title of a parsed release, and a warning when it had to be made up.

    >>> release_title(ParsedRelease(title="Bridges"))
    ('Bridges', None)
    >>> release_title(ParsedRelease(body=["The society opened a reading room."]))
    ('The society opened a reading room.', "no title; used 'The society opened a reading room.'")
    """
    if parsed.title:
        return parsed.title, None
    first = parsed.body[0] if parsed.body else ""
    title = (first[:77] + "...") if len(first) > 80 else (first or "Untitled release")
    return title, f"no title; used {title!r}"


@dataclass
class Destination:
    """Where one parsed release goes, found without writing anything.

    ``page`` is a new, unsaved page (``created``) or the latest revision of the
    page an earlier import of the same release made; ``parent`` is where it
    sits; ``url`` is its public address (``/en/releases/<slug>/``).
    """

    page: PressReleasePage
    parent: Page
    created: bool
    url: str


def public_url(page: Page, parent: Page | None = None) -> str:
    """The address readers will use for ``page``, saved or not (then under ``parent``).

    Wagtail's ``get_url()`` (relative on a one-site install, with the language
    prefix), falling back to the tree path only for a page outside every site.
    """
    if page.pk:
        url = page.get_url() or page.url_path
    else:
        url = f"{(parent.get_url() or parent.url_path).rstrip('/')}/{page.slug}/"
    return unquote(url)  # as the address bar shows it: /ru/releases/концерт/, not %D0%BA...


def destination(
    parsed: ParsedRelease, *, parent_slug: str | None = None, translation_of: Page | None = None
) -> Destination:
    """Find the page :func:`import_parsed_release` would create or update.

    The page is matched by :func:`~pressroom.importer.parse.stable_key` in the
    release's locale; a new one goes under ``parent_slug``'s index, else under
    the translation of ``translation_of``'s parent (when that is a release
    index), else under the release index of the locale. ``translation_of`` (a
    release in another language) must not have a translation in this language
    yet, and a page imported before must already be its translation. Raises
    :class:`ImportProblem` otherwise, or when the page has nowhere to go.
    """
    locale = get_locale(parsed.locale)
    index = None
    if translation_of is not None:
        translation_of = translation_of.specific
        if translation_of.locale_id == locale.pk:
            raise ImportProblem(
                gettext_noop("“%(title)s” is already in this language; choose a release in another language to translate."),
                title=translation_of.title,
            )
        if not parent_slug:
            parent = translation_of.get_parent().specific
            if isinstance(parent, ReleaseIndexPage):
                index = parent.get_translation_or_none(locale)
    if index is None:
        index = find_index(locale, parent_slug)
    title, _warning = release_title(parsed)
    page, parent, created = _page_to_edit(stable_key(parsed), locale, index, title)
    if translation_of is not None:
        existing = translation_of.get_translation_or_none(locale)
        if created and existing is not None:
            raise ImportProblem(
                gettext_noop("“%(title)s” already has a translation in this language: “%(translation)s”."),
                title=translation_of.title,
                translation=existing.title,
            )
        if not created and page.translation_key != translation_of.translation_key:
            raise ImportProblem(
                gettext_noop("This release was imported before as “%(page)s”, which is not a translation of “%(title)s”."),
                page=page.title,
                title=translation_of.title,
            )
        if created:
            page.translation_key = translation_of.translation_key
    return Destination(page, parent, created, public_url(page, parent))


def import_parsed_release(
    parsed: ParsedRelease,
    *,
    parent_slug: str | None = None,
    publish: bool = False,
    translation_of: Page | None = None,
) -> Outcome:
    """Create or update the PressReleasePage (and Author) of one parsed file.

    The command ``import_release`` and the admin's "Import release" view both
    come here. The page is the one :func:`destination` finds (matched by
    :func:`~pressroom.importer.parse.stable_key`, stored in ``import_key``; a
    new one in the release's locale, linked to ``translation_of`` when given).
    The organization settings are filled from the contact block where they are
    empty (see :func:`fill_organization`); where they differ, a warning says
    so. Raises :class:`ImportProblem` when the page has nowhere to go.
    """
    dest = destination(parsed, parent_slug=parent_slug, translation_of=translation_of)
    page, locale = dest.page, dest.page.locale
    warnings: list[str] = []

    author, author_action = upsert_author(
        parsed.author_name, locale, parsed.author_position, parsed.author_organization
    )
    kicker, warning = kicker_for(parsed.kicker)
    if warning:
        warnings.append(warning)

    title, warning = release_title(parsed)
    if warning:
        warnings.append(warning)
    release_date = datetime.date.fromisoformat(parsed.release_date) if parsed.release_date else None
    if release_date is None:
        release_date = timezone.localdate()
        warnings.append(f"no release date; used today ({release_date.isoformat()})")

    page.title = title[:255]
    page.kicker = kicker
    page.author = author
    page.body = _stream(("paragraph", f"<p>{html.escape(p, quote=False)}</p>") for p in parsed.body)
    page.dateline_place = (parsed.dateline_place or "")[:100]
    page.release_date = release_date
    published = _save(page, dest.parent, dest.created, publish)

    site = dest.parent.get_site()
    differences = contact_differences(parsed, site)
    if differences:
        warnings.append(
            "the contact block differs from the organization's settings (kept the settings): "
            + "; ".join(f"{name.replace('_', ' ')} {ours!r}, settings {theirs!r}" for name, ours, theirs in differences)
        )
    notes = fill_organization(parsed, author, site)
    return Outcome(page, created=dest.created, published=published, author=author, author_action=author_action,
                   notes=notes, warnings=warnings, url=public_url(page))


def organization_settings(site) -> OrganizationSettings | None:
    """The ``OrganizationSettings`` of ``site`` (None: the default site), or None without a site."""
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return None if site is None else OrganizationSettings.for_site(site)


def _same(a: str, b: str) -> bool:
    """Equal but for case, spacing and punctuation ("(4212) 22-71-55" == "4212 227155")."""
    norm = lambda s: re.sub(r"[\W_]+", "", s).casefold()  # noqa: E731
    return norm(a) == norm(b)


def contact_differences(parsed: ParsedRelease, site) -> list[tuple[str, str, str]]:
    """Contact fields where the release and the organization's settings disagree.

    ``(field, value in the release, value in the settings)`` for each field both
    have and that differs beyond spacing and punctuation: ``postal_code``,
    ``phone`` and ``fax`` against ``OrganizationSettings``; ``country``,
    ``city`` and ``street`` against the ``OrganizationText`` of the dateline's
    language. The import keeps the settings (see :func:`fill_organization`);
    this tells the editor that the file said something else.
    """
    org = organization_settings(site)
    if org is None:
        return []
    contact = parsed.contact
    found = []
    for name in ("postal_code", "phone", "fax"):
        ours, theirs = getattr(contact, name) or "", getattr(org, name) or ""
        if ours and theirs and not _same(ours, theirs):
            found.append((name, ours, theirs))
    language = parsed.dateline_locale or parsed.locale
    text = OrganizationText.objects.filter(organization=org, language=language).first()
    if text is not None:
        for name in ("country", "city", "street"):
            ours, theirs = getattr(contact, name) or "", getattr(text, name) or ""
            if ours and theirs and not _same(ours, theirs):
                found.append((name, ours, theirs))
    return found


def fill_organization(parsed: ParsedRelease, author: Author | None, site) -> list[str]:
    """Fill EMPTY organization settings from the release's contact block.

    Postal code, phone and fax go to ``OrganizationSettings``; country, city
    and street to the ``OrganizationText`` of the dateline's language (created
    if missing, named after the author's organization). Filled fields are never
    overwritten: an editor's settings win over any file. A Juche dateline
    switches the era to Juche only while it is still the default. Returns one
    note per change, for the command to print.
    """
    org = organization_settings(site)
    if org is None:
        return []
    contact = parsed.contact
    notes = []

    filled = []
    for name in ("postal_code", "phone", "fax"):
        value = getattr(contact, name)
        if value and not getattr(org, name):
            setattr(org, name, value[: org._meta.get_field(name).max_length])
            filled.append(name.replace("_", " "))
    if parsed.era == Era.JUCHE and org.era == OrganizationSettings._meta.get_field("era").default:
        org.era = Era.JUCHE
        notes.append("organization era set to Juche (it was still the default)")
    if filled or notes:
        org.save()
    if filled:
        notes.insert(0, f"organization: filled {', '.join(filled)}")

    address = {k: getattr(contact, k) for k in ("country", "city", "street") if getattr(contact, k)}
    language = parsed.dateline_locale or parsed.locale
    if address and language not in content_language_codes():
        notes.append(f"address not stored: {language!r} is not a content language")
    elif address:
        text = OrganizationText.objects.filter(organization=org, language=language).first()
        created = text is None
        if created:
            text = OrganizationText(organization=org, language=language)
        if not text.name and author is not None and author.organization:
            text.name = author.organization[:255]
        filled = []
        for name, value in address.items():
            if not getattr(text, name):
                setattr(text, name, value[: OrganizationText._meta.get_field(name).max_length])
                filled.append(name)
        if created or filled:
            text.save()
            what = f"created the {language} name and address" if created else f"{language} address: filled"
            notes.append(f"organization: {what} {', '.join(filled)}".rstrip())
    return notes


# --------------------------------------------------------------------------
# WordPress
# --------------------------------------------------------------------------


def wp_key(base_url: str, wp_id) -> str:
    """``wp:<site>:<id>``; hashed site part if that would not fit a comment key (128).

    >>> wp_key("https://friends.example/", 7)
    'wp:https://friends.example:7'
    """
    base = (base_url or "").rstrip("/")
    key = f"wp:{base}:{wp_id}"
    if len(key) > 128:
        key = f"wp:{hashlib.sha256(base.encode()).hexdigest()[:32]}:{wp_id}"
    return key


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    # WXR gives UTC (post_date_gmt) when it can, else the site's local time
    # without a zone; read that one in our TIME_ZONE, the best guess we have.
    if value is None:
        return None
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def old_path(link: str) -> str | None:
    """The Redirect ``old_path`` of a WordPress permalink, or None for the site root.

    >>> old_path("https://friends.example/2021/05/some-post/"), old_path("https://friends.example/?p=123")
    ('/2021/05/some-post', '/?p=123')
    """
    if not link:
        return None
    parts = urlsplit(link)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    normalised = Redirect.normalise_path(path or "/")
    return None if normalised == "/" else normalised


def import_wp_post(
    item, *, index: ReleaseIndexPage, base_url: str, author_names: dict[str, str], allow_publish: bool = True
) -> Outcome:
    """Create or update the release of one WordPress post (a ``WPItem``).

    Status "publish" publishes (unless ``allow_publish`` is False: then a draft,
    with a warning); anything else leaves a draft (an already live
    page stays live with a new draft revision). The old permalink gets a
    permanent Redirect to the page. Comments are separate: see
    :func:`import_wp_comment`.
    """
    from .html_blocks import html_to_blocks  # pure, but only needed here

    locale = index.locale
    key = wp_key(base_url, item.post_id)
    warnings: list[str] = []
    date = _aware(item.date)

    login = item.creator
    author, author_action = upsert_author(author_names.get(login) or login, locale)

    title = item.title.strip() or f"Untitled post {item.post_id}"
    if not item.title.strip():
        warnings.append(Note(gettext_noop("no title; used '%(title)s'"), title=title))

    blocks = []
    for kind, value in html_to_blocks(item.content, base_url=base_url or None):
        if kind == "image":
            value = {"image": None, **value}
        blocks.append((kind, value))

    page, parent, created = _page_to_edit(key, locale, index, item.slug or title)
    if created and item.slug and page.slug != slugify(item.slug, allow_unicode=True)[:SLUG_MAX].strip("-"):
        warnings.append(Note(gettext_noop("slug '%(wanted)s' was taken; used '%(slug)s'"), wanted=item.slug, slug=page.slug))
    page.title = title[:255]
    page.author = author
    page.body = _stream(blocks)
    page.summary = comment_text(item.excerpt)
    if date is not None:
        page.release_date = timezone.localtime(date).date()
    publish = item.status == "publish"
    if publish and not allow_publish:
        publish = False
        warnings.append(Note(gettext_noop("published in WordPress; imported as a draft, since you may not publish here")))
    if publish and date is not None:
        page.first_published_at = date
    page.tags.set(sorted({t.name[:100] for t in item.categories + item.tags if t.name}))
    published = _save(page, parent, created, publish)

    notes = []
    path = old_path(item.link)
    if path and path != Redirect.normalise_path(page.url_path):
        redirect, made = Redirect.objects.update_or_create(
            old_path=path, site=None, defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True}
        )
        notes.append(f"redirect {path} -> page {page.pk}" + ("" if made else " (kept)"))
    return Outcome(page, created, published, author, author_action, notes, warnings)


class _TextOnly(HTMLParser):
    """Comment HTML -> plain text; line breaks from <br> and paragraphs kept."""

    _DROP = {"script", "style", "iframe", "object", "svg", "template", "noscript"}
    _BREAK = {"br", "p", "div", "li", "blockquote", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._DROP:
            self.skip += 1
        elif tag in self._BREAK and not self.skip:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag):
        if tag in self._DROP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BREAK and tag != "br" and not self.skip:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def comment_text(value: str) -> str:
    """Plain text of WordPress comment (or excerpt) HTML, line breaks kept.

    WordPress stores comments as typed, with a few tags allowed; newlines are
    the writer's line breaks, so they stay, as do ``<br>`` and paragraphs.
    Tags go, entities are decoded, runs of blank lines shrink to one.

    >>> comment_text("Hi <b>there</b> &amp; bye<br/>line 2<p>para</p>")
    'Hi there & bye\\nline 2\\n\\npara'
    """
    if not value:
        return ""
    parser = _TextOnly()
    parser.feed(value.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    text = "".join(parser.parts)  # entities were decoded by the parser (convert_charrefs)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _email(value: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def import_wp_comment(comment, *, page: PressReleasePage, base_url: str, fallback_date=None) -> str:
    """Store one ``WPComment`` of ``page``; returns what happened.

    One of "approved", "pending" (also when it may contain a link: held for a
    moderator, words marked), "hidden" (it contains links; the moderation
    note names them), "exists" (imported before: left alone, so a moderator's
    later decision stands), or "skipped:<reason>" for spam, trash, pingbacks
    and trackbacks and empty comments. Unlike the comment form, no
    ``comment_posted`` signal is sent: moderators are not mailed about history.
    """
    if comment.approved in ("spam", "trash"):
        return f"skipped:{comment.approved}"
    if comment.type in ("pingback", "trackback"):
        return f"skipped:{comment.type}"
    key = wp_key(base_url, comment.id)
    if comment.id is not None and Comment.objects.filter(import_key=key).exists():
        return "exists"
    text = comment_text(comment.content)
    if not text:
        return "skipped:empty"
    status = Status.APPROVED if comment.approved == "1" else Status.PENDING
    note, held = "", {}
    # The site's rule is "no links in comments"; old comments that break it are
    # kept for the record but hidden, with the reason where moderators look.
    # Only weak evidence (a missing space before a TLD word, a file name…): held
    # for a moderator with the words marked, as a new comment would be.
    links = find_links(text)
    if any(not link.weak for link in links):
        status = Status.HIDDEN
        found = ", ".join(f'"{link.text}"' for link in links)
        note = f"link: {found}"
        if len(note) > 255:
            note = note[:254] + "…"
    elif links:
        status = Status.PENDING
        held = {
            "held_reason": HeldReason.LINKS,
            "held_spans": [
                {"field": "text", "start": link.start, "end": link.end, "text": link.text, "kind": link.kind, "weak": True}
                for link in links
            ],
        }
    Comment.objects.create(
        page=page,
        name=(comment.author or "Anonymous").strip()[:100] or "Anonymous",
        email=_email(comment.author_email),
        text=text,
        status=status,
        created_at=comment.date_gmt or _aware(fallback_date) or timezone.now(),
        source=Source.IMPORT,
        moderation_note=note,
        import_key=key if comment.id is not None else "",
        **held,
    )
    return status.value
