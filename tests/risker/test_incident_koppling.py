"""Handlers add åtgärder to incidents and link incidents to the risks they realised."""

import datetime

from risker.models import Atgard, Risk
from tests.incidenter.factories import incident_factory


def test_it_adds_an_atgard_to_an_incident(client_as, sakerhetsavdelning, medarbetare, chef):
    incident = incident_factory(rapportor=medarbetare)
    client = client_as(sakerhetsavdelning)
    response = client.post(
        f"/risker/incident/{incident.referens}/ny-atgard/",
        {
            "beskrivning": "Byt lås till personalrummet",
            "ansvarig": chef.pk,
            "organ": incident.enhet.organ_id,
            "forfallodatum": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    atgard = Atgard.objects.get()
    assert atgard.incident == incident and atgard.ansvarig == chef
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Byt lås till personalrummet" in page


def test_it_refuses_an_atgard_from_someone_who_does_not_handle_it(client_as, medarbetare):
    incident = incident_factory(rapportor=medarbetare)
    response = client_as(medarbetare).get(f"/risker/incident/{incident.referens}/ny-atgard/")
    assert response.status_code == 403


def test_it_links_an_incident_to_a_visible_risk(client_as, sakerhetsavdelning, medarbetare):
    from risker import demo

    demo.create()
    incident = incident_factory(rapportor=medarbetare)
    risk = Risk.objects.filter(riskanalys__status="godkand").first() or Risk.objects.first()
    client = client_as(sakerhetsavdelning)
    response = client.post(f"/risker/incident/{incident.referens}/koppla-risk/", {"risk": risk.pk})
    assert response.status_code == 302
    assert incident in risk.incidenter.all()
    assert risk.titel in client.get(incident.get_absolute_url()).content.decode()
