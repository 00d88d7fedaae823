"""Vårt ansvar as each reader sees it, when parts of it are shared between readers."""

import datetime

import time_machine
from django.conf import settings
from django.utils import timezone

from policy import services as policy_services
from policy.models import Ansvar, Omrade, Organ, PolicyVersion, Styrdokument
from risker import services as risk_services
from tests.risker.factories import bedomning, riskanalys_factory

URL = "/policy/ansvar/bun/"


def _analys(user, titel, risk):
    """A BUN risk analysis with one risk, as a draft."""
    return riskanalys_factory(
        user,
        organ="bun",
        titel=titel,
        omrade=Omrade.objects.get(slug="internt-skydd"),
        risker=[bedomning(3, lh=2, titel=risk)],
    )


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


# The policy part of the page (responsibilities and governing documents) is drawn once and
# shared by its readers (policy.views._ansvarsdel); these hold it to what each reader, in each
# language and on each day, would be shown without sharing, and to every kind of change.


def _dokument(titel, dagar, agare="bun"):
    return Styrdokument.objects.create(
        titel=titel,
        typ=Styrdokument.Typ.PLAN,
        omrade=Omrade.objects.get(slug="internt-skydd"),
        agare=Organ.objects.get(slug=agare),
        nasta_oversyn=timezone.localdate() + datetime.timedelta(days=dagar),
    )


def test_it_shows_the_change_links_only_to_those_who_may_change_documents(
    namndforetradare, sakerhetsavdelning, client_as
):
    dok = _dokument("Plan för krisberedskap i förskolan", 30)
    andra = f'href="/policy/styrdokument/{dok.pk}/andra/"'
    for user, ser_lanken in (
        (sakerhetsavdelning, True),
        (namndforetradare, False),
        (sakerhetsavdelning, True),
    ):
        html = client_as(user).get(URL).content.decode()
        assert "Plan för krisberedskap i förskolan" in html, user.username
        assert (andra in html) == ser_lanken, user.username


def test_it_draws_the_policy_part_in_each_readers_language(namndforetradare, client_as):
    c = client_as(namndforetradare)
    svenska = c.get(URL).content.decode()
    engelska = c.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Vad säkerhetspolicyn ger oss ansvar för" in svenska
    assert "What the security policy makes us responsible for" in engelska
    assert "Vad säkerhetspolicyn ger oss ansvar för" not in engelska


def test_it_shows_each_body_its_own_responsibilities_and_documents(kommunledning, client_as):
    _dokument("Plan för krisberedskap i förskolan", 30, agare="bun")
    _dokument("Plan för ledning vid kris", 30, agare="ks")
    c = client_as(kommunledning)
    bun = c.get(URL).content.decode()
    ks = c.get("/policy/ansvar/ks/").content.decode()
    assert "Plan för krisberedskap i förskolan" in bun and "Plan för ledning vid kris" not in bun
    assert "Plan för ledning vid kris" in ks and "Plan för krisberedskap i förskolan" not in ks
    assert "Kommunstyrelsen har det övergripande ansvaret" in ks
    assert "Kommunstyrelsen har det övergripande ansvaret" not in bun


def test_a_document_comes_due_for_review_at_midnight(namndforetradare, client_as):
    """A minute apart, on either side of midnight: the day, not the data, has changed."""
    idag = timezone.localdate()
    kvall = timezone.make_aware(datetime.datetime.combine(idag, datetime.time(23, 59, 30)))
    with time_machine.travel(kvall, tick=False):
        c = client_as(namndforetradare)
        _dokument("Plan för krisberedskap i förskolan", settings.OVERSYN_DAGAR_FORE + 1)
        html = c.get(URL).content.decode()
        assert "Plan för krisberedskap i förskolan" not in html.split('id="alla-styrdokument"')[0]
    with time_machine.travel(kvall + datetime.timedelta(minutes=1), tick=False):
        html = c.get(URL).content.decode()
        assert "Plan för krisberedskap i förskolan" in html.split('id="alla-styrdokument"')[0]


def test_it_shows_every_change_to_the_policy_and_the_documents_at_once(
    namndforetradare, sakerhetsavdelning, client_as
):
    c = client_as(namndforetradare)
    dok = _dokument("Plan för krisberedskap i förskolan", 30)
    assert "Plan för krisberedskap i förskolan" in c.get(URL).content.decode()

    policy_services.styrdokument_update(
        user=sakerhetsavdelning, styrdokument=dok, titel="Plan för krisberedskap i skolan"
    )
    assert "Plan för krisberedskap i skolan" in c.get(URL).content.decode()

    ansvar = Ansvar.objects.get(
        version__status=PolicyVersion.Status.FASTSTALLD, galler=Ansvar.Galler.NAMND_OCH_STYRELSE
    )
    ansvar.text = "Varje nämnd och styrelse leder sitt eget säkerhetsarbete."
    ansvar.save()
    assert "leder sitt eget säkerhetsarbete" in c.get(URL).content.decode()

    omrade = dok.omrade
    omrade.namn = "Skydd inomhus"
    omrade.save()
    assert ">Skydd inomhus</a>" in c.get(URL).content.decode()

    bun = dok.agare
    bun.namn = "Utbildningsnämnden"
    bun.save()
    assert "<td>Utbildningsnämnden</td>" in c.get(URL).content.decode()

    dok.delete()
    assert "Plan för krisberedskap i skolan" not in c.get(URL).content.decode()

    version = PolicyVersion.objects.get(status=PolicyVersion.Status.FASTSTALLD)
    version.status = PolicyVersion.Status.UPPHAVD
    version.save()
    assert "Den gällande policyn ger inte organet något eget ansvar." in c.get(URL).content.decode()
