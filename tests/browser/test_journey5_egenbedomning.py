"""
Journey 5: Säkerhetsavdelningen has opened the year's follow-up; Barn- och
utbildningsnämnden's nämndföreträdare finds the self-assessment on the start page, answers
every question on a 320 px wide phone, saves and submits it. Every page passes axe-core and
has no sideways scroll.
"""

import datetime

from django.utils import timezone

from uppfoljning import services
from uppfoljning.models import Egenbedomning, Fraga

from .kontroller import kontrollera

SMAL = {"width": 320, "height": 800}


def _ingen_sidledsrullning(page):
    bredd = page.evaluate("() => document.documentElement.scrollWidth")
    breda = page.evaluate(
        "() => [...document.querySelectorAll('body *')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)"
        ".slice(-6).map(e => e.tagName + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth + ' ' + e.outerHTML.slice(0, 150))"
    )
    assert bredd <= 320, f"{page.url}: {bredd} px bred vid 320 px: {breda}"


def test_it_lets_a_namnd_answer_and_submit_its_self_assessment(
    require_chromium, webblasare, namndforetradare, sakerhetsavdelning
):
    idag = timezone.localdate()
    services.uppfoljningsar_open(
        user=sakerhetsavdelning, ar=idag.year, sista_dag=idag + datetime.timedelta(days=14)
    )
    e = Egenbedomning.objects.get(uppfoljningsar__ar=idag.year, organ__slug="bun")
    fragor = list(Fraga.objects.filter(aktiv=True).order_by("omrade__nummer", "ordning"))

    page = webblasare.sida(namndforetradare, viewport=SMAL)
    page.goto("/")
    kontrollera(page, webblasare, "startsida")
    _ingen_sidledsrullning(page)
    page.get_by_role("link", name=f"Besvara egenbedömningen {idag.year}").click()
    page.wait_for_url(f"**/uppfoljning/egenbedomningar/{e.pk}/")
    kontrollera(page, webblasare, "egenbedomning")
    _ingen_sidledsrullning(page)

    for i, fraga in enumerate(fragor):
        grupp = page.get_by_role("group", name=fraga.text)
        svar = "Delvis" if i == 0 else "Ja"
        grupp.get_by_role("radio", name=svar, exact=True).check()
    forsta = page.get_by_role("group", name=fragor[0].text)
    forsta.get_by_label("Kommentar").fill("Riskanalysen revideras under våren.")
    forsta.get_by_label("Länkar till underlag").fill("https://intranat.koping.se/bun/riskanalys")
    page.get_by_role("button", name="Spara svaren").click()
    page.wait_for_load_state("load")
    assert "Svaren är sparade." in page.locator("body").inner_text()
    assert f"{len(fragor)} av {len(fragor)} frågor besvarade" in page.locator("main").inner_text()

    page.get_by_role("button", name="Lämna in till Säkerhetsavdelningen").click()
    page.wait_for_load_state("load")
    assert "Egenbedömningen är inlämnad" in page.locator("body").inner_text()
    assert "Status: Inlämnad" in " ".join(page.locator("main").inner_text().split())
    # Read only now: each answer under its question.
    main = page.locator("main")
    assert main.get_by_role("button", name="Spara svaren").count() == 0
    assert main.locator("dl.svarslista strong", has_text="Delvis").count() == 1
    kontrollera(page, webblasare, "inlamnad")
    _ingen_sidledsrullning(page)
    e.refresh_from_db()
    assert e.status == Egenbedomning.Status.INLAMNAD
