"""The no-JavaScript path: real POSTs through Django's test client."""

import pytest

from pressroom.comments.models import Comment, Status

from .conftest import form_data


def post(client, page, **fields):
    return client.post(f"/{page.locale.language_code}/comments/post/{page.pk}/", form_data(page, **fields))


def test_release_page_shows_notice_and_form(client, release, release_ru):
    html = client.get(release.url).content.decode()
    assert "You can comment on this article, but links are not allowed." in html
    assert ">Leave a comment</button>" in html
    html = client.get(release_ru.url).content.decode()
    assert "Вы можете комментировать эту статью, но ссылки запрещены." in html
    assert ">Оставить комментарий</button>" in html


def test_clean_comment_is_saved_and_redirects_to_its_anchor(client, release):
    response = post(client, release, name="Olga", text="Glad to read this.\nSecond line.")
    comment = Comment.objects.get(page=release, name="Olga")
    assert response.status_code == 302
    assert response["Location"] == f"{release.url}?posted=approved#comment-{comment.pk}"
    assert comment.status == Status.APPROVED
    html = client.get(release.url).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "Glad to read this.<br>Second line." in html


@pytest.mark.parametrize(
    "language, text, message",
    [
        ("en", "Read more on example dot com please", "Links are not allowed: “example dot com” looks like a link."),
        ("ru", "Подробнее: example dot com, заходите", "Ссылки запрещены: «example dot com» похоже на ссылку."),
    ],
)
def test_link_refused_with_text_kept_in_the_form(client, release, release_ru, language, text, message):
    page = release if language == "en" else release_ru
    response = post(client, page, name="Spammer <b>x</b>", email="s@example.org", text=text)
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html, html[html.index("form-errors"):][:400]
    # Everything typed is still in the form (escaped, as a browser will show it).
    assert f">\n{text}</textarea>" in html
    assert 'value="Spammer &lt;b&gt;x&lt;/b&gt;"' in html
    assert 'value="s@example.org"' in html
    assert '"spans": [{"field": "text", "start":' in html  # for the script to highlight
    assert "<mark>example dot com</mark>" in html  # and marked for readers without it
    # ... right under the field it concerns and its message, not above the other fields.
    assert html.index('id="id_text"') < html.index('id="comment-text-error"') < html.index("data-highlight")
    assert html.index("data-highlight") < html.index('type="submit"')
    assert not Comment.objects.filter(text=text).exists()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_two_links_are_both_named(client, release):
    html = post(client, release, text="see www.example.org and write to a@example.net").content.decode()
    assert "“www.example.org” and “a@example.net” look like links." in html


@pytest.mark.parametrize(
    "fields, code_status, needle",
    [
        ({"text": "   "}, 400, "Please write a comment."),
        ({"name": ""}, 400, "Please tell us your name."),
        ({"text": "x" * 5001}, 400, "Please keep it to 5000 characters (it has 5001)."),
        ({"text": "bad\x00byte"}, 400, "control characters"),
        ({"text": "evil \u202egnp.exe"}, 400, "change the direction of text"),
        ({"email": "not-an-email"}, 400, "Enter a valid e-mail address"),
        ({"website": "http://bot.example"}, 400, "could not be accepted"),
        ({"token": "forged"}, 400, "could not be accepted"),
    ],
)
def test_refusals_over_http(client, release, fields, code_status, needle):
    response = post(client, release, **fields)
    assert response.status_code == code_status
    assert needle in response.content.decode()
    assert Comment.objects.filter(page=release).count() == 1  # only the sample one


def test_resubmission_lands_on_the_comment_already_saved(client, release):
    first = post(client, release, text="Same words")
    assert first.status_code == 302
    again = post(client, release, text="  same   WORDS ")
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Comment.objects.filter(page=release, text__iexact="same words").count() == 1


def test_closed_release_refuses_and_hides_form(client, release):
    release.comments_open = False
    release.save_revision().publish()
    html = client.get(release.url).content.decode()
    assert "Comments on this release are closed." in html
    assert 'id="comment-form"' not in html
    response = post(client, release)
    assert response.status_code == 403


def test_premoderation_holds_comment_as_pending(client, release, settings):
    settings.PRESSROOM_COMMENTS_PREMODERATE = True
    response = post(client, release, text="Please approve me")
    assert response.status_code == 302 and "posted=pending" in response["Location"]
    assert Comment.objects.get(text="Please approve me").status == Status.PENDING
    assert "Please approve me" not in client.get(release.url).content.decode()


