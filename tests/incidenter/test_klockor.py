"""The legal clocks run from when the organisation became aware, not from the event."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from incidenter import services
from incidenter.models import Rapporteringsplikt
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
    assert _plikter(incident)["csirt-slut"] == gjord + timedelta(days=30)


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
