"""Each check of the pipeline, one by one."""

import datetime

import pytest
from django.utils import timezone

from pressroom.comments import limits, pipeline
from pressroom.comments.models import Comment

from .conftest import old_token


def draft(page, **kwargs):
    values = {"name": "N", "text": "Fine", "token": old_token(page), "client_address": "192.0.2.1"}
    values.update(kwargs)
    return pipeline.Draft(page=page, **values)


def test_normalize_nfc_trim_and_crlf(release):
    d = draft(release, text="  Cafe\u0301\r\nline  ", name=" Ann ")
    assert pipeline.check_normalize(d) is None
    assert d.text == "Café\nline" and d.name == "Ann"


@pytest.mark.parametrize("text", ["a\x00b", "a\x1bb", "a\x7fb", "a\u202eb", "a\u2066b"])
def test_normalize_refuses_controls_and_bidi(release, text):
    assert pipeline.check_normalize(draft(release, text=text)).code == "invalid_text"


def test_normalize_keeps_tab_newline_and_emoji(release):
    d = draft(release, text="a\tb\nc 👍")
    assert pipeline.check_normalize(d) is None and d.text == "a\tb\nc 👍"


def test_length_limits_are_settings(release, settings):
    settings.PRESSROOM_COMMENTS = {"MAX_LENGTH": 10}
    assert pipeline.check_normalize(draft(release, text="x" * 10)) is None
    refusal = pipeline.check_normalize(draft(release, text="x" * 11))
    assert refusal.code == "too_long" and refusal.field == "text"


def test_links_in_name_are_refused_too(release):
    refusal = pipeline.check_links(draft(release, name="cheap-pills.com"))
    assert refusal.code == "link" and refusal.field == "name" and refusal.status == 422


def test_links_pass_honest_prose(release):
    assert pipeline.check_links(draft(release, text="The U.S. and г. Хабаровск, 3.14, report.pdf")) is None


def test_bots_honeypot_forged_other_page_and_too_fast(release, release_ru, settings):
    assert pipeline.check_bots(draft(release, honeypot="x")).code == "bot"
    assert pipeline.check_bots(draft(release, token="nonsense")).code == "bot"
    assert pipeline.check_bots(draft(release, token=old_token(release_ru))).code == "bot"
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 3}
    assert pipeline.check_bots(draft(release, token=pipeline.make_token(release.pk))).code == "bot"
    assert pipeline.check_bots(draft(release, token=old_token(release, seconds=5))) is None


def test_expired_token_asks_to_resend(release, settings):
    settings.PRESSROOM_COMMENTS = {"TOKEN_MAX_AGE": 10}
    refusal = pipeline.check_bots(draft(release, token=old_token(release, seconds=60)))
    assert refusal.code == "bot" and "expired" in refusal.message


def test_rate_limit_reads_accepted_and_refused_counters(release, settings):
    settings.PRESSROOM_COMMENTS = {"RATE_LIMITS": [(2, 60)], "PAGE_RATE_LIMITS": [(8, 60)], "REFUSED_LIMITS": [(3, 60)]}
    reader = draft(release)
    assert pipeline.check_rate_limit(reader) is None
    limits.spend(reader)
    limits.spend(reader)
    assert pipeline.check_rate_limit(draft(release)).code == "rate_limited"
    # Another address is not this reader: its allowance is untouched.
    assert pipeline.check_rate_limit(draft(release, client_address="192.0.2.2")) is None
    for _ in range(3):
        limits.count_refusal(draft(release, client_address="192.0.2.3"))
    refusal = pipeline.check_rate_limit(draft(release, client_address="192.0.2.3"))
    assert refusal.code == "rate_limited" and "refused" in refusal.message
    assert pipeline.check_rate_limit(draft(release, client_address="192.0.2.4")) is None


def test_one_reader_takes_at_most_a_share_of_a_release(release, settings):
    settings.PRESSROOM_COMMENTS = {"RATE_LIMITS": [(100, 60)], "PAGE_RATE_LIMITS": [(8, 60)], "READER_SHARE": 0.25}
    limits.spend(draft(release))
    limits.spend(draft(release))
    assert pipeline.check_rate_limit(draft(release)).code == "rate_limited"  # 2 of 8
    assert pipeline.check_rate_limit(draft(release, client_address="192.0.2.2")) is None


def test_client_address_is_only_stored_hashed(release):
    d = draft(release)
    assert d.address_hash and "192.0.2.1" not in d.address_hash
    assert d.address_hash == pipeline.client_hash("192.0.2.1") != pipeline.client_hash("192.0.2.2")


def test_duplicate_is_the_same_readers_text_within_the_window(release):
    d = draft(release, text="Same  text")
    saved = Comment.objects.create(page=release, name="N", text="Same  text", reader_key=d.reader_key)
    same = draft(release, text="same text")
    assert pipeline.check_duplicate(same) is None and same.existing == saved
    for other in (draft(release, text="same text", client_address="192.0.2.9"), draft(release, name="M", text="same text")):
        assert pipeline.check_duplicate(other) is None and other.existing is None
    Comment.objects.filter(page=release).update(created_at=timezone.now() - datetime.timedelta(days=2))
    late = draft(release, text="same text")
    assert pipeline.check_duplicate(late) is None and late.existing is None


def test_closed_switch_and_age(release, settings):
    assert pipeline.check_closed(draft(release)) is None
    settings.PRESSROOM_COMMENTS = {"CLOSE_AFTER_DAYS": 30}
    release.first_published_at = timezone.now() - datetime.timedelta(days=31)
    assert pipeline.check_closed(draft(release)).code == "closed"
    settings.PRESSROOM_COMMENTS = {}
    release.comments_open = False
    assert pipeline.check_closed(draft(release)).status == 403


def test_first_refusal_wins_in_configured_order(release, settings):
    d = draft(release, text="example.com", honeypot="bot")
    assert pipeline.check(d).code == "link"
    settings.PRESSROOM_COMMENTS = {"CHECKS": ["bots", "links"]}
    assert pipeline.check(draft(release, text="example.com", honeypot="bot")).code == "bot"
