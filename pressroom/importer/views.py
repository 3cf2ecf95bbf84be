"""The admin's "Import release": paste or upload, review and correct, create a draft.

One URL, three POST actions (the ``action`` button):

* ``preview`` -- :class:`~.forms.SourceForm` parses the text or file with the
  parser of ``pressroom import_release``; the page shows what it understood
  and a :class:`~.forms.ReviewForm` prefilled from it;
* ``recheck`` -- the corrected review form is shown again with its summary
  (dateline, address of the page, warnings) worked out from the corrections;
* ``create`` -- :func:`.services.import_parsed_release`, the command's own
  function, creates the draft (or a new draft revision of a release imported
  before) and the editor lands in Wagtail's page editor.

Nothing is written before ``create``. Editors need the permission to add
pages somewhere (the menu item is hidden otherwise) and, on ``create``, to add
a page under the release index the draft goes to.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from pressroom.core.datelines import format_dateline
from pressroom.core.models import DatelineOrder, Era
from pressroom.releases.models import Kicker

from . import services
from .forms import ReviewForm, SourceForm


def can_import(user) -> bool:
    """Whether ``user`` may use the import at all: they can add pages somewhere."""
    return PagePermissionPolicy().user_has_permission(user, "add")


def _field_labels():
    return {name: ReviewForm.base_fields[name].label for name in ReviewForm.CONTACT}


def review_warnings(parsed, dest, site, *, kicker_as_written=None) -> list[str]:
    """What the editor should look at before creating the draft, in their language.

    ``parsed`` is the parser's result (first preview) or the corrected form's;
    ``dest`` the :class:`~.services.Destination` (None if there is none).
    """
    warnings = []
    if kicker_as_written and services.kicker_for(kicker_as_written)[1]:
        warnings.append(
            _("The kicker “%(kicker)s” is not one of ours: “Press release” is chosen; change it if needed.")
            % {"kicker": kicker_as_written}
        )
    if not parsed.title:
        warnings.append(_("No title was found: write one."))
    if not parsed.author_name:
        warnings.append(_("No signatory was found (a name on its own line under the title)."))
    elif not parsed.author_position:
        warnings.append(_("The signatory's position was not found."))
    if not parsed.body:
        warnings.append(_("No body text was found."))
    if not parsed.release_date:
        warnings.append(_("No dateline was found: the release date is today; check it."))
    elif not parsed.dateline_place:
        warnings.append(_("The dateline has no place."))
    differences = services.contact_differences(parsed, site)
    if differences:
        labels = _field_labels()
        fields = "; ".join(
            _("%(field)s “%(release)s” (settings: “%(settings)s”)")
            % {"field": labels[name], "release": ours, "settings": theirs}
            for name, ours, theirs in differences
        )
        warnings.append(
            _(
                "The contact block differs from the organization's settings: %(fields)s. "
                "The import keeps the settings; change them under Settings → Organization if the release is right."
            )
            % {"fields": fields}
        )
    if dest is not None and not dest.created:
        warnings.append(
            _("This release was imported before: creating saves a new draft revision of “%(title)s”.")
            % {"title": dest.page.title}
        )
    return warnings


class ImportReleaseView(WagtailAdminTemplateMixin, View):
    template_name = "importer/import_release.html"
    page_title = gettext_lazy("Import release")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            return self.forbidden()
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return self.forbidden()

    def forbidden(self):
        # A 403 page of our own: Wagtail's admin turns PermissionDenied into a
        # redirect to the dashboard, which hides from the editor why.
        context = self.get_context_data()
        return TemplateResponse(self.request, "importer/forbidden.html", context, status=403)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request):
        return self.render(SourceForm())

    def post(self, request):
        action = request.POST.get("action")
        if action == "preview":
            source = SourceForm(request.POST, request.FILES)
            if not source.is_valid():
                return self.render(source)
            if "wordpress" in source.cleaned_data:
                # A whole export: "Import from WordPress" previews and imports it.
                from .wordpress_views import keep_upload

                language = source.cleaned_data["language"]
                upload = keep_upload(request, source.cleaned_data["wordpress"], "" if language == "auto" else language)
                return redirect("pressroom_import_wordpress_preview", upload.token)
            parsed = source.cleaned_data["parsed"]
            review = ReviewForm(initial=ReviewForm.initial_from(parsed, source.cleaned_data["text"]))
            # The parser's notes are English text that knows its message: shown in the editor's language.
            notes = [services.translated(note) for note in parsed.warnings]
            return self.render(source, review, parsed, parser_notes=notes, kicker_as_written=parsed.kicker)

        review = ReviewForm(request.POST)
        source = SourceForm(initial={"text": request.POST.get("source_text", "")})
        if not review.is_valid():
            return self.render(source, review)
        parsed = review.to_parsed()
        translation_of = review.cleaned_data["translation_of"]
        if action != "create":
            return self.render(source, review, parsed, kicker_as_written=review.cleaned_data["kicker_as_written"])
        try:
            dest = services.destination(parsed, translation_of=translation_of)
        except services.ImportProblem as e:
            review.add_error(None, services.translated(e))
            return self.render(source, review, parsed)
        # An editor may be allowed to add pages in one part of the tree only
        # (say, the Russian releases): a form error, so nothing typed is lost.
        if dest.created and not dest.parent.permissions_for_user(request.user).can_add_subpage():
            review.add_error(None, _("You may not add pages under “%(parent)s”.") % {"parent": dest.parent.title})
            return self.render(source, review, parsed)
        if not dest.created and not dest.page.permissions_for_user(request.user).can_edit():
            review.add_error(None, _("You may not edit “%(page)s”, which this release would update.") % {"page": dest.page.title})
            return self.render(source, review, parsed)
        try:
            with transaction.atomic():
                outcome = services.import_parsed_release(parsed, translation_of=translation_of)
        except services.ImportProblem as e:  # e.g. a translation made meanwhile
            review.add_error(None, services.translated(e))
            return self.render(source, review, parsed)
        message = (
            _("“%(title)s” imported as a draft at %(url)s.")
            if outcome.created
            else _("“%(title)s” was imported before: saved a new draft revision at %(url)s.")
        )
        messages.success(request, message % {"title": outcome.page.title, "url": outcome.url})
        return redirect("wagtailadmin_pages:edit", outcome.page.pk)

    def render(self, source, review=None, parsed=None, parser_notes=(), kicker_as_written=None):
        context = self.get_context_data(source=source, review=review, parser_notes=parser_notes)
        context["action_url"] = reverse("pressroom_import_release")
        if parsed is not None:
            context["summary"] = self.summary(parsed, review, kicker_as_written)
        return self.render_to_response(context)

    def summary(self, parsed, review, kicker_as_written):
        """What the importer understood, for the preview: each part, where the page goes, warnings."""
        translation_of = review.cleaned_data.get("translation_of") if review.is_bound and review.is_valid() else None
        dest = problem = None
        try:
            dest = services.destination(parsed, translation_of=translation_of)
        except services.ImportProblem as e:
            problem = services.translated(e)
        site = dest.parent.get_site() if dest is not None else None
        org = services.organization_settings(site)
        kicker, _warning = services.kicker_for(parsed.kicker)
        date = datetime.date.fromisoformat(parsed.release_date) if parsed.release_date else None
        contact = parsed.contact
        labels = _field_labels()
        return {
            "kicker": Kicker(kicker).label,
            "title": parsed.title,
            "author_name": parsed.author_name,
            "author_position": parsed.author_position,
            "author_organization": parsed.author_organization,
            "body": parsed.body,
            # In the order the organization's settings give (the era is the release's own).
            "dateline": format_dateline(
                parsed.dateline_place,
                date,
                parsed.dateline_locale or parsed.locale,
                parsed.era,
                org.dateline_order if org is not None else DatelineOrder.LANGUAGE,
            )
            if date
            else None,
            "era": Era(parsed.era).label if parsed.era in Era.values else parsed.era,
            "contact": [(labels[name], getattr(contact, name)) for name in ReviewForm.CONTACT if getattr(contact, name)],
            "destination": dest,
            "problem": problem,
            "warnings": review_warnings(parsed, dest, site, kicker_as_written=kicker_as_written),
        }
