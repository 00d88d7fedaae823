from risker import demo, services
from risker.models import Atgard, Riskanalys


def test_it_creates_demo_data_once(db):
    demo.create()
    antal = Riskanalys.objects.count(), Atgard.objects.count()
    demo.create()
    assert (Riskanalys.objects.count(), Atgard.objects.count()) == antal
    assert Riskanalys.objects.filter(organ__slug="bun", status="godkand").exists()
    assert any(a.ar_forsenad() for a in Atgard.objects.all())


def test_the_demo_journey_returns_resubmits_and_approves(db, client_as):
    from policy.models import User

    analyser = demo.create()
    revision = analyser["bun_revision"]
    sakerhet, namnd = User.objects.get(username="sakerhet"), User.objects.get(username="namnd")
    risk = revision.risker.get(titel="Personuppgiftsincident i elevhälsan")
    resp = client_as(sakerhet).post(
        f"/risker/analyser/{revision.pk}/granska/",
        {f"kommentar_{risk.pk}": "Varför högre sannolikhet?"},
    )
    assert resp.status_code == 302
    c = client_as(namnd)
    assert "Varför högre sannolikhet?" in c.get(f"/risker/risk/{risk.pk}/").content.decode()
    services.risk_update(user=namnd, risk=risk, beskrivning="Två incidenter under året.")
    assert c.post(f"/risker/analyser/{revision.pk}/lamna-in/").status_code == 302
    s = client_as(sakerhet)
    assert s.post(f"/risker/analyser/{revision.pk}/starta-granskning/").status_code == 302
    assert s.post(f"/risker/analyser/{revision.pk}/godkann/").status_code == 302
    revision.refresh_from_db()
    assert revision.status == Riskanalys.Status.GODKAND


def test_the_pages_render_for_every_role_with_demo_data(db, client_as):
    from policy.models import User

    analyser = demo.create()
    a = analyser["bun_godkand"]
    risk = a.risker.first()
    for username in ("medarbetare", "chef", "namnd", "sakerhet", "ks"):
        c = client_as(User.objects.get(username=username))
        for url in (
            "/risker/",
            "/risker/matris/",
            "/risker/analyser/",
            f"/risker/analyser/{a.pk}/",
            f"/risker/risk/{risk.pk}/",
            "/risker/risknivaer/",
            "/",
        ):
            assert c.get(url).status_code == 200, (username, url)
    namnd = client_as(User.objects.get(username="namnd"))
    for url in (
        "/risker/analyser/ny/",
        f"/risker/risk/{risk.pk}/ny-atgard/",
        f"/risker/risk/{risk.pk}/acceptera/",
    ):
        assert namnd.get(url).status_code == 200, url
    sak = client_as(User.objects.get(username="sakerhet"))
    page = sak.get("/risker/granskning/").content.decode()
    assert analyser["bun_revision"].titel in page
    review = sak.get(f"/risker/analyser/{analyser['bun_revision'].pk}/granska/").content.decode()
    assert "Obehörig i skolans lokaler" in review and "Ändrad" in review


def test_the_demo_analyses_meet_the_approval_rule(db):
    for analys in demo.create().values():
        if analys.status == Riskanalys.Status.GODKAND or analys.revision_av_id:
            assert list(analys.obehandlade_hoga_risker()) == [], analys.titel