def test_html_payload_is_inert(client, release):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'>'
    assert post(client, release, name=payload, text=payload + " hello").status_code == 302
    html = client.get(release.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_comment_round_trip_byte_for_byte(client, release):
    text = "Привет 👋🏽 안녕하세요\nline two\ttab — «кавычки»"
    assert post(client, release, name="Ким 김", text=text).status_code == 302
    comment = Comment.objects.get(name="Ким 김")
    assert comment.text == text
    data = client.get(f"/api/releases/{release.pk}/comments/").json()
    assert data["comments"][-1]["text"] == text


def test_comment_pagination_beyond_fifty(client, release):
    for n in range(55):
        Comment.objects.create(page=release, name=f"R{n}", text=f"comment number {n}")
    html = client.get(release.url).content.decode()
    assert html.count('class="comment"') == 50
    html2 = client.get(release.url, {"comments": 2}).content.decode()
    assert "comment number 54" in html2 and html2.count('class="comment"') == 6


def test_rate_limit_429_with_retry_after(client, release, settings):
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMITS": [(2, 60)]}
    assert post(client, release, text="one").status_code == 302
    assert post(client, release, text="two").status_code == 302
    response = post(client, release, text="three")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert ">\nthree</textarea>" in response.content.decode()


@pytest.mark.parametrize(
    "fields, status, message",
    [
        ({"text": " "}, 400, "Пожалуйста, напишите комментарий."),
        ({"name": ""}, 400, "Пожалуйста, укажите ваше имя."),
        ({"text": "ы" * 5001}, 400, "Пожалуйста, уложитесь в 5000 символов (сейчас 5001)."),
        ({"text": "a\x01b"}, 400, "В тексте есть управляющие символы"),
        ({"website": "x"}, 400, "Не удалось принять комментарий."),
        ({"text": "пишите на почту ivan@mail.ru"}, 422, "Ссылки запрещены: «ivan@mail.ru» похоже на ссылку."),
    ],
)
def test_refusals_in_russian(client, release_ru, fields, status, message):
    response = post(client, release_ru, **fields)
    assert response.status_code == status
    assert message in response.content.decode()


def test_rate_limit_and_closed_in_russian(client, release_ru, settings):
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMITS": [(0, 60)]}
    response = post(client, release_ru, text="Слишком часто")
    assert response.status_code == 429
    assert "Вы комментируете слишком часто." in response.content.decode()
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0}
    release_ru.comments_open = False
    release_ru.save_revision().publish()
    response = post(client, release_ru, text="Закрыто?")
    assert response.status_code == 403
    assert "Комментарии к этой публикации закрыты." in response.content.decode()


PERCENT_PATTERNS = ["example%2Ecom", "http://example.com/%s", "http://example.com/%(x)s"]


@pytest.mark.parametrize("field", ["name", "text"])
@pytest.mark.parametrize("value", PERCENT_PATTERNS)
def test_percent_signs_in_refused_words_are_shown_as_typed(client, release, field, value):
    response = post(client, release, **{field: value})
    html = response.content.decode()
    assert response.status_code == 422
    assert f"“{value}” looks like a link." in html
    # On the field concerned, and the reader's words are all still there.
    error = html[html.index(f'id="comment-{field}-error"'):]
    assert error[: error.index("</span>")].endswith("looks like a link.")
    assert value in html[html.index('id="comment-form"'):]


@pytest.mark.parametrize("value", ["50%", "a%s@", "a%(x)s@"])
def test_percent_signs_in_the_email_field(client, release, value):
    html = post(client, release, email=value, text="100% agree, %s and %(x)s").content.decode()
    assert "Enter a valid e-mail address" in html and f'value="{value}"' in html
    assert "100% agree, %s and %(x)s</textarea>" in html


def test_nul_in_the_name_says_the_name(client, release, release_ru):
    html = post(client, release, name="Ann\x00").content.decode()
    assert "The name contains control characters" in html
    html = post(client, release_ru, name="Анна\x00").content.decode()
    assert "В имени есть управляющие символы" in html


def test_refused_form_opens_at_the_field_with_its_error_read_out(client, release):
    html = client.get(release.url).content.decode()
    assert f'action="/en/comments/post/{release.pk}/"' in html  # no #fragment: it would switch autofocus off
    assert 'maxlength="100"' in html and 'name="name"' in html  # as the server's NAME_MAX_LENGTH
    html = post(client, release, name="Ann", text="see www.example.org").content.decode()
    textarea = html[html.index("<textarea"):html.index("</textarea>")]
    assert "autofocus" in textarea and 'aria-invalid="true"' in textarea
    assert 'aria-describedby="comment-text-error comment-text-limit"' in textarea
    assert '<input type="text" name="name" value="Ann"' in html and "autofocus" not in html[: html.index("<textarea")]
    # A refusal of the whole form: the message in the alert box, the cursor in the text.
    html = post(client, release, website="bot").content.decode()
    assert 'aria-describedby="comment-form-errors comment-text-limit"' in html
    assert "could not be accepted" in html[html.index('id="comment-form-errors"'):][:300]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_too_large_form_gets_our_page_in_the_releases_language(client, release, release_ru, language):
    page = release if language == "en" else release_ru
    body = b"name=R&text=" + b"a" * (300 * 1024)
    response = client.post(f"/{language}/comments/post/{page.pk}/", body, content_type="application/x-www-form-urlencoded")
    html = response.content.decode()
    assert response.status_code == 413 and response["Content-Language"] == language
    assert f'<html lang="{language}">' in html and "site.css" in html  # the site's own page
    if language == "en":
        assert "nothing of it was read or saved" in html and "256 KB" in html
    else:
        assert "ничего не прочитано и не сохранено" in html
    assert f'href="{page.url}#comment-form"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_invalid_utf8_keeps_the_fields_that_could_be_read(client, release_ru):
    from .conftest import old_token

    body = (
        "name=%D0%90%D0%BD%D0%BD%D0%B0&email=anna%40example.org&website=&token=".encode()
        + old_token(release_ru).encode()
        + b"&text=bad%FF%FEbytes"
    )
    response = client.post(f"/ru/comments/post/{release_ru.pk}/", body, content_type="application/x-www-form-urlencoded")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Анна"' in html and 'value="anna@example.org"' in html  # kept
    error = html[html.index('id="comment-text-error"'):]
    assert "Не удалось прочитать это поле" in error[: error.index("</span>")]
    assert "Ничего не сохранено" in html[html.index('id="comment-form-errors"'):][:400]
    assert not Comment.objects.filter(name="Анна").exists()
