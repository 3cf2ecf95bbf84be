"""The pages a site cannot do without: a home page and a release index per language.

``pressroom bootstrap --no-sample`` makes them on first start for a real
organization; ``pressroom import_release`` makes the ones it needs on a freshly
migrated database. Both go through :func:`ensure_site`, which only ever adds
what is missing, so running it again changes nothing an editor has set.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from .models import HomePage, OrganizationSettings, OrganizationText

DEFAULT_HOME_TITLE = "Pressroom"


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def point_default_site(home, site_name):
    """Make ``home`` the root of the default Site, served at WAGTAILADMIN_BASE_URL's address.

    Absolute URLs (hreflang, feeds, sitemaps) use the address the site is served on.
    Wagtail's own "Welcome" page goes.
    """
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    welcome = Page.objects.filter(depth=2, content_type__model="page").first()
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.root_page = home
    site.site_name = site_name
    site.save()
    if welcome is not None:
        welcome.delete()
    return site


def _publish(page):
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site(languages=None, names=None):
    """Add the locale, home page and release index of each language that lacks them.

    ``languages``: codes among the configured content languages (default: all
    of them); ``names``: ``{code: organization name}`` for the home page titles.
    Returns the codes for which something was created. A language added to
    ``PRESSROOM_LANGUAGES`` later gets its pages as translations of the first.
    """
    index_model = apps.get_model("releases", "ReleaseIndexPage")
    configured = content_languages()
    languages = list(languages or configured)
    unknown = [code for code in languages if code not in configured]
    if unknown:
        raise ValueError(f"not a content language: {', '.join(unknown)} (PRESSROOM_LANGUAGES is {','.join(configured)})")
    names = names or {}
    created = []
    root = Page.get_first_root_node()
    any_home = HomePage.objects.order_by("path").first()
    any_index = index_model.objects.order_by("path").first()
    # The default language first: its home page becomes the site's root.
    for code in sorted(languages, key=lambda c: c != settings.LANGUAGE_CODE):
        locale, _new = Locale.objects.get_or_create(language_code=code)
        home = HomePage.objects.filter(locale=locale).order_by("path").first()
        if home is None:
            home = HomePage(title=names.get(code) or DEFAULT_HOME_TITLE, slug=f"home-{code}", locale=locale)
            if any_home is not None:
                home.translation_key = any_home.translation_key
            root.add_child(instance=home)
            _publish(home)
            any_home = any_home or home
            site = Site.objects.filter(is_default_site=True).first()
            if site is None or not HomePage.objects.filter(pk=site.root_page_id).exists():
                point_default_site(home, names.get(code) or DEFAULT_HOME_TITLE)
            created.append(code)
        if not index_model.objects.filter(locale=locale).exists():
            with translation.override(code):
                index = index_model(title=_("Releases"), slug="releases", locale=locale)
            if any_index is not None:
                index.translation_key = any_index.translation_key
            home.add_child(instance=index)
            _publish(index)
            any_index = any_index or index
            if code not in created:
                created.append(code)
    return created


@transaction.atomic
def fill_organization_settings(site, *, names=None, era=None, contacts=None, addresses=None):
    """Fill the organization's EMPTY settings: asked once, never overwriting an editor's.

    ``names`` and ``addresses`` (``{code: {"country", "city", "street"}}``) are
    per language; ``contacts`` holds ``email``, ``phone``, ``fax``, ``postal_code``.
    Returns the names of the fields that were filled.
    """
    org = OrganizationSettings.for_site(site)
    filled = []
    for field, value in (contacts or {}).items():
        if value and not getattr(org, field):
            setattr(org, field, value)
            filled.append(field)
    if era and org.era == OrganizationSettings._meta.get_field("era").default and era != org.era:
        org.era = era
        filled.append("era")
    org.save()
    for code in sorted(set(names or {}) | set(addresses or {})):
        text = OrganizationText.objects.filter(organization=org, language=code).first()
        if text is None:
            name = (names or {}).get(code) or next(iter((names or {}).values()), "") or site.site_name
            text = OrganizationText(organization=org, language=code, name=name)
            filled.append(f"name ({code})")
        elif not text.name and (names or {}).get(code):
            text.name = names[code]
            filled.append(f"name ({code})")
        for field, value in (addresses or {}).get(code, {}).items():
            if value and not getattr(text, field):
                setattr(text, field, value)
                filled.append(f"{field} ({code})")
        text.save()
    return filled
