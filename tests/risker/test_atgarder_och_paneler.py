import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from incidenter.models import Incident
from policy.models import Organ
from risker import levels, panels, services, start
from risker.models import Atgard, Riskanalys

from .factories import bedomning, godkann


@pytest.fixture
def incident(medarbetare):
    nu = timezone.now()
    return Incident.objects.create(
        referens="2026-0001",
        ar=2026,
        lopnummer=1,
        rubrik="Hot i entrén",
        intraffade=nu,
        upptackt=nu,
        rapportor=medarbetare,
        enhet=medarbetare.enhet,
    )


def _forsenad(user, risk):
    return services.atgard_create(
        user=user,
        beskrivning="Larmknappar",
        ansvarig=user,
        organ=risk.organ,
        forfallodatum=timezone.localdate() - datetime.timedelta(days=3),
        risk=risk,
    )


def test_an_atgard_belongs_to_exactly_one_risk_or_incident(
    bun_analys, namndforetradare, sakerhetsavdelning, incident
):
    risk = bun_analys.risker.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Atgard.objects.create(
            beskrivning="x",
            ansvarig=namndforetradare,
            organ=risk.organ,
            forfallodatum=timezone.localdate(),
            risk=risk,
            incident=incident,
            skapad_av=namndforetradare,
        )
    a = services.atgard_create(
        user=sakerhetsavdelning,  # who handles the incident
        beskrivning="Utred",
        ansvarig=namndforetradare,
        organ=risk.organ,
        forfallodatum=timezone.localdate(),
        incident=incident,
    )
    assert list(incident.atgarder.all()) == [a]


def test_only_the_owner_or_responsible_changes_an_atgards_status(
    bun_analys, namndforetradare, annan_namndforetradare, chef, client_as
):
    risk = bun_analys.risker.first()
    atgard = services.atgard_create(
        user=namndforetradare,
        beskrivning="Rutin",
        ansvarig=chef,
        organ=risk.organ,
        forfallodatum=timezone.localdate(),
        risk=risk,
    )
    with pytest.raises(PermissionDenied):
        services.atgard_set_status(user=annan_namndforetradare, atgard=atgard, status="klar")
    with pytest.raises(PermissionDenied):
        services.atgard_create(
            user=annan_namndforetradare,
            beskrivning="x",
            ansvarig=chef,
            organ=risk.organ,
            forfallodatum=timezone.localdate(),
            risk=risk,
        )
    resp = client_as(chef).post(f"/risker/atgard/{atgard.pk}/status/", {"status": "klar"})
    assert resp.status_code == 302
    atgard.refresh_from_db()
    assert atgard.status == "klar" and atgard.klar_datum == timezone.localdate()
    assert not atgard.ar_forsenad(timezone.localdate() + datetime.timedelta(days=9))


