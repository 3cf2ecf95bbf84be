"""Moderation in Wagtail's admin: list, filters, search, bulk actions, dashboard."""

import pytest
from django.contrib.auth import get_user_model

from pressroom.comments.models import Comment, Status


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def comments(release):
    return [Comment.objects.create(page=release, name=f"R{n}", text=f"text {n}", status=Status.PENDING) for n in range(3)]


LIST = "/admin/snippets/comments/comment/"


def test_list_filters_and_search(admin_client, comments):
    html = admin_client.get(LIST).content.decode()
    assert "text 0" in html and "Marina" in html
    html = admin_client.get(LIST, {"status": "pending"}).content.decode()
    assert "text 1" in html and "My daughter" not in html
    html = admin_client.get(LIST, {"q": "text 2"}).content.decode()
    assert "text 2" in html and "text 1" not in html


@pytest.mark.parametrize("action, status", [("approve", Status.APPROVED), ("hide", Status.HIDDEN), ("spam", Status.SPAM)])
def test_bulk_status_actions(admin_client, comments, action, status, release):
    url = f"/admin/bulk/comments/comment/{action}/"
    ids = [c.pk for c in comments[:2]]
    query = "&".join(f"id={pk}" for pk in ids)
    confirm = admin_client.get(f"{url}?{query}")
    assert confirm.status_code == 200
    response = admin_client.post(f"{url}?{query}", {})
    assert response.status_code == 302
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {status}
    assert Comment.objects.get(pk=comments[2].pk).status == Status.PENDING


def test_bulk_delete(admin_client, comments):
    query = "&".join(f"id={c.pk}" for c in comments)
    response = admin_client.post(f"/admin/bulk/comments/comment/delete/?{query}", {})
    assert response.status_code == 302
    assert not Comment.objects.filter(pk__in=[c.pk for c in comments]).exists()


def test_hidden_comment_disappears_from_release(admin_client, client, release):
    comment = Comment.objects.create(page=release, name="Visible", text="soon hidden")
    assert "soon hidden" in client.get(release.url).content.decode()
    admin_client.post(f"/admin/bulk/comments/comment/hide/?id={comment.pk}", {})
    assert "soon hidden" not in client.get(release.url).content.decode()


def test_dashboard_shows_pending_count(admin_client, comments):
    html = admin_client.get("/admin/").content.decode()
    assert "3 comments are waiting for moderation." in html


def test_page_editor_shows_whether_comments_are_open(admin_client, release):
    """Editors close comments in the page editor: its checkbox shows the page's state."""
    import re

    def checkbox():
        html = admin_client.get(f"/admin/pages/{release.pk}/edit/").content.decode()
        found = re.findall(r'<input[^>]*name="comments_open"[^>]*>', html)
        assert len(found) == 1, found
        return found[0]

    assert 'type="checkbox"' in checkbox() and "checked" in checkbox()
    release.comments_open = False
    release.save_revision().publish()
    assert "checked" not in checkbox()


def test_new_comment_notifies_moderators_by_mail(client, release, mailoutbox, django_capture_on_commit_callbacks):
    from .conftest import form_data

    get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/comments/post/{release.pk}/", form_data(release, text="Notify me"))
    assert len(mailoutbox) == 1
    assert "Notify me" in mailoutbox[0].body and mailoutbox[0].to == ["boss@example.org"]
