import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from risker import services
from risker.models import Risk, Riskanalys

from .factories import bedomning, godkann

S = Riskanalys.Status


def test_it_lets_only_the_namndforetradare_submit(
    bun_analys, chef, sakerhetsavdelning, namndforetradare
):
    for user in (chef, sakerhetsavdelning):
        with pytest.raises(PermissionDenied):
            services.riskanalys_submit(user=user, riskanalys=bun_analys)
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert bun_analys.status == S.INLAMNAD


def test_it_lets_only_sakerhetsavdelningen_review(
    bun_analys, namndforetradare, sakerhetsavdelning, kommunledning
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    for action in (services.riskanalys_start_review, services.riskanalys_approve):
        for user in (namndforetradare, kommunledning):
            with pytest.raises(PermissionDenied):
                action(user=user, riskanalys=bun_analys)
    with pytest.raises(PermissionDenied):
        services.riskanalys_return(
            user=namndforetradare, riskanalys=bun_analys, kommentarer={}, overgripande="x"
        )
    services.riskanalys_start_review(user=sakerhetsavdelning, riskanalys=bun_analys)
    assert bun_analys.status == S.UNDER_GRANSKNING
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    assert bun_analys.status == S.GODKAND


def test_it_returns_with_comments_per_risk_and_accepts_a_resubmission(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    risk = bun_analys.risker.get(titel="Risk 2")
    resp = client_as(sakerhetsavdelning).post(
        f"/risker/analyser/{bun_analys.pk}/granska/",
        {f"kommentar_{risk.pk}": "Motivera sannolikheten."},
    )
    assert resp.status_code == 302
    bun_analys.refresh_from_db()
    assert bun_analys.status == S.ATER
    assert risk.kommentarer.get().text == "Motivera sannolikheten."
    page = client_as(namndforetradare).get(f"/risker/analyser/{bun_analys.pk}/").content.decode()
    assert "Motivera sannolikheten." in page
    services.risk_update(user=namndforetradare, risk=risk, sannolikhet=3)
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    review = (
        client_as(sakerhetsavdelning)
        .get(f"/risker/analyser/{bun_analys.pk}/granska/")
        .content.decode()
    )
    # The reviewer sees what changed since the last review, field by field.
    assert "Ändrad" in review and "<del>2</del> → <ins>3</ins>" in review


def test_it_refuses_a_return_without_any_comment(bun_analys, namndforetradare, sakerhetsavdelning):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    with pytest.raises(ValidationError):
        services.riskanalys_return(user=sakerhetsavdelning, riskanalys=bun_analys, kommentarer={})


def test_it_locks_an_approved_analysis(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as, omrade
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    risk = bun_analys.risker.first()
    with pytest.raises(PermissionDenied):
        services.risk_update(user=namndforetradare, risk=risk, sannolikhet=1)
    with pytest.raises(PermissionDenied):
        services.risk_create(
            user=namndforetradare, riskanalys=bun_analys, titel="Ny", omrade=omrade, **bedomning()
        )
    with pytest.raises(PermissionDenied):
        services.riskanalys_update(user=namndforetradare, riskanalys=bun_analys, titel="Ny titel")
    c = client_as(namndforetradare)
    assert c.get(f"/risker/risk/{risk.pk}/andra/").status_code == 403
    data = {"titel": "X", "omrade": omrade.pk, **bedomning(1)}
    assert c.post(f"/risker/risk/{risk.pk}/andra/", data).status_code == 403
    assert c.post(f"/risker/analyser/{bun_analys.pk}/andra/", {"titel": "X"}).status_code == 403
    risk.refresh_from_db()
    assert risk.sannolikhet == 4


def test_it_starts_a_revision_from_a_copy_and_marks_each_risk(
    bun_analys, namndforetradare, sakerhetsavdelning, omrade
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    ny = services.riskanalys_new_revision(user=namndforetradare, riskanalys=bun_analys)
    assert ny.status == S.UTKAST and ny.revision_av == bun_analys
    assert sorted(ny.risker.values_list("titel", flat=True)) == ["Risk 1", "Risk 2"]
    assert list(ny.omraden.all()) == [omrade]
    r1 = ny.risker.get(titel="Risk 1")
    services.risk_update(user=namndforetradare, risk=r1, sannolikhet=2)
    services.risk_create(
        user=namndforetradare, riskanalys=ny, titel="Risk 3", omrade=omrade, **bedomning()
    )
    marks = dict(ny.risker.values_list("titel", "andring"))
    assert marks == {"Risk 1": "andrad", "Risk 2": "oforandrad", "Risk 3": "ny"}
    # Changing it back makes it unchanged again.
    services.risk_update(user=namndforetradare, risk=r1, sannolikhet=4)
    assert Risk.objects.get(pk=r1.pk).andring == "oforandrad"
    # The approved original is untouched.
    assert bun_analys.risker.get(titel="Risk 1").sannolikhet == 4


def test_it_voids_the_acceptance_when_the_assessment_changes(bun_analys, namndforetradare, chef):
    risk = bun_analys.risker.get(titel="Risk 2")
    with pytest.raises(PermissionDenied):
        services.risk_accept(user=chef, risk=risk, motivering="Kostnaden är för hög.")
    services.risk_accept(user=namndforetradare, risk=risk, motivering="Kostnaden är för hög.")
    assert risk.ar_accepterad and risk.accepterad_av == namndforetradare
    services.risk_update(user=namndforetradare, risk=risk, beskrivning="Bara texten")
    assert Risk.objects.get(pk=risk.pk).ar_accepterad
    services.risk_update(user=namndforetradare, risk=risk, kons_ekonomi=4)
    assert not Risk.objects.get(pk=risk.pk).ar_accepterad


def test_it_voids_the_acceptance_through_the_form(bun_analys, namndforetradare, client_as, omrade):
    risk = bun_analys.risker.get(titel="Risk 2")
    services.risk_accept(user=namndforetradare, risk=risk, motivering="Godtagbar.")
    data = {"titel": risk.titel, "omrade": omrade.pk, **bedomning(5, e=3)}
    resp = client_as(namndforetradare).post(f"/risker/risk/{risk.pk}/andra/", data)
    assert resp.status_code == 302
    risk.refresh_from_db()
    assert risk.sannolikhet == 5 and not risk.ar_accepterad


def test_it_moves_open_atgarder_to_the_approved_revision(
    bun_analys, namndforetradare, sakerhetsavdelning
):
    import datetime

    risk = bun_analys.risker.get(titel="Risk 1")
    atgard = services.atgard_create(
        user=namndforetradare,
        beskrivning="Utbilda personalen",
        ansvarig=namndforetradare,
        organ=bun_analys.organ,
        forfallodatum=datetime.date(2026, 1, 1),
        risk=risk,
    )
    assert atgard.ar_forsenad(datetime.date(2026, 2, 1))
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    ny = services.riskanalys_new_revision(user=namndforetradare, riskanalys=bun_analys)
    services.riskanalys_submit(user=namndforetradare, riskanalys=ny)
    godkann(ny, sakerhetsavdelning, namndforetradare)
    atgard.refresh_from_db()
    assert atgard.risk.riskanalys == ny


def test_an_rsa_follows_its_decision_chain_after_approval(
    skapa_analys, namndforetradare, sakerhetsavdelning, kommunledning, client_as
):
    a = skapa_analys(namndforetradare, risker=[bedomning()])
    Riskanalys.objects.filter(pk=a.pk).update(typ=Riskanalys.Typ.RSA)
    a.refresh_from_db()
    html = client_as(namndforetradare).get(f"/risker/analyser/{a.pk}/").content.decode()
    assert "Kritiska beroenden" in html
    with pytest.raises(ValidationError):
        services.riskanalys_set_rsa_steg(user=kommunledning, riskanalys=a, steg="behandlad_ks")
    services.riskanalys_submit(user=namndforetradare, riskanalys=a)
    godkann(a, sakerhetsavdelning, namndforetradare)
    with pytest.raises(ValidationError):
        services.riskanalys_set_rsa_steg(user=kommunledning, riskanalys=a, steg="faststalld_kf")
    with pytest.raises(PermissionDenied):
        services.riskanalys_set_rsa_steg(user=namndforetradare, riskanalys=a, steg="behandlad_ks")
    c = client_as(kommunledning)
    assert (
        "Registrera: Behandlad i kommunstyrelsen"
        in c.get(f"/risker/analyser/{a.pk}/").content.decode()
    )
    c.post(f"/risker/analyser/{a.pk}/beslutsgang/", {"steg": "behandlad_ks"})
    a.refresh_from_db()
    assert a.rsa_steg == "behandlad_ks"


def test_the_risk_page_shows_who_changed_the_assessment(
    bun_analys, namndforetradare, client_as, omrade
):
    risk = bun_analys.risker.get(titel="Risk 2")
    c = client_as(namndforetradare)
    c.post(
        f"/risker/risk/{risk.pk}/andra/",
        {"titel": risk.titel, "omrade": omrade.pk, **bedomning(5, e=3)},
    )
    html = c.get(f"/risker/risk/{risk.pk}/").content.decode()
    assert "Sannolikhet 5, högsta konsekvens 3, riskvärde 15" in html
    assert "Sannolikhet 2, högsta konsekvens 3, riskvärde 6" in html
    assert str(namndforetradare) in html


def test_the_risk_form_shows_the_scale_labels(bun_analys, namndforetradare, client_as):
    html = (
        client_as(namndforetradare)
        .get(f"/risker/analyser/{bun_analys.pk}/ny-risk/")
        .content.decode()
    )
    assert "5 Mycket hög (oftare än en gång i månaden)" in html
    assert "4 Mycket allvarlig (dödsfall eller flera svårt skadade)" in html
    assert "1 Mycket begränsad" in html
