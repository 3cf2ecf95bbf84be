import io
import json

import pytest

from pressroom.releases import views

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extras: pip install -e .[test]")


@pytest.fixture
def weasyprint():
    module = views.load_weasyprint()
    if module is None:
        pytest.skip("WeasyPrint or Pango missing: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk")
    return module


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


def test_english_release_pdf_is_one_page_with_title_dateline_and_contacts(client, release, weasyprint):
    reader, text, _ = pdf_of(client, release)
    assert len(reader.pages) == 1
    assert release.title in text
    assert "Khabarovsk, July 21" in text
    assert "office@amur-bridge.example" in text
    assert "Search" not in text  # no site header
    assert "PDF for print" not in text


def test_russian_release_pdf_has_cyrillic_text(client, release_ru, weasyprint):
    _, text, fonts = pdf_of(client, release_ru)
    assert release_ru.title in text
    assert "Хабаровск" in text
    assert any("Noto" in f or "Georgia" in f or "Serif" in f for f in fonts), fonts


def test_korean_glyphs_use_a_cjk_font(client, release, weasyprint):
    release.title = "교류 프로그램 Exchange"
    release.body = json.dumps([{"type": "paragraph", "value": "<p>한국어 문장입니다.</p>"}])
    release.save_revision().publish()
    _, text, fonts = pdf_of(client, release)
    assert "교류 프로그램" in text and "한국어" in text
    assert any("CJK" in f for f in fonts), fonts


def test_korean_sample_release_pdf(client, korean, weasyprint):
    """The sample's Korean release prints on one page with its Korean dateline and contacts."""
    from pressroom.releases.models import PressReleasePage

    release = PressReleasePage.objects.get(locale__language_code="ko", slug="autumn-student-exchange")
    reader, text, fonts = pdf_of(client, release)
    assert len(reader.pages) == 1
    squeezed = text.replace(" ", "")  # PDF text extraction spaces CJK glyphs unevenly
    assert "가을학생교류가" in squeezed
    assert "하바롭스크,주체111(2022)년7월21일" in squeezed
    assert "나베레즈나야거리12" in squeezed
    assert any("CJK" in f for f in fonts), fonts


def test_pdf_of_unknown_path_is_404(client, release):
    assert client.get(release.url + "nope.pdf").status_code == 404


def test_pdf_is_503_without_weasyprint(client, release, monkeypatch):
    monkeypatch.setattr(views, "load_weasyprint", lambda: None)
    response = client.get(release.url + "release.pdf")
    assert response.status_code == 503
    assert "WeasyPrint" in response.content.decode()


def test_fetcher_reads_only_local_static_files(settings):
    assert views.local_file_for("http://127.0.0.1/static/core/css/site.css").name == "site.css"
    assert views.local_file_for("http://169.254.169.254/latest/meta-data") is None
    assert views.local_file_for("http://127.0.0.1/media/../../etc/passwd") is None


def test_fetcher_refuses_paths_outside_static(settings):
    assert views.local_file_for("http://127.0.0.1/static/../../../etc/passwd") is None
