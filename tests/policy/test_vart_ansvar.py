"""Vårt ansvar as each reader sees it, when parts of it are shared between readers."""

import datetime

from django.utils import timezone

from policy.models import Omrade, Organ
from risker import services as risk_services

URL = "/policy/ansvar/bun/"


def _analys(user, titel, risk):
    """A BUN risk analysis with one risk, as a draft."""
    omrade = Omrade.objects.get(slug="internt-skydd")
    analys = risk_services.riskanalys_create(
        user=user,
        organ=Organ.objects.get(slug="bun"),
        titel=titel,
        period_fran=datetime.date(2026, 1, 1),
        period_till=datetime.date(2027, 12, 31),
        omraden=[omrade],
    )
    risk_services.risk_create(
        user=user,
        riskanalys=analys,
        titel=risk,
        omrade=omrade,
        sannolikhet=3,
        kons_liv_halsa=2,
        kons_verksamhet=1,
        kons_miljo=1,
        kons_ekonomi=1,
        kons_fortroende=1,
    )
    return analys


def _forsenad(user, analys, beskrivning, ansvarig):
    risk_services.atgard_create(
        user=user,
        beskrivning=beskrivning,
        ansvarig=ansvarig,
        organ=analys.organ,
        forfallodatum=timezone.localdate() - datetime.timedelta(days=3),
        risk=analys.risker.get(),
    )


def test_it_shows_each_reader_the_overdue_atgarder_they_answer_for(
    namndforetradare, sakerhetsavdelning, sakerhetschef, client_as
):
    """Säkerhetsavdelningen and the säkerhetschef see the same analyses, so they share the
    risk panel; an åtgärd on BUN's draft is seen only by the one who answers for it, in
    whichever order they open the page."""
    inlamnad = _analys(namndforetradare, "Inlämnad analys", "Inbrott i förrådet")
    utkast = _analys(namndforetradare, "Utkast", "Brand i köket")
    _forsenad(namndforetradare, inlamnad, "Byt lås i entrén", namndforetradare)
    _forsenad(namndforetradare, utkast, "Larma förrådet", sakerhetschef)
    risk_services.riskanalys_submit(user=namndforetradare, riskanalys=inlamnad)

    for user, ser_utkastets in (
        (sakerhetsavdelning, False),
        (sakerhetschef, True),
        (sakerhetsavdelning, False),
        (namndforetradare, True),  # BUN's own see its drafts
    ):
        html = client_as(user).get(URL).content.decode()
        assert "Inbrott i förrådet" in html, user.username
        assert "Byt lås i entrén" in html, user.username
        assert ("Brand i köket" in html) == (user == namndforetradare), user.username
        assert ("Larma förrådet" in html) == ser_utkastets, user.username


def test_it_draws_the_shared_risk_panel_in_each_readers_language(
    namndforetradare, sakerhetsavdelning, sakerhetschef, client_as
):
    inlamnad = _analys(namndforetradare, "Inlämnad analys", "Inbrott i förrådet")
    _forsenad(namndforetradare, inlamnad, "Byt lås i entrén", namndforetradare)
    risk_services.riskanalys_submit(user=namndforetradare, riskanalys=inlamnad)

    engelska = client_as(sakerhetschef).get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    svenska = client_as(sakerhetsavdelning).get(URL).content.decode()
    assert "Riskanalys och risker" in svenska and "Försenade åtgärder" in svenska
    assert "Risk analysis and risks" in engelska and "Overdue actions" in engelska
    assert "Risk analysis and risks" not in svenska
