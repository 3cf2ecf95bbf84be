"""Embargoed releases: go_live_at in the future keeps a release out of every
public surface until `publish_scheduled` runs after that time."""

import datetime
import json

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from pressroom.releases.models import PressReleasePage, ReleaseIndexPage


@pytest.fixture
def embargoed(sample):
    index = ReleaseIndexPage.objects.get(locale__language_code="en")
    page = PressReleasePage(
        title="Embargoed harbour agreement",
        slug="embargoed-harbour-agreement",
        summary="Signed under embargo.",
        release_date=datetime.date(2030, 1, 15),
        body=json.dumps([{"type": "paragraph", "value": "<p>The embargoed agreement text.</p>"}]),
        live=False,
    )
    index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def visible_everywhere(client, page):
    """Where the release shows, surface by surface."""
    feed = feedparser.parse(client.get("/en/feeds/releases.rss").content)
    atom = feedparser.parse(client.get("/en/feeds/releases.atom").content)
    return {
        "page": client.get("/en/releases/embargoed-harbour-agreement/").status_code == 200,
        "index": page.title in client.get("/en/releases/").content.decode(),
        "home": page.title in client.get("/en/").content.decode(),
        "archive": client.get("/en/releases/2030/").status_code == 200,
        "rss": page.title in [e.title for e in feed.entries],
        "atom": page.title in [e.title for e in atom.entries],
        "sitemap": "embargoed-harbour-agreement" in client.get("/sitemap.xml").content.decode(),
        "search": page.title in [r.title for r in client.get("/en/search/", {"q": "embargoed"}).context["releases"]],
        "api": client.get(f"/api/releases/{page.pk}/comments/").status_code == 200,
    }


def test_embargoed_release_is_invisible_until_publish_scheduled(client, embargoed):
    assert not embargoed.live
    assert embargoed.has_unpublished_changes
    hidden = visible_everywhere(client, embargoed)
    assert not any(hidden.values()), hidden

    # Time passes, but nothing happens until the scheduler runs.
    with time_machine.travel(embargoed.go_live_at + datetime.timedelta(minutes=1), tick=False):
        assert not any(visible_everywhere(client, embargoed).values())
        call_command("publish_scheduled", verbosity=0)
        shown = visible_everywhere(client, embargoed)
    assert all(shown.values()), shown


def test_scheduler_before_time_publishes_nothing(client, embargoed):
    with time_machine.travel(embargoed.go_live_at - datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)
    embargoed.refresh_from_db()
    assert not embargoed.live
