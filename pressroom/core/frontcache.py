"""Purging the front cache (Varnish) when what readers see changes.

Backends come from ``WAGTAILFRONTENDCACHE`` (set from ``PRESSROOM_VARNISH_URLS``),
built by ``wagtail.contrib.frontend_cache``. Wagtail's own app is not installed:
its handlers queue a background task for every publish even with no backend,
and a task worker polls every few seconds, which would break "visible within 1 s".
Here a purge is sent once the transaction commits, only when a backend is
configured, straight from the process that made the change (one loopback request).

A PURGE of a path bans every cached object whose path starts with it
(deploy/varnish/pressroom.vcl): ``/`` empties the cache, a release's path drops
the page, its comment pages and its PDF.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("pressroom.frontcache")


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend with a timeout: a front cache that is down must not
    hold a reader's request (the failure is logged, the comment is kept)."""

    TIMEOUT = 2

    def purge(self, url):
        from urllib.parse import urlsplit, urlunsplit
        from urllib.request import urlopen

        parts = urlsplit(url)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        request = PurgeRequest(url=target, headers={"Host": parts.netloc or "localhost"})
        try:
            with urlopen(request, timeout=self.TIMEOUT):  # noqa: S310 - LOCATION is configuration
                pass
        except HTTPError as e:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, e.code, e.reason)
        except (URLError, OSError) as e:
            logger.error("Couldn't purge '%s' from HTTP cache. URLError: %s", url, getattr(e, "reason", e))


def backends():
    return get_backends() if getattr(settings, "WAGTAILFRONTENDCACHE", None) else {}


def purge_paths(paths):
    """PURGE each path (a prefix) on every configured front cache, now."""
    configured = backends()
    if not configured:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://localhost")
    urls = [urljoin(base, path) for path in paths]
    for backend in configured.values():
        backend.purge_batch(urls)


def purge_paths_on_commit(paths):
    """Purge after the current transaction commits; nothing at all without a backend."""
    if backends():
        paths = list(paths)
        transaction.on_commit(lambda: purge_paths(paths))
