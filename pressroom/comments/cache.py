"""The rendered comment list of each release, cached until a comment of it changes.

A version number per release is part of every fragment key, so dropping all
fragments of a release (every language, every page of comments) is one ``incr``.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger("pressroom.comments")

FRAGMENT_TIMEOUT = 24 * 3600


def _version_key(page_id):
    return f"comments:ver:{page_id}"


def fragment_key(page_id, language, number):
    version = cache.get_or_set(_version_key(page_id), 1, None)
    return f"comments:frag:{page_id}:{version}:{language}:{number}"


def drop_fragments(page_id):
    """Make every cached comment fragment of a release stale (one ``incr``)."""
    try:
        cache.incr(_version_key(page_id))
    except ValueError:
        cache.set(_version_key(page_id), 2, None)


def page_changed(page_id):
    """Drop the cached fragments of a release and purge it from the front cache."""
    drop_fragments(page_id)
    purge_release(page_id)


def purge_release(page_id):
    from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

    from pressroom.releases.models import PressReleasePage

    page = PressReleasePage.objects.filter(pk=page_id).first()
    if page is None:
        return
    try:
        purge_page_from_cache(page)
    except Exception:  # a front cache that is down must not lose a comment
        logger.exception("Couldn't purge release %s from the front-end cache", page_id)
