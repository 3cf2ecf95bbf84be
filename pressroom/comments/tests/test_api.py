"""The JSON API: same pipeline, same codes, JSON errors with 4xx statuses."""

import json

import pytest

from pressroom.comments.models import Comment
from pressroom.linkpolicy import find_links

from .conftest import form_data


def post_json(client, page, lang=None, **fields):
    url = f"/api/releases/{page.pk}/comments/" + (f"?lang={lang}" if lang else "")
    return client.post(url, json.dumps(form_data(page, **fields)), content_type="application/json")


def test_get_lists_approved_comments_oldest_first(client, release):
    Comment.objects.create(page=release, name="Hidden", text="not shown", status="hidden")
    Comment.objects.create(page=release, name="Later", text="second")
    data = client.get(f"/api/releases/{release.pk}/comments/").json()
    assert [c["name"] for c in data["comments"]] == ["Marina", "Later"]
    assert data["count"] == 2 and data["closed"] is False
    assert "email" not in data["comments"][0]


def test_post_accepts_clean_comment_201(client, release):
    response = post_json(client, release, name="Api", text="Fine release.")
    assert response.status_code == 201
    body = response.json()["comment"]
    assert body["name"] == "Api" and body["status"] == "approved"
    assert Comment.objects.get(pk=body["id"]).source == "api"


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", 'Links are not allowed: “bit.ly/abc” looks like a link.'),
        ("ru", "Ссылки запрещены: «bit.ly/abc» похоже на ссылку."),
    ],
)
def test_link_422_with_spans_in_language(client, release, lang, message):
    response = post_json(client, release, lang=lang, text="Look: bit.ly/abc !")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "link" and error["message"] == message
    assert error["spans"] == [
        {"field": "text", "start": 6, "end": 16, "text": "bit.ly/abc", "kind": "domain", "weak": False}
    ]


def test_error_codes_and_statuses(client, release, settings):
    assert post_json(client, release, text="").json()["error"]["code"] == "empty"
    assert post_json(client, release, text="y" * 5001).json()["error"]["code"] == "too_long"
    assert post_json(client, release, text="a\x07b").json()["error"]["code"] == "invalid_text"
    bot = post_json(client, release, website="x")
    assert (bot.status_code, bot.json()["error"]["code"]) == (400, "bot")
    first = post_json(client, release, text="once only")
    assert first.status_code == 201
    again = post_json(client, release, text="Once  only")
    assert again.status_code == 200 and again.json()["existing"] is True
    assert again.json()["comment"]["id"] == first.json()["comment"]["id"]
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMITS": [(0, 60)]}
    limited = post_json(client, release, text="rate me")
    assert (limited.status_code, limited.json()["error"]["code"]) == (429, "rate_limited")
    assert int(limited["Retry-After"]) > 0


def test_closed_403(client, release):
    release.comments_open = False
    release.save_revision().publish()
    response = post_json(client, release)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "closed")


def test_invalid_json_and_unknown_fields(client, release):
    url = f"/api/releases/{release.pk}/comments/"
    assert client.post(url, b"\xff\xfe", content_type="application/json").status_code == 400
    assert client.post(url, "[1, 2]", content_type="application/json").json()["error"]["code"] == "invalid"
    data = form_data(release, status="approved", ip_hash="x", name=123)
    response = client.post(url, json.dumps(data), content_type="application/json")
    assert response.json()["error"]["code"] == "empty"  # a non-string name counts as missing


def test_unknown_or_unpublished_release_404(client, release):
    assert client.get("/api/releases/999999/comments/").status_code == 404
    release.unpublish()
    assert client.get(f"/api/releases/{release.pk}/comments/").status_code == 404


@pytest.mark.parametrize("field", ["name", "text"])
@pytest.mark.parametrize("value", ["example%2Ecom", "http://example.com/%s", "http://example.com/%(x)s"])
def test_percent_signs_in_refused_words(client, release, field, value):
    response = post_json(client, release, **{field: value})
    error = response.json()["error"]
    assert response.status_code == 422 and error["field"] == field
    assert error["message"] == f'Links are not allowed: “{value}” looks like a link.'


@pytest.mark.parametrize("value", ["50%", "a%s@", "a%(x)s@"])
def test_percent_signs_in_the_email(client, release, value):
    error = post_json(client, release, email=value, text="100% agree, %s and %(x)s").json()["error"]
    assert (error["code"], error["field"]) == ("invalid_text", "email")


def test_nul_in_the_name_is_about_the_name(client, release):
    error = post_json(client, release, lang="ru", name="Анна\x00").json()["error"]
    assert error["field"] == "name" and error["message"].startswith("В имени есть управляющие символы")


def test_post_answers_with_the_new_count_and_a_confirmation(client, release):
    body = post_json(client, release, text="Counted.").json()
    assert body["count"] == release.comments.approved().count() == 2
    assert body["message"] == "Thank you! Your comment is published."


def test_unknown_lang_is_not_loaded(client, release):
    from django.utils.translation import trans_real

    before = set(trans_real._translations)
    for n in range(5):
        response = client.get(f"/api/releases/{release.pk}/comments/", {"lang": f"x{n}-bogus"})
        assert response.status_code == 200
    response = post_json(client, release, lang="zz", text="see example.com")
    assert response.json()["error"]["message"] == 'Links are not allowed: “example.com” looks like a link.'
    assert set(trans_real._translations) <= before | {"en", "ru", "ko", "en-us"}
    ru = post_json(client, release, lang="ru", text="see example.com").json()["error"]["message"]
    assert ru.startswith("Ссылки запрещены")
