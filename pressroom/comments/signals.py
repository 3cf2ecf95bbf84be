"""Signals of the comments app and the handlers this app connects itself.

``comment_posted(sender=Comment, comment, request)``
    Sent after a reader's comment passed the pipeline and was saved (approved
    or pending). Moderator notification listens to it.

On every save or delete of a Comment the release's ``Thread`` version goes up in
the same transaction (cached lists and pages keyed by it are stale at once), and
after commit the release is purged from the front cache, if one is configured.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import cache as comment_cache
from .models import Comment, Thread

logger = logging.getLogger("pressroom.comments")

comment_posted = Signal()


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance, origin=None, **kwargs):
    if origin is not None and getattr(origin, "model", type(origin)) is not Comment:
        return  # the release itself is being deleted; its thread goes with it
    Thread.bump(instance.page_id)
    comment_cache.purge_release(instance.page_id)


@receiver(comment_posted)
def notify_moderators(sender, comment, **kwargs):
    from . import conf, tasks

    if conf.get("NOTIFY_ENABLED"):
        transaction.on_commit(lambda: tasks.enqueue_notification(comment.pk))
