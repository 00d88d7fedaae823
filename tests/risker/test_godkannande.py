"""Approving a risk analysis: every Hög and Mycket hög risk has an åtgärd or an acceptance
by the body, the review has started, and the body's own decision (§, date) is recorded."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from risker import services
from risker.models import Atgard, Riskanalys

from .factories import bedomning

S = Riskanalys.Status


@pytest.fixture
def inlamnad(skapa_analys, namndforetradare):
    """A submitted analysis: a Mycket hög risk for liv och hälsa, a Mycket hög one for
    ekonomi with a higher score, and a Låg one."""
    a = skapa_analys(
        namndforetradare,
        risker=[
            bedomning(4, lh=4, titel="Hot mot personal"),
            bedomning(5, e=4, titel="Ekonomisk förlust"),
            bedomning(1, titel="Liten risk"),
        ],
    )
    services.riskanalys_submit(user=namndforetradare, riskanalys=a)
    return a


def _atgard(user, risk, **extra):
    return services.atgard_create(
        user=user,
        beskrivning=f"Åtgärd mot {risk.titel}",
        ansvarig=user,
        organ=risk.organ,
        forfallodatum=datetime.date(2027, 6, 1),
        risk=risk,
        **extra,
    )


def test_it_refuses_to_approve_a_high_risk_without_atgard_or_acceptance(
    inlamnad, namndforetradare, sakerhetsavdelning
):
    services.riskanalys_start_review(user=sakerhetsavdelning, riskanalys=inlamnad)
    with pytest.raises(ValidationError) as fel:
        services.riskanalys_approve(user=sakerhetsavdelning, riskanalys=inlamnad)
    # Life and health first, although the other risk has the higher score; Låg is not asked.
    assert "Det saknas för: Hot mot personal; Ekonomisk förlust." in fel.value.messages[0]
    inlamnad.refresh_from_db()
    assert inlamnad.status == S.UNDER_GRANSKNING

    hot = inlamnad.risker.get(titel="Hot mot personal")
    ekonomi = inlamnad.risker.get(titel="Ekonomisk förlust")
    struken = _atgard(namndforetradare, hot)
    services.atgard_set_status(user=namndforetradare, atgard=struken, status=Atgard.Status.STRUKEN)
    with pytest.raises(ValidationError, match="Det saknas för: Hot mot personal; Ekonomisk"):
        services.riskanalys_approve(user=sakerhetsavdelning, riskanalys=inlamnad)

    _atgard(namndforetradare, hot)
    services.risk_accept(user=namndforetradare, risk=ekonomi, motivering="Försäkrad.")
    services.riskanalys_approve(user=sakerhetsavdelning, riskanalys=inlamnad)
    assert inlamnad.status == S.GODKAND


def test_it_approves_only_once_the_review_has_started(
    inlamnad, namndforetradare, sakerhetsavdelning
):
    for risk in inlamnad.risker.all():
        _atgard(namndforetradare, risk)
    with pytest.raises(ValidationError, match="Påbörja granskningen"):
        services.riskanalys_approve(user=sakerhetsavdelning, riskanalys=inlamnad)
    services.riskanalys_start_review(user=sakerhetsavdelning, riskanalys=inlamnad)
    services.riskanalys_approve(user=sakerhetsavdelning, riskanalys=inlamnad)
    assert inlamnad.status == S.GODKAND


def test_the_review_page_shows_godkann_only_when_it_can_be_used(
    inlamnad, namndforetradare, sakerhetsavdelning, client_as
):
    c = client_as(sakerhetsavdelning)
    url = f"/risker/analyser/{inlamnad.pk}/granska/"
    sida = c.get(url).content.decode()
    assert "Påbörja granskning" in sida and "Godkänn analysen" not in sida
    assert c.post(f"/risker/analyser/{inlamnad.pk}/godkann/", follow=True).status_code == 200
    inlamnad.refresh_from_db()
    assert inlamnad.status == S.INLAMNAD

    services.riskanalys_start_review(user=sakerhetsavdelning, riskanalys=inlamnad)
    sida = c.get(url).content.decode()
    assert "Godkänn analysen" not in sida
    assert "Risker som behöver en åtgärd eller en accepterad restrisk" in sida
    assert re.search(r"Hot mot personal.*Ekonomisk förlust", sida, re.S)
    # The body sees the same list on the analysis page.
    egen = client_as(namndforetradare).get(f"/risker/analyser/{inlamnad.pk}/").content.decode()
    assert "Risker som behöver en åtgärd eller en accepterad restrisk" in egen

    for risk in inlamnad.risker.all():
        _atgard(namndforetradare, risk)
    sida = c.get(url).content.decode()
    assert "Godkänn analysen" in sida
    assert "Risker som behöver en åtgärd" not in sida
    assert c.post(f"/risker/analyser/{inlamnad.pk}/godkann/").status_code == 302
    inlamnad.refresh_from_db()
    assert inlamnad.status == S.GODKAND


def test_the_bodys_decision_is_recorded_and_shown(
    skapa_analys, namndforetradare, client_as, omrade
):
    a = skapa_analys(namndforetradare, risker=[bedomning(1)])
    c = client_as(namndforetradare)
    data = {
        "titel": a.titel,
        "typ": a.typ,
        "period_fran": "2026-01-01",
        "period_till": "2027-12-31",
        "omraden": [omrade.pk],
        "metodbeskrivning": "",
        "diarienummer": "BUN 2026/12",
        "beslutsdatum": "2026-03-12",
        "beslutsparagraf": "§ 45",
    }
    framtid = {**data, "beslutsdatum": (datetime.date.today() + datetime.timedelta(3)).isoformat()}
    resp = c.post(f"/risker/analyser/{a.pk}/andra/", framtid)
    assert resp.status_code == 200 and "Beslutsdatum kan inte ligga i framtiden." in (
        resp.content.decode()
    )
    assert c.post(f"/risker/analyser/{a.pk}/andra/", data).status_code == 302
    a.refresh_from_db()
    assert a.beslutsdatum == datetime.date(2026, 3, 12) and a.beslutsparagraf == "§ 45"
    sida = c.get(f"/risker/analyser/{a.pk}/").content.decode()
    assert "Barn- och utbildningsnämnden beslutade om analysen 12 mar 2026, § 45" in sida

    pdf = c.get(f"/rapporter/riskanalys/{a.pk}.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "beslutade om analysen 12 mar 2026, § 45" in re.sub(r"\s+", " ", text)
