"""Tag suggestions: which named entities (``Entity`` snippets) a release mentions.

Matching is deliberately plain: each form of an entity (its name and the aliases
editors list, inflected Russian forms included) is looked up as whole words,
case-insensitively, with any run of whitespace between its words. No stemming:
editors write the forms that occur («НАТО», «Тихоокеанского флота»), and a
suggestion is only a suggestion.
"""

import re

from django.utils.html import strip_tags


def release_text(page):
    """Title, summary and the text of the body blocks of ``page`` as one string."""
    parts = [page.title or "", page.summary or ""]

    def walk(value):
        if isinstance(value, str):
            parts.append(strip_tags(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for block in page.body.raw_data:
        walk(block.get("value"))
    return "\n".join(parts)


def form_pattern(form):
    """A regex for ``form`` as whole words.

    >>> bool(form_pattern("Тихоокеанского флота").search("моряки тихоокеанского  флота."))
    True
    >>> bool(form_pattern("НАТО").search("НАТОвский"))
    False
    """
    words = [re.escape(word) for word in form.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def find_entities(text, entities):
    """The entities of ``entities`` that ``text`` mentions, in the given order."""
    return [entity for entity in entities if any(form_pattern(form).search(text) for form in entity.forms if form)]


def suggest_tags(page):
    """Names of the entities in ``page``'s language that its text mentions and
    that are not among its tags yet."""
    from .models import Entity

    if page.locale_id is None:
        return []
    entities = Entity.objects.filter(locale_id=page.locale_id)
    present = {tag.name.casefold() for tag in page.tags.all()}
    return [e.name for e in find_entities(release_text(page), entities) if e.name.casefold() not in present]