def test_a_risk_shows_the_incidents_that_realised_it(
    bun_analys, namndforetradare, annan_namndforetradare, sakerhetsavdelning, incident, client_as
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    risk = bun_analys.risker.first()
    with pytest.raises(PermissionDenied):
        services.risk_link_incident(user=annan_namndforetradare, risk=risk, incident=incident)
    services.risk_link_incident(user=namndforetradare, risk=risk, incident=incident)
    assert list(incident.risker.all()) == [risk]
    assert (
        "Hot i entrén"
        in client_as(sakerhetsavdelning).get(f"/risker/risk/{risk.pk}/").content.decode()
    )
    services.risk_unlink_incident(user=namndforetradare, risk=risk, incident=incident)
    assert not incident.risker.exists()


def test_overdue_atgarder_stand_out_on_the_analysis_page(bun_analys, namndforetradare, client_as):
    _forsenad(namndforetradare, bun_analys.risker.first())
    html = client_as(namndforetradare).get(f"/risker/analyser/{bun_analys.pk}/").content.decode()
    assert 'class="forsenad"' in html and "(försenad)" in html


def test_the_organ_panel_shows_risks_by_the_rule_and_whether_the_analysis_is_approved(
    bun_analys, namndforetradare, sakerhetsavdelning, annan_namndforetradare
):
    bun = Organ.objects.get(slug="bun")
    _forsenad(namndforetradare, bun_analys.risker.get(titel="Risk 2"))
    ctx = panels.organ_panel(namndforetradare, bun)
    assert [r.titel for r in ctx["risker"]] == ["Risk 1", "Risk 2"]
    assert len(ctx["forsenade"]) == 1 and ctx["godkand_analys"] is None
    assert ctx["pagaende"] == bun_analys
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    ctx = panels.organ_panel(namndforetradare, bun)
    assert ctx["godkand_analys"] == bun_analys and ctx["pagaende"] is None
    assert ctx["godkand_och_aktuell"] == (bun_analys.period_till >= timezone.localdate())
    # Another nämnd sees nothing of BUN's risks.
    assert list(panels.organ_panel(annan_namndforetradare, bun)["risker"]) == []


def test_the_panels_list_the_first_ten_risks_and_count_them_all(
    skapa_analys, namndforetradare, annan_namndforetradare, omrade, client_as
):
    analys = skapa_analys(
        namndforetradare, risker=[bedomning(s=1 + n % 4, lh=1 + n % 3) for n in range(12)]
    )
    risk = analys.risker.get(titel="Risk 7")
    _forsenad(namndforetradare, risk)
    bun = Organ.objects.get(slug="bun")
    for ctx in (
        panels.organ_panel(namndforetradare, bun),
        panels.omrade_panel(namndforetradare, omrade),
    ):
        assert ctx["antal"] == 12
        assert len(ctx["risker"]) == 10
        ordning = [
            levels.sorteringsnyckel(r.niva, r.kons_liv_halsa, r.poang) for r in ctx["risker"]
        ]
        assert ordning == sorted(ordning)
    html = client_as(namndforetradare).get("/policy/ansvar/bun/").content.decode()
    assert "Visa alla 12 risker i registret" in html
    assert f'<li class="forsenad"><a href="/risker/risk/{risk.pk}/">Larmknappar</a>' in html
    ctx = panels.organ_panel(annan_namndforetradare, bun)
    assert (ctx["risker"], ctx["antal"]) == ([], 0)


def test_the_omrade_panel_shows_the_areas_visible_risks(
    bun_analys, namndforetradare, omrade, extern
):
    ctx = panels.omrade_panel(namndforetradare, omrade)
    assert ctx["antal"] == 2
    assert panels.omrade_panel(extern, omrade) is None


def test_the_start_page_lists_returned_analyses_and_the_review_queue(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert start.context(sakerhetsavdelning)["granskningsko"] == 1
    services.riskanalys_return(
        user=sakerhetsavdelning,
        riskanalys=bun_analys,
        kommentarer={},
        overgripande="Komplettera metoden.",
    )
    assert bun_analys.status == Riskanalys.Status.ATER
    html = client_as(namndforetradare).get("/").content.decode()
    assert bun_analys.titel in html and "se granskarens kommentarer" in html


def test_it_creates_an_analysis_through_the_form(namndforetradare, client_as, omrade):
    bun = Organ.objects.get(slug="bun")
    resp = client_as(namndforetradare).post(
        "/risker/analyser/ny/",
        {
            "titel": "RSA",
            "typ": "riskanalys",
            "organ": bun.pk,
            "period_fran": "2026-01-01",
            "period_till": "2025-01-01",
            "omraden": [omrade.pk],
        },
    )
    assert (
        resp.status_code == 200
        and "Perioden kan inte sluta innan den börjar." in resp.content.decode()
    )
    resp = client_as(namndforetradare).post(
        "/risker/analyser/ny/",
        {
            "titel": "Riskanalys 2027",
            "typ": "riskanalys",
            "organ": bun.pk,
            "period_fran": "2027-01-01",
            "period_till": "2027-12-31",
            "omraden": [omrade.pk],
        },
    )
    assert resp.status_code == 302
    assert Riskanalys.objects.get(titel="Riskanalys 2027").skala.version == 1


def test_a_medarbetare_cannot_create_an_analysis(medarbetare, client_as):
    assert client_as(medarbetare).get("/risker/analyser/ny/").status_code == 403


def test_the_namndforetradare_sees_a_submitted_analysis_waiting_on_the_start_page(
    bun_analys, namndforetradare, medarbetare
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert start.context(namndforetradare)["vantar"] == [bun_analys]
    assert "vantar" not in start.context(medarbetare)
