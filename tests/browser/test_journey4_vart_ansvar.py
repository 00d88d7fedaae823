"""
Journey 4: a nämndföreträdare opens "Vårt ansvar" and sees what the policy makes the nämnd
responsible for, its risks, its overdue åtgärder and its incidents (and not another
nämnd's).
"""

import datetime

from django.utils import timezone

from incidenter.services import incident_create
from policy.models import Enhet, Omrade
from risker import services

from .kontroller import kontrollera


def _godkand_analys(namnd, granskare, chef):
    brand = Omrade.objects.get(nummer=4)
    analys = services.riskanalys_create(
        user=namnd,
        organ=namnd.enhet.organ,
        titel="Riskanalys Barn- och utbildningsnämnden 2026",
        period_fran=datetime.date(timezone.localdate().year, 1, 1),
        period_till=datetime.date(timezone.localdate().year, 12, 31),
        omraden=[brand],
    )
    risk = services.risk_create(
        user=namnd,
        riskanalys=analys,
        titel="Brand i skolkök",
        omrade=brand,
        sannolikhet=3,
        kons_liv_halsa=4,
        kons_verksamhet=3,
        kons_miljo=1,
        kons_ekonomi=3,
        kons_fortroende=2,
    )
    atgard = services.atgard_create(
        user=namnd,
        beskrivning="Installera automatisk släckning över spisarna i skolköket",
        ansvarig=chef,
        organ=analys.organ,
        forfallodatum=timezone.localdate() - datetime.timedelta(days=14),
        risk=risk,
    )
    services.riskanalys_submit(user=namnd, riskanalys=analys)
    services.riskanalys_start_review(user=granskare, riskanalys=analys)
    services.riskanalys_approve(user=granskare, riskanalys=analys)
    assert atgard.risk == risk
    return analys


def _incident(user, rubrik, enhet):
    return incident_create(
        user=user,
        rubrik=rubrik,
        beskrivning="Beskrivning av händelsen.",
        intraffade=timezone.now() - datetime.timedelta(hours=5),
        enhet=enhet,
        personskada_eller_fara=False,
    )


def test_it_shows_a_namndforetradare_the_namnds_responsibilities_risks_and_incidents(
    require_chromium,
    webblasare,
    namndforetradare,
    sakerhetsavdelning,
    chef,
    medarbetare,
    annan_medarbetare,
):
    _godkand_analys(namndforetradare, sakerhetsavdelning, chef)
    egen = _incident(medarbetare, "Stöld av dator i personalrummet", medarbetare.enhet)
    annan = _incident(annan_medarbetare, "Hot i hemtjänsten", annan_medarbetare.enhet)
    assert Enhet.objects.get(pk=annan.enhet_id).organ.slug == "sn"

    page = webblasare.sida(namndforetradare)
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Vårt ansvar").click()
    page.wait_for_url("**/policy/ansvar/bun/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Vårt ansvar – Barn- och utbildningsnämnden"
    )

    ansvar = page.get_by_role("region", name="Vad säkerhetspolicyn ger oss ansvar för")
    assert ansvar.locator("dd").count() >= 1
    assert "nämnd" in ansvar.locator("dl").inner_text().lower()

    risker = page.get_by_role("region", name="Riskanalys och risker")
    assert "Riskanalys Barn- och utbildningsnämnden 2026" in risker.inner_text()
    assert risker.get_by_role("link", name="Brand i skolkök").is_visible()
    forsenade = risker.locator("li.forsenad")
    assert forsenade.count() == 1
    assert "Installera automatisk släckning" in forsenade.inner_text()

    incidenter = page.get_by_role("region", name="Incidenter")
    assert incidenter.get_by_role("link", name=egen.referens).is_visible()
    assert "Stöld av dator i personalrummet" in incidenter.inner_text()
    assert annan.referens not in incidenter.inner_text()
    assert "Hot i hemtjänsten" not in page.locator("main").inner_text()
    kontrollera(page, webblasare, "vart-ansvar")

    # The nämnd's incident opens from there.
    incidenter.get_by_role("link", name=egen.referens).click()
    page.wait_for_url(f"**/incidenter/{egen.referens}/")
    kontrollera(page, webblasare, "incident")
