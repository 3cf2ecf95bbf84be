"""Fair limits over HTTP: readers are told apart by their address (REMOTE_ADDR),
a refusal spends only its sender's allowance, and a resubmission is answered
with the comment already saved."""

import json
import threading

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client

from pressroom.comments.models import Comment, Status

from .conftest import form_data

ANNA, BORIS = "198.51.100.7", "203.0.113.9"


def post(client, page, address, **fields):
    return client.post(
        f"/{page.locale.language_code}/comments/post/{page.pk}/", form_data(page, **fields), REMOTE_ADDR=address
    )


def post_json(client, page, address, **fields):
    return client.post(
        f"/api/releases/{page.pk}/comments/", json.dumps(form_data(page, **fields)),
        content_type="application/json", REMOTE_ADDR=address,
    )


def test_two_readers_posting_the_same_thanks_are_both_published(client, release):
    assert post(client, release, ANNA, name="Anna", text="Thank you!").status_code == 302
    assert post(client, release, BORIS, name="Boris", text="Thank you!").status_code == 302
    assert post_json(client, release, "192.0.2.50", name="Vera", text="thank  you!").status_code == 201
    thanks = Comment.objects.filter(page=release, text__iexact="thank you!", status=Status.APPROVED)
    assert sorted(thanks.values_list("name", flat=True)) == ["Anna", "Boris"]
    assert Comment.objects.filter(page=release, name="Vera").exists()
    html = client.get(release.url).content.decode()
    assert html.count("Thank you!") >= 2


def test_two_people_behind_one_address_are_two_readers(client, release):
    assert post(client, release, ANNA, name="Anna", text="Thank you!").status_code == 302
    assert post(client, release, ANNA, name="Alla", text="Thank you!").status_code == 302
    assert Comment.objects.filter(page=release, text="Thank you!").count() == 2


def test_exact_resubmission_answers_with_the_saved_comment(client, release):
    first = post_json(client, release, ANNA, name="Anna", text="Well said.")
    assert first.status_code == 201
    again = post_json(client, release, ANNA, name="Anna", text="Well said.")
    assert again.status_code == 200
    assert again.json()["comment"] == first.json()["comment"] and again.json()["existing"] is True
    form = post(client, release, ANNA, name="Anna", text="well  said.")
    assert form["Location"].endswith(f"#comment-{first.json()['comment']['id']}")
    assert Comment.objects.filter(page=release, name="Anna").count() == 1


def test_resubmissions_spend_nobody_elses_allowance(client, release, settings):
    # The release takes 4 comments an hour. Anna sends hers five times (a flaky
    # connection); Boris must still get his in.
    settings.PRESSROOM_COMMENTS = {
        "MIN_SECONDS": 0, "RATE_LIMITS": [(100, 60)], "PAGE_RATE_LIMITS": [(4, 3600)], "READER_SHARE": 0.5,
    }
    for _ in range(5):
        assert post(client, release, ANNA, name="Anna", text="Congratulations to the schools!").status_code == 302
    response = post(client, release, BORIS, name="Boris", text="Which schools take part?")
    assert response.status_code == 302, response.content.decode()[:200]


def test_one_readers_refusals_never_block_another(client, release, settings):
    settings.PRESSROOM_COMMENTS = {
        "MIN_SECONDS": 0, "RATE_LIMITS": [(100, 60)], "PAGE_RATE_LIMITS": [(3, 3600)], "REFUSED_LIMITS": [(5, 600)],
    }
    for n in range(5):
        assert post(client, release, ANNA, text=f"see example{n}.com").status_code == 422
    # Anna has used up her refusals: even a clean comment waits now...
    refused = post(client, release, ANNA, text="A clean comment at last.")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many of your attempts were refused." in refused.content.decode()
    # ...but nobody else does.
    for n in range(3):
        assert post(client, release, f"192.0.2.{n + 10}", text=f"Reader {n} is welcome.").status_code == 302
    assert post_json(client, release, BORIS, text="So is Boris.").status_code == 429  # the release's 3 are taken


def test_one_reader_cannot_use_up_the_release(client, release, settings):
    settings.PRESSROOM_COMMENTS = {
        "MIN_SECONDS": 0, "RATE_LIMITS": [(100, 60)], "PAGE_RATE_LIMITS": [(4, 3600)], "READER_SHARE": 0.5,
    }
    assert post(client, release, ANNA, text="One.").status_code == 302
    assert post(client, release, ANNA, text="Two.").status_code == 302
    third = post(client, release, ANNA, text="Three.")
    assert third.status_code == 429 and ">\nThree.</textarea>" in third.content.decode()
    assert post(client, release, BORIS, text="Boris one.").status_code == 302
    assert post_json(client, release, BORIS, text="Boris two.").status_code == 201


def test_the_last_place_is_decided_when_saving(client, release, settings):
    """Two posts that both passed the checks cannot both take the last place."""
    from pressroom.comments import pipeline
    from pressroom.comments.forms import CommentForm
    from pressroom.comments.services import save_comment

    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMITS": [(1, 60)]}
    forms = [CommentForm(form_data(release, text=text), page=release, client_address=ANNA) for text in ("a", "b")]
    assert all(form.is_valid() for form in forms)  # both checked before either is saved
    save_comment(forms[0], "form")
    with pytest.raises(pipeline.Refused) as refused:
        save_comment(forms[1], "form")
    assert refused.value.refusal.code == "rate_limited"
    assert list(Comment.objects.filter(page=release, ip_hash__gt="").values_list("text", flat=True)) == ["a"]


def test_checked_twice_saved_once(release):
    """The duplicate rule holds in the database: two identical posts that both
    passed the checks (each before the other was saved) make one comment."""
    from pressroom.comments.forms import CommentForm
    from pressroom.comments.services import save_comment

    forms = [CommentForm(form_data(release, text="Double click"), page=release, client_address=ANNA) for _ in "ab"]
    assert all(form.is_valid() for form in forms)
    first, created = save_comment(forms[0], "form")
    second, created_again = save_comment(forms[1], "form")
    assert (created, created_again) == (True, False) and first.pk == second.pk
    assert Comment.objects.filter(text="Double click").count() == 1


@pytest.fixture
def restore_after_flush(django_db_blocker):
    """A transactional test empties every table when it ends: put back what was
    there (the sample content the other tests expect). Requested before the
    database fixtures, so that it runs after their flush."""
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(snapshot)


def test_two_concurrent_posts_make_one_comment(
    restore_after_flush, django_db_serialized_rollback, transactional_db, release
):
    """Two threads, two database connections, one double-submitted form."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the in-memory SQLite test database fails a second writer at once; run with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom (apt-get install postgresql)"
        )
    arrived = threading.Barrier(2, timeout=20)
    results = []

    def wait_for_the_other(sender, instance, **kwargs):
        if instance.text == "Sent twice":
            try:
                arrived.wait(timeout=2)  # both have passed every check; now both insert
            except threading.BrokenBarrierError:
                pass  # the database holds one writer at a time (SQLite): it waits there instead

    def send():
        try:
            response = post_json(Client(HTTP_HOST="127.0.0.1"), release, ANNA, name="Anna", text="Sent twice")
            results.append((response.status_code, response.json()["comment"]["id"]))
        finally:
            connection.close()

    pre_save.connect(wait_for_the_other, sender=Comment)
    try:
        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        pre_save.disconnect(wait_for_the_other, sender=Comment)
    assert Comment.objects.filter(text="Sent twice").count() == 1
    assert sorted(status for status, _id in results) == [200, 201]
    assert len({comment_id for _status, comment_id in results}) == 1
