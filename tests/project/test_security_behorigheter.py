"""Per-object permission grants (django-guardian) go through one service that logs who gave
what to whom; the säkerhetschef's page lists them; every change is in the history with
the acting user."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from guardian.models import UserObjectPermission

from konton.models import Behorighetslogg
from konton.services import object_permission_grant, object_permission_revoke
from policy.models import User
from risker import services as risk_services
from risker.models import Riskanalys
from tests.risker.factories import riskanalys_factory


@pytest.fixture
def analys(namndforetradare):
    return riskanalys_factory(namndforetradare, organ="bun", titel="Riskanalys BUN 2026")


def test_it_grants_a_permission_on_one_object_and_logs_it(sakerhetschef, annan_chef, analys):
    assert not annan_chef.has_perm("risker.view_riskanalys", analys)
    entry = object_permission_grant(
        granted_by=sakerhetschef, user=annan_chef, perm="risker.view_riskanalys", obj=analys
    )
    assert annan_chef.has_perm("risker.view_riskanalys", analys)
    other = riskanalys_factory(analys.skapad_av, organ=analys.organ, titel="Annan analys")
    assert not annan_chef.has_perm("risker.view_riskanalys", other)
    assert entry.handling == Behorighetslogg.Handling.BEVILJAD
    assert (entry.utford_av, entry.anvandare) == (sakerhetschef, annan_chef)
    assert entry.behorighet == "risker.view_riskanalys"
    assert entry.objekt == str(analys) and entry.object_pk == str(analys.pk)


def test_it_grants_once(sakerhetschef, annan_chef, analys):
    for _ in range(2):
        object_permission_grant(
            granted_by=sakerhetschef, user=annan_chef, perm="view_riskanalys", obj=analys
        )
    assert UserObjectPermission.objects.filter(user=annan_chef).count() == 1
    assert Behorighetslogg.objects.count() == 1


@pytest.mark.parametrize(
    "role", ["sakerhetsavdelning", "sysadmin", "chef", "namndforetradare", "kommunledning"]
)
def test_it_lets_only_the_sakerhetschef_grant(request, role, annan_chef, analys):
    with pytest.raises(PermissionDenied):
        object_permission_grant(
            granted_by=request.getfixturevalue(role),
            user=annan_chef,
            perm="risker.view_riskanalys",
            obj=analys,
        )
    assert not UserObjectPermission.objects.exists()
    assert not Behorighetslogg.objects.exists()


def test_it_refuses_a_permission_of_another_model_or_an_inactive_user(
    sakerhetschef, annan_chef, analys
):
    with pytest.raises(ValidationError):
        object_permission_grant(
            granted_by=sakerhetschef, user=annan_chef, perm="incidenter.view_incident", obj=analys
        )
    with pytest.raises(ValidationError):
        object_permission_grant(
            granted_by=sakerhetschef, user=annan_chef, perm="risker.finns_inte", obj=analys
        )
    annan_chef.is_active = False
    annan_chef.save()
    with pytest.raises(ValidationError):
        object_permission_grant(
            granted_by=sakerhetschef, user=annan_chef, perm="risker.view_riskanalys", obj=analys
        )
    assert not Behorighetslogg.objects.exists()


def test_it_revokes_and_logs_it(sakerhetschef, annan_chef, analys):
    object_permission_grant(
        granted_by=sakerhetschef, user=annan_chef, perm="risker.view_riskanalys", obj=analys
    )
    entry = object_permission_revoke(
        revoked_by=sakerhetschef, user=annan_chef, perm="risker.view_riskanalys", obj=analys
    )
    assert entry.handling == Behorighetslogg.Handling.ATERKALLAD
    assert not UserObjectPermission.objects.exists()
    assert not User.objects.get(pk=annan_chef.pk).has_perm("risker.view_riskanalys", analys)
    # Nothing to take back: nothing logged.
    assert (
        object_permission_revoke(
            granted_by=sakerhetschef, user=annan_chef, perm="risker.view_riskanalys", obj=analys
        )
        is None
    )
    assert Behorighetslogg.objects.count() == 2


def test_it_lists_grants_with_who_what_and_object_for_the_sakerhetschef(
    client_as, sakerhetschef, annan_chef, chef, analys, django_assert_max_num_queries
):
    for user in (annan_chef, chef):
        object_permission_grant(
            granted_by=sakerhetschef, user=user, perm="risker.view_riskanalys", obj=analys
        )
    client = client_as(sakerhetschef)
    with django_assert_max_num_queries(25):
        response = client.get("/konto/behorigheter/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Riskanalys BUN 2026") >= 4  # two grants and two log rows
    assert "cecilia" in html and str(sakerhetschef) in html
    assert "Beviljad" in html


@pytest.mark.parametrize(
    "role",
    [
        "medarbetare",
        "chef",
        "namndforetradare",
        "sakerhetsavdelning",
        "kommunledning",
        "extern",
        "sysadmin",
    ],
)
def test_it_hides_the_grants_from_everybody_else(client_as, request, role):
    assert client_as(request.getfixturevalue(role)).get("/konto/behorigheter/").status_code == 403


def test_it_records_the_acting_user_in_the_history(client_as, namndforetradare, analys):
    omrade = analys.omraden.first()
    risk_services.risk_create(
        user=namndforetradare,
        riskanalys=analys,
        titel="Brand i skolkök",
        omrade=omrade,
        sannolikhet=2,
        kons_liv_halsa=3,
        kons_verksamhet=1,
        kons_miljo=1,
        kons_ekonomi=1,
        kons_fortroende=1,
    )
    response = client_as(namndforetradare).post(f"/risker/analyser/{analys.pk}/lamna-in/")
    assert response.status_code == 302
    latest = analys.history.order_by("-history_date", "-history_id").first()
    assert latest.status == Riskanalys.Status.INLAMNAD
    assert latest.history_user == namndforetradare


def test_it_grants_a_skyddad_incident_through_its_own_permission_table(
    client_as, sakerhetschef, chef, medarbetare
):
    from incidenter.selectors import incidents_visible_to
    from tests.incidenter.factories import skyddad_incident

    incident = skyddad_incident(rapportor=medarbetare)
    assert not incidents_visible_to(chef).filter(pk=incident.pk).exists()
    object_permission_grant(
        granted_by=sakerhetschef, user=chef, perm="incidenter.view_incident", obj=incident
    )
    assert incidents_visible_to(User.objects.get(pk=chef.pk)).filter(pk=incident.pk).exists()
    html = client_as(sakerhetschef).get("/konto/behorigheter/").content.decode()
    assert html.count(incident.referens) == 2  # the grant and the log row
    object_permission_revoke(
        revoked_by=sakerhetschef, user=chef, perm="incidenter.view_incident", obj=incident
    )
    assert not incidents_visible_to(User.objects.get(pk=chef.pk)).filter(pk=incident.pk).exists()
