"""Notices written before they pointed at their incident lose its title when migrated."""

import importlib

from django.apps import apps

from paminnelser.models import Notis
from tests.incidenter.factories import incident_factory

migration = importlib.import_module("paminnelser.migrations.0004_notis_incident_och_sprak")


def test_it_points_older_incident_notices_at_the_incident_without_its_title(chef, medarbetare):
    incident = incident_factory(rapportor=medarbetare, rubrik="Hot mot rektor Zebulon")
    gammal = Notis.objects.create(
        mottagare=chef,
        typ="incident",
        nyckel=f"incident-rapporterad:{incident.pk}",
        rubrik=f"Ny incident {incident.referens}: Hot mot rektor Zebulon",
        lank=incident.get_absolute_url(),
    )
    annan = Notis.objects.create(
        mottagare=chef, typ="arshjul", nyckel="arshjul:1:2026-01-01", rubrik="Årshjulet", lank="/"
    )
    migration.koppla_till_incidenter(apps, None)
    gammal.refresh_from_db()
    assert gammal.incident_id == incident.pk
    assert "Zebulon" not in gammal.rubrik and incident.referens in gammal.rubrik
    annan.refresh_from_db()
    assert annan.incident_id is None and annan.rubrik == "Årshjulet"
