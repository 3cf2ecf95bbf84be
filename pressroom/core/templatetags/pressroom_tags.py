"""Template helpers of the site shell: footer text, translations, dates."""

from babel.dates import format_date
from django import template
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from pressroom.core import derived
from pressroom.core.models import OrganizationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def organization(context):
    """The organization settings of the current site (cached per request)."""
    request = context.get("request")
    if request is None:
        return None
    return OrganizationSettings.for_request_memo(request)


@register.simple_tag
def organization_text(org, language=None):
    """The organization's name and address in ``language`` (default: active)."""
    return org.text_for(language) if org is not None else None


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Live translations of ``page``, this one included, ordered by language code:
    ``{"language", "url", "full_url"}`` each, memoised per site generation."""
    if page is None or not hasattr(page, "get_translations"):
        return []
    request = context.get("request")

    def load():
        pages = page.get_translations(inclusive=True).live().select_related("locale").order_by("locale__language_code")
        return [
            {"language": t.locale.language_code, "url": t.get_url(request), "full_url": t.get_full_url(request)}
            for t in pages
        ]

    host = request.get_host() if request is not None else ""
    return derived.memo("translations", f"{page.pk}|{host}", load)


@register.simple_tag
def meta_description(page, org_text=None):
    """The page's own description (search description, summary or intro), else the boilerplate."""
    text = ""
    if hasattr(page, "search_description"):
        text = page.search_description or getattr(page, "summary", "") or strip_tags(getattr(page, "intro", "") or "")
    if not text and org_text is not None:
        text = org_text.boilerplate
    return Truncator(" ".join(text.split())).chars(300)


@register.filter
def localdate(value, fmt="long"):
    """A date in the active language with Babel: ``July 21, 2022`` / ``21 июля 2022 г.``."""
    if not value:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    try:
        return format_date(value, format=fmt, locale=language)
    except Exception:  # an unknown locale must not break a page
        return format_date(value, format=fmt, locale="en")
