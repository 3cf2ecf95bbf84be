"""Moderating one comment from its row in the admin's list: approve, hide, spam.

The row's buttons POST here (Wagtail's ``w-action`` controller sends the admin's
CSRF token and the list's address as ``next``); the list comes back as it was,
filters and page included, with a message naming the comment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Comment, Status

# URL word -> the status it sets.
ACTIONS = {"approve": Status.APPROVED, "hide": Status.HIDDEN, "spam": Status.SPAM}

LIST_URL_NAME = "wagtailsnippets_comments_comment:list"


def list_url(**filters):
    """The admin's comment list, e.g. ``list_url(comment=7)`` shows comment 7 alone."""
    url = reverse(LIST_URL_NAME)
    if filters:
        from urllib.parse import urlencode

        url += "?" + urlencode(filters)
    return url


@require_POST
def set_status(request, pk, action):
    if action not in ACTIONS:
        raise PermissionDenied
    if not request.user.has_perm("comments.change_comment"):
        raise PermissionDenied
    comment = get_object_or_404(Comment, pk=pk)
    status = ACTIONS[action]
    if comment.status != status:
        comment.status = status
        comment.save(update_fields=["status"])  # signals drop the release's caches
    messages.success(
        request,
        _("Comment by %(name)s set to “%(status)s”.") % {"name": comment.name, "status": Status(status).label},
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = list_url()
    return redirect(back)
