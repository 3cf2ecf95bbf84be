from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pressroom.core import views as core_views
from pressroom.releases import sitemaps as release_sitemaps

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("pressroom.comments.api_urls")),
    path("healthz", core_views.healthz, name="healthz"),
    # One sitemap for every language; each URL names its translations (hreflang).
    path("sitemap.xml", sitemap, {"sitemaps": release_sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", release_sitemaps.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("comments/", include("pressroom.comments.urls")),
    # Feeds before Wagtail's catch-all, which would otherwise 404 them.
    path("", include("pressroom.releases.urls")),
    # Wagtail's pages, through our serve() that memoises routes (core/views.py).
    re_path(r"^((?:[\w\-]+/)*)$", core_views.serve, name="pressroom_serve"),
    path("", include(wagtail_urls)),
)

handler404 = "pressroom.core.views.page_not_found"
handler500 = "pressroom.core.views.server_error"
