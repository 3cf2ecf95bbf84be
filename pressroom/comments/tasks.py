"""Background work: telling moderators about new comments.

Runs as a django-tasks task, queued in the database (django-tasks-db) after the
comment's transaction commits and sent by ``pressroom db_worker`` — so the
reader never waits for SMTP. Tests use the immediate backend.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task

from . import conf
from .moderation import list_url

logger = logging.getLogger("pressroom.comments")


def moderator_addresses():
    addresses = conf.get("NOTIFY")
    if addresses is None:
        addresses = list(
            get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="").values_list("email", flat=True)
        )
    return addresses


@task()
def notify_moderators(comment_id):
    from .models import Comment

    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    recipients = moderator_addresses()
    if comment is None or not recipients:
        return 0
    subject = _("New comment on “%(title)s”") % {"title": comment.page.title}
    body = "\n\n".join(
        [
            f"{comment.name} ({comment.get_status_display()}):",
            comment.text,
            # The admin's list, showing this comment alone (with its row actions).
            settings.WAGTAILADMIN_BASE_URL.rstrip("/") + list_url(comment=comment.pk),
        ]
    )
    return send_mail(subject, body, None, recipients, fail_silently=False)


def enqueue_notification(comment_id):
    try:
        notify_moderators.enqueue(comment_id)
    except Exception:  # mail trouble must never lose or fail an accepted comment
        logger.exception("Couldn't notify moderators of comment %s", comment_id)
