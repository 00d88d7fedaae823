"""The timeline and the change history in Swedish words: choices by their labels, history
kinds in Swedish, and no line for a change that changed nothing the reader can see."""

import datetime

import pytest

from incidenter import services
from incidenter.models import Handelse, Incident
from tests.incidenter.factories import incident_factory


@pytest.fixture
def incident(medarbetare):
    return incident_factory(
        rapportor=medarbetare,
        intraffade=datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC),
        upptackt=datetime.datetime(2026, 3, 2, 1, 55, 12, tzinfo=datetime.UTC),
    )


def _omklassningar(incident) -> list[str]:
    return list(
        incident.handelser.filter(typ=Handelse.Typ.OMKLASSNING).values_list("text", flat=True)
    )


def test_it_writes_a_choice_by_its_label(sakerhetsavdelning, incident):
    assert incident.allvarlighet == Incident.Allvarlighet.EJ_BEDOMD
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, allvarlighet=Incident.Allvarlighet.MEDEL
    )
    assert _omklassningar(incident) == ["Allvarlighetsgrad: Ej bedömd → Medel"]


def test_it_logs_no_change_that_the_reader_cannot_see(sakerhetsavdelning, incident):
    # The form sends the time to the minute; the stored one had seconds. Same minute: no line.
    samma_minut = incident.upptackt.replace(second=0)
    services.incident_triage(
        user=sakerhetsavdelning,
        incident=incident,
        upptackt=samma_minut,
        allvarlighet=Incident.Allvarlighet.LAG,
    )
    assert _omklassningar(incident) == ["Allvarlighetsgrad: Ej bedömd → Låg"]

    services.incident_triage(user=sakerhetsavdelning, incident=incident, upptackt=samma_minut)
    assert len(_omklassningar(incident)) == 1


def test_it_names_the_kinds_of_change_in_swedish(client_as, sakerhetsavdelning, incident):
    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, allvarlighet=Incident.Allvarlighet.HOG
    )
    page = client_as(sakerhetsavdelning).get(incident.get_absolute_url()).content.decode()
    historik = page.split("Ändringshistorik")[1].split("</details>")[0]
    assert "Skapad av" in historik and "Ändrad av" in historik
    assert "Created" not in page and "Changed" not in page
    assert "ej_bedomd" not in page
