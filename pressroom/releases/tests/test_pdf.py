import io
import json

import pytest

from django.test import override_settings
from wagtail.models import Locale

from pressroom.core.tests.test_system import fontconfig_without
from pressroom.releases import views

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extras: pip install -e .[test]")


LANGUAGES = [("en", "English"), ("ru", "Русский"), ("ko", "한국어")]


@pytest.fixture
def korean_release(release):
    """The sample release translated into Korean, with Korean switched on."""
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        page = release.copy_for_translation(Locale.objects.create(language_code="ko"), copy_parents=True)
        page.title = "교류 프로그램"
        page.save_revision().publish()
        yield page


def pdf_of(client, page):
    response = client.get(page.url + "release.pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    fonts = set()
    for p in reader.pages:
        for font in (p["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return reader, " ".join(text.split()), fonts


@pytest.mark.needs("pango", "font:en")
def test_english_release_pdf_is_one_page_with_title_dateline_and_contacts(client, release):
    reader, text, _ = pdf_of(client, release)
    assert len(reader.pages) == 1
    assert release.title in text
    assert "Khabarovsk, July 21" in text
    assert "office@amur-bridge.example" in text
    assert "Search" not in text  # no site header
    assert "PDF for print" not in text


@pytest.mark.needs("pango", "font:ru")
def test_russian_release_pdf_has_cyrillic_text(client, release_ru):
    _, text, fonts = pdf_of(client, release_ru)
    assert release_ru.title in text
    assert "Хабаровск" in text
    assert any("Noto" in f or "Georgia" in f or "Serif" in f for f in fonts), fonts


@pytest.mark.needs("pango", "font:ko")
def test_korean_glyphs_use_a_cjk_font(client, release):
    release.title = "교류 프로그램 Exchange"
    release.body = json.dumps([{"type": "paragraph", "value": "<p>한국어 문장입니다.</p>"}])
    release.save_revision().publish()
    _, text, fonts = pdf_of(client, release)
    assert "교류 프로그램" in text and "한국어" in text
    assert any("CJK" in f for f in fonts), fonts


@pytest.mark.needs("pango", "font:ko")
def test_korean_sample_release_pdf(client, korean):
    """The sample's Korean release prints on one page with its Korean dateline and contacts."""
    from pressroom.releases.models import PressReleasePage

    release = PressReleasePage.objects.get(locale__language_code="ko", slug="autumn-student-exchange")
    reader, text, fonts = pdf_of(client, release)
    assert len(reader.pages) == 1
    squeezed = text.replace(" ", "")  # PDF text extraction spaces CJK glyphs unevenly
    assert "가을학생교류가" in squeezed
    assert "주체111(2022)년7월21일하바롭스크" in squeezed  # the date first, as Korean writes it
    assert "나베레즈나야거리12" in squeezed
    assert any("CJK" in f for f in fonts), fonts


@pytest.mark.needs("pango", "font:ko")
def test_pdf_follows_the_dateline_order_setting(client, korean):
    """The PDF is cached per site generation, which saving the organization's settings bumps."""
    from wagtail.models import Site

    from pressroom.core.models import OrganizationSettings
    from pressroom.releases.models import PressReleasePage

    release = PressReleasePage.objects.get(locale__language_code="ko", slug="autumn-student-exchange")
    org = OrganizationSettings.for_site(Site.objects.get(is_default_site=True))
    org.dateline_order = "place_first"
    org.save()
    _, text, _ = pdf_of(client, release)
    assert "하바롭스크,주체111(2022)년7월21일" in text.replace(" ", "")
    org.dateline_order = "language"
    org.save()
    _, text, _ = pdf_of(client, release)
    assert "주체111(2022)년7월21일하바롭스크" in text.replace(" ", "")


def test_pdf_of_unknown_path_is_404(client, release):
    assert client.get(release.url + "nope.pdf").status_code == 404


def test_pdf_is_503_without_weasyprint(client, release, monkeypatch):
    monkeypatch.setattr(views, "load_weasyprint", lambda: None)
    response = client.get(release.url + "release.pdf")
    assert response.status_code == 503
    assert "WeasyPrint" in response.content.decode()


@pytest.mark.needs("pango")
def test_pdf_is_503_for_a_language_no_installed_font_covers(client, korean_release, tmp_path, monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig_without(tmp_path, "ko")))
    response = client.get(korean_release.url + "release.pdf")
    assert response.status_code == 503
    text = response.content.decode()
    assert "no installed font covers the ko script" in text
    assert "sudo apt-get install fonts-noto-cjk" in text


def test_fetcher_reads_only_local_static_files(settings):
    assert views.local_file_for("http://127.0.0.1/static/core/css/site.css").name == "site.css"
    assert views.local_file_for("http://169.254.169.254/latest/meta-data") is None
    assert views.local_file_for("http://127.0.0.1/media/../../etc/passwd") is None


def test_fetcher_refuses_paths_outside_static(settings):
    assert views.local_file_for("http://127.0.0.1/static/../../../etc/passwd") is None
