"""The admin's "Import from WordPress": upload an export, see the dry run, import."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission

from pressroom.comments.models import Comment
from pressroom.importer.models import WordPressUpload
from pressroom.releases.models import PressReleasePage, ReleaseIndexPage

from .test_views import make_user

FILES = Path(__file__).parent / "files"
EXPORT = (FILES / "wordpress.xml").read_bytes()
BASE = "https://friends.lindenburg.example"
URL = "/admin/import/wordpress/"


def imported():
    return PressReleasePage.objects.filter(import_key__startswith=f"wp:{BASE}:")


def upload(client, data=EXPORT, name="friends.WordPress.2024-01-01.xml", language="auto", url=URL):
    return client.post(url, {"file": SimpleUploadedFile(name, data), "language": language, "action": "preview"})


@pytest.fixture
def moderator(client, sample):
    """Wagtail's "Moderators" group: may add and publish pages."""
    client.force_login(make_user("moderator", "Moderators"))
    return client


def test_upload_preview_writes_nothing_then_import_writes_what_the_preview_said(moderator):
    response = upload(moderator)
    assert response.status_code == 302
    preview_url = response["Location"]
    assert preview_url.startswith(URL)

    page = moderator.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "What importing" in html and "would create" in html
    rows = page.context["rows"]
    assert [r["title"] for r in rows] == [
        "Bread, Salt and a Shared Table",
        "Библиотека открыта для всех",
        "Plans for the winter (draft)",
    ]
    # The public addresses, not internal paths; nothing left behind by the dry run.
    assert rows[0]["url"] == "/en/releases/bread-salt-and-a-shared-table/"
    assert [r["state"] for r in rows] == ["published", "published", "draft"]
    assert page.context["tally"]["created"] == 3
    assert "Would create 3 and update 0 release(s), with 3 comment(s)." in " ".join(html.split())
    assert not imported().exists() and not Comment.objects.filter(import_key__startswith="wp:").exists()
    assert not Redirect.objects.filter(old_path__startswith="/2023/").exists()

    done = moderator.post(preview_url)
    assert done.status_code == 200
    assert imported().count() == 3
    assert imported().filter(live=True).count() == 2
    result = done.context["rows"]
    assert [r["url"] for r in result] == [r["url"] for r in rows]
    assert all(r["edit_url"] for r in result)
    assert Comment.objects.filter(import_key__startswith=f"wp:{BASE}:").count() == 3
    assert Redirect.objects.filter(old_path="/2023/09/09/bread-salt-and-a-shared-table").exists()
    # The upload is gone; a second POST (a double click) cannot import it twice.
    assert not WordPressUpload.objects.exists()
    assert moderator.post(preview_url).status_code == 404
    # Uploading it again: every post "would update"; nothing is duplicated.
    again = moderator.get(upload(moderator)["Location"])
    assert again.context["tally"]["updated"] == 3 and again.context["tally"]["created"] == 0
    assert "would update" in again.content.decode()


def test_export_uploaded_in_import_release_goes_to_the_wordpress_preview(moderator):
    response = upload(moderator, url="/admin/import/release/")
    assert response.status_code == 302 and response["Location"].startswith(URL)
    assert moderator.get(response["Location"]).context["tally"]["created"] == 3


def test_editor_who_may_not_publish_gets_drafts_and_is_told(client, sample):
    client.force_login(make_user("editor", "Editors"))
    preview_url = upload(client)["Location"]
    page = client.get(preview_url)
    assert "posts published in WordPress become drafts" in page.content.decode()
    assert [r["state"] for r in page.context["rows"]] == ["draft"] * 3
    client.post(preview_url)
    assert imported().count() == 3 and not imported().filter(live=True).exists()


def test_editor_limited_to_another_index_is_refused_with_a_reason(client, sample):
    group = Group.objects.create(name="Russian desk")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    index_ru = ReleaseIndexPage.objects.get(locale__language_code="ru")
    GroupPagePermission.objects.create(group=group, page=index_ru, permission_type="add")
    client.force_login(make_user("desk", "Russian desk"))
    preview_url = upload(client)["Location"]  # the export says en-US
    page = client.get(preview_url)
    assert "You may not add pages under" in page.content.decode()
    assert client.post(preview_url).status_code == 200
    assert not imported().exists()
    # Chosen as Russian, it goes under the index the desk may add to.
    page = client.get(upload(client, language="ru")["Location"])
    assert page.context["rows"][0]["url"].startswith("/ru/releases/")


def test_other_editors_cannot_see_or_import_someone_elses_upload(client, moderator, sample):
    preview_url = upload(moderator)["Location"]
    client.force_login(make_user("other", "Moderators"))
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert not imported().exists()


def test_user_who_cannot_add_pages_gets_403(client, sample):
    client.force_login(make_user("reader", "Readers") if Group.objects.filter(name="Readers").exists()
                       else make_user("reader"))
    assert client.get(URL).status_code in (302, 403)
    assert not WordPressUpload.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Statement - a plain text release", "is not a WordPress export"),
        (EXPORT[: len(EXPORT) // 2], "The file breaks off"),
    ],
)
def test_bad_exports_get_a_clear_error(moderator, data, message):
    response = upload(moderator, data=data)
    if response.status_code == 302:
        response = moderator.get(response["Location"])
    assert message in response.content.decode()
    assert not imported().exists()


def test_errors_and_report_are_in_the_editors_language(client, sample):
    client.force_login(make_user("redaktor", "Moderators", language="ru"))
    response = upload(client, data=b"not an export at all")
    assert "— не экспорт WordPress" in response.content.decode()
    report = client.get(upload(client)["Location"]).content.decode()
    assert "Будет создано релизов: 3, обновлено: 0, комментариев: 3." in " ".join(report.split())
