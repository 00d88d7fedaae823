"""An incident linked to a system that holds personal data asks those who handle it, on the
incident page, to consider whether it is a personuppgiftsincident (IMY within 72 hours), with
the way to mark it; not once it is marked, not for a system without personal data, and not
for those who do not handle the incident."""

import datetime

import pytest
from django.utils import timezone

from incidenter import services as incident_services
from informationssakerhet.models import Systemkoppling

from . import factories

pytestmark = pytest.mark.django_db

RUBRIK = "Överväg om det är en personuppgiftsincident"


def _incident(rapportor, **extra):
    from tests.incidenter.factories import incident_factory

    return incident_factory(rapportor=rapportor, rubrik="Obehörig inloggning", **extra)


def _koppla(system, incident, user):
    Systemkoppling.objects.create(system=system, incident=incident, skapad_av=user)


def _sida(client, incident) -> str:
    svar = client.get(incident.get_absolute_url())
    assert svar.status_code == 200
    return svar.content.decode()


def test_it_asks_the_handler_to_consider_a_breach_and_links_to_marking_it(
    client_as, medarbetare, sakerhetsavdelning
):
    s = factories.system(
        "Elevhälsans journalsystem",
        tillgangar=[factories.tillgang("Elevakter", personuppgifter="kansliga")],
    )
    kannedom = timezone.make_aware(datetime.datetime(2026, 11, 30, 8, 0))
    incident = _incident(medarbetare, upptackt=kannedom)
    _koppla(s, incident, sakerhetsavdelning)

    sida = _sida(client_as(sakerhetsavdelning), incident)
    assert RUBRIK in sida
    assert f'<a href="/informationssakerhet/system/{s.pk}/">Elevhälsans journalsystem</a>' in sida
    assert "(känsliga personuppgifter)" in sida
    assert "inom 72 timmar från att kommunen fick kännedom" in sida
    assert "GDPR artikel 33" in sida
    # The clock as the duty would run it: 72 hours from awareness.
    assert "3 dec 2026 08:00" in sida
    assert f'href="/incidenter/{incident.referens}/klassning/#id_personuppgiftsincident"' in sida


def test_it_is_gone_once_the_incident_is_marked(client_as, medarbetare, sakerhetsavdelning):
    s = factories.system(tillgangar=[factories.tillgang(personuppgifter="vanliga")])
    incident = _incident(medarbetare)
    _koppla(s, incident, sakerhetsavdelning)
    c = client_as(sakerhetsavdelning)
    assert RUBRIK in _sida(c, incident)
    incident_services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    sida = _sida(c, incident)
    assert RUBRIK not in sida
    assert "Anmälan av personuppgiftsincident" in sida  # the IMY clock now runs


def test_a_system_without_personal_data_asks_nothing(client_as, medarbetare, sakerhetsavdelning):
    s = factories.system(tillgangar=[factories.tillgang("Kommunens webbplats")])
    incident = _incident(medarbetare)
    _koppla(s, incident, sakerhetsavdelning)
    assert RUBRIK not in _sida(client_as(sakerhetsavdelning), incident)
    # Nor an incident linked to no system.
    assert RUBRIK not in _sida(client_as(sakerhetsavdelning), _incident(medarbetare))


def test_the_units_chef_is_asked_but_leaves_the_marking_to_sakerhetsavdelningen(
    client_as, medarbetare, chef, sakerhetsavdelning
):
    # A system of another body, which the chef may not open: named, not linked.
    s = factories.system(
        "Verksamhetssystem för omsorg",
        "sn",
        tillgangar=[factories.tillgang("Journaler", "sn", personuppgifter="skyddade")],
    )
    incident = _incident(medarbetare)
    _koppla(s, incident, sakerhetsavdelning)
    sida = _sida(client_as(chef), incident)
    assert RUBRIK in sida
    assert "Verksamhetssystem för omsorg (skyddade personuppgifter)" in sida
    assert f"/informationssakerhet/system/{s.pk}/" not in sida
    assert "/klassning/" not in sida
    assert "Säkerhetsavdelningen markerar incidenten som personuppgiftsincident." in sida


def test_the_reporter_who_does_not_handle_it_is_not_asked(
    client_as, medarbetare, sakerhetsavdelning
):
    s = factories.system(tillgangar=[factories.tillgang(personuppgifter="kansliga")])
    incident = _incident(medarbetare)
    _koppla(s, incident, sakerhetsavdelning)
    assert RUBRIK not in _sida(client_as(medarbetare), incident)
