import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from pressroom.releases.entities import find_entities, form_pattern, release_text
from pressroom.releases.models import Entity, PressReleasePage


@pytest.fixture
def entities(sample):
    en, ru = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="ru")
    nato = Entity.objects.create(locale=en, name="NATO", aliases="North Atlantic Alliance")
    Entity.objects.create(locale=ru, name="НАТО", aliases="Североатлантического альянса", translation_key=nato.translation_key)
    fleet = Entity.objects.create(locale=en, name="Pacific Fleet")
    Entity.objects.create(
        locale=ru, name="Тихоокеанский флот", aliases="Тихоокеанского флота\nТихоокеанскому флоту\nТихоокеанским флотом",
        translation_key=fleet.translation_key,
    )


def write(page, text):
    page.body = json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])
    page.save_revision()
    return PressReleasePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_russian_inflected_forms_suggest_russian_tags(entities, release_ru):
    draft = write(release_ru, "Учения <b>Тихоокеанского</b> флота прошли без представителей НАТО.")
    assert draft.suggested_tags == "НАТО, Тихоокеанский флот"


def test_only_entities_of_the_release_language(entities, release):
    draft = write(release, "Observers from NATO and the Тихоокеанского флота.")
    assert draft.suggested_tags == "NATO"


def test_tags_already_present_are_not_suggested_and_nothing_found_is_empty(entities, release):
    release.tags.add("nato")
    assert write(release, "NATO and the Pacific Fleet.").suggested_tags == "Pacific Fleet"
    assert write(release, "Nothing to see.").suggested_tags == ""


def test_whole_words_only():
    assert form_pattern("НАТО").search("без НАТО.")
    assert not form_pattern("НАТО").search("НАТОвский")
    assert form_pattern("Pacific Fleet").search("the pacific\nfleet")


def test_release_text_reads_structured_blocks(release):
    release.body = json.dumps(
        [{"type": "heading", "value": {"text": "Heading words", "level": "h2"}},
         {"type": "list", "value": {"style": "ul", "items": ["Item words"]}}]
    )
    text = release_text(release)
    assert "Heading words" in text and "Item words" in text and release.title in text


def test_editor_shows_suggestions(client, entities, release):
    write(release, "The Pacific Fleet joined.")
    admin = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw-12345678")
    client.force_login(admin)
    html = client.get(f"/admin/pages/{release.pk}/edit/").content.decode()
    assert "<span data-panel-heading-text>Suggested tags</span>" in html
    assert re.search(r'aria-readonly="true">\s*Pacific Fleet\s*</div>', html)
    # read-only: editors accept a suggestion by adding the tag, so posting never sets it
    assert 'name="suggested_tags"' not in html


def test_find_entities_keeps_order(entities):
    found = find_entities("Pacific Fleet meets NATO", Entity.objects.filter(locale__language_code="en"))
    assert [e.name for e in found] == ["NATO", "Pacific Fleet"]
