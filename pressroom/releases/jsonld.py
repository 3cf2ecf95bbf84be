"""Metadata of a release page for machines: schema.org NewsArticle and Open Graph.

The JSON-LD is built as a dict here and serialised with the escaping of
Django's ``json_script`` (``<``, ``>`` and ``&`` as ``\\u003C``…), so a title
containing ``</script>`` cannot close the block: it stays data.
"""

import json

from babel.core import get_global
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Site

from pressroom.core.models import OrganizationSettings

# The same table as django.utils.html._json_script_escapes (private there).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data):
    """``<script type="application/ld+json">`` holding ``data``, safe inside HTML.

    >>> str(ld_json_script({"a": "</script>"}))
    '<script type="application/ld+json">{"a": "\\\\u003C/script\\\\u003E"}</script>'
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def og_locale(language):
    """Open Graph wants ``language_TERRITORY``: ``en`` -> ``en_US``, ``ru`` -> ``ru_RU``, ``ko`` -> ``ko_KR``."""
    likely = get_global("likely_subtags").get(language, "")
    parts = likely.split("_")
    return f"{language}_{parts[-1]}" if len(parts) > 1 else language


def postal_address(org, text):
    address = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", text.street if text else ""),
        ("addressLocality", text.city if text else ""),
        ("postalCode", org.postal_code),
        ("addressCountry", text.country if text else ""),
    ):
        if value:
            address[key] = value
    return address


def news_article(page, request=None):
    """The schema.org NewsArticle of a PressReleasePage as a dict."""
    from .feeds import release_pubdate

    language = page.locale.language_code
    site = Site.find_for_request(request) if request is not None else page.get_site()
    org = OrganizationSettings.for_request_memo(request) if request is not None else OrganizationSettings.for_site(site)
    text = org.text_for(language)
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.get_meta_description(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": language,
        "datePublished": release_pubdate(page),
        "dateModified": page.last_published_at or page.latest_revision_created_at or release_pubdate(page),
    }
    if page.dateline_place:
        data["dateline"] = page.dateline_place
    author = page.localized_author
    if author is not None:
        data["author"] = {"@type": "Person", "name": author.name}
        if author.position:
            data["author"]["jobTitle"] = author.position
    publisher = {"@type": "Organization", "name": text.name if text else (site.site_name if site else "")}
    address = postal_address(org, text)
    if len(address) > 1:
        publisher["address"] = address
    for key, value in (("email", org.email), ("telephone", org.phone), ("faxNumber", org.fax)):
        if value:
            publisher[key] = value
    data["publisher"] = publisher
    keywords = [tag.name for tag in page.tag_list]
    if keywords:
        data["keywords"] = keywords
    return data


def release_head(page, request=None, translations=None):
    """Context for the <head> of a release: the JSON-LD script and Open Graph values.

    ``translations``: the language codes of its live translations (default: asked).
    """
    article = news_article(page, request)
    if translations is None:
        translations = page.get_translations().live().values_list("locale__language_code", flat=True)
    return {
        "jsonld": ld_json_script(article),
        "og": {
            "title": page.seo_title or page.title,
            "description": Truncator(" ".join(strip_tags(article["description"] or "").split())).chars(300),
            "url": article["url"],
            "locale": og_locale(page.locale.language_code),
            "locale_alternates": [og_locale(code) for code in translations if code != page.locale.language_code],
            "site_name": article["publisher"]["name"],
            "published_time": article["datePublished"],
            "modified_time": article["dateModified"],
            "author": article.get("author", {}).get("name", ""),
            "tags": article.get("keywords", []),
        },
    }
