"""lib.pdf (local files only, metadata, tags) and lib.charts (SVG bars)."""

import io

import pytest
from pypdf import PdfReader

from lib import charts, pdf


def test_it_maps_static_urls_to_local_files_and_nothing_else():
    assert pdf.static_path("file:///static/css/rapport.css").name == "rapport.css"
    assert pdf.static_path("/static/fonts/DejaVuSans.ttf").name == "DejaVuSans.ttf"
    assert pdf.static_path("file:///static/../koping_sakerhet/settings.py") is None
    assert pdf.static_path("file:///etc/passwd") is None
    assert pdf.static_path("https://example.org/static/css/rapport.css") is None


def test_it_refuses_to_fetch_from_the_network():
    fetcher = pdf.url_fetcher()
    with pytest.raises(ValueError):
        fetcher("https://example.org/logo.png")
    svar = fetcher("file:///static/css/rapport.css")
    assert b"@page" in svar.read()


def test_it_renders_a_tagged_pdf_with_metadata_and_no_remote_image(db):
    html = (
        '<html lang="sv"><head><link rel="stylesheet" href="/static/css/rapport.css"></head>'
        '<body class="pdf rapport"><h1>Rubrik åäö</h1>'
        '<img src="https://example.org/spårning.png" alt="">'
        "</body></html>"
    )
    data = pdf.document_to_pdf(pdf.html_to_document(html), titel="Provrapport")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Provrapport"
    assert reader.metadata.author == "Köpings kommun"
    assert "Rubrik åäö" in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_it_draws_bars_with_a_title_and_no_inline_style():
    svg = charts.staplar_lodrata(
        [charts.Stapel("jan", 3, 1), charts.Stapel("feb", 0, 2)], titel="Incidenter <per> månad"
    )
    assert svg.startswith("<svg") and "<title>Incidenter &lt;per&gt; månad</title>" in svg
    assert svg.count("<rect") == 4
    assert "style=" not in svg and "<script" not in svg
    liggande = charts.staplar_vagrata([charts.Stapel("1. Krisberedskap", 7)], titel="Per område")
    assert ">7</text>" in liggande and liggande.count("<rect") == 1


@pytest.mark.parametrize("storst,topp", [(0, 2), (1, 2), (3, 4), (7, 10), (11, 20), (101, 200)])
def test_it_rounds_the_axis_up(storst, topp):
    assert charts._skala(storst) == topp
