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


def row_action_urls(html):
    import re

    return re.findall(r'data-w-action-url-value="(/admin/comments/\d+/\w+/)"', html)


@pytest.mark.parametrize("action, status", [("approve", Status.APPROVED), ("hide", Status.HIDDEN), ("spam", Status.SPAM)])
def test_each_row_approves_hides_and_marks_spam(admin_client, comments, action, status):
    target = comments[1]
    html = admin_client.get(LIST, {"status": "pending"}).content.decode()
    url = f"/admin/comments/{target.pk}/{action}/"
    assert url in row_action_urls(html)
    back = f"{LIST}?status=pending&p=1"
    response = admin_client.post(url, {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert Comment.objects.get(pk=target.pk).status == status
    assert {c.status for c in Comment.objects.filter(pk__in=[comments[0].pk, comments[2].pk])} == {Status.PENDING}
    # A row offers only the actions that change something.
    html = admin_client.get(LIST).content.decode()
    assert url not in row_action_urls(html)


def test_row_actions_need_the_change_permission_and_post(admin_client, comments):
    from django.contrib.auth.models import Permission

    url = f"/admin/comments/{comments[0].pk}/hide/"
    assert admin_client.get(url).status_code == 405
    # Somewhere else is no place to be sent back to.
    response = admin_client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == LIST
    url = f"/admin/comments/{comments[1].pk}/approve/"
    client = admin_client
    viewer = get_user_model().objects.create_user("viewer", "v@example.org", "pw")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="view_comment", content_type__app_label="comments"),
    )
    client.force_login(viewer)
    refused = client.post(url)
    assert refused.status_code == 403 or refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert Comment.objects.get(pk=comments[1].pk).status == Status.PENDING
    assert f"/admin/comments/{comments[1].pk}/" not in client.get(LIST).content.decode()


def test_bulk_bar_speaks_of_comments(admin_client, comments):
    html = admin_client.get(LIST).content.decode()
    footer = html[html.index("data-bulk-action-footer"):]
    assert 'data-bulk-action-footer="COMMENT"' in html
    assert '"SINGULAR": "1 comment selected"' in html and "comments/admin/bulk-strings.js" in html
    assert "snippet" not in footer[: footer.index("</section>")].lower()


def test_no_add_button_and_no_add_view(admin_client, comments):
    html = admin_client.get(LIST).content.decode()
    assert "/admin/snippets/comments/comment/add/" not in html
    assert admin_client.get("/admin/snippets/comments/comment/add/").status_code in (302, 403)
    assert not Comment.objects.filter(name="Added").exists()


def test_edit_form_has_no_source_or_posting_time(admin_client, comments):
    html = admin_client.get(f"/admin/snippets/comments/comment/edit/{comments[0].pk}/").content.decode()
    assert 'name="text"' in html and 'name="status"' in html
    assert 'name="source"' not in html and 'name="created_at"' not in html


def test_pending_first_with_counts_per_status_and_release(admin_client, comments, release):
    import datetime

    from django.utils import timezone

    newest = Comment.objects.create(page=release, name="Newest", text="approved and newest")
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(created_at=timezone.now() - datetime.timedelta(days=3))
    html = admin_client.get(LIST).content.decode()
    assert html.index("text 0") < html.index("approved and newest")  # waiting comments come first
    assert newest.pk
    approved = Comment.objects.filter(status=Status.APPROVED).count()
    assert "Pending (3)" in html and f"Approved ({approved})" in html
    assert f"{release.title} (3 waiting of {release.comments.count()})" in html
    html = admin_client.get(LIST, {"page": release.pk, "status": "approved"}).content.decode()
    assert "approved and newest" in html and "text 0" not in html


def test_moderator_email_links_to_the_list_showing_the_comment(admin_client, client, release, mailoutbox, settings):
    from django.test import TestCase

    from .conftest import form_data

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
    settings.PRESSROOM_COMMENTS_PREMODERATE = True
    Comment.objects.create(page=release, name="Other", text="another pending one", status=Status.PENDING)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/en/comments/post/{release.pk}/", form_data(release, text="Please look at me"))
    comment = Comment.objects.get(text="Please look at me")
    link = next(line for line in mailoutbox[-1].body.splitlines() if line.startswith("http"))
    assert link.startswith("http://127.0.0.1/admin/")
    html = admin_client.get(link.removeprefix("http://127.0.0.1")).content.decode()
    assert "Please look at me" in html and "another pending one" not in html
    assert f"/admin/comments/{comment.pk}/approve/" in html  # and it can be approved right there


def test_held_words_are_highlighted_in_the_list(admin_client, release):
    Comment.objects.create(
        page=release, name="Held", text="Tickets <b>at</b> www.example.org today", status=Status.PENDING,
        held_reason="links", held_spans=[{"field": "text", "start": 18, "end": 33, "text": "www.example.org"}],
    )
    html = admin_client.get(LIST, {"held_reason": "links"}).content.decode()
    assert "Tickets &lt;b&gt;at&lt;/b&gt; <mark>www.example.org</mark> today" in html
    assert "May contain a link (1)" in html


def test_held_words_are_highlighted_when_inspecting(admin_client, release):
    comment = Comment.objects.create(
        page=release, name="www.shop.example", text="x" * 400 + " see www.example.org", status=Status.PENDING,
        held_reason="links",
        held_spans=[
            {"field": "text", "start": 405, "end": 420, "text": "www.example.org"},
            {"field": "name", "start": 0, "end": 16, "text": "www.shop.example"},
        ],
    )
    html = admin_client.get(f"/admin/snippets/comments/comment/inspect/{comment.pk}/").content.decode()
    assert "x" * 400 + " see <mark>www.example.org</mark>" in html
    assert "<mark>www.shop.example</mark>" in html
