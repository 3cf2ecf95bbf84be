"""The "Import release" item of Wagtail's admin menu and its URL (see :mod:`.views`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ImportReleaseView, can_import


class ImportMenuItem(MenuItem):
    # Shown only to editors who may add pages; the view checks the same (403).
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    # Wagtail wraps these in its admin-access check (login, then the editor's language).
    return [path("import/release/", ImportReleaseView.as_view(), name="pressroom_import_release")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import release"), reverse("pressroom_import_release"), name="import-release", icon_name="download", order=210
    )
