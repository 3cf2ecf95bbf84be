"""Whole anonymous pages: HTTP caching headers, conditional GETs and a page cache
keyed by database state.

A response to an anonymous GET holds nothing personal (the comment form carries
no CSRF token; see docs/architecture.md "Caching"), so it is sent with
``Cache-Control: public`` for Varnish and browsers, an ETag and Last-Modified,
and kept in Django's cache under a key that names the database state it was
rendered from:

* ``core.SiteState.generation`` — bumped in the transaction that publishes,
  unpublishes, moves or deletes a page or edits what every page shows
  (:func:`content_changed`); read once per request (one indexed row);
* the dependencies the render declared with :func:`depend_on` — a release page
  declares its comment thread (``comments.Thread.version``), checked on a hit.

An entry whose state is no longer current is never served: expiry or eviction of
any key costs a render, never correctness. Requests with a session cookie
(editors), other methods, the admin, the API, search and unknown query strings
pass through untouched, and so does every response a view already gave a
``Cache-Control`` (refused forms, previews, "thank you" pages are private).
"""

import hashlib
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import derived

DEFAULTS = {
    # Browsers revalidate at once (a cheap 304); Varnish keeps the page S_MAXAGE
    # seconds unless purged, and may serve it STALE_WHILE_REVALIDATE longer while
    # it fetches a fresh one.
    "MAX_AGE": 0,
    "S_MAXAGE": 600,
    "STALE_WHILE_REVALIDATE": 30,
    # Upper bound of an entry in Django's cache; also bounds what only time
    # changes (comments closing CLOSE_AFTER_DAYS after publication).
    "TIMEOUT": 3600,
    "ENABLED": True,
}
# Paths never served from or stored in the page cache.
PASS_PREFIXES = ("/admin/", "/api/", "/static/", "/documents/", "/healthz", "/media/")
# Paths whose requests read nothing memoised under the site generation (core/derived.py).
UNMEMOISED_PREFIXES = ("/admin/", "/static/", "/documents/", "/media/", "/healthz")
# Query parameters a cacheable page may take (page numbers); anything else passes.
QUERY_KEYS = frozenset({"page", "comments"})

_dependencies = {}


def conf(name):
    return getattr(settings, "PRESSROOM_PAGE_CACHE", {}).get(name, DEFAULTS[name])


def register_dependency(name, current):
    """``current(key) -> (version, changed_at)`` tells whether a cached entry that
    declared ``depend_on(request, name, key, …)`` still shows the latest state."""
    _dependencies[name] = current


def depend_on(request, name, key, version, changed_at=None):
    """Declare that the response being rendered shows ``name``/``key`` at ``version``."""
    state = getattr(request, "_pagecache", None)
    if state is not None:
        state["deps"][f"{name}:{key}"] = (version, changed_at.timestamp() if changed_at else 0)


def content_changed():
    """Something every public page may show changed: bump the site generation now,
    and purge the whole front cache once the transaction commits."""
    from . import frontcache
    from .models import SiteState

    SiteState.bump()
    frontcache.purge_paths_on_commit(["/"])


def _code_version():
    """Part of every ETag: a new release of the code (templates, CSS) is new content."""
    try:
        release = version("pressroom")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        release = "dev"
    return f"{release}:{settings.STATIC_URL}"


def _request_key(request):
    """``(cache key, resource name)`` of a request; ``(None, None)`` when it must not use the page cache."""
    if not conf("ENABLED") or "/search/" in request.path:
        return None, None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None, None  # maybe an editor: nothing shared is used or stored
    query = []
    for name, values in request.GET.lists():
        if name not in QUERY_KEYS or len(values) != 1 or not values[0].isdigit() or len(values[0]) > 6:
            return None, None
        query.append(f"{name}={int(values[0])}")
    # The ETag names the resource; the cache key also the encoding of the copy.
    resource = "\n".join([request.get_host(), request.path, "&".join(sorted(query))])
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    return "page:" + hashlib.sha256(f"{resource}\n{gzip}".encode()).hexdigest(), resource


def _current(deps):
    for dep, (version, _changed) in deps.items():
        name, _, key = dep.partition(":")
        current = _dependencies.get(name)
        if current is None or current(key)[0] != version:
            return False
    return True


def _validators(state, resource):
    """ETag and Last-Modified of what the request's state says the page shows."""
    parts = [resource, _code_version(), str(state["generation"])]
    parts += [f"{dep}={version}" for dep, (version, _c) in sorted(state["deps"].items())]
    etag = 'W/"%s"' % hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    times = [state["changed_at"].timestamp() if state["changed_at"] else 0]
    times += [changed for _v, changed in state["deps"].values()]
    return etag, int(max(times)) or None


def _public(response):
    patch_cache_control(
        response,
        public=True,
        max_age=conf("MAX_AGE"),
        s_maxage=conf("S_MAXAGE"),
        stale_while_revalidate=conf("STALE_WHILE_REVALIDATE"),
    )


class PageCacheMiddleware:
    """See the module docstring. Sits above GZip (entries are stored compressed)
    and below the security headers (added to every answer, cached or not)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(UNMEMOISED_PREFIXES):
            return self.get_response(request)  # the admin sees the database as it is
        from .models import SiteState

        generation, changed_at = SiteState.current()
        token = derived.set_generation(generation)
        try:
            if request.method not in ("GET", "HEAD") or request.path.startswith(PASS_PREFIXES):
                return self.get_response(request)  # posts and the API: memoised lookups only
            return self.respond(request, generation, changed_at)
        finally:
            derived.reset_generation(token)

    def respond(self, request, generation, changed_at):
        key, resource = _request_key(request)
        if key is None:
            # An editor's page, a search, a "thank you" page: for this reader only.
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        entry = cache.get(key)
        if entry is not None and entry["generation"] == generation and _current(entry["deps"]):
            response = HttpResponse(entry["content"], status=200)
            for header, value in entry["headers"]:
                response[header] = value
            response["Content-Length"] = str(len(entry["content"]))
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=entry["last_modified"], response=response
            )

        request._pagecache = {"generation": generation, "changed_at": changed_at, "deps": {}}
        response = self.get_response(request)
        if (
            response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")
            or response.cookies
            or getattr(request, "comment_form", None) is not None
        ):
            return response
        etag, last_modified = _validators(request._pagecache, resource)
        _public(response)
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        headers = [(h, v) for h, v in response.items() if h.lower() not in ("content-length", "x-page-cache")]
        entry = {
            "generation": generation,
            "deps": request._pagecache["deps"],
            "content": response.content,
            "headers": headers,
            "last_modified": last_modified,
        }
        cache.set(key, entry, conf("TIMEOUT"))
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
