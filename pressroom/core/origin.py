"""Is a request from a page of this site? The cross-site check for anonymous forms.

The comment form holds no CSRF token, so that the release page it sits on is the
same for every reader and can be cached (docs/architecture.md "Caching"). Its
POSTs are protected the way browsers now allow without a token (the approach of
Go's ``net/http.CrossOriginProtection`` and Django's own Origin check):

1. ``Sec-Fetch-Site`` (every current browser sends it): only ``same-origin``, or
   ``none`` (typed by the user), passes;
2. else ``Origin``: it must be this site (scheme and host) or a
   ``CSRF_TRUSTED_ORIGINS`` entry;
3. else ``Referer``, the same way;
4. a request with none of them is not from a browser, so it is nobody's
   cross-site request: it passes, and the comment pipeline's own checks apply.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _same_origin(request, origin):
    parts = urlsplit(origin)
    if not parts.scheme or not parts.netloc:
        return False
    if f"{parts.scheme}://{parts.netloc}" in settings.CSRF_TRUSTED_ORIGINS:
        return True
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: not ours either way
        return False
    return parts.scheme == request.scheme and parts.netloc.lower() == host.lower()


def is_cross_site(request):
    """True when a browser sent ``request`` from a page of another site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return not _same_origin(request, origin)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        return not _same_origin(request, referer)
    return False


def is_same_site_browser(request):
    """True only with positive evidence that a page of this site sent ``request``."""
    if request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin":
        return True
    for header in ("HTTP_ORIGIN", "HTTP_REFERER"):
        if request.META.get(header):
            return _same_origin(request, request.META[header])
    return False
