"""sitemap.xml with hreflang alternates, and robots.txt that points at it.

Wagtail's own ``Sitemap`` lists the descendants of the site's root page, which
is the home page of the first language only: the other languages' home pages
are its siblings. It also writes no alternates. ``PressroomSitemap`` lists the
live, public pages under every translation of the root page and gives each URL
``<xhtml:link rel="alternate" hreflang=...>`` for each live translation
(itself included, as Google asks) plus ``x-default`` (the default language),
the way Django's ``Sitemap(i18n=True, alternates=True, x_default=True)`` does
for plain views.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class PressroomSitemap(Sitemap):
    alternates = True
    x_default = True

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_root = Q()
        for root in roots:
            in_a_root |= Q(path__startswith=root.path, depth__gte=root.depth)
        return (
            Page.objects.filter(in_a_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def translations_of(self, pages):
        """{translation_key: [(language, url), ...]} of the live translations of ``pages``."""
        keys = {page.translation_key for page in pages}
        found = defaultdict(list)
        for page in (
            Page.objects.live().public().filter(translation_key__in=keys).select_related("locale").order_by("locale__language_code")
        ):
            found[page.translation_key].append((page.locale.language_code, page.get_full_url(self.request)))
        return found

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        items = list(self.paginator.page(page).object_list)
        translations = self.translations_of(items)
        for item in items:
            versions = translations.get(item.translation_key, [])
            alternates = []
            if self.alternates and len(versions) > 1:
                alternates = [{"lang_code": code, "location": location} for code, location in versions]
                default = dict(versions).get(settings.LANGUAGE_CODE)
                if self.x_default and default:
                    alternates.append({"lang_code": "x-default", "location": default})
            for url_info in item.get_sitemap_urls(self.request):
                url_info.setdefault("alternates", alternates)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


SITEMAPS = {"pages": PressroomSitemap}


@cache_control(max_age=3600)
def robots_txt(request):
    """Everything may be crawled except the admin; the sitemap is named absolutely."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
