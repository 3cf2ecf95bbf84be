import datetime
import json

import pytest

from pressroom.releases import fulltext
from pressroom.releases.models import PressReleasePage, ReleaseIndexPage

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


def test_russian_inflection(client, sample):
    add_release("ru", "Итоги недели", "Моряки Тихоокеанского флота завершили серию учений в заливе.")
    assert "Итоги недели" in found(client, "ru", "учения")
    assert "Итоги недели" in found(client, "ru", "учение")


def test_english_inflection(client, sample):
    add_release("en", "Weekly digest", "The joint exercise ended on Friday.")
    assert "Weekly digest" in found(client, "en", "exercises")


def test_each_language_keeps_its_own_stemming(client, sample):
    """Both configs live in the one index table: indexing Russian must not break English."""
    add_release("en", "Weekly digest", "The joint exercise ended on Friday.")
    add_release("ru", "Итоги недели", "Моряки завершили серию учений.")
    assert "Weekly digest" in found(client, "en", "exercises")
    assert "Итоги недели" in found(client, "ru", "учения")
    assert "Итоги недели" not in found(client, "en", "учения")  # other language's releases are not listed


def test_inflected_queries_from_the_issue(client, sample):
    """On SQLite too: «обмен» finds «обмена», "exchanges" finds "exchange" (and back)."""
    add_release("ru", "Итоги недели", "Начался новый этап обмена студентами.")
    add_release("en", "Weekly digest", "A new stage of the exchange has begun.")
    assert "Итоги недели" in found(client, "ru", "обмен")
    assert "Итоги недели" in found(client, "ru", "обмена")
    assert "Weekly digest" in found(client, "en", "exchanges")
    assert "Weekly digest" in found(client, "en", "Exchange")


def test_a_stem_does_not_match_a_different_word(client, sample):
    add_release("en", "Weekly digest", "The joint exercise ended on Friday.")
    assert "Weekly digest" not in found(client, "en", "exert")
    assert "Weekly digest" not in found(client, "en", "exercises harbour")  # every word must match


@pytest.mark.parametrize("query", ["교류", "교류를", "교류가", "교류에서"])
def test_korean_word_with_a_particle(client, korean, query):
    """Korean glues particles to nouns: 교류 finds 교류를 and 교류가, and each finds the others."""
    add_release("ko", "주간 소식", "두 도시의 교류를 넓히기로 하였다.")
    add_release("ko", "학교 소식", "학생 교류가 시작되었다.")
    titles = found(client, "ko", query)
    assert "주간 소식" in titles and "학교 소식" in titles


def test_korean_two_syllable_word_keeps_its_last_syllable(client, korean):
    """국가 (a country) is not 국 with the particle 가."""
    add_release("ko", "주간 소식", "국가 대표단이 도착하였다.")
    add_release("ko", "학교 소식", "국을 끓였다.")
    titles = found(client, "ko", "국가")
    assert "주간 소식" in titles and "학교 소식" not in titles


def test_korean_sample_release_is_found(client, korean):
    assert found(client, "ko", "교류") == ["가을 학생 교류가 서른 개 학교로 더 넓어진다"]


def test_objects_without_word_forms_are_still_found_by_their_words(sample):
    """Index pages, images, snippets index no forms: the admin's search finds them by their words."""
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.images.models import Image

    Image.objects.create(title="Sunsets over the harbour", file=get_test_image_file())
    assert [image.title for image in Image.objects.search("sunsets")] == ["Sunsets over the harbour"]
    assert "Releases" in [page.title for page in ReleaseIndexPage.objects.search("Releases")]


def test_query_words_or_their_forms():
    from wagtail.search.query import And, PlainText

    from pressroom.releases.search import forms_query

    query = forms_query("exchanges 교류를", stem=True)
    assert isinstance(query, And)
    assert [[t.query_string for t in word.subqueries] for word in query.subqueries] == [["exchanges", "exchang"], ["교류를", "교류"]]
    # PostgreSQL stems Russian itself: the word goes as it is.
    assert isinstance(forms_query("обмена", stem=False), PlainText)
    assert forms_query("!!! ---", stem=True) == "!!! ---"  # no words: the query as it was


