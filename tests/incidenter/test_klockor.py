"""The legal clocks run from when the organisation became aware, not from the event."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from incidenter import services
from incidenter.models import Plikttyp, Rapporteringsplikt
from tests.incidenter.factories import incident_factory

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def incident(medarbetare):
    return incident_factory(
        rapportor=medarbetare,
        intraffade=datetime(2026, 11, 2, 8, 0, tzinfo=STHLM),
        upptackt=datetime(2026, 11, 20, 9, 30, tzinfo=STHLM),
        rapporterad=datetime(2026, 11, 20, 10, 0, tzinfo=STHLM),
    )


def _plikter(incident):
    plikter = list(incident.plikter.select_related("typ"))
    return {p.typ.kod: p.deadline(plikter) for p in plikter}


def test_it_gives_imy_72_hours_from_awareness(sakerhetsavdelning, incident):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    assert _plikter(incident) == {"imy": datetime(2026, 11, 23, 9, 30, tzinfo=STHLM)}


def test_it_gives_the_cyber_clocks_and_the_final_report_a_month_after_the_notification(
    sakerhetsavdelning, incident
):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, betydande_cyberincident=True
    )
    klockor = _plikter(incident)
    assert klockor["csirt-tidig"] == datetime(2026, 11, 21, 9, 30, tzinfo=STHLM)
    assert klockor["csirt-anmalan"] == datetime(2026, 11, 23, 9, 30, tzinfo=STHLM)
    assert klockor["csirt-slut"] is None  # Runs from the notification, not yet made.
    anmalan = incident.plikter.get(typ__kod="csirt-anmalan")
    gjord = datetime(2026, 11, 22, 14, 0, tzinfo=STHLM)
    services.plikt_fulfil(
        user=sakerhetsavdelning, plikt=anmalan, utford=gjord, referens="CERT-SE 4711"
    )
    assert _plikter(incident)["csirt-slut"] == datetime(2026, 12, 22, 14, 0, tzinfo=STHLM)


def test_it_moves_the_clocks_when_the_handler_corrects_the_awareness_time(
    sakerhetsavdelning, incident
):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, allvarlig_arbetsmiljohandelse=True
    )
    tidigare = datetime(2026, 11, 19, 16, 0, tzinfo=STHLM)
    services.incident_triage(user=sakerhetsavdelning, incident=incident, upptackt=tidigare)
    assert _plikter(incident) == {"av": tidigare + timedelta(hours=24)}


def test_it_records_the_police_k_number(client_as, sakerhetsavdelning, incident):
    services.incident_triage(user=sakerhetsavdelning, incident=incident, brott=True)
    plikt = incident.plikter.get()
    assert plikt.deadline() is None
    client_as(sakerhetsavdelning).post(
        f"/incidenter/{incident.referens}/rapportering/{plikt.pk}/",
        {"utford": "2026-11-20T11:00", "referens": "K-123456-26"},
    )
    plikt.refresh_from_db()
    assert plikt.mottagarens_referens == "K-123456-26"
    assert timezone.localtime(plikt.utford).hour == 11


def test_it_shows_the_countdown_on_the_incident(client_as, sakerhetsavdelning, incident):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    page = client_as(sakerhetsavdelning).get(incident.get_absolute_url()).content.decode()
    assert "Integritetsskyddsmyndigheten (IMY)" in page
    assert "23 nov 2026 09:30" in page


def test_it_keeps_a_running_clock_when_the_default_changes(sakerhetsavdelning, incident):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    from incidenter.models import Plikttyp

    Plikttyp.objects.filter(kod="imy").update(frist=timedelta(hours=1))
    assert Rapporteringsplikt.objects.get().frist == timedelta(hours=72)


@pytest.mark.parametrize(
    "anmalan, slut",
    [
        (datetime(2026, 1, 31, 10, 0), datetime(2026, 2, 28, 10, 0)),
        (datetime(2024, 1, 31, 10, 0), datetime(2024, 2, 29, 10, 0)),
        (datetime(2026, 3, 15, 10, 0), datetime(2026, 4, 15, 10, 0)),  # across summer time
        (datetime(2025, 12, 31, 23, 30), datetime(2026, 1, 31, 23, 30)),
    ],
)
def test_the_final_cyber_report_is_due_one_calendar_month_after_the_notification(
    sakerhetsavdelning, medarbetare, anmalan, slut
):
    anmalan, slut = anmalan.replace(tzinfo=STHLM), slut.replace(tzinfo=STHLM)
    incident = incident_factory(
        rapportor=medarbetare,
        intraffade=anmalan - timedelta(days=2),
        upptackt=anmalan - timedelta(days=1),
        rapporterad=anmalan - timedelta(days=1),
    )
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, betydande_cyberincident=True
    )
    services.plikt_fulfil(
        user=sakerhetsavdelning,
        plikt=incident.plikter.get(typ__kod="csirt-anmalan"),
        utford=anmalan,
    )
    assert _plikter(incident)["csirt-slut"] == slut


def test_the_unit_of_a_time_limit_is_data(db):
    typer = {t.kod: t for t in Plikttyp.objects.all()}
    assert typer["csirt-slut"].frist is None and typer["csirt-slut"].frist_manader == 1
    assert typer["imy"].frist == timedelta(hours=72) and typer["imy"].frist_manader is None


def test_the_overdue_filter_counts_calendar_months(sakerhetsavdelning, medarbetare):
    """31 January + 1 month is 28 February: on 1 March the final report is overdue,
    though 30 days have not passed (the list's query and the model agree)."""
    anmalan = datetime(2026, 1, 31, 10, 0, tzinfo=STHLM)
    incident = incident_factory(
        rapportor=medarbetare,
        intraffade=anmalan - timedelta(days=2),
        upptackt=anmalan - timedelta(days=1),
        rapporterad=anmalan - timedelta(days=1),
    )
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, betydande_cyberincident=True
    )
    for plikt in incident.plikter.exclude(typ__kod="csirt-slut"):
        services.plikt_fulfil(user=sakerhetsavdelning, plikt=plikt, utford=anmalan)
    slut = incident.plikter.get(typ__kod="csirt-slut")
    forsta_mars = datetime(2026, 3, 1, 9, 0, tzinfo=STHLM)
    assert slut.ar_forsenad(now=forsta_mars)
    sista_feb = datetime(2026, 2, 28, 9, 0, tzinfo=STHLM)
    assert Rapporteringsplikt.objects.forsenade_incident_ids(forsta_mars) == {incident.pk}
    assert Rapporteringsplikt.objects.forsenade_incident_ids(sista_feb) == set()


def test_the_migration_turns_thirty_days_into_one_calendar_month(medarbetare):
    """A database seeded before the unit was data: the type and the duties copied from it."""
    from importlib import import_module

    from django.apps import apps

    migrering = import_module("incidenter.migrations.0008_frist_i_kalendermanader")
    slut = Plikttyp.objects.get(kod="csirt-slut")
    Plikttyp.objects.filter(pk=slut.pk).update(frist=timedelta(days=30), frist_manader=None)
    plikt = Rapporteringsplikt.objects.create(
        incident=incident_factory(rapportor=medarbetare),
        typ=slut,
        mottagare="CERT-SE",
        frist=timedelta(days=30),
    )
    migrering.en_kalendermanad(apps, None)
    slut.refresh_from_db()
    plikt.refresh_from_db()
    assert (slut.frist, slut.frist_manader) == (None, 1)
    assert (plikt.frist, plikt.frist_manader) == (None, 1)
