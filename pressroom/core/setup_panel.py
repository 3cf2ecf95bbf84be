"""The admin dashboard's "Set up your organization" panel (registered in wagtail_hooks).

A new site starts with only what ``bootstrap`` was told (often just a name).
Until the footer has what readers look for -- the name and address in every
content language, phone or e-mail -- the administrator sees, on the first
screen after logging in, what is still empty and a link to the settings
form. Once everything is filled the panel is gone.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .models import OrganizationSettings


def language_name(code: str) -> str:
    """``code``'s name in the active language (Django's own list), else the code."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def missing_settings(site) -> list[str]:
    """What the organization's settings still lack, as phrases in the active language."""
    org = OrganizationSettings.for_site(site)
    texts = {text.language: text for text in org.texts.all()}
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    missing = []
    for code in languages:
        text = texts.get(code)
        if text is None or not text.name:
            missing.append(_("name (%(language)s)") % {"language": language_name(code)})
        elif not (text.city and text.street):
            missing.append(_("address (%(language)s)") % {"language": language_name(code)})
    if not org.postal_code and any(texts.get(code) and texts[code].street for code in languages):
        missing.append(_("postal code"))
    if not (org.phone or org.email):
        missing.append(_("phone number or e-mail address"))
    return missing


class OrganizationSetupPanel(Component):
    order = 50  # before the pending comments (90)
    template_name = "core/admin/setup_panel.html"

    def __init__(self, site, missing):
        self.site, self.missing = site, missing

    def get_context_data(self, parent_context=None):
        return {
            "missing": self.missing,
            "edit_url": reverse("wagtailsettings:edit", args=["core", "organizationsettings", self.site.pk]),
        }


def setup_panel(request):
    """The panel for this request, or None (all filled, no site, or the user may not change settings)."""
    if not request.user.has_perm("core.change_organizationsettings"):
        return None
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    missing = missing_settings(site)
    return OrganizationSetupPanel(site, missing) if missing else None
