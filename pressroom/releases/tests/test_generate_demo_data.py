from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from pressroom.comments.models import Comment, Thread
from pressroom.core.models import SiteState
from pressroom.releases.models import PressReleasePage, ReleaseIndexPage


def generate(**options):
    out = StringIO()
    defaults = {"releases": 10, "comments": 60, "big_thread": 25, "tags": 5, "batch": 4, "stdout": out}
    call_command("generate_demo_data", **{**defaults, **options})
    return out.getvalue()


def test_releases_are_valid_pages_in_the_tree(client, sample):
    before = PressReleasePage.objects.live().count()
    generation = SiteState.current()[0]
    out = generate()
    assert "Created 10 releases and 60 comments" in out
    new = PressReleasePage.objects.filter(slug__startswith="demo-").order_by("pk")
    assert new.count() == 10 and PressReleasePage.objects.live().count() == before + 10
    # treebeard's own consistency check: paths, depths and numchild all agree.
    assert all(not problems for problems in Page.find_problems())
    for index in ReleaseIndexPage.objects.all():
        assert index.numchild == index.get_children().count()
        assert set(new.filter(locale=index.locale)) <= set(index.get_children().specific())
    # Pairs in two languages are translations of each other.
    first = new.first()
    assert first.get_translations().count() == 1
    # Each one is served, in its language, and listed by its index.
    for release in new[:2]:
        response = client.get(release.url)
        assert response.status_code == 200, release.url
        assert release.title in response.content.decode()
    assert SiteState.current()[0] == generation + 1


def test_comments_and_threads(client, sample):
    generate(releases=6, comments=40, big_thread=30)
    new = list(PressReleasePage.objects.filter(slug__startswith="demo-").order_by("pk"))
    counts = {r.pk: Comment.objects.filter(page=r).approved().count() for r in new}
    assert counts[new[0].pk] == 30 and sum(counts.values()) == 40
    for page_id, count in counts.items():
        if count:
            thread = Thread.objects.get(page_id=page_id)
            assert thread.approved_count == count and thread.version >= 1
    html = client.get(new[0].url).content.decode()
    assert "Comments (30)" in html or "(30)" in html


def test_tags_archives_and_search(client, sample):
    generate(releases=8, comments=0, tags=3)
    release = PressReleasePage.objects.filter(slug__startswith="demo-", tagged_items__isnull=False).first()
    assert release is not None
    tag = release.tags.first()
    index = release.get_parent().specific
    response = client.get(f"{index.url}tags/{tag.slug}/")
    assert response.status_code == 200 and release.title in response.content.decode()
    month = f"{index.url}{release.release_date:%Y}/{release.release_date:%m}/"
    assert client.get(month).status_code == 200
    word = release.title.split()[1]
    language = release.locale.language_code
    response = client.get(f"/{language}/search/", {"q": word})
    assert response.status_code == 200


def test_twice_adds_more(sample):
    generate(releases=4, comments=4, big_thread=2)
    generate(releases=4, comments=4, big_thread=2)
    assert PressReleasePage.objects.filter(slug__startswith="demo-").count() == 8
    assert all(not problems for problems in Page.find_problems())


def test_needs_a_release_index(db):
    ReleaseIndexPage.objects.all().delete()
    with pytest.raises(CommandError, match="bootstrap"):
        generate()
