from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from . import derived
from .origin import is_same_site_browser

from .wordforms import WORD_RE, word_form, words

SEARCH_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


@never_cache
def healthz(request):
    """For load balancers and `make run`: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


def search(request):
    """Search the live releases of the active language."""
    # core must not import releases (docs/architecture.md); look the model up.
    release_model = apps.get_model("releases", "PressReleasePage")
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = release_model.objects.none()
    if query:
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
        # One search backend alias per language (settings WAGTAILSEARCH_BACKENDS):
        # on PostgreSQL it parses the query with that language's stemmer.
        language = translation.get_language()
        backend = language if language in settings.WAGTAILSEARCH_BACKENDS else "default"
        # Newest first, as a newsroom's archive lists them, never scored: ranking
        # scores every match (releases/fulltext.py says how the newest are found
        # without reading them all).
        results = release_model.objects.search_listed(query, locale=locale, backend=backend)
    paginator = Paginator(results, SEARCH_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    for release in page_obj.object_list:
        release.search_title = highlight(release.title, query)
        release.search_excerpt = highlight(release.summary, query)
    return render(
        request,
        "core/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "releases": page_obj.object_list,
            # The count stops at a cap (releases/fulltext.py): then "more than 1,000 results".
            "more_than": page_obj.paginator.count if getattr(results, "capped", False) else None,
        },
    )


def highlight(text, query):
    """``text`` escaped, with the words that match ``query`` wrapped in ``<mark>``.

    A word matches when it has the form of a query word (``core.wordforms``:
    the stem, or the Korean word without its particle), as the search does:

    >>> str(highlight("Учения <флота> завершены", "учений"))
    '<mark>Учения</mark> &lt;флота&gt; завершены'
    """
    text = text or ""
    wanted = {word_form(word) for word in words(query) if len(word) > 1}
    if not wanted:
        return mark_safe(escape(text))
    parts, last = [], 0
    for match in WORD_RE.finditer(text):
        if word_form(match.group()) in wanted:
            parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """Our 403 for a missing or stale CSRF token, or a cross-site form, in the reader's language.

    Nothing a reader typed on this site is lost: the form comes back filled in,
    so they only have to press the button again. A request from another site gets
    no such form: it would be a one-click way to post the other site's text.
    """
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": "csrf", "message": gettext("The security token is missing or stale; reload the page."), "spans": []}},
            status=403,
        )
    fields = {name: "" for name in ("name", "email", "text", "token")}
    if is_same_site_browser(request):
        fields = {name: request.POST.get(name, "") for name in fields}
    return render(
        request,
        "core/csrf_failure.html",
        {"fields": fields, "resend_to": request.path if fields["text"] else ""},
        status=403,
    )


def serve(request, path):
    """Wagtail's ``serve``, with the route of a public URL memoised per site generation.

    Wagtail finds the page of ``/en/releases/<slug>/`` by walking the tree, one
    query per level plus the site, the locale and the specific page; the answer
    changes only when a page is published, moved or deleted (which bumps the
    generation), so it is kept as the site, the page and how many path
    components its URL takes. The page's own ``route()`` then resolves the rest
    (a routable page's sub-route) without the database.
    """
    language = translation.get_language()
    key = f"{request.get_host()}|{request.get_port()}|{language}|{path}"
    found = derived.memo("route", key, lambda: _route(request, path))
    if found is not None:
        site, page, consumed = found
        request._wagtail_site = site
        components = [part for part in path.split("/") if part]
        try:
            request._wagtail_route_for_request = page.route(request, components[consumed:])
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def _route(request, path):
    """``(site, specific page, path components its URL takes)``, or None."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page = result[0]
    root = request._wagtail_site.root_page.localized
    consumed = len(page.url_path.strip("/").split("/")) - len(root.url_path.strip("/").split("/"))
    # A fresh copy for the memo: Wagtail's routing left parent objects on it.
    page = page.specific_class.objects.select_related("locale").get(pk=page.pk)
    return request._wagtail_site, page, consumed
