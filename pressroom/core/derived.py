"""Small things every public page needs, memoised per process under the site generation.

Routing a URL to its page, the organization's settings, a release's author,
tags and translations cost a dozen queries a page, yet change only when
something is published or edited — and every such change bumps
``core.SiteState.generation`` in its own transaction (core/signals.py). So they
are kept in the process's ``local`` cache under a key that contains the
generation read at the start of the request (``PageCacheMiddleware``): a key of
an older generation is simply never read again. Outside a public request (the
admin, the API, commands) nothing is memoised and every call computes afresh.
"""

import contextvars

from django.core.cache import caches

TIMEOUT = 3600
_generation = contextvars.ContextVar("pressroom_generation", default=None)
_MISSING = object()


def set_generation(value):
    """Called once per public request; returns a token for :func:`reset_generation`."""
    return _generation.set(value)


def reset_generation(token):
    _generation.reset(token)


def memo(name, key, compute):
    """``compute()`` once per process, ``name`` and ``key`` for this site generation."""
    generation = _generation.get()
    if generation is None:
        return compute()
    cache = caches["local"]
    cache_key = f"{name}:{generation}:{key}"
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def generation():
    """The site generation this request started with (read afresh outside a public request)."""
    value = _generation.get()
    if value is None:
        from .models import SiteState

        value = SiteState.current()[0]
    return value
