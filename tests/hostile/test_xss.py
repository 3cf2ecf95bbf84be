"""Script, HTML, CSS and attribute-breaking payloads in every field stay inert:
on the release page (accepted and refused), in search, the admin listing and the JSON API."""

import json

import pytest
from django.contrib.auth import get_user_model

from pressroom.comments.models import Comment, Status

from .conftest import MARK, PAYLOADS, assert_inert

# A comment text carrying every payload at once (the javascript: ones are
# tested on their own below).
ALL = "\n".join(p for p in PAYLOADS if "javascript:" not in p)


@pytest.fixture
def hostile_comments(release):
    """Stored as if accepted (or imported): every payload in name, e-mail and text."""
    made = []
    for i, payload in enumerate(PAYLOADS):
        made.append(
            Comment.objects.create(
                page=release, name=payload[:100], email=f"r{i}@example.org", text=f"{payload}\n{ALL}",
                status=Status.APPROVED,
            )
        )
    return made


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("moderator", "m@example.org", "x-long-password-1")
    client.force_login(user)
    return client


def test_release_page_shows_payloads_as_text(client, release, hostile_comments):
    response = client.get(release.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert_inert(html)
    # Shown, escaped, as plain text.
    assert "&lt;script&gt;alert(&#x27;pwn3d&#x27;)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html
    assert "<style>" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", ["name", "text", "email"])
def test_posted_payload_is_inert_whether_accepted_or_refused(client, release, token, payload, field):
    fields = {"name": "Reader", "email": "", "text": f"A thought {field}.", "website": "", "token": token}
    fields[field] = payload
    response = client.post(f"/en/comments/post/{release.pk}/", fields)
    assert response.status_code in (302, 400, 422), response.status_code
    if response.status_code == 302:
        page = client.get(response["Location"].split("#")[0])
        assert_inert(page.content.decode())
        assert Comment.objects.filter(**{field: payload}).exists()
    else:
        html = response.content.decode()
        assert_inert(html)  # the refused form comes back filled in, escaped
        assert not Comment.objects.filter(**{field: payload}).exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_link_refusal_keeps_payload_inert_in_the_highlight_data(client, release, token, payload):
    text = f"{payload} example dot com"
    response = client.post(
        f"/en/comments/post/{release.pk}/", {"name": payload[:100], "text": text, "token": token, "website": ""}
    )
    html = response.content.decode()
    assert response.status_code in (400, 422)
    assert_inert(html)
    # The json_script data block cannot be closed by the reader's text.
    if 'id="comment-refusal"' in html:
        block = html.split('id="comment-refusal" type="application/json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in block and ">" not in block
        json.loads(block)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_api_returns_payloads_as_json_data(client, release, token, payload, hostile_comments):
    response = client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": payload[:100], "text": payload, "email": payload, "token": token}),
        content_type="application/json",
    )
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = json.loads(response.content)
    assert "comment" in body or "error" in body
    listing = client.get(f"/api/releases/{release.pk}/comments/")
    assert listing["Content-Type"].startswith("application/json")
    assert listing["X-Content-Type-Options"] == "nosniff"
    texts = [c["text"] for c in json.loads(listing.content)["comments"]]
    assert any(payload in t for t in texts)  # data preserved exactly, not mangled


def test_javascript_scheme_is_kept_as_inert_text(client, release, token):
    """``javascript:alert(...)`` has no host, so the link detector does not call it
    a link: it is accepted, and must then show as the words typed, never as an href."""
    response = client.post(
        f"/api/releases/{release.pk}/comments/",
        json.dumps({"name": "R", "text": f"javascript:alert('{MARK}')", "token": token}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert json.loads(response.content)["comment"]["status"] == "approved"
    html = client.get(release.url).content.decode()
    assert f"javascript:alert(&#x27;{MARK}&#x27;)" in html  # shown, as text
    assert_inert(html)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_search_query_is_inert(client, sample, payload, language):
    response = client.get(f"/{language}/search/", {"q": payload})
    assert response.status_code == 200
    html = response.content.decode()
    assert_inert(html)
    assert "<style>" not in html


def test_admin_listing_edit_and_inspect_are_inert(admin_client, hostile_comments):
    listing = admin_client.get("/admin/snippets/comments/comment/")
    assert listing.status_code == 200
    assert_inert(listing.content.decode())
    search = admin_client.get("/admin/snippets/comments/comment/", {"q": PAYLOADS[0]})
    assert search.status_code == 200
    assert_inert(search.content.decode())
    for comment in hostile_comments[:3]:
        for view in ("edit", "inspect"):
            response = admin_client.get(f"/admin/snippets/comments/comment/{view}/{comment.pk}/")
            assert response.status_code == 200, (view, response.status_code)
            assert_inert(response.content.decode())
    dashboard = admin_client.get("/admin/")
    assert_inert(dashboard.content.decode())
