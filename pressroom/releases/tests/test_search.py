import datetime
import json

import pytest

from pressroom.releases.models import PressReleasePage, ReleaseIndexPage

# Stemming needs PostgreSQL's text search configurations; SQLite matches whole words only.
postgres_only = pytest.mark.needs("postgresql")


def add_release(code, title, paragraph, summary=""):
    index = ReleaseIndexPage.objects.get(locale__language_code=code)
    page = PressReleasePage(
        title=title,
        summary=summary,
        release_date=datetime.date(2025, 3, 1),
        body=json.dumps([{"type": "paragraph", "value": f"<p>{paragraph}</p>"}]),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def found(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    return [r.title for r in response.context["releases"]]


@postgres_only
def test_russian_inflection_on_postgres(client, sample):
    add_release("ru", "Итоги недели", "Моряки Тихоокеанского флота завершили серию учений в заливе.")
    assert "Итоги недели" in found(client, "ru", "учения")
    assert "Итоги недели" in found(client, "ru", "учение")


@postgres_only
def test_english_inflection_on_postgres(client, sample):
    add_release("en", "Weekly digest", "The joint exercise ended on Friday.")
    assert "Weekly digest" in found(client, "en", "exercises")


@postgres_only
def test_each_language_keeps_its_own_stemming(client, sample):
    """Both configs live in the one index table: indexing Russian must not break English."""
    add_release("en", "Weekly digest", "The joint exercise ended on Friday.")
    add_release("ru", "Итоги недели", "Моряки завершили серию учений.")
    assert "Weekly digest" in found(client, "en", "exercises")
    assert "Итоги недели" in found(client, "ru", "учения")
    assert "Итоги недели" not in found(client, "en", "учения")  # other language's releases are not listed


def test_exact_words_on_any_database(client, sample):
    add_release("ru", "Итоги недели", "Моряки завершили серию учений.")
    assert "Итоги недели" in found(client, "ru", "учений")


@pytest.mark.parametrize("query", ["", "   ", "zzqqxx", "zzqqxx" * 100, "!!! ??? ---", "' OR 1=1 --", "учения & | !"])
def test_empty_and_nonsense_queries(client, sample, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200
    assert client.get("/ru/search/", {"q": query}).status_code == 200


def test_pagination(client, sample, monkeypatch):
    from pressroom.core import views

    for n in range(5):
        add_release("en", f"Harbour bulletin {n}", "Harbour news of the week.")
    monkeypatch.setattr(views, "SEARCH_PER_PAGE", 2)
    first = client.get("/en/search/", {"q": "harbour"})
    assert first.context["page_obj"].paginator.count == 5
    assert len(first.context["releases"]) == 2
    html = first.content.decode()
    assert 'href="?q=harbour&amp;page=2"' in html
    third = client.get("/en/search/", {"q": "harbour", "page": 3})
    assert len(third.context["releases"]) == 1
    assert client.get("/en/search/", {"q": "harbour", "page": "999"}).status_code == 200
    assert client.get("/en/search/", {"q": "harbour", "page": "x"}).status_code == 200


def test_highlighted_excerpt(client, sample):
    add_release("en", "Harbour bulletin", "Harbour news.", summary='Harbour <b>news</b> & "notes"')
    html = client.get("/en/search/", {"q": "harbour"}).content.decode()
    assert '<p class="summary"><mark>Harbour</mark> &lt;b&gt;news&lt;/b&gt; &amp; &quot;notes&quot;</p>' in html


def test_highlight_marks_inflected_forms_and_keeps_entities():
    from pressroom.core.views import highlight

    assert str(highlight("Учения флота", "учений")) == "<mark>Учения</mark> флота"
    assert str(highlight("Joint exercise", "exercises")) == "Joint <mark>exercise</mark>"
    assert str(highlight('say "quote"', "quot")) == "say &quot;<mark>quote</mark>&quot;"
    assert str(highlight("<script>", "")) == "&lt;script&gt;"


def test_search_uses_the_alias_of_the_active_language(client, sample, monkeypatch):
    from modelsearch import queryset

    seen = []
    original = queryset.SearchableQuerySetMixin.search

    def spy(self, query, *args, **kwargs):
        seen.append(kwargs.get("backend"))
        return original(self, query, *args, **kwargs)

    monkeypatch.setattr(queryset.SearchableQuerySetMixin, "search", spy)
    client.get("/ru/search/", {"q": "музыка"})
    client.get("/en/search/", {"q": "music"})
    assert seen == ["ru", "en"]
