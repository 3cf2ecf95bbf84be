"""Signals of the comments app and the handlers this app connects itself.

``comment_posted(sender=Comment, comment, request)``
    Sent after a reader's comment passed the pipeline and was saved (approved
    or pending). Moderator notification listens to it.

On every save or delete of a Comment the comment fragment cache of its release
is dropped and the release URLs are purged from the front-end cache.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import cache as comment_cache
from .models import Comment

logger = logging.getLogger("pressroom.comments")

comment_posted = Signal()


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance, **kwargs):
    # Now, so this request's own next render is fresh; and again after commit,
    # in case another request cached the old list in between.
    comment_cache.drop_fragments(instance.page_id)
    transaction.on_commit(lambda: comment_cache.page_changed(instance.page_id))


@receiver(comment_posted)
def notify_moderators(sender, comment, **kwargs):
    from . import conf, tasks

    if conf.get("NOTIFY_ENABLED"):
        transaction.on_commit(lambda: tasks.enqueue_notification(comment.pk))
