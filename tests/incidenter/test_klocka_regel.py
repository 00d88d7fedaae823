"""A reporting clock is running or overdue by one rule (Rapporteringsplikt.deadline): what
the database is asked for many duties at once (RapporteringspliktQuerySet.klockor) and what
one duty answers agree at month ends and across summer time, and the incident list's filter,
its rows and export, the start page and the reminders all give that answer."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from incidenter import paminnelser, start
from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from paminnelser.models import Notis
from tests.incidenter.factories import incident_factory

STHLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")


def _plikt(incident, kod, utford=None):
    typ = Plikttyp.objects.get(kod=kod)
    return Rapporteringsplikt.objects.create(
        incident=incident,
        typ=typ,
        mottagare=typ.mottagare,
        frist=typ.frist,
        frist_manader=typ.frist_manader,
        utford=utford,
    )


def _incident(rapportor, upptackt, status=Incident.Status.MOTTAGEN):
    return incident_factory(
        rapportor=rapportor,
        status=status,
        intraffade=upptackt - timedelta(hours=1),
        upptackt=upptackt,
        rapporterad=upptackt + timedelta(hours=1),
    )


def imy(rapportor, fran):
    """IMY: 72 hours from awareness."""
    return _plikt(_incident(rapportor, fran), "imy")


def slutrapport(rapportor, fran):
    """The cyber final report: one calendar month from when the notification was made."""
    incident = _incident(rapportor, fran - timedelta(days=2))
    _plikt(incident, "csirt-anmalan", utford=fran)
    return _plikt(incident, "csirt-slut")


def _t(*args):
    return datetime(*args, tzinfo=STHLM)


KLOCKOR = [
    # 72 hours are 72 hours on the clock of the world, not of the wall: across the change
    # to summer time the deadline is an hour later on the wall, back to winter time earlier.
    (imy, _t(2026, 3, 27, 10, 0), _t(2026, 3, 30, 11, 0)),
    (imy, _t(2026, 10, 23, 10, 0), _t(2026, 10, 26, 9, 0)),
    # A calendar month ends on the same day, or the month's last day it lacks.
    (slutrapport, _t(2026, 1, 31, 10, 0), _t(2026, 2, 28, 10, 0)),
    (slutrapport, _t(2024, 1, 31, 10, 0), _t(2024, 2, 29, 10, 0)),
    (slutrapport, _t(2026, 3, 31, 8, 0), _t(2026, 4, 30, 8, 0)),
    (slutrapport, _t(2025, 12, 31, 23, 30), _t(2026, 1, 31, 23, 30)),
    # ... at the same time on the wall, across summer time.
    (slutrapport, _t(2026, 3, 15, 10, 0), _t(2026, 4, 15, 10, 0)),
    (slutrapport, _t(2026, 10, 15, 10, 0), _t(2026, 11, 15, 10, 0)),
    # A time that comes twice (the night summer time ends) is the first of them; one the
    # night lacks (summer time begins) is read in winter time: 02:30 CET is 03:30 CEST.
    (slutrapport, _t(2026, 9, 25, 2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    (slutrapport, _t(2027, 2, 28, 2, 30), _t(2027, 3, 28, 3, 30)),
]


@pytest.mark.parametrize(
    "plikt, fran, deadline", KLOCKOR, ids=[f"{p.__name__}-{f:%Y-%m-%d}" for p, f, _d in KLOCKOR]
)
def test_it_gives_the_same_deadline_and_overdue_answer_for_one_duty_and_for_many(
    medarbetare, plikt, fran, deadline
):
    plikt = Rapporteringsplikt.objects.get(pk=plikt(medarbetare, fran).pk)
    # Compared in UTC: Python never finds a time that comes twice equal to one in another
    # zone, even at the same moment.
    assert plikt.deadline().astimezone(UTC) == deadline.astimezone(UTC)
    for nu in (deadline - timedelta(seconds=1), deadline, deadline + timedelta(seconds=1)):
        (klocka,) = Rapporteringsplikt.objects.filter(pk=plikt.pk).klockor(nu)
        assert klocka.deadline.astimezone(UTC) == plikt.deadline().astimezone(UTC)
        assert klocka.forsenad == plikt.ar_forsenad(now=nu) == (nu > deadline), nu
        assert Rapporteringsplikt.objects.forsenade_incident_ids(nu) == (
            {plikt.incident_id} if nu > deadline else set()
        )


def test_a_fulfilled_duty_and_one_without_a_time_limit_have_no_running_clock(medarbetare):
    incident = _incident(medarbetare, _t(2026, 1, 10, 9, 0))
    gjord = _plikt(incident, "imy", utford=_t(2026, 1, 11, 9, 0))
    polis = _plikt(incident, "polis")
    nu = _t(2026, 6, 1, 9, 0)
    assert not gjord.ar_forsenad(now=nu) and not polis.ar_forsenad(now=nu)
    assert polis.deadline() is None
    assert Rapporteringsplikt.objects.klockor(nu) == []
    assert set(Rapporteringsplikt.objects.lopande()) == set()


NU = _t(2026, 3, 2, 12, 0)


@pytest.fixture
def klockor(medarbetare):
    """At NU: an IMY clock and a final report (a calendar month) run out, a closed incident's
    run out, one IMY clock still running and one report made in time."""
    m = medarbetare
    imy_ute = imy(m, NU - timedelta(hours=73))
    slut_ute = slutrapport(m, _t(2026, 1, 31, 10, 0))  # due 28 February
    stangd = _plikt(_incident(m, NU - timedelta(days=9), Incident.Status.AVSLUTAD), "imy")
    lopande = imy(m, NU - timedelta(hours=50))
    gjord = _plikt(_incident(m, NU - timedelta(days=5)), "imy", utford=NU - timedelta(days=4))
    return {
        "forsenade": {imy_ute.incident, slut_ute.incident, stangd.incident},
        "oppna_forsenade": {imy_ute.incident, slut_ute.incident},
        "lopande": lopande,
        "ej_forsenade": {lopande.incident, gjord.incident},
    }


def test_the_list_filter_its_rows_its_export_and_the_start_page_agree(
    klockor, sakerhetsavdelning, client_as
):
    referenser = {i.referens for i in klockor["forsenade"]}
    c = client_as(sakerhetsavdelning)
    with time_machine.travel(NU, tick=False):
        filtrerad = c.get("/incidenter/?forsenade=on")
        alla = c.get("/incidenter/")
        export = c.get("/incidenter/export/csv/")
        oppna = c.get("/incidenter/?status=oppna&forsenade=on")
        startsida = start.context(sakerhetsavdelning)
    assert {r["referens"] for r in filtrerad.context["rader"]} == referenser
    assert {r["referens"] for r in alla.context["rader"] if r["forsenad"]} == referenser
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rader = list(csv.reader(io.StringIO(text), delimiter=";"))
    kolumn = rader[0].index("Försenad rapportering till myndighet")
    assert {r[0] for r in rader[1:] if r[kolumn] == "Ja"} == referenser
    # The start page counts the open ones, and links to exactly those.
    assert startsida["forsenade"] == len(klockor["oppna_forsenade"]) == 2
    assert {r["referens"] for r in oppna.context["rader"]} == {
        i.referens for i in klockor["oppna_forsenade"]
    }


def test_the_reminders_remind_only_of_the_running_clock_and_by_its_deadline(
    klockor, sakerhetsavdelning
):
    paminnelser.create_plikter(NU)
    notiser = Notis.objects.filter(typ="rapporteringsplikt", mottagare=sakerhetsavdelning)
    lopande = klockor["lopande"]
    # 50 of 72 hours gone: past half time, not yet 4 hours left.
    assert [n.nyckel for n in notiser] == [
        f"plikt:{lopande.pk}:halv:{lopande.deadline().isoformat()}"
    ]
    assert {n.incident for n in notiser} == {lopande.incident}
