"""The rendered comment list of each release, cached under its database version.

``comments.Thread`` holds, per release, a version that goes up in the same
transaction as every change to one of its comments, and the approved count.
Fragment keys contain that version and the paginator's page number, so a cached
list is either the list of the current version or never read again; expiry or
eviction of any key costs a render, never a wrong list.
"""

from pressroom.core import frontcache

FRAGMENT_TIMEOUT = 24 * 3600


def fragment_key(page_id, version, language, number):
    return f"comments:frag:{page_id}:{version}:{language}:{number}"


def release_paths(page_id):
    """Paths (prefixes) the front cache must drop when a comment of ``page_id`` changes."""
    from django.conf import settings

    from pressroom.releases.models import PressReleasePage

    page = PressReleasePage.objects.filter(pk=page_id).only("url_path").first()
    paths = [f"/{code}/feeds/comments/{page_id}." for code, _name in settings.LANGUAGES]
    if page is not None and (url := page.get_url()):
        paths.append(url)
    return paths


def purge_release(page_id):
    """Purge a release's pages from the front cache after commit (only when one is configured)."""
    if frontcache.backends():
        from django.db import transaction

        transaction.on_commit(lambda: frontcache.purge_paths(release_paths(page_id)))
