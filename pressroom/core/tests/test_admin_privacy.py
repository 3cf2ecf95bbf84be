"""The admin sends nothing about editors to outside servers (README "Security")."""

import re

import pytest
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

# Wagtail's own help links are plain links an editor may follow; nothing else
# outside this site may appear in an admin page.
HELP_LINKS = {"https://guide.wagtail.org", "https://www.enable-javascript.com"}


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-long-enough-123")


def test_avatars_are_not_fetched_from_gravatar(editor):
    url = avatar_url(editor)
    assert "gravatar" not in url
    assert url.startswith("/static/")


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/"])
def test_admin_pages_reference_no_outside_server(client, sample, editor, path):
    client.force_login(editor)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode().replace("\\/", "/")
    assert "gravatar" not in html
    assert 'data-controller="w-upgrade' not in html  # the releases.wagtail.org check
    hosts = set(re.findall(r"https?://[a-z0-9.-]+", html)) - HELP_LINKS
    assert hosts <= {"http://127.0.0.1", "http://127.0.0.1:8000", "http://localhost"}, hosts
