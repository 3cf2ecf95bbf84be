"""The three-way verdict: each link finding is refused, held for a moderator or
allowed, as the settings say for its strength (strong / weak)."""

import dataclasses
import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from pressroom.comments import pipeline
from pressroom.comments.models import Comment, HeldReason, Status
from pressroom.linkpolicy import find_links

from .conftest import form_data

HOLD_STRONG = {"MIN_SECONDS": 0, "LINKS_STRONG": "hold"}


def post(client, page, **fields):
    return client.post(f"/{page.locale.language_code}/comments/post/{page.pk}/", form_data(page, **fields))


def post_json(client, page, lang="en", **fields):
    return client.post(
        f"/api/releases/{page.pk}/comments/?lang={lang}", json.dumps(form_data(page, **fields)),
        content_type="application/json",
    )


def test_held_comment_waits_with_its_reason_and_words(client, release, settings):
    settings.PRESSROOM_COMMENTS = HOLD_STRONG
    response = post(client, release, name="Olga", text="Tickets at www.example.org today")
    assert response.status_code == 302 and response["Location"] == f"{release.url}?posted=held#comments"
    comment = Comment.objects.get(name="Olga")
    assert comment.status == Status.PENDING and comment.held_reason == HeldReason.LINKS
    assert comment.held_spans == [
        {"field": "text", "start": 11, "end": 26, "text": "www.example.org", "kind": "url", "weak": False}
    ]
    html = client.get(response["Location"]).content.decode()
    assert "Your comment may contain a link, so it will appear after a moderator has looked at it." in html
    assert "Tickets at" not in html  # not published


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", 'Thank you! “www.example.org” may be a link, so your comment will appear after a moderator has looked at it.'),
        ("ru", "Спасибо! «www.example.org» может оказаться ссылкой, поэтому комментарий появится после проверки модератором."),
        ("ko", '감사합니다! “www.example.org” 부분이 링크일 수 있어서, 댓글은 관리자가 확인한 뒤에 게시됩니다.'),
    ],
)
def test_api_answers_202_held_with_a_message(client, release, settings, lang, message):
    settings.LANGUAGES = [("en", "English"), ("ru", "Русский"), ("ko", "한국어")]
    settings.PRESSROOM_COMMENTS = HOLD_STRONG
    response = post_json(client, release, lang=lang, text="Tickets at www.example.org today")
    body = response.json()
    assert response.status_code == 202 and body["held"] is True
    assert body["comment"]["status"] == "pending" and body["message"] == message
    assert body["spans"][0]["text"] == "www.example.org"


def test_allow_lets_links_through_and_refuse_is_the_default(client, release, settings):
    assert post_json(client, release, text="see www.example.org").status_code == 422
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "LINKS_STRONG": "allow"}
    assert post_json(client, release, text="see www.example.org").status_code == 201


def test_a_refused_finding_refuses_even_beside_held_ones(release, settings):
    settings.PRESSROOM_COMMENTS = HOLD_STRONG
    draft = pipeline.Draft(page=release, name="N", text="www.example.org")
    assert pipeline.check_links(draft) is None and draft.held["reason"] == "links"
    settings.PRESSROOM_COMMENTS = {}
    draft = pipeline.Draft(page=release, name="N", text="www.example.org")
    assert pipeline.check_links(draft).code == "link" and draft.held is None


def test_weak_findings_follow_links_weak(release, settings):
    """The detector's strength (``Link.weak``) picks the setting; a Link without
    one is strong."""
    strong = find_links("see www.example.org")[0]
    weak = type("WeakLink", (type(strong),), {"weak": True})(**dataclasses.asdict(strong))
    assert pipeline.link_action(strong) == "refuse" and pipeline.link_action(weak) == "hold"
    settings.PRESSROOM_COMMENTS = {"LINKS_WEAK": "allow", "LINKS_STRONG": "hold"}
    assert pipeline.link_action(weak) == "allow" and pipeline.link_action(strong) == "hold"
    settings.PRESSROOM_COMMENTS = {"LINKS_WEAK": "maybe"}
    with pytest.raises(ImproperlyConfigured):
        pipeline.link_action(weak)


def test_held_comment_in_the_name_is_held_too(client, release, settings):
    settings.PRESSROOM_COMMENTS = HOLD_STRONG
    assert post_json(client, release, name="www.shop.example", text="Nice.").status_code == 202
    assert Comment.objects.get(name="www.shop.example").held_spans[0]["field"] == "name"


def test_pressroom_check_names_a_bad_setting(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.PRESSROOM_COMMENTS = {"LINKS_WEAK": "moderate", "READER_SHARE": 2, "REFUSED_LIMITS": [(5,)]}
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    message = str(error.value)
    assert "comments.E001" in message and "'moderate'" in message
    assert "comments.E002" in message and "comments.E003" in message
