"""The PDF is rendered once per published revision and language, whoever asks at once."""

import gzip
import logging
import threading
import time

import pytest

from pressroom.releases import pdf, views


@pytest.fixture(autouse=True)
def empty_pdf_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_concurrent_first_requests_render_once(release):
    renders = []

    def render():
        renders.append(1)
        time.sleep(0.2)  # WeasyPrint takes seconds; the others must wait for this one
        return b"%PDF-1.7 the one render"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(pdf.cached_pdf(release, "en", 1, render))) for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert results == [b"%PDF-1.7 the one render"] * 20


def test_a_new_revision_or_generation_renders_again_and_drops_the_old_file(release, tmp_path):
    pdf.cached_pdf(release, "en", 1, lambda: b"%PDF one")
    assert pdf.cached_pdf(release, "en", 1, lambda: b"%PDF never") == b"%PDF one"
    assert pdf.cached_pdf(release, "en", 2, lambda: b"%PDF two") == b"%PDF two"
    assert [p.name for p in (tmp_path / "pdf").glob("*.pdf")] == [f"{release.pk}-{release.live_revision_id}-en-2.pdf"]


def test_pdf_view_renders_once_and_is_shareable(client, release, caplog):
    if views.load_weasyprint() is None:
        pytest.skip("WeasyPrint or Pango missing: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core")
    with caplog.at_level(logging.INFO, logger="pressroom.releases"):
        first = client.get(release.url + "release.pdf")
        second = client.get(release.url + "release.pdf", HTTP_ACCEPT_ENCODING="gzip")
        release.title = "A retitled release"
        release.save_revision().publish()
        third = client.get(release.url + "release.pdf")
    assert first.status_code == second.status_code == third.status_code == 200
    assert first.content == gzip.decompress(second.content) != third.content
    assert "public" in first["Cache-Control"] and first["ETag"]
    assert sum("rendered PDF" in r.getMessage() for r in caplog.records) == 2
