"""The dashboard's "Set up your organization" panel: shown to those who may change the settings, until they are filled."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site
from wagtail.users.models import UserProfile

from pressroom.core.models import OrganizationSettings


def admin_client(client, *, superuser=True, language=None, groups=()):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    else:
        user = User.objects.create_user("ed", "ed@example.org", "pw")
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    client.force_login(user)
    return client


def panel(response):
    html = response.content.decode()
    start = html.find("data-organization-setup")
    return "" if start < 0 else html[start : html.find("</section>", start)]


def test_new_site_with_a_name_only_is_asked_for_the_rest(client, fresh_site, settings, tmp_path):
    call_command("bootstrap", "--no-sample", "--organization", "Harbour Friends", stdout=io.StringIO())
    shown = panel(admin_client(client).get("/admin/"))
    assert "Set up your organization" in shown
    assert "address (English)" in shown
    assert "phone number or e-mail address" in shown
    assert "/admin/settings/core/organizationsettings/" in shown


def test_gone_once_filled(client, fresh_site, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]
    call_command(
        "bootstrap", "--no-sample", "--organization", "Harbour Friends", "--city", "Lindenburg",
        "--street", "1 Quay Road", "--postal-code", "12345", "--phone", "+1 555 0100", stdout=io.StringIO(),
    )
    site = Site.objects.get(is_default_site=True)
    assert OrganizationSettings.for_site(site).phone
    assert panel(admin_client(client).get("/admin/")) == ""


def test_not_shown_to_editors_who_cannot_change_settings(client, fresh_site):
    call_command("bootstrap", "--no-sample", "--organization", "Harbour Friends", stdout=io.StringIO())
    response = admin_client(client, superuser=False, groups=["Editors"]).get("/admin/")
    assert response.status_code == 200 and panel(response) == ""


def test_in_the_administrators_language(client, fresh_site):
    call_command("bootstrap", "--no-sample", "--organization", "Harbour Friends", stdout=io.StringIO())
    shown = panel(admin_client(client, language="ru").get("/admin/"))
    assert "Сведения об организации" in shown and "адрес (Английский)" in shown
