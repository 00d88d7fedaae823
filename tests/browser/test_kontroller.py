"""The page checks themselves catch what they are there to catch (so a green journey means
something): axe reports a missing alt text and poor contrast, the heading check a skipped
level, the table check a table without headers."""

import pytest

from .kontroller import axe, rubriker_i_ordning, tabeller_har_rubriker

SIDA = """<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body><main>
<h1>Prov</h1>{}</main></body></html>"""


@pytest.fixture
def sida(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_it_reports_axe_violations_with_rule_target_and_help(require_chromium, sida):
    sida.set_content(
        SIDA.format('<img src="data:," id="bild"><p style="color:#aaa;background:#fff">Grå</p>')
    )
    with pytest.raises(AssertionError) as fel:
        axe(sida)
    text = str(fel.value)
    assert "image-alt" in text and "#bild" in text and "color-contrast" in text


def test_it_passes_a_page_without_violations(require_chromium, sida):
    sida.set_content(SIDA.format("<p>Allt i ordning.</p>"))
    axe(sida)


def test_it_reports_a_skipped_heading_level(require_chromium, sida):
    sida.set_content(SIDA.format("<h3>Hoppar över h2</h3>"))
    with pytest.raises(AssertionError, match="från h1 till h3"):
        rubriker_i_ordning(sida)


def test_it_reports_a_table_without_headers(require_chromium, sida):
    sida.set_content(SIDA.format("<table><caption>Siffror</caption><tr><td>1</td></tr></table>"))
    with pytest.raises(AssertionError, match="saknar th"):
        tabeller_har_rubriker(sida)
