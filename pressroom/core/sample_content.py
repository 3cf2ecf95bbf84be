"""The project's own sample content: a fictional society, three releases in
English and Russian (the first one in Korean too), a few comments. Loaded by
``pressroom load_sample_content`` (and by ``make run`` on first start) in the
configured languages that the sample has: Korean with ``PRESSROOM_LANGUAGES=en,ru,ko``."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site
from wagtail.search import index as search_index

from .models import HomePage, OrganizationSettings, OrganizationText
from .site_setup import point_default_site

CONTENT = Path(__file__).parent / "sample" / "content.json"


def _stream(blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _publish(page):
    page.save_revision().publish()
    return page


def _data():
    return json.loads(CONTENT.read_text(encoding="utf-8"))


@dataclass
class Loaded:
    """What :func:`load` made: the first language's home page, and per language
    (in the order loaded) how many releases and comments."""

    home: HomePage
    releases: dict[str, int] = field(default_factory=dict)
    comments: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """What was loaded, in English, for the commands to print.

        >>> Loaded(None, {"en": 3, "ru": 3, "ko": 1}, {"en": 2, "ru": 3, "ko": 1}).describe()
        '3 releases in English, 3 in Russian and 1 in Korean, with 6 comments'
        >>> Loaded(None, {"en": 1}, {"en": 1}).describe()
        '1 release in English, with 1 comment'
        """
        parts = [
            f"{count} {'release' if count == 1 else 'releases'} in {_language_name(code)}" if i == 0
            else f"{count} in {_language_name(code)}"
            for i, (code, count) in enumerate(self.releases.items())
        ]
        comments = sum(self.comments.values())
        text = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) or "no releases"
        return f"{text}, with {comments} {'comment' if comments == 1 else 'comments'}"


def _language_name(code):
    try:
        return get_language_info(code)["name"]  # English: "Russian", "Korean"
    except KeyError:
        return code


def sample_languages():
    """The configured languages the sample is written in, the site's default first."""
    written = _data()["home"]
    return [code for code, _name in settings.LANGUAGES if code in written]


@transaction.atomic
def load(languages=None):
    """Create the sample site if it has no HomePage yet.

    Returns what it made (:class:`Loaded`), or None when the site has a home page already.
    """
    languages = list(languages or sample_languages())
    existing = HomePage.objects.filter(locale__language_code=languages[0]).first()
    if existing is not None:
        return None
    data = _data()
    first = languages[0]
    loaded = Loaded(None)
    home = loaded.home = _add(first, data, source=None, counts=loaded)
    # Our home page takes the site root (Wagtail's "Welcome" page goes).
    site = point_default_site(home, data["organization"]["texts"][first]["name"])

    org = data["organization"]
    org_settings = OrganizationSettings.for_site(site)
    for field in ("postal_code", "phone", "fax", "email", "era"):
        setattr(org_settings, field, org[field])
    org_settings.save()
    _add_organization_text(first, data, site)
    for code in languages[1:]:
        add_language(code, source=first, counts=loaded)
    return loaded


@transaction.atomic
def add_language(code, source=None, counts=None):
    """Add the sample's ``code`` translations to a site that has the sample in ``source``.

    Each page, author and release is a translation (same ``translation_key``)
    of the one in the source language; releases the sample has no text for in
    ``code`` are left out. Returns the new home page; ``counts`` (a
    :class:`Loaded`), if given, gets the number of releases and comments made.
    """
    data = _data()
    source = source or sample_languages()[0]
    home = _add(code, data, source=source, counts=counts)
    _add_organization_text(code, data, Site.objects.get(is_default_site=True))
    return home


def _add(code, data, source, counts=None):
    """Home, index, authors, releases and comments of one language (see add_language)."""
    release_model = apps.get_model("releases", "PressReleasePage")
    index_model = apps.get_model("releases", "ReleaseIndexPage")
    author_model = apps.get_model("releases", "Author")
    comment_model = apps.get_model("comments", "Comment")
    locale = Locale.objects.get_or_create(language_code=code)[0]

    def translation_key(model, **lookup):
        """The translation key of the source language's object, or a new one."""
        if source is None:
            return model().translation_key
        return model.objects.get(locale__language_code=source, **lookup).translation_key

    texts = data["home"][code]
    home = HomePage(
        title=texts["title"], slug=f"home-{code}", intro=texts["intro"], locale=locale,
        translation_key=translation_key(HomePage, slug=f"home-{source}"),
    )
    Page.get_first_root_node().add_child(instance=home)
    _publish(home)

    texts = data["index"][code]
    index = index_model(
        title=texts["title"], slug=texts["slug"], intro=texts["intro"], locale=locale,
        translation_key=translation_key(index_model, slug=data["index"][source or code]["slug"]),
    )
    home.add_child(instance=index)
    _publish(index)

    counts = counts if counts is not None else Loaded(None)
    counts.releases[code] = counts.comments[code] = 0
    authors = {}
    for author in data["authors"]:
        if code not in author:
            continue
        key = translation_key(author_model, name=author[source]["name"]) if source else None
        obj = author_model(locale=locale, **author[code])
        if key:
            obj.translation_key = key
        obj.save()
        authors[author["key"]] = obj

    for item in data["releases"]:
        if code not in item:
            continue
        texts = item[code]
        release = release_model(
            title=texts["title"],
            slug=item["slug"],
            kicker=item["kicker"],
            author=authors.get(item["author"]),
            summary=texts["summary"],
            body=_stream(texts["body"]),
            dateline_place=item["place"][code],
            release_date=datetime.date.fromisoformat(item["release_date"]),
            locale=locale,
            translation_key=translation_key(release_model, slug=item["slug"]),
        )
        index.add_child(instance=release)
        release.tags.add(*item["tags"][code])
        _publish(release)
        # Saving queues the search indexing as a background task; index now as
        # well, so the sample is searchable before the task worker first runs.
        search_index.insert_or_update_object(release)
        counts.releases[code] += 1
        for comment in item["comments"]:
            if comment["locale"] == code:
                comment_model.objects.create(page=release, name=comment["name"], text=comment["text"])
                counts.comments[code] += 1
    return home


def _add_organization_text(code, data, site):
    org_settings = OrganizationSettings.for_site(site)
    OrganizationText.objects.update_or_create(
        organization=org_settings, language=code, defaults=data["organization"]["texts"][code]
    )
