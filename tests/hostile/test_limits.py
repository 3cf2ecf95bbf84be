"""Oversized and malformed bodies: a clear 4xx, never a 500, never a hang."""

import json

import pytest
from django.test import Client

from pressroom.comments.models import Comment

from tests.growth import LINEAR_BOUND, CountingInput, growth

TEN_MB = 10 * 1024 * 1024


class ExplodingInput:
    """A wsgi.input that fails the test if anyone reads the body."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.fixture
def raw_client():
    return Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)


def form_url(page):
    return f"/{page.locale.language_code}/comments/post/{page.pk}/"


def api_url(page):
    return f"/api/releases/{page.pk}/comments/"


# --- size ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_ten_megabyte_form_post_gets_413_without_reading_it(raw_client, release, release_ru, language):
    page = release if language == "en" else release_ru
    body = CountingInput(b"name=R&text=" + b"a" * TEN_MB)
    response = raw_client.post(
        form_url(page), b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(len(body.body)), **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert body.bytes_read == 0
    html = response.content.decode()
    expected = "too large" if language == "en" else "слишком большой"
    assert expected in html
    assert response["Content-Language"] == language
    assert not Comment.objects.filter(text__startswith="aaaa").exists()


def test_ten_megabyte_api_post_gets_json_413(raw_client, release):
    body = CountingInput(b'{"text": "' + b"a" * TEN_MB + b'"}')
    response = raw_client.post(
        api_url(release), b"", content_type="application/json",
        CONTENT_LENGTH=str(len(body.body)), **{"wsgi.input": body},
    )
    assert body.bytes_read == 0
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["error"]["code"] == "too_large"


@pytest.mark.parametrize("path", ["/en/comments/post/1/", "/api/releases/1/comments/", "/en/"])
def test_413_is_decided_from_the_header_without_reading_the_body(raw_client, db, path):
    # (db: the comment form's 413 page names the release the reader came from)
    response = raw_client.post(
        path, b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(TEN_MB), **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413


def test_admin_may_send_more_but_not_without_limit(raw_client, db):
    big = raw_client.post(
        "/admin/login/", b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(50 * 1024 * 1024), **{"wsgi.input": ExplodingInput()},
    )
    assert big.status_code == 413
    ok = raw_client.post("/admin/login/", {"username": "x", "password": "y" * 300_000})
    assert ok.status_code == 200  # 300 KB is fine for the admin (a wrong login, not a 413)


def test_lying_content_length_reads_only_what_was_declared(raw_client, release):
    body = CountingInput(b'{"text": "' + b"a" * TEN_MB + b'"}')
    response = raw_client.post(
        api_url(release), b"", content_type="application/json", CONTENT_LENGTH="100", **{"wsgi.input": body}
    )
    assert body.bytes_read <= 100
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["code"] == "invalid"


@pytest.mark.parametrize("length", ["", "0"])
def test_absent_content_length_is_an_empty_body(raw_client, release, length):
    response = raw_client.post(api_url(release), b'{"text": "hello"}', content_type="application/json", CONTENT_LENGTH=length)
    assert 400 <= response.status_code < 500


def test_garbage_content_length_is_400(raw_client, release):
    response = raw_client.post(api_url(release), b"{}", content_type="application/json", CONTENT_LENGTH="12abc")
    assert response.status_code == 400


@pytest.mark.parametrize("kind", ["form", "api"])
def test_without_our_limit_django_upload_limit_still_protects(raw_client, release, settings, kind):
    """Second line of defence: DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) when the header is not trusted."""
    settings.PRESSROOM_MAX_REQUEST_BYTES = 10**9
    if kind == "form":
        url, body, content_type = form_url(release), b"text=" + b"a" * TEN_MB, "application/x-www-form-urlencoded"
    else:
        url, body, content_type = api_url(release), b'{"text": "' + b"a" * TEN_MB + b'"}', "application/json"
    body = CountingInput(body)
    response = raw_client.post(
        url, b"", content_type=content_type, CONTENT_LENGTH=str(len(body.body)), **{"wsgi.input": body}
    )
    assert 400 <= response.status_code < 500, response.status_code
    assert body.bytes_read <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 64 * 1024


# --- malformed text ----------------------------------------------------------------

MB = 1024 * 1024
TEXTS = {
    "nul": "before\x00after",
    "bidi_override": "price \u202e001$ \u202c ok",
    "bidi_isolate": "a \u2066hidden\u2069 b",
    "combining_100k": "a" + "\u0301" * 100_000,
    "dots_1mb": "." * MB,
    "dots_200kb": "." * 200_000,
    "http_1mb": "http://" * (MB // 7),
    "http_200kb": "http://" * (200_000 // 7),
    "control": "bell\x07ring",
}


@pytest.mark.parametrize("case", sorted(TEXTS))
def test_hostile_text_in_form_is_refused_with_4xx(raw_client, release, token, case):
    response = raw_client.post(form_url(release), {"name": "R", "text": TEXTS[case], "token": token, "website": ""})
    assert 400 <= response.status_code < 500, response.status_code
    assert not Comment.objects.filter(name="R").exists()


@pytest.mark.parametrize("case", sorted(TEXTS))
def test_hostile_text_in_api_is_refused_with_json_4xx(raw_client, release, token, case):
    body = json.dumps({"name": "R", "text": TEXTS[case], "token": token}, ensure_ascii=False).encode()
    response = raw_client.post(api_url(release), body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.status_code
    error = json.loads(response.content)["error"]
    assert error["code"] in {"invalid_text", "too_long", "too_large", "link"}, error
    assert error["message"]
    assert not Comment.objects.filter(name="R").exists()


GROWING = {
    "dots": lambda n: "." * n,
    "http": lambda n: "http://" * (n // 7),
    "combining": lambda n: "a" + "\u0301" * n,
    "at-signs": lambda n: "a@" * (n // 2),
}


@pytest.mark.parametrize("case", sorted(GROWING))
@pytest.mark.parametrize("entry", ["form", "api"])
def test_refusing_hostile_text_costs_linear_time(raw_client, release, token, case, entry):
    """8 times the text costs about 8 times the work (a quadratic check would cost 64)."""
    def post(text):
        if entry == "form":
            response = raw_client.post(form_url(release), {"name": "R", "text": text, "token": token, "website": ""})
        else:
            body = json.dumps({"name": "R", "text": text, "token": token}, ensure_ascii=False).encode()
            response = raw_client.post(api_url(release), body, content_type="application/json")
        assert 400 <= response.status_code < 500, response.status_code

    ratio = growth(post, GROWING[case], 25_000)
    assert ratio < LINEAR_BOUND, f"8x the text cost {ratio:.0f}x the time"


@pytest.mark.parametrize("case", ["name", "email"])
def test_nul_and_bidi_in_other_fields(raw_client, release, token, case):
    for bad in ("x\x00y", "x\u202ey"):
        fields = {"name": "R", "text": "Fine text.", "token": token, "email": ""}
        fields[case] = bad if case == "name" else f"a{bad}@example.org"
        response = raw_client.post(api_url(release), json.dumps(fields), content_type="application/json")
        assert 400 <= response.status_code < 500


def test_invalid_utf8_in_json_is_400(raw_client, release, token):
    body = b'{"name": "R", "text": "bad \xff\xfe bytes", "token": "' + token.encode() + b'"}'
    response = raw_client.post(api_url(release), body, content_type="application/json")
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["code"] == "invalid"


@pytest.mark.parametrize(
    "text", [b"bad%FF%FEbytes", b"raw\xff\xfebytes", b"half%E2%82", b"surrogate%ED%A0%80"]
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_invalid_utf8_in_form_is_refused_not_mangled(raw_client, release, release_ru, token, text, language):
    page = release if language == "en" else release_ru
    from pressroom.comments.tests.conftest import old_token

    body = b"name=R&website=&email=&token=" + old_token(page).encode() + b"&text=" + text
    response = raw_client.post(form_url(page), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    html = response.content.decode()
    assert ("UTF-8" in html) and (("not valid text" in html) if language == "en" else ("Ничего не сохранено" in html))
    assert not Comment.objects.filter(name="R").exists()


def test_non_object_and_wrong_types_in_json(raw_client, release, token):
    for body in (b"[]", b'"text"', b"null", b"{", b'{"text": 5, "name": ["x"]}', b"\xef\xbb\xbf{}"):
        response = raw_client.post(api_url(release), body, content_type="application/json")
        assert 400 <= response.status_code < 500, (body, response.status_code)
