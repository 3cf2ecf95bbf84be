"""The "Import release" and "Import from WordPress" items of Wagtail's admin menu and their URLs
(see :mod:`.views` and :mod:`.wordpress_views`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ImportReleaseView, can_import
from .wordpress_views import WordPressPreviewView, WordPressUploadView


class ImportMenuItem(MenuItem):
    # Shown only to editors who may add pages; the view checks the same (403).
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    # Wagtail wraps these in its admin-access check (login, then the editor's language).
    return [
        path("import/release/", ImportReleaseView.as_view(), name="pressroom_import_release"),
        path("import/wordpress/", WordPressUploadView.as_view(), name="pressroom_import_wordpress"),
        path(
            "import/wordpress/<str:token>/", WordPressPreviewView.as_view(), name="pressroom_import_wordpress_preview"
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import release"), reverse("pressroom_import_release"), name="import-release", icon_name="download", order=210
    )


@hooks.register("register_admin_menu_item")
def register_wordpress_menu_item():
    return ImportMenuItem(
        _("WordPress import"),
        reverse("pressroom_import_wordpress"),
        name="import-wordpress",
        icon_name="download",
        order=211,
    )