def test_or_operator_keeps_working(sample):
    titles = [p.title for p in PressReleasePage.objects.live().search("exchanges zzqqxx", operator="or")]
    assert "Autumn student exchange opens to thirty more schools" in titles


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
    assert str(highlight("Этап обмена", "обмен")) == "Этап <mark>обмена</mark>"
    assert str(highlight("Joint exercise", "exercises")) == "Joint <mark>exercise</mark>"
    assert str(highlight("Joint exercise", "exert")) == "Joint exercise"  # a shared prefix is not a match
    assert str(highlight("학생 교류가 시작", "교류를")) == "학생 <mark>교류가</mark> 시작"
    assert str(highlight('say "quote" &amp', "quote amp")) == "say &quot;<mark>quote</mark>&quot; &amp;<mark>amp</mark>"
    assert str(highlight("<script>", "")) == "&lt;script&gt;"


def test_highlighted_title_and_summary_in_korean(client, korean):
    html = client.get("/ko/search/", {"q": "교류"}).content.decode()
    assert "가을 학생 <mark>교류가</mark> 서른 개 학교로 더 넓어진다</a>" in html
    assert "협회가 가을 학생 <mark>교류를</mark> 두 배로 늘린다." in html


def test_search_uses_the_alias_of_the_active_language(client, sample, monkeypatch):
    """The backend alias decides the stemming on PostgreSQL (SQLite reads releases/fulltext.py's table)."""
    from pressroom.releases.models import ReleaseQuerySet

    seen = []
    original = ReleaseQuerySet.search_listed

    def spy(self, query, *args, **kwargs):
        seen.append(kwargs.get("backend"))
        return original(self, query, *args, **kwargs)

    monkeypatch.setattr(ReleaseQuerySet, "search_listed", spy)
    client.get("/ru/search/", {"q": "музыка"})
    client.get("/en/search/", {"q": "music"})
    assert seen == ["ru", "en"]


def add_dated(code, title, date, paragraph="Harbour news of the week."):
    page = add_release(code, title, paragraph)
    page.release_date = date
    page.save_revision().publish()
    return page


def test_newest_first_by_release_date_not_by_id(client, sample):
    """The oldest release is added last: the order follows the release date (then the id)."""
    add_dated("en", "Harbour middle", datetime.date(2024, 6, 1))
    add_dated("en", "Harbour newest", datetime.date(2025, 6, 1))
    add_dated("en", "Harbour oldest", datetime.date(2020, 1, 1))
    assert found(client, "en", "harbour") == ["Harbour newest", "Harbour middle", "Harbour oldest"]


def test_a_changed_release_date_moves_the_release(client, sample):
    page = add_dated("en", "Harbour moved", datetime.date(2020, 1, 1))
    add_dated("en", "Harbour other", datetime.date(2024, 1, 1))
    page.release_date = datetime.date(2025, 1, 1)
    page.save_revision().publish()
    assert found(client, "en", "harbour") == ["Harbour moved", "Harbour other"]


def test_search_follows_edit_unpublish_republish_and_delete(client, sample):
    page = add_release("en", "Weekly bulletin", "Harbour news.")
    assert found(client, "en", "harbour") == ["Weekly bulletin"]
    page.body = json.dumps([{"type": "paragraph", "value": "<p>Lighthouse news.</p>"}])
    page.save_revision().publish()
    assert found(client, "en", "harbour") == [] and found(client, "en", "lighthouse") == ["Weekly bulletin"]
    page.unpublish()
    assert found(client, "en", "lighthouse") == []
    page.save_revision().publish()
    assert found(client, "en", "lighthouse") == ["Weekly bulletin"]
    page.delete()
    assert found(client, "en", "lighthouse") == []


