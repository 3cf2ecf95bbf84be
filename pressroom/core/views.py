from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

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
        qs = release_model.objects.listed()
        if locale is not None:
            qs = qs.filter(locale=locale)
        results = qs.search(query, order_by_relevance=True)
    paginator = Paginator(results, SEARCH_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {"search_query": query, "page_obj": page_obj, "releases": page_obj.object_list},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """Our 403 for a missing or stale CSRF token, in the reader's language.

    Nothing typed is lost: a refused comment form comes back filled in, with a
    fresh token, so the reader only has to press the button again.
    """
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": "csrf", "message": gettext("The security token is missing or stale; reload the page."), "spans": []}},
            status=403,
        )
    fields = {name: request.POST.get(name, "") for name in ("name", "email", "text", "token")}
    return render(
        request,
        "core/csrf_failure.html",
        {"fields": fields, "resend_to": request.path if fields["text"] else ""},
        status=403,
    )
