"""The project's own sample content: a fictional society, three releases in
English and Russian, a few comments. Loaded by ``pressroom load_sample_content``
(and by ``make run`` on first start)."""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.db import transaction
from wagtail.models import Locale, Page

from .models import HomePage, OrganizationSettings, OrganizationText
from .site_setup import point_default_site

CONTENT = Path(__file__).parent / "sample" / "content.json"


def _stream(blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _publish(page):
    page.save_revision().publish()
    return page


@transaction.atomic
def load(languages=("en", "ru")):
    """Create the sample site if it has no HomePage yet. Returns the English home page."""
    existing = HomePage.objects.filter(locale__language_code=languages[0]).first()
    if existing is not None:
        return None
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    release_model = apps.get_model("releases", "PressReleasePage")
    index_model = apps.get_model("releases", "ReleaseIndexPage")
    author_model = apps.get_model("releases", "Author")
    comment_model = apps.get_model("comments", "Comment")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    root = Page.get_first_root_node()

    homes, indexes, authors = {}, {}, {}
    first = None
    for code in languages:
        texts = data["home"][code]
        home = HomePage(
            title=texts["title"],
            slug=f"home-{code}",
            intro=texts["intro"],
            locale=locales[code],
            translation_key=first.translation_key if first else HomePage().translation_key,
        )
        root.add_child(instance=home)
        homes[code] = _publish(home)
        first = first or home
    # Our home page takes the site root (Wagtail's "Welcome" page goes).
    site = point_default_site(homes[languages[0]], data["organization"]["texts"][languages[0]]["name"])

    key = None
    for code in languages:
        texts = data["index"][code]
        index = index_model(title=texts["title"], slug=texts["slug"], intro=texts["intro"], locale=locales[code])
        if key:
            index.translation_key = key
        homes[code].add_child(instance=index)
        indexes[code] = _publish(index)
        key = index.translation_key

    for author in data["authors"]:
        key = None
        for code in languages:
            obj = author_model(locale=locales[code], **author[code])
            if key:
                obj.translation_key = key
            obj.save()
            key = obj.translation_key
            authors[(author["key"], code)] = obj

    for item in data["releases"]:
        key = None
        for code in languages:
            texts = item[code]
            release = release_model(
                title=texts["title"],
                slug=item["slug"],
                kicker=item["kicker"],
                author=authors[(item["author"], code)],
                summary=texts["summary"],
                body=_stream(texts["body"]),
                dateline_place=item["place"][code],
                release_date=datetime.date.fromisoformat(item["release_date"]),
                locale=locales[code],
            )
            if key:
                release.translation_key = key
            indexes[code].add_child(instance=release)
            release.tags.add(*item["tags"][code])
            _publish(release)
            key = release.translation_key
            for comment in item["comments"]:
                if comment["locale"] == code:
                    comment_model.objects.create(page=release, name=comment["name"], text=comment["text"])

    org = data["organization"]
    org_settings = OrganizationSettings.for_site(site)
    for field in ("postal_code", "phone", "fax", "email", "era"):
        setattr(org_settings, field, org[field])
    org_settings.save()
    for code in languages:
        OrganizationText.objects.update_or_create(organization=org_settings, language=code, defaults=org["texts"][code])
    return homes[languages[0]]


