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


# --- cross-site posts -------------------------------------------------------------
# The comment form carries no CSRF token (the release page is shared by every
# reader and cached); cross-site posts are refused from Origin / Sec-Fetch-Site.

FIELDS = {"name": "Olga <b>", "email": "", "text": "My careful words\nsecond line <i>", "website": ""}
REFUSED_TEXT = {
    "en": "Please send it again",
    "ru": "Пожалуйста, отправьте ещё раз",
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://attacker.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://attacker.example"},
        {"HTTP_REFERER": "https://attacker.example/page.html"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_cross_site_comment_is_refused_without_echoing_it(csrf_client, release, release_ru, token, language, headers):
    page = release if language == "en" else release_ru
    response = csrf_client.post(f"/{language}/comments/post/{page.pk}/", {**FIELDS, "token": token}, **headers)
    html = response.content.decode()
    assert response.status_code == 403
    assert REFUSED_TEXT[language] in html and f'<html lang="{language}">' in html
    # Not a one-click form for the other site: none of its text comes back.
    assert "careful words" not in html and "Olga" not in html
    assert not Comment.objects.filter(name__startswith="Olga").exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://127.0.0.1", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://127.0.0.1"},
        {"HTTP_REFERER": "http://127.0.0.1/en/releases/"},
        {},  # no browser headers at all: nobody's cross-site request
    ],
)
def test_same_site_comment_needs_no_csrf_cookie(csrf_client, release, token, headers):
    response = csrf_client.post(f"/en/comments/post/{release.pk}/", {**FIELDS, "token": token}, **headers)
    assert response.status_code == 302
    assert Comment.objects.filter(name="Olga <b>").count() == 1


def test_cross_site_api_post_is_json_403(csrf_client, release, token):
    response = csrf_client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": "R", "text": "Fine.", "token": token}),
        content_type="text/plain",
        HTTP_ORIGIN="https://attacker.example",
    )
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "csrf"
    assert not Comment.objects.filter(text="Fine.").exists()


def test_same_site_api_post_needs_no_csrf_cookie(csrf_client, release, token):
    response = csrf_client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": "R", "text": "Fine words.", "token": token}),
        content_type="application/json",
        HTTP_ORIGIN="http://127.0.0.1",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 201


@pytest.mark.parametrize("origin, kept", [("http://127.0.0.1", True), ("https://attacker.example", False)])
def test_csrf_failure_keeps_text_only_for_this_site(csrf_client, sample, origin, kept):
    """Forms that still use Django's CSRF token (any other POST) get our 403 page;
    it gives the text back only to a page of this site."""
    response = csrf_client.post("/en/", {"name": "Olga", "text": "My careful words"}, HTTP_ORIGIN=origin)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Please send it again" in html
    assert ("My careful words</textarea>" in html) is kept


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
