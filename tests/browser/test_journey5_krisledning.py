"""
Journey 5: the krisledningsnämnd is active after a long power cut. A member of the staff
writes five entries in the staff log on a 375 px phone, with the keyboard only, and records
the chair's decision (an ordförandebeslut to be reported at the next meeting). Every page
passes the checks (axe-core among them).
"""

from datetime import timedelta

from django.utils import timezone

from krisberedskap import services
from krisberedskap.models import Beslutsfattare

from .conftest import MOBIL
from .kontroller import kontrollera

POSTER = [
    "Stabsläge intaget i kommunhuset.",
    "Nyhem: reservkraften startade inte, 34 boende.",
    "Räddningstjänsten larmad till Nyhem.",
    "Mobilt reservaggregat på plats, värmen tillbaka.",
    "Trygghetspunkt öppnad i Sportcentrum.",
]


def _ingen_sidledes_rullning(page):
    bredd = page.evaluate("() => document.documentElement.scrollWidth")
    assert bredd <= MOBIL["width"], f"{page.url} är {bredd} px bred på en mobil"


def _skicka_utan_natverk(page, webblasare, aktivering, text):
    """The network is gone when the entry is sent: the text is not lost. When the page opens
    again, the draft is back in the field and the page says it was not saved."""
    page.context.set_offline(True)
    page.keyboard.press("Tab")
    try:
        with page.expect_navigation(timeout=5000):
            page.keyboard.press("Enter")
    except Exception:  # noqa: BLE001 - the failed navigation is the point
        pass
    page.context.set_offline(False)
    page.goto(f"/krisberedskap/krisledning/{aktivering.pk}/")
    assert page.get_by_label("Ny loggpost").input_value() == text
    assert page.get_by_text("Texten du skrev senast sparades inte").is_visible()
    kontrollera(page, webblasare, "utkast-tillbaka")


def test_it_lets_the_staff_keep_the_log_and_record_the_chairs_decision_on_a_phone(
    require_chromium, webblasare, sakerhetschef, medarbetare
):
    aktivering = services.aktivering_create(
        user=sakerhetschef,
        titel="Långvarigt elavbrott",
        beslutad_av="ordforande",
        beslutad_av_namn="Elin Ordförande",
        beslutad=timezone.now() - timedelta(hours=1),
        skal="Elavbrott i hela tätorten, -18 grader.",
    )
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=aktivering, deltagare=medarbetare, roll="stab"
    )
    page = webblasare.sida(medarbetare, viewport=MOBIL)
    page.goto(f"/krisberedskap/krisledning/{aktivering.pk}/")
    kontrollera(page, webblasare, "aktivering")
    _ingen_sidledes_rullning(page)

    falt = page.get_by_label("Ny loggpost")
    for i, text in enumerate(POSTER, start=1):
        falt.focus()
        page.keyboard.type(text)
        if i == len(POSTER):
            _skicka_utan_natverk(page, webblasare, aktivering, text)
            falt = page.get_by_label("Ny loggpost")
            falt.focus()
        page.keyboard.press("Tab")  # to the submit button
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_text("Loggposten är sparad.").is_visible()
        assert falt.input_value() == ""
        assert page.locator("ol.timeline > li").count() == i
    # The latest entry first, each with its author.
    assert page.locator("ol.timeline > li").first.inner_text().count(POSTER[-1]) == 1
    assert aktivering.logg.count() == 5
    assert set(aktivering.logg.values_list("forfattare", flat=True)) == {medarbetare.pk}
    kontrollera(page, webblasare, "fem-loggposter")

    # The chair's decision, through the disclosure under "Beslut".
    page.get_by_text("Registrera beslut", exact=True).first.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Ordförande", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Namn").focus()
    page.keyboard.type("Elin Ordförande")
    page.locator("#beslut_text").focus()
    page.keyboard.type("Hyra mobilt reservaggregat till Äldreboendet Nyhem.")
    page.get_by_label("Ordförandebeslut som ska anmälas vid nästa sammanträde").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Beslutet är registrerat.").is_visible()
    beslut = aktivering.beslut.get()
    assert beslut.beslutsfattare == Beslutsfattare.ORDFORANDE
    assert beslut.ordforandebeslut and beslut.registrerat_av == medarbetare
    assert page.get_by_text("Ordförandebeslut, anmäls vid nästa sammanträde").is_visible()
    kontrollera(page, webblasare, "ordforandebeslut")
    _ingen_sidledes_rullning(page)