def test_a_draft_is_not_searched_until_published(client, sample):
    page = add_release("en", "Weekly bulletin", "Harbour news.")
    page.body = json.dumps([{"type": "paragraph", "value": "<p>Lighthouse news.</p>"}])
    page.save_revision()  # a draft: readers still see (and find) the published text
    assert found(client, "en", "harbour") == ["Weekly bulletin"]
    assert found(client, "en", "lighthouse") == []


def test_releases_under_a_view_restriction_are_not_found(client, sample):
    from wagtail.models import PageViewRestriction

    page = add_release("en", "Harbour bulletin", "Harbour news.")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert found(client, "en", "harbour") == []
    restriction.delete()
    assert found(client, "en", "harbour") == ["Harbour bulletin"]


def test_count_is_capped_and_worded_honestly(client, sample, monkeypatch):
    from pressroom.releases import fulltext

    for n in range(4):
        add_release("en", f"Harbour bulletin {n}", "Harbour news.")
    monkeypatch.setattr(fulltext, "COUNT_CAP", 3)
    response = client.get("/en/search/", {"q": "harbour"})
    assert "More than 3 results" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 3
    monkeypatch.setattr(fulltext, "COUNT_CAP", 4)
    html = client.get("/en/search/", {"q": "harbour"}).content.decode()
    assert "4 results" in html and "More than" not in html


def test_more_than_wording_is_translated(client, sample, monkeypatch):
    from pressroom.releases import fulltext

    for n in range(2):
        add_release("ru", f"Итоги недели {n}", "Моряки завершили серию учений.")
    monkeypatch.setattr(fulltext, "COUNT_CAP", 1)
    assert "Более 1 результатов" in client.get("/ru/search/", {"q": "учения"}).content.decode()


def test_the_release_table_is_rebuilt_by_update_index(client, sample):
    """On SQLite the readers' table is derived state: emptied, update_index fills it again."""
    from django.core.management import call_command
    from django.db import connection

    from pressroom.releases import fulltext

    add_release("en", "Harbour bulletin", "Harbour news.")
    if not fulltext.available():
        pytest.skip("the table exists on SQLite only")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {fulltext.TABLE}")
    assert found(client, "en", "harbour") == []
    with connection.cursor() as cursor:  # and marked incomplete, as after an upgrade
        cursor.execute(f"UPDATE {fulltext.STATE} SET complete = 0")
    fulltext._found.clear()
    try:
        call_command("update_index", verbosity=0)
        assert fulltext.complete()
        assert found(client, "en", "harbour") == ["Harbour bulletin"]
    finally:
        fulltext._found.clear()


def test_match_expression_quotes_every_term():
    from pressroom.releases.fulltext import match_expression

    assert match_expression("exchanges") == '("exchanges" OR "exchang")'
    assert match_expression('AND OR NOT "x') == '("and") AND ("or") AND ("not") AND ("x")'


def test_upgraded_site_searches_wagtails_index_until_the_table_is_filled(client, sample, capsys):
    """A site upgraded with releases the table never saw: no empty results, a warning, bootstrap fills it."""
    import io

    from django.core.management import call_command
    from django.db import connection

    from pressroom.core.checks import check_search_table

    if not fulltext.has_tables():
        pytest.skip("SQLite with FTS5 only")
    with connection.cursor() as cursor:  # as migration 0007 leaves an upgraded site
        cursor.execute(f"DELETE FROM {fulltext.TABLE}")
        cursor.execute(f"UPDATE {fulltext.STATE} SET complete = 0")
    fulltext._found.clear()
    try:
        assert not fulltext.available()
        assert [m.id for m in check_search_table()] == ["pressroom.W007"]
        response = client.get("/en/search/?q=exchange")
        assert response.context["page_obj"].paginator.count > 0  # found through Wagtail's index
        out = io.StringIO()
        call_command("bootstrap", stdout=out)
        assert "Filling the search table" in out.getvalue()
        assert fulltext.available() and check_search_table() == []
        assert client.get("/en/search/?q=exchange").context["page_obj"].paginator.count > 0
    finally:
        fulltext._found.clear()
