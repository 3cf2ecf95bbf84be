"""The "Comments" area of Wagtail's admin: list, filters, search, bulk actions,
and the pending count on the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Comment, Status


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "text", "page", "status", "created_at", "source"]
    list_filter = {"status": ["exact"], "page": ["exact"], "created_at": ["gte", "lte"], "source": ["exact"]}
    search_fields = ["text", "name"]
    search_backend_name = None  # plain database search over text and name
    ordering = ["-created_at"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "email", "text", "status", "moderation_note", "created_at"]


register_snippet(CommentViewSet)


class SetStatusBulkAction(SnippetBulkAction):
    """Set the status of the selected comments (approve, hide, mark spam)."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_status.html"
    status = None

    def check_perm(self, obj):
        return self.request.user.has_perm("comments.change_comment")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = 0
        for comment in objects:  # one save each, so signals drop caches of each release
            if comment.status != cls.status:
                comment.status = cls.status
                comment.save(update_fields=["status"])
                count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment set to “%(status)s”.", "%(count)d comments set to “%(status)s”.", num_parent_objects
        ) % {"count": num_parent_objects, "status": Status(self.status).label}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        return context


@hooks.register("register_bulk_action")
class ApproveBulkAction(SetStatusBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    status = Status.APPROVED


@hooks.register("register_bulk_action")
class HideBulkAction(SetStatusBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide selected comments")
    action_priority = 20
    status = Status.HIDDEN


@hooks.register("register_bulk_action")
class SpamBulkAction(SetStatusBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 25
    status = Status.SPAM


class PendingCommentsPanel(Component):
    order = 90
    template_name = "comments/admin/pending_panel.html"

    def get_context_data(self, parent_context=None):
        return {"pending": Comment.objects.pending().count(), "listing": reverse("wagtailsnippets_comments_comment:list")}


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    panels.append(PendingCommentsPanel())
