"""
Journey 2: Säkerhetsavdelningen reviews a nämnd's submitted risk analysis in the review
queue and sends it back with a comment on one risk; the nämndföreträdare fixes the risk and
submits again; Säkerhetsavdelningen approves it.
"""

import datetime
import re

from policy.models import Omrade
from risker import services
from risker.models import Riskanalys

from .kontroller import kontrollera

TITEL = "Riskanalys Barn- och utbildningsnämnden 2027"


def _inlamnad_analys(namnd):
    brand = Omrade.objects.get(nummer=4)
    person = Omrade.objects.get(nummer=10)
    analys = services.riskanalys_create(
        user=namnd,
        organ=namnd.enhet.organ,
        titel=TITEL,
        period_fran=datetime.date(2027, 1, 1),
        period_till=datetime.date(2027, 12, 31),
        omraden=[brand, person],
    )
    for titel, omrade, s, lh in (
        ("Brand i skolkök", brand, 2, 4),
        ("Hot mot personal vid utvecklingssamtal", person, 3, 3),
    ):
        services.risk_create(
            user=namnd,
            riskanalys=analys,
            titel=titel,
            omrade=omrade,
            sannolikhet=s,
            kons_liv_halsa=lh,
            kons_verksamhet=2,
            kons_miljo=1,
            kons_ekonomi=2,
            kons_fortroende=2,
        )
    # Brand i skolkök is Hög (liv och hälsa 4): approval needs an åtgärd for it.
    services.atgard_create(
        user=namnd,
        beskrivning="Släcksystem över spisarna",
        ansvarig=namnd,
        organ=analys.organ,
        forfallodatum=datetime.date(2027, 6, 30),
        risk=analys.risker.get(titel="Brand i skolkök"),
    )
    return services.riskanalys_submit(user=namnd, riskanalys=analys)


def _ga_till_granskning(page, webblasare, namn):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Granskning").click()
    page.wait_for_url("**/risker/granskning/")
    kontrollera(page, webblasare, namn)
    rad = page.get_by_role("row").filter(has_text=TITEL)
    assert "Barn- och utbildningsnämnden" in rad.inner_text()
    return rad


def test_it_reviews_returns_and_approves_a_risk_analysis(
    require_chromium, webblasare, sakerhetsavdelning, namndforetradare
):
    analys = _inlamnad_analys(namndforetradare)
    brand = analys.risker.get(titel="Brand i skolkök")
    kommentar = "Beskriv brandskyddet i skolköket: finns släckutrustning och rutin för fettbrand?"

    # Säkerhetsavdelningen (with two-factor authentication) finds it in the queue.
    granskare = webblasare.sida(sakerhetsavdelning)
    rad = _ga_till_granskning(granskare, webblasare, "granskningsko")
    assert "Ny analys med 2 risker" in rad.inner_text()
    rad.get_by_role("link", name=TITEL).click()
    granskare.wait_for_url(f"**/risker/analyser/{analys.pk}/granska/")
    kontrollera(granskare, webblasare, "granska")

    granskare.get_by_role("button", name="Påbörja granskning").click()
    granskare.wait_for_url(f"**/risker/analyser/{analys.pk}/")
    assert "Granskningen är påbörjad." in granskare.get_by_role("status").inner_text()
    granskare.get_by_role("link", name="Granska", exact=True).click()
    granskare.wait_for_url("**/granska/")
    granskare.get_by_label("Kommentar till risken ”Brand i skolkök”").fill(kommentar)
    granskare.get_by_role("button", name="Skicka tillbaka").click()
    granskare.wait_for_url(f"**/risker/analyser/{analys.pk}/")
    assert "skickad tillbaka för komplettering" in granskare.get_by_role("status").inner_text()
    kontrollera(granskare, webblasare, "skickad-tillbaka")
    analys.refresh_from_db()
    assert analys.status == Riskanalys.Status.ATER

    # The nämndföreträdare sees the comment on that risk, fixes the risk and resubmits.
    namnd = webblasare.sida(namndforetradare)
    namnd.goto(analys.get_absolute_url())
    kort = namnd.locator("section.card").filter(has_text="Brand i skolkök")
    assert kommentar in kort.inner_text()
    annat = namnd.locator("section.card").filter(has_text="Hot mot personal")
    assert kommentar not in annat.inner_text()
    kontrollera(namnd, webblasare, "analys-med-kommentar")

    kort.get_by_role("link", name="Brand i skolkök").click()
    namnd.wait_for_url(f"**/risker/risk/{brand.pk}/")
    kontrollera(namnd, webblasare, "risk-med-kommentar")
    namnd.get_by_role("link", name="Ändra risken").click()
    namnd.wait_for_url("**/andra/")
    kontrollera(namnd, webblasare, "andra-risk")
    namnd.get_by_role("textbox", name=re.compile(r"^Beskrivning")).fill(
        "Släckfilt och brandsläckare finns vid spisen; rutin för fettbrand ses över varje termin."
    )
    namnd.get_by_role("button", name="Spara").click()
    namnd.wait_for_url(f"**/risker/risk/{brand.pk}/")
    assert "Risken är sparad." in namnd.get_by_role("status").inner_text()

    namnd.goto(analys.get_absolute_url())
    namnd.get_by_role("button", name="Lämna in för granskning").click()
    namnd.wait_for_url(f"**/risker/analyser/{analys.pk}/")
    assert "inlämnad för granskning" in namnd.get_by_role("status").inner_text()
    kontrollera(namnd, webblasare, "inlamnad-igen")

    # Säkerhetsavdelningen sees what changed since the review and approves.
    rad = _ga_till_granskning(granskare, webblasare, "granskningsko-komplettering")
    assert "Komplettering efter tidigare granskning" in rad.inner_text()
    rad.get_by_role("link", name=TITEL).click()
    granskare.wait_for_url("**/granska/")
    assert re.search(r"Ändrat sedan granskningen", granskare.locator("main").inner_text())
    assert "Brand i skolkök" in granskare.locator("main ul").first.inner_text()
    kontrollera(granskare, webblasare, "granska-komplettering")
    assert granskare.get_by_role("button", name="Godkänn analysen").count() == 0
    granskare.get_by_role("button", name="Påbörja granskning").click()
    granskare.wait_for_url(f"**/risker/analyser/{analys.pk}/")
    granskare.get_by_role("link", name="Granska", exact=True).click()
    granskare.wait_for_url("**/granska/")
    granskare.get_by_role("button", name="Godkänn analysen").click()
    granskare.wait_for_url(f"**/risker/analyser/{analys.pk}/")
    assert "Riskanalysen är godkänd." in granskare.get_by_role("status").inner_text()
    assert "Godkänd" in granskare.locator("dl").inner_text()
    kontrollera(granskare, webblasare, "godkand")

    analys.refresh_from_db()
    assert analys.status == Riskanalys.Status.GODKAND
    assert analys.godkand_av == sakerhetsavdelning
