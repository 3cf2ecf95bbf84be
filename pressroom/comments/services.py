"""Saving an accepted comment: one place for the form view and the API."""

from django.db import IntegrityError, transaction

from . import conf, limits
from .models import Comment, Status
from .pipeline import Refused, _rate_refusal, text_fingerprint
from .signals import comment_posted


class _OverLimit(Exception):
    pass


def live_release(page_id):
    """The live, public release ``page_id`` (with its locale), or None — memoised per
    site generation (``core.derived``), since publishing, unpublishing and view
    restrictions all bump it: every post and token request asked the database twice."""
    from pressroom.core import derived
    from pressroom.releases.models import PressReleasePage

    return derived.memo(
        "live_release",
        page_id,
        lambda: PressReleasePage.objects.live().public().select_related("locale").filter(pk=page_id).first(),
    )


def save_comment(form, source, request=None):
    """Save the comment of a valid ``CommentForm``; returns ``(comment, created)``.

    An exact resubmission by the same reader (found by the pipeline, or racing
    this one into the database) returns the comment already saved with
    ``created=False``. Raises :class:`~comments.pipeline.Refused` when an
    accepted-comment limit was passed meanwhile; nothing is saved or counted then.
    """
    draft = form.draft
    if draft.existing is not None:
        return draft.existing, False
    held = draft.held or {}
    text_hash = text_fingerprint(draft.text)
    bucket = int(draft.now.timestamp()) // conf.get("DUPLICATE_WINDOW")
    try:
        with transaction.atomic():
            # The comment first: a concurrent identical post of this reader fails
            # here on the unique constraint, before it spends any allowance.
            comment = Comment.objects.create(
                page=form.page,
                name=draft.name,
                email=draft.email,
                text=draft.text,
                status=Status.PENDING if conf.get("PREMODERATE") or held else Status.APPROVED,
                created_at=draft.now,
                ip_hash=draft.address_hash,
                text_hash=text_hash,
                source=source,
                held_reason=held.get("reason", ""),
                held_spans=held.get("spans", []),
                reader_key=draft.reader_key,
                dedupe_bucket=bucket,
            )
            retry = limits.spend(draft)
            if retry is not None:
                raise _OverLimit(retry)
            comment_posted.send(sender=Comment, comment=comment, request=request)
    except _OverLimit as over:
        raise Refused(_rate_refusal(over.args[0])) from None
    except IntegrityError:
        earlier = Comment.objects.filter(
            page=form.page, reader_key=draft.reader_key, text_hash=text_hash, dedupe_bucket=bucket
        ).first()
        if earlier is None:
            raise
        return earlier, False
    return comment, True
