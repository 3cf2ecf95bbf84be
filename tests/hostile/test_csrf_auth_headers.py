"""CSRF refusals, admin brute force lockout, security headers, `check --deploy`."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pressroom.comments.models import Comment


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")


# --- CSRF ------------------------------------------------------------------------

CSRF_TEXT = {
    "en": ("Please send it again", "Leave a comment"),
    "ru": ("Пожалуйста, отправьте ещё раз", "Оставить комментарий"),
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("how", ["missing", "wrong"])
def test_csrf_failure_is_friendly_translated_and_keeps_the_text(csrf_client, release, release_ru, token, language, how):
    page = release if language == "en" else release_ru
    csrf_client.get(page.url)  # sets the csrftoken cookie, as a browser would
    fields = {"name": "Olga <b>", "email": "", "text": "My careful words\nsecond line <i>", "token": token, "website": ""}
    if how == "wrong":
        fields["csrfmiddlewaretoken"] = "x" * 64
    else:
        csrf_client.cookies.clear()
    response = csrf_client.post(f"/{language}/comments/post/{page.pk}/", fields)
    html = response.content.decode()
    assert response.status_code == 403
    title, button = CSRF_TEXT[language]
    assert title in html and button in html
    assert f'<html lang="{language}">' in html
    assert "My careful words\nsecond line &lt;i&gt;</textarea>" in html  # no-JS path: nothing typed is lost
    assert 'value="Olga &lt;b&gt;"' in html
    assert not Comment.objects.filter(name__startswith="Olga").exists()


def test_csrf_failure_on_api_is_json(csrf_client, release, token):
    csrf_client.get(release.url)
    response = csrf_client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": "R", "text": "Fine.", "token": token}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN="wrong" * 10,
    )
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "csrf"


def test_api_with_right_csrf_header_works(csrf_client, release, token):
    csrf_client.get(release.url)
    response = csrf_client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": "R", "text": "Fine words.", "token": token}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf_client.cookies["csrftoken"].value,
    )
    assert response.status_code == 201


# --- admin login brute force (django-axes) -------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "e@example.org", "right-password-42")


def login(client, password, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_sixth_attempt_is_locked_even_with_the_right_password(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for attempt in range(1, 6):
        response = login(client, "wrong-password")
        # The login form again, with an error; the 5th failure already answers "locked".
        assert response.status_code == (200 if attempt < 5 else 429), (attempt, response.status_code)
        assert "_auth_user_id" not in client.session
    response = login(client, "right-password-42")
    assert response.status_code in (403, 429), response.status_code
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_lockout_is_per_username_and_address(client, editor):
    for _ in range(5):
        login(client, "wrong-password")
    other = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="10.9.8.7")
    response = login(other, "right-password-42")
    assert response.status_code == 302  # another address is not locked out
    assert "_auth_user_id" in other.session


def test_fewer_failures_then_success_logs_in_and_resets(client, editor):
    from axes.models import AccessAttempt

    for _ in range(4):
        login(client, "wrong-password")
    response = login(client, "right-password-42")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor", failures_since_start__gt=0).exists()


def test_lockout_is_kept_in_the_database_every_app_server_shares(client, editor):
    """Failures are counted in the database, not in one server's memory or cache:
    a lockout survives a cache flush and holds for a client of another server."""
    from axes.models import AccessAttempt
    from django.core.cache import caches

    for _ in range(5):
        login(client, "wrong-password")
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start == 5
    for cache in caches.all():
        cache.clear()
    # Same username and address, a new connection with no session or cookie.
    fresh = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=attempt.ip_address)
    response = login(fresh, "right-password-42")
    assert response.status_code in (403, 429), response.status_code
    assert "_auth_user_id" not in fresh.session


# --- headers ---------------------------------------------------------------------------


def test_public_pages_have_strict_csp_and_headers(client, release):
    for url in (release.url, "/en/", "/ru/search/?q=x", f"/api/releases/{release.pk}/comments/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert directives["frame-ancestors"] == "'none'"
        assert directives["default-src"] == "'self'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_public_templates_have_no_inline_script(client, release, token):
    from html.parser import HTMLParser

    class Scripts(HTMLParser):
        inline = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "script" and not a.get("src") and a.get("type") not in ("application/json", "application/ld+json"):
                self.inline.append(a)
            if any(name.startswith("on") or name == "style" for name, _ in attrs):
                self.inline.append((tag, a))

    refused = client.post(f"/en/comments/post/{release.pk}/", {"name": "R", "text": "see example dot com", "token": token})
    for html in (client.get(release.url).content.decode(), refused.content.decode(), client.get("/ru/").content.decode()):
        parser = Scripts()
        parser.inline = []
        parser.feed(html)
        assert parser.inline == []


def test_admin_gets_its_own_policy(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "script-src 'self';" not in csp  # Wagtail's admin has inline scripts
    assert response["X-Content-Type-Options"] == "nosniff"


def test_check_deploy_reports_no_issues():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pressroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
    }
    env.pop("PRESSROOM_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "pressroom.cli", "check", "--deploy"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified" in output, output
    # Missing fonts or Pango (pressroom.W001, W002) are this machine's, not the settings'.
    issues = set(re.findall(r"\(([a-z_]+\.[CEWI]\d+)\)", output)) - {"pressroom.W001", "pressroom.W002"}
    assert issues == set(), output


def test_production_sends_hsts():
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_SETTINGS_MODULE": "pressroom.settings.production"}
    code = "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True", "True"], result.stderr
