"""Each indicator of the goals against data counted by hand, for the year 2025; a skyddad
incident counts only for those who may open it."""

import datetime

import pytest

from incidenter.models import Handelse, Incident
from risker.models import Atgard, Riskanalys
from tests.incidenter.factories import incident_factory, skyddad_incident
from uppfoljning import indikatorer, rapport
from uppfoljning.models import Indikator

from .factories import analys, atgard, plikt, risk, t

AR = 2025


def test_it_counts_notifications_made_within_their_clock(
    medarbetare, sakerhetsavdelning, sakerhetschef
):
    a = incident_factory(
        rapportor=medarbetare, rapporterad=t(2025, 3, 1, 12), upptackt=t(2025, 3, 1, 10)
    )
    plikt(a, "imy", utford=t(2025, 3, 2, 9))  # in time
    b = incident_factory(
        rapportor=medarbetare, rapporterad=t(2025, 5, 1, 12), upptackt=t(2025, 5, 1, 10)
    )
    plikt(b, "imy", utford=t(2025, 5, 6, 9))  # late
    c = incident_factory(
        rapportor=medarbetare, rapporterad=t(2025, 6, 1, 12), upptackt=t(2025, 6, 1, 10)
    )
    plikt(c, "imy")  # never made: late
    plikt(c, "polis")  # no clock: not counted
    d = incident_factory(
        rapportor=medarbetare, rapporterad=t(2025, 7, 1, 12), upptackt=t(2025, 7, 1, 10)
    )
    plikt(d, "csirt-anmalan", utford=t(2025, 7, 2, 9))  # in time
    plikt(d, "csirt-slut", utford=t(2025, 7, 20, 9))  # a month from the notification: in time
    e = incident_factory(
        rapportor=medarbetare, rapporterad=t(2024, 6, 1, 12), upptackt=t(2024, 6, 1, 10)
    )
    plikt(e, "imy", utford=t(2024, 6, 9, 9))  # another year
    f = skyddad_incident(
        rapportor=medarbetare, rapporterad=t(2025, 8, 1, 12), upptackt=t(2025, 8, 1, 10)
    )
    plikt(f, "imy", utford=t(2025, 8, 9, 9))  # late, skyddad

    r = indikatorer.plikter_i_tid(sakerhetsavdelning, AR)
    assert (r.varde, r.underlag) == (60.0, "3 av 5 rapporteringar")
    r = indikatorer.plikter_i_tid(sakerhetschef, AR)
    assert (r.varde, r.underlag) == (50.0, "3 av 6 rapporteringar")


def _klassad(incident, efter: datetime.timedelta, typ=Handelse.Typ.OMKLASSNING, **extra):
    Handelse.objects.create(
        incident=incident, typ=typ, tidpunkt=incident.rapporterad + efter, **extra
    )


def test_it_gives_the_median_days_from_report_to_classification(
    medarbetare, sakerhetsavdelning, sakerhetschef
):
    dag = datetime.timedelta(days=1)
    for i, dagar in enumerate([1, 3, 10]):
        inc = incident_factory(rapportor=medarbetare, rapporterad=t(2025, 2, 1 + i, 9))
        _klassad(inc, dagar * dag)
    # Received after two days, reclassified later: the first counts.
    mottagen = incident_factory(rapportor=medarbetare, rapporterad=t(2025, 4, 1, 9))
    _klassad(
        mottagen,
        2 * dag,
        typ=Handelse.Typ.STATUS,
        fran_status=Incident.Status.RAPPORTERAD,
        till_status=Incident.Status.MOTTAGEN,
    )
    _klassad(mottagen, 20 * dag)
    incident_factory(rapportor=medarbetare, rapporterad=t(2025, 5, 1, 9))  # not classified
    gammal = incident_factory(rapportor=medarbetare, rapporterad=t(2024, 5, 1, 9))
    _klassad(gammal, 100 * dag)
    skyddad = skyddad_incident(rapportor=medarbetare, rapporterad=t(2025, 6, 1, 9))
    _klassad(skyddad, dag / 2)

    # 1, 2, 3, 10: (2 + 3) / 2
    r = indikatorer.median_klassning(sakerhetsavdelning, AR)
    assert (r.varde, r.underlag) == (2.5, "4 klassade incidenter")
    # 0.5, 1, 2, 3, 10
    assert indikatorer.median_klassning(sakerhetschef, AR).varde == 2.0


