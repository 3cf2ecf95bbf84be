"""Importing a whole WordPress export: the run that ``pressroom import_wordpress``
and the admin's "Import from WordPress" share.

:func:`run_export` streams the export (:func:`.wordpress.iter_wxr`) and imports
each post, in a transaction of its own, with :func:`.services.import_wp_post`
and its comments with :func:`.services.import_wp_comment`. It yields one
:class:`PostResult` per post as soon as that post is written, and adds to the
:class:`Tally` it is given, so a caller that prints and forgets each result
needs no more memory than the largest post.

What it does not do: print, or check who may import (the admin view's job).
A dry run is the run inside :func:`written_unless` (the command's
``--dry-run``, the admin's preview).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from . import services
from .wordpress import WPAuthor, WPItem, WPSite, WXRError, iter_wxr

__all__ = ["PostResult", "Tally", "run_export", "written_unless"]


@dataclass
class PostResult:
    """What importing one WordPress post did (``outcome`` None when it failed)."""

    post_id: int | None
    title: str
    outcome: services.Outcome | None = None
    comments: Counter = field(default_factory=Counter)  # import_wp_comment's results
    error: str = ""


class Tally(Counter):
    """Counts of a run: posts created/updated, items skipped, comments by result, errors.

    ``wxr_error`` is the message of the error that stopped the reading (a
    broken file), or "".
    """

    wxr_error = ""

    @property
    def comments_imported(self) -> int:
        return self["comments_approved"] + self["comments_pending"] + self["comments_hidden"]

    @property
    def comments_skipped(self) -> int:
        return sum(v for k, v in self.items() if k.startswith("comments_skipped:"))

    @property
    def items_skipped(self) -> int:
        return self["skipped_page"] + self["skipped_attachment"] + self["skipped_other"] + self["skipped_trash"]


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def written_unless(dry_run: bool):
    """The block as it is (each post commits on its own), or, with ``dry_run``, in one
    transaction rolled back at the end: everything worked out, nothing written.
    Yields a dict whose "rolled_back" is True after a dry run."""
    state = {"rolled_back": False}
    if not dry_run:
        yield state
        return
    try:
        with transaction.atomic():
            yield state
            raise _Rollback
    except _Rollback:
        state["rolled_back"] = True


def export_language(site: WPSite) -> str:
    """The two-letter language of an export's ``<language>`` ("ru-RU" -> "ru"), or ""."""
    return site.language.split("-")[0].split("_")[0].lower()


def release_index(site: WPSite, locale_code: str | None, parent_slug: str | None):
    """The ReleaseIndexPage the export's posts go under; ImportProblem if there is none."""
    code = locale_code or export_language(site)
    if not code:
        raise services.ImportProblem("the export does not say its language; choose one")
    return services.find_index(services.get_locale(code), parent_slug)


def run_export(
    source,
    tally: Tally,
    *,
    locale_code: str | None = None,
    parent_slug: str | None = None,
    allow_publish: bool = True,
) -> Iterator[PostResult]:
    """Import the posts of the export ``source`` (a path or a binary file); yield a result per post.

    ``locale_code`` overrides the export's language; ``parent_slug`` picks a
    release index by slug. Raises ImportProblem before any post when there is
    no index to import into. With ``allow_publish`` False, posts published in
    WordPress become drafts (for an editor who may not publish).
    Pages, attachments, trashed posts and other item types are counted in
    ``tally`` and skipped. A broken file stops the run with ``tally.wxr_error``
    set; the posts before the break stay imported.
    """
    index = base_url = None
    authors: dict[str, str] = {}  # login -> display name; small, one row per site user
    try:
        for record in iter_wxr(source):
            if isinstance(record, WPSite):
                base_url = (record.base_site_url or record.base_blog_url or record.link).rstrip("/")
                index = release_index(record, locale_code, parent_slug)
            elif isinstance(record, WPAuthor):
                authors[record.login] = record.display_name or record.login
            elif isinstance(record, WPItem):
                result = _post(record, tally, index, base_url, authors, allow_publish)
                if result is not None:
                    yield result
            # Channel-level categories and tags (WPTerm) are not needed: each item names its own.
    except WXRError as e:
        tally["errors"] += 1
        tally.wxr_error = str(e)  # names the line ("malformed WXR at line 39, column 3: ...")


def _post(item, tally, index, base_url, authors, allow_publish) -> PostResult | None:
    kind = item.post_type
    if kind in ("page", "attachment"):
        tally[f"skipped_{kind}"] += 1
        return None
    if kind != "post":  # nav menus, revisions, custom post types
        tally["skipped_other"] += 1
        return None
    if item.status in ("trash", "auto-draft"):
        tally["skipped_trash"] += 1
        return None
    tally["posts"] += 1
    result = PostResult(item.post_id, item.title)
    try:
        with transaction.atomic():
            outcome = services.import_wp_post(
                item, index=index, base_url=base_url, author_names=authors, allow_publish=allow_publish
            )
            for comment in item.comments:
                result.comments[
                    services.import_wp_comment(comment, page=outcome.page, base_url=base_url, fallback_date=item.date)
                ] += 1
    except (services.ImportProblem, ValidationError, DatabaseError, ValueError) as e:
        tally["errors"] += 1
        result.error = str(e)
        result.comments.clear()
        return result
    result.outcome = outcome
    tally["created" if outcome.created else "updated"] += 1
    tally.update({f"comments_{k}": v for k, v in result.comments.items()})
    return result
