"""
Journey 3: someone in kommunledningen opens the annual follow-up, orders the PDF, waits for
it, downloads it, and the file is a valid PDF with the year on its cover.
"""

import io

from django.utils import timezone
from pypdf import PdfReader

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
    # In CI the task runs in-process; with a real worker the page says so until it is done.
    for _ in range(60):
        if page.get_by_role("link", name="Ladda ned PDF").count():
            break
        assert "kunde inte skapas" not in page.locator("main").inner_text()
        page.wait_for_timeout(1000)
        page.reload()
    assert "PDF:en är klar." in page.get_by_role("status").last.inner_text()
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

    # The list keeps the version, with its download link.
    page.get_by_role("link", name="Alla årsrapporter").click()
    page.wait_for_url("**/rapporter/")
    assert page.get_by_role("link", name=f"Ladda ned PDF för {ar}").is_visible()
    kontrollera(page, webblasare, "arsrapporter-med-version")

    page.get_by_role("link", name=f"Årlig uppföljning {ar}").click()
    page.wait_for_url(f"**/rapporter/arsrapport/forhandsvisning/{ar}/")
    kontrollera(page, webblasare, "forhandsvisning")
