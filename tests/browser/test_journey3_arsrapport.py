"""
Journey 3: someone in kommunledningen opens the annual follow-up, orders the PDF, waits for
it (the status page follows it by itself), downloads it, and the file is a valid PDF with
the year on its cover; then reads the year's ärende to KS. A PDF that fails says so and
offers "Försök igen".
"""

import io

from django.utils import timezone
from pypdf import PdfReader

from rapporter import services
from rapporter.models import Arsrapport

from .kontroller import kontrollera


def test_it_lets_kommunledningen_order_and_download_the_annual_follow_up(
    require_chromium, webblasare, kommunledning
):
    ar = timezone.localdate().year
    page = webblasare.sida(kommunledning)
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Årlig uppföljning"
    ).click()
    page.wait_for_url("**/rapporter/")
    kontrollera(page, webblasare, "arsrapporter")

    page.get_by_label("År").select_option(str(ar))
    page.get_by_role("button", name="Skapa PDF").click()
    page.wait_for_url("**/rapporter/arsrapport/*/")
    # In CI the task runs in-process; with a real worker the page follows it by itself.
    page.get_by_role("link", name="Ladda ned PDF").wait_for(state="visible", timeout=90_000)
    assert "PDF:en är klar." in page.locator("#lage-text").inner_text()
    kontrollera(page, webblasare, "pdf-klar")

    with page.expect_download() as nedladdning:
        page.get_by_role("link", name="Ladda ned PDF").click()
    fil = nedladdning.value
    assert fil.suggested_filename.endswith(".pdf")
    data = open(fil.path(), "rb").read()
    assert data.startswith(b"%PDF-")

    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) >= 2
    omslag = pdf.pages[0].extract_text()
    assert str(ar) in omslag, omslag
    assert "uppföljning" in omslag.lower(), omslag

    # The year's ärende to KS: kommunledningen reads it, Säkerhetsavdelningen writes it.
    page.get_by_role("link", name=f"Ärendet till kommunstyrelsen för {ar}").click()
    page.wait_for_url(f"**/rapporter/arende/{ar}/")
    assert "Utkast" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Spara ärendet").count() == 0
    kontrollera(page, webblasare, "arende")

    # The list keeps the version, with its download link.
    page.get_by_role("link", name="Alla årsrapporter").click()
    page.wait_for_url("**/rapporter/")
    assert page.get_by_role("link", name=f"Ladda ned PDF för {ar}").is_visible()
    kontrollera(page, webblasare, "arsrapporter-med-version")

    page.get_by_role("link", name=f"Årlig uppföljning {ar}").click()
    page.wait_for_url(f"**/rapporter/arsrapport/forhandsvisning/{ar}/")
    kontrollera(page, webblasare, "forhandsvisning")


def test_it_follows_the_pdf_by_itself_and_offers_forsok_igen(
    require_chromium, webblasare, kommunledning, monkeypatch
):
    ar = timezone.localdate().year
    monkeypatch.setattr(
        services,
        "arsrapport_pdf",
        lambda *, anvandare, ar: (b"%PDF-1.7 test", {"med_skyddade": False}),
    )
    rapport = Arsrapport.objects.create(ar=ar, skapad_av=kommunledning)
    page = webblasare.sida(kommunledning)
    page.goto(f"/rapporter/arsrapport/{rapport.pk}/")
    assert "Beställd" in page.locator("#lage-text").inner_text()
    assert page.locator("progress").is_visible()
    # The script hides the manual reload link: the page asks by itself.
    assert not page.get_by_role("link", name="Ladda om").is_visible()
    kontrollera(page, webblasare, "pdf-bestalld")

    # A worker makes it; the page shows it without a reload.
    services.arsrapport_build(rapport_id=rapport.pk)
    page.get_by_role("link", name="Ladda ned PDF").wait_for(state="visible", timeout=20_000)
    assert "PDF:en är klar." in page.locator("#lage-text").inner_text()
    assert not page.locator("progress").is_visible()

    # A failed PDF says so, with "Försök igen".
    Arsrapport.objects.filter(pk=rapport.pk).update(
        status=Arsrapport.Status.MISSLYCKAD, felmeddelande="PDF:en kunde inte skapas (OSError)."
    )
    page.goto(f"/rapporter/arsrapport/{rapport.pk}/")
    assert "PDF:en kunde inte skapas." in page.locator("#lage-text").inner_text()
    kontrollera(page, webblasare, "pdf-misslyckad")
    page.get_by_role("button", name="Försök igen").click()
    page.wait_for_url(f"**/rapporter/arsrapport/{rapport.pk}/")
    page.get_by_role("link", name="Ladda ned PDF").wait_for(state="visible", timeout=20_000)