def test_it_counts_namnder_and_bolag_with_an_approved_current_analysis(
    namndforetradare, sakerhetsavdelning
):
    ar = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    analys(namndforetradare, "bun", fran=ar[0], till=ar[1], godkand=t(2025, 2, 1))  # counts
    analys(
        namndforetradare, "sn", fran=ar[0], till=datetime.date(2025, 6, 30), godkand=t(2025, 2, 1)
    )  # ended before 31 December
    analys(
        namndforetradare, "tn", fran=ar[0], till=datetime.date(2026, 12, 31), godkand=t(2026, 1, 10)
    )  # approved after the year
    analys(namndforetradare, "ks", fran=ar[0], till=ar[1], godkand=t(2025, 2, 1))  # not a nämnd
    analys(
        namndforetradare,
        "kopingbostader",
        fran=ar[0],
        till=ar[1],
        status=Riskanalys.Status.INLAMNAD,
    )  # not approved
    # Seven nämnder and bolag in Köping's demo organisation.
    r = indikatorer.riskanalys_aktuell(sakerhetsavdelning, AR)
    assert (r.varde, r.underlag) == (14.3, "1 av 7 nämnder och bolag")


def test_it_counts_life_and_health_risks_with_an_atgard_or_acceptance(
    namndforetradare, chef, sakerhetsavdelning
):
    godkand = analys(
        namndforetradare,
        "bun",
        fran=datetime.date(2025, 1, 1),
        till=datetime.date(2025, 12, 31),
        godkand=t(2025, 2, 1),
    )
    atgard(risk(godkand, s=3, lh=4), chef)  # Hög, åtgärd
    risk(godkand, s=4, lh=4, accepterad=t(2025, 5, 1))  # Mycket hög, accepted
    risk(godkand, s=3, lh=5)  # Hög, nothing
    atgard(risk(godkand, s=4, lh=3, ovriga=4), chef, status=Atgard.Status.STRUKEN)  # struck
    risk(godkand, s=2, lh=2, ovriga=5)  # Hög, but not life and health
    risk(godkand, s=1, lh=3)  # Låg
    utkast = analys(
        namndforetradare,
        "sn",
        status=Riskanalys.Status.UTKAST,
        fran=datetime.date(2025, 1, 1),
        till=datetime.date(2025, 12, 31),
    )
    risk(utkast, s=5, lh=5)  # a draft
    r = indikatorer.liv_halsa_hanterade(sakerhetsavdelning, AR)
    assert (r.varde, r.underlag) == (50.0, "2 av 4 risker")


def test_it_shows_each_goal_with_its_indicators_and_definitions(client_as, sakerhetsavdelning):
    svar = client_as(sakerhetsavdelning).get("/uppfoljning/mal/?ar=2025")
    assert svar.status_code == 200
    sida = svar.content.decode()
    for ind in Indikator.objects.all():
        assert ind.namn in sida
        assert ind.definition in sida
    assert sida.count("Ej bedömt") == 4


def test_it_keeps_no_skyddad_incident_in_any_figure_for_kommunledning(
    medarbetare, kommunledning, sakerhetschef
):
    skyddad = skyddad_incident(
        rapportor=medarbetare, rapporterad=t(2025, 8, 1, 12), upptackt=t(2025, 8, 1, 10)
    )
    plikt(skyddad, "imy", utford=t(2025, 8, 9, 9))
    _klassad(skyddad, datetime.timedelta(days=4))
    ks = {
        i["namn"]: i["varde_text"]
        for m in rapport.mal_context(kommunledning, AR)["mal"]
        for i in m["indikatorer"]
    }
    chef = {
        i["namn"]: i["varde_text"]
        for m in rapport.mal_context(sakerhetschef, AR)["mal"]
        for i in m["indikatorer"]
    }
    namn_plikt = Indikator.objects.get(berakning="plikter_i_tid").namn
    namn_median = Indikator.objects.get(berakning="median_klassning").namn
    assert ks[namn_plikt] == "uppgift saknas" and ks[namn_median] == "uppgift saknas"
    assert chef[namn_plikt] == "0 %" and chef[namn_median] == "4 dagar"


def test_it_reads_the_goals_in_as_many_queries_for_many_incidents(medarbetare, sakerhetschef):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rakna():
        with CaptureQueriesContext(connection) as q:
            rapport.mal_context(sakerhetschef, AR)
        return len(q)

    inc = incident_factory(rapportor=medarbetare, rapporterad=t(2025, 2, 1, 9))
    _klassad(inc, datetime.timedelta(days=1))
    plikt(inc, "imy", utford=t(2025, 2, 2, 9))
    rakna()  # the reader's permissions are read once, on the first
    fore = rakna()
    for i in range(25):
        inc = incident_factory(rapportor=medarbetare, rapporterad=t(2025, 3, 1 + i, 9))
        _klassad(inc, datetime.timedelta(days=i))
        plikt(inc, "imy", utford=t(2025, 3, 2 + i, 9))
    assert rakna() == fore


@pytest.fixture(autouse=True)
def _people(people):
    return people
