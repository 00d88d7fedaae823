"""Skyddade incidents: only the säkerhetschef and people granted them per object."""

import pytest
from guardian.shortcuts import assign_perm

from incidenter.models import Atkomstlogg, Incident
from incidenter.selectors import incidents_visible_to, skyddade_visible_to
from tests.conftest import ROLLER
from tests.incidenter.factories import bilaga_factory, incident_factory


@pytest.fixture
def skyddad(medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    incident = incident_factory(
        rapportor=medarbetare,
        konfidentialitet=Incident.Konfidentialitet.SKYDDAD,
        rubrik="Hot mot namngiven",
    )
    bilaga_factory(incident, medarbetare, filnamn="hot.png")
    return incident


@pytest.mark.parametrize(
    "role",
    ["sakerhetsavdelning", "chef", "kommunledning", "namndforetradare", "sysadmin", "extern"],
)
def test_it_hides_a_skyddad_incident_from_those_not_granted(request, client_as, skyddad, role):
    user = request.getfixturevalue(role)
    assert not incidents_visible_to(user).filter(pk=skyddad.pk).exists()
    client = client_as(user)
    assert client.get(skyddad.get_absolute_url()).status_code == 404
    bilaga = skyddad.bilagor.get()
    assert client.get(bilaga.get_absolute_url()).status_code == 404


def test_it_shows_it_to_the_sakerhetschef_and_logs_the_opening(client_as, sakerhetschef, skyddad):
    client = client_as(sakerhetschef)
    response = client.get(skyddad.get_absolute_url())
    assert response.status_code == 200 and "Hot mot namngiven" in response.content.decode()
    logg = Atkomstlogg.objects.get()
    assert logg.anvandare == sakerhetschef and logg.incident == skyddad


def test_it_shows_it_to_a_person_granted_it(client_as, sakerhetsavdelning, skyddad):
    assign_perm("incidenter.view_incident", sakerhetsavdelning, skyddad)
    client = client_as(sakerhetsavdelning)
    assert client.get(skyddad.get_absolute_url()).status_code == 200
    response = client.get(skyddad.bilagor.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/png"


def test_it_lets_the_sakerhetschef_grant_and_revoke(
    client_as, sakerhetschef, sakerhetsavdelning, skyddad
):
    client = client_as(sakerhetschef)
    client.post(
        f"/incidenter/{skyddad.referens}/behorighet/",
        {"anvandare": sakerhetsavdelning.pk, "ge": "True"},
    )
    assert incidents_visible_to(sakerhetsavdelning).filter(pk=skyddad.pk).exists()
    client.post(
        f"/incidenter/{skyddad.referens}/behorighet/",
        {"anvandare": sakerhetsavdelning.pk, "ge": "False"},
    )
    assert not incidents_visible_to(sakerhetsavdelning).filter(pk=skyddad.pk).exists()


def test_it_refuses_grants_by_anyone_else(client_as, sakerhetsavdelning, medarbetare, skyddad):
    assign_perm("incidenter.view_incident", sakerhetsavdelning, skyddad)
    response = client_as(sakerhetsavdelning).post(
        f"/incidenter/{skyddad.referens}/behorighet/", {"anvandare": medarbetare.pk, "ge": "True"}
    )
    assert response.status_code == 403


def test_it_keeps_normal_incidents_of_other_units_from_a_chef(client_as, chef, annan_medarbetare):
    annan = incident_factory(rapportor=annan_medarbetare)
    assert client_as(chef).get(annan.get_absolute_url()).status_code == 404


def test_it_logs_a_grant_made_on_the_incident_page(
    client_as, sakerhetschef, sakerhetsavdelning, skyddad
):
    from konton.models import Behorighetslogg

    client_as(sakerhetschef).post(
        f"/incidenter/{skyddad.referens}/behorighet/",
        {"anvandare": sakerhetsavdelning.pk, "ge": "True"},
    )
    logg = Behorighetslogg.objects.get()
    assert (logg.anvandare, logg.utford_av) == (sakerhetsavdelning, sakerhetschef)
    assert logg.object_pk == str(skyddad.pk)
    page = client_as(sakerhetschef).get("/konto/behorigheter/").content.decode()
    assert str(sakerhetsavdelning) in page


@pytest.mark.parametrize("role", ROLLER)
def test_it_finds_the_same_skyddade_with_the_shorter_rule_for_every_role(
    role, request, medarbetare, extern, sakerhetsavdelning, chef, skyddad
):
    """skyddade_visible_to(user), which the shared counts add per person, is exactly the
    skyddade among incidents_visible_to(user): own, granted, by role."""
    from tests.incidenter.factories import grant, skyddad_incident

    user = request.getfixturevalue(role)
    egen = skyddad_incident(rapportor=user)
    beviljad = skyddad_incident(rapportor=extern)
    grant(user, beviljad)
    skyddad_incident(rapportor=sakerhetsavdelning)
    incident_factory(rapportor=medarbetare)
    incident_factory(rapportor=chef)

    vantat = set(
        incidents_visible_to(user)
        .filter(konfidentialitet=Incident.Konfidentialitet.SKYDDAD)
        .values_list("pk", flat=True)
    )
    assert set(skyddade_visible_to(user).values_list("pk", flat=True)) == vantat
    assert {egen.pk, beviljad.pk} <= vantat or role == "extern"
