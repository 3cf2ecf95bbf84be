"""The admin's "Import from WordPress": upload an export, see what importing it would do, import.

Two URLs:

* ``import/wordpress/`` -- the upload form (:class:`~.forms.WordPressForm`).
  The export is kept as a :class:`~.models.WordPressUpload` row and the editor
  is sent to its preview. "Import release" sends a WordPress export here too.
* ``import/wordpress/<token>/`` -- GET: the preview, a dry run of
  :func:`.wxr_import.run_export` (the run of ``pressroom import_wordpress``)
  rolled back at the end: one row per post with "would create"/"would update",
  its public address, state and comments. POST: the import itself, the same
  run committed; the rows then link to each page's editor.

Who may do it: editors who may add pages under the release index the posts go
to. Posts published in WordPress are published only for editors who may
publish there; for others they become drafts, and the preview says so.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import WordPressExport, WordPressForm
from .models import WordPressUpload
from .views import can_import
from .wordpress import WPSite, WXRError, iter_wxr
from .wxr_import import Tally, export_language, release_index, run_export, written_unless

SHOWN = 500  # rows listed; a larger export is counted in full


def keep_upload(request, export: WordPressExport, locale_code: str = "") -> WordPressUpload:
    """Store an uploaded export for its preview and import; drop day-old ones."""
    WordPressUpload.forget_old()
    return WordPressUpload.objects.create(
        user=request.user, name=export.name[:255], locale_code=locale_code, data=export.data
    )


COMMENT_LABELS = {
    "approved": gettext_lazy("approved"),
    "pending": gettext_lazy("awaiting moderation"),
    "hidden": gettext_lazy("hidden (links)"),
    "exists": gettext_lazy("imported before"),
}


def _row(result, *, dry_run: bool) -> dict:
    """One post of the report, as the template shows it (worked out before a rollback)."""
    row = {"post_id": result.post_id, "title": result.title or _("(no title)"), "error": result.error}
    outcome = result.outcome
    if outcome is None:
        return row
    page = outcome.page
    if outcome.published:
        state = _("published")
    elif page.live:
        state = _("new draft revision (the live version is unchanged)")
    else:
        state = _("draft")
    comments = []
    for key, n in sorted(result.comments.items()):
        label = COMMENT_LABELS.get(key) or _("skipped (%(reason)s)") % {"reason": key.partition(":")[2] or key}
        comments.append(f"{n} {label}")
    row.update(
        created=outcome.created,
        state=state,
        url=services.public_url(page),
        edit_url=None if dry_run else reverse("wagtailadmin_pages:edit", args=[page.pk]),
        comments=comments,
        warnings=[services.translated(warning) for warning in outcome.warnings],
        author=outcome.author.name if outcome.author else "",
    )
    return row


class WordPressImportMixin(WagtailAdminTemplateMixin):
    page_title = gettext_lazy("Import from WordPress")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            return TemplateResponse(request, "importer/forbidden.html", self.get_context_data(), status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class WordPressUploadView(WordPressImportMixin, View):
    template_name = "importer/import_wordpress.html"

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=WordPressForm()))

    def post(self, request):
        form = WordPressForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        language = form.cleaned_data["language"]
        upload = keep_upload(request, form.cleaned_data["file"], "" if language == "auto" else language)
        return redirect("pressroom_import_wordpress_preview", upload.token)


class WordPressPreviewView(WordPressImportMixin, View):
    template_name = "importer/import_wordpress.html"

    def upload(self, token) -> WordPressUpload:
        upload = WordPressUpload.objects.filter(token=token, user=self.request.user).first()
        if upload is None:  # imported already, a day old, or someone else's
            raise Http404
        return upload

    def get(self, request, token):
        return self.run(self.upload(token), dry_run=True)

    def post(self, request, token):
        upload = self.upload(token)
        response = self.run(upload, dry_run=False)
        if response.context_data.get("done"):
            upload.delete()
        return response

    def index_and_rights(self, upload):
        """``(index, may_publish)`` for this export and editor; PermissionDenied or ImportProblem."""
        site = None
        try:
            for record in iter_wxr(io.BytesIO(bytes(upload.data))):
                if isinstance(record, WPSite):
                    site = record
                break
        except WXRError:
            pass  # the run reports it with its line
        if site is None:
            raise services.ImportProblem(_("This file is not a WordPress export."))
        index = release_index(site, upload.locale_code or None, None)
        permissions = index.permissions_for_user(self.request.user)
        if not permissions.can_add_subpage():
            raise PermissionDenied(_("You may not add pages under “%(parent)s”.") % {"parent": index.title})
        return index, site, permissions.can_publish_subpage()

    def run(self, upload, *, dry_run: bool):
        context = {"upload": upload, "dry_run": dry_run, "form": None}
        try:
            index, site, may_publish = self.index_and_rights(upload)
        except (services.ImportProblem, PermissionDenied) as e:
            context["problem"] = str(e)
            context["export_language"] = ""
            return self.render_to_response(self.get_context_data(**context))
        tally, rows = Tally(), []
        with written_unless(dry_run):  # rows are worked out before a rollback
            for result in run_export(
                io.BytesIO(bytes(upload.data)),
                tally,
                locale_code=index.locale.language_code,
                parent_slug=index.slug,
                allow_publish=may_publish,
            ):
                if len(rows) < SHOWN:
                    rows.append(_row(result, dry_run=dry_run))
        context.update(
            rows=rows,
            # A plain dict: the template language would look a Counter's properties up as missing keys (0).
            tally={
                **{k: tally[k] for k in ("posts", "created", "updated", "errors")},
                "comments_imported": tally.comments_imported,
                "comments_skipped": tally.comments_skipped,
                "items_skipped": tally.items_skipped,
                "wxr_error": tally.wxr_error,
            },
            more=max(0, tally["posts"] - len(rows)),
            index=index,
            index_url=services.public_url(index),
            language=index.locale.get_display_name(),
            export_language=export_language(site),
            may_publish=may_publish,
            done=not dry_run,
        )
        if not dry_run:
            messages.success(
                self.request,
                _("Imported “%(name)s”: %(created)s release(s) created, %(updated)s updated.")
                % {"name": upload.name, "created": tally["created"], "updated": tally["updated"]},
            )
        return self.render_to_response(self.get_context_data(**context))
