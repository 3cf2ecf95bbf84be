"""The "Comments" area of Wagtail's admin: the list (pending first, filters with
counts, the held words highlighted), approve / hide / spam on each row and in
bulk, and the pending count on the dashboard. Comments come from readers: there
is no "Add comment", and where one came from is not editable."""

import django_filters
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from . import moderation
from .models import Comment, HeldReason, Status


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Moderators change and delete comments; nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Comment, CommentPermissionPolicy(Comment))


def _with_counts(choices, counts):
    return [(value, f"{label} ({counts.get(value, 0)})") for value, label in choices]


class CommentFilterSet(WagtailFilterSet):
    """Filters with the number of comments behind each choice."""

    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    held_reason = django_filters.ChoiceFilter(label=_("held for review"), choices=HeldReason.choices)
    page = django_filters.ChoiceFilter(label=_("release"), choices=[])
    comment = django_filters.NumberFilter(field_name="pk", label=_("comment number"))
    created_at = django_filters.DateFromToRangeFilter(label=_("posted"))
    source = django_filters.ChoiceFilter(label=_("source"), choices=Comment._meta.get_field("source").choices)

    class Meta:
        model = Comment
        fields = ["status", "held_reason", "page", "comment", "created_at", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        by_status = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("pk")))
        self.filters["status"].extra["choices"] = _with_counts(Status.choices, by_status)
        by_reason = dict(
            Comment.objects.exclude(held_reason="").order_by()
            .values_list("held_reason").annotate(n=Count("pk"))
        )
        self.filters["held_reason"].extra["choices"] = _with_counts(HeldReason.choices, by_reason)
        # Releases that have comments, those with the most waiting first.
        from pressroom.releases.models import PressReleasePage

        releases = (
            PressReleasePage.objects.filter(comments__isnull=False)
            .annotate(waiting=Count("comments", filter=Q(comments__status=Status.PENDING)), total=Count("comments"))
            .order_by("-waiting", "title")
            .values_list("pk", "title", "waiting", "total")
        )
        self.filters["page"].extra["choices"] = [
            (pk, _("%(title)s (%(waiting)d waiting of %(total)d)") % {"title": title, "waiting": waiting, "total": total})
            for pk, title, waiting, total in releases
        ]


class CommentIndexView(IndexView):
    def get_add_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_strings"] = {
            "SINGULAR": str(_("1 comment selected")),
            "PLURAL": str(_("%(objects)s comments selected")),
            "ALL": str(_("All %(objects)s comments on this screen selected")),
            "ALL_IN_LISTING": str(_("All comments in listing selected")),
        }
        return context

    def order_queryset(self, queryset):
        """Pending first (those waiting longest at the top), then the newest."""
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        waiting = Case(When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
        return queryset.annotate(_waiting=waiting).order_by("_waiting", "-created_at", "-pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm("comments.change_comment"):
            return buttons
        labels = {"approve": _("Approve"), "hide": _("Hide"), "spam": _("Mark as spam")}
        icons = {"approve": "check", "hide": "view", "spam": "warning"}
        for priority, (action, status) in enumerate(moderation.ACTIONS.items()):
            if instance.status == status:
                continue
            attrs = {
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": reverse("comments_moderate", args=(instance.pk, action)),
                "aria-label": f"{labels[action]}: {instance.name}",
            }
            if action == "approve" and instance.status == Status.PENDING:
                # The common case gets a button of its own on the row.
                buttons.append(ListingButton(labels[action], icon_name=icons[action], attrs=attrs, priority=1))
            else:
                buttons.append(Button(labels[action], icon_name=icons[action], attrs=attrs, priority=5 + priority))
        return buttons


class CommentInspectView(InspectView):
    """The whole text and name, with the words that held the comment marked."""

    def get_text_display_value(self):
        return self.object.marked_text(limit=None)

    def get_name_display_value(self):
        from .utils import mark_spans

        return mark_spans(self.object.name, [s for s in self.object.held_spans or [] if s.get("field") == "name"])


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    index_template_name = "comments/admin/index.html"
    filterset_class = CommentFilterSet
    list_display = ["name", "marked_text", "page", "status", "held_reason", "created_at", "source"]
    search_fields = ["text", "name"]
    search_backend_name = None  # plain database search over text and name
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["name", "email", "text", "page", "status", "held_reason", "created_at", "source"]
    # What a moderator may change (SnippetViewSet ignores form_fields; panels it reads).
    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("text"), FieldPanel("status"), FieldPanel("moderation_note")]


register_snippet(CommentViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("comments/<int:pk>/<slug:action>/", moderation.set_status, name="comments_moderate")]


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


# After Wagtail's own (order=1): the same action, in the words of this list.
@hooks.register("register_bulk_action", order=1)
class DeleteCommentsBulkAction(DeleteBulkAction):
    models = [Comment]
    aria_label = _("Delete selected comments")


class PendingCommentsPanel(Component):
    order = 90
    template_name = "comments/admin/pending_panel.html"

    def get_context_data(self, parent_context=None):
        return {"pending": Comment.objects.pending().count(), "listing": moderation.list_url()}


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    panels.append(PendingCommentsPanel())
