"""Saving an accepted comment: one place for the form view and the API."""

from django.db import transaction

from . import conf
from .models import Comment, Status
from .pipeline import text_fingerprint
from .signals import comment_posted


def save_comment(form, source, request=None):
    """Create the Comment of a valid ``CommentForm``; returns it."""
    draft = form.draft
    with transaction.atomic():
        comment = Comment.objects.create(
            page=form.page,
            name=draft.name,
            email=draft.email,
            text=draft.text,
            status=Status.PENDING if conf.get("PREMODERATE") else Status.APPROVED,
            created_at=draft.now,
            ip_hash=draft.address_hash,
            text_hash=text_fingerprint(draft.text),
            source=source,
        )
        comment_posted.send(sender=Comment, comment=comment, request=request)
    return comment
