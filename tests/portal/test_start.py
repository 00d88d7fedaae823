from policy.models import Roll


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_it_shows_the_login_page_in_swedish(client, db):
    response = client.get("/logga-in/")
    assert response.status_code == 200
    assert b'lang="sv"' in response.content
    assert b"Logga in" in response.content
    assert "Användarnamn".encode() in response.content


def test_it_logs_in_every_demo_role(client, people):
    assert set(people) == set(Roll.values)
    for user in people.values():
        response = client.post("/logga-in/", {"username": user.username, "password": "demo1234"})
        assert response.status_code == 302, user.username
        assert client.get("/").status_code == 200
        client.post("/logga-ut/")


def test_it_rejects_a_wrong_password_in_swedish(client, medarbetare):
    response = client.post("/logga-in/", {"username": "medarbetare", "password": "fel"})
    assert response.status_code == 200
    assert b"Ange ett korrekt" in response.content


def test_it_links_the_accessibility_statement_from_every_page(client, db):
    response = client.get("/logga-in/")
    assert b'href="/tillganglighet/"' in response.content
    page = client.get("/tillganglighet/")
    assert page.status_code == 200
    assert "Tillgänglighetsredogörelse".encode() in page.content
    assert b"mailto:" in page.content


def test_it_answers_the_health_check(client, db):
    response = client.get("/halsa/")
    assert response.json() == {"status": "ok"}  # Redis is not used here (no REDIS_URL).


# The start page's figures that are the same for everyone who sees them (policy.start,
# risker.start) are shared between readers until their data changes: these hold them to
# what a reader would see without sharing.


def _dokument(titel, dagar):
    import datetime

    from django.utils import timezone

    from policy.models import Omrade, Organ, Styrdokument

    return Styrdokument.objects.create(
        titel=titel,
        typ=Styrdokument.Typ.PLAN,
        omrade=Omrade.objects.get(slug="internt-skydd"),
        agare=Organ.objects.get(slug="bun"),
        nasta_oversyn=timezone.localdate() + datetime.timedelta(days=dagar),
    )


def test_it_shows_policy_drafts_and_overdue_reviews_as_they_change(
    sakerhetsavdelning, sakerhetschef, kommunledning, client_as
):
    import datetime

    from policy import services
    from policy.models import Organ

    c = client_as(sakerhetsavdelning)
    html = c.get("/").content.decode()
    assert "styrdokument har försenad översyn" not in html
    assert "Öppna utkast till ny policyversion" not in html

    dok = _dokument("Plan för krisberedskap i förskolan", -3)
    _dokument("Plan för ledning vid kris", -1)
    assert "2 styrdokument har försenad översyn" in c.get("/").content.decode()
    services.styrdokument_update(
        user=sakerhetsavdelning,
        styrdokument=dok,
        nasta_oversyn=dok.nasta_oversyn + datetime.timedelta(days=30),
    )
    assert "1 styrdokument har försenad översyn" in c.get("/").content.decode()

    utkast = services.policyversion_draft(user=sakerhetsavdelning)
    assert "Öppna utkast till ny policyversion" in c.get("/").content.decode()
    # The säkerhetschef, who may see the same, sees the same.
    assert (
        "Öppna utkast till ny policyversion" in client_as(sakerhetschef).get("/").content.decode()
    )
    utkast.andringstyp = "administrativ"
    utkast.save()
    services.policyversion_adopt(
        user=kommunledning,
        version=utkast,
        beslutad_av=Organ.objects.get(slug="ks"),
        beslutsdatum=datetime.date.today() - datetime.timedelta(days=1),
    )
    assert "Öppna utkast till ny policyversion" not in c.get("/").content.decode()


def test_a_review_becomes_overdue_at_midnight_on_the_start_page(sakerhetsavdelning, client_as):
    """A minute apart, on either side of midnight: the day, not the data, has changed."""
    import datetime

    import time_machine
    from django.utils import timezone

    kvall = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59, 30))
    )
    with time_machine.travel(kvall, tick=False):
        c = client_as(sakerhetsavdelning)
        _dokument("Plan för krisberedskap i förskolan", 0)
        assert "styrdokument har försenad översyn" not in c.get("/").content.decode()
    with time_machine.travel(kvall + datetime.timedelta(minutes=1), tick=False):
        assert "1 styrdokument har försenad översyn" in c.get("/").content.decode()


def test_it_counts_the_risk_analyses_waiting_for_review_as_they_come_in(
    namndforetradare, sakerhetsavdelning, client_as
):
    from policy.models import Omrade
    from risker import services
    from tests.risker.factories import bedomning, riskanalys_factory

    def analys(titel):
        return riskanalys_factory(
            namndforetradare,
            organ="bun",
            titel=titel,
            omrade=Omrade.objects.get(slug="internt-skydd"),
            risker=[bedomning(3, lh=2, titel="Inbrott")],
        )

    c = client_as(sakerhetsavdelning)
    forsta, andra = analys("Skolans lokaler"), analys("Skolans IT")
    assert "väntar på granskning" not in c.get("/").content.decode()
    services.riskanalys_submit(user=namndforetradare, riskanalys=forsta)
    assert "1 riskanalys väntar på granskning" in c.get("/").content.decode()
    services.riskanalys_submit(user=namndforetradare, riskanalys=andra)
    assert "2 riskanalyser väntar på granskning" in c.get("/").content.decode()
