"""The dataskyddsombud: told of every personal-data breach, reads those incidents (also
skyddade) and no other skyddade ones, and keeps the register of art. 33.5."""

import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from incidenter import services as incident_services
from incidenter.models import Atkomstlogg, Incident
from incidenter.selectors import incidents_visible_to
from paminnelser.models import Notis
from policy.models import Roll, User
from tests.incidenter.factories import incident_factory, skyddad_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo(people):
    user = User.objects.create_user(
        username="dora",
        email="dora@test.koping.se",
        first_name="Dora",
        enhet=people[Roll.KOMMUNLEDNING].enhet,
    )
    user.groups.add(Group.objects.get(name=Roll.DATASKYDDSOMBUD))
    return user


@pytest.fixture
def incidenter(people):
    m = people[Roll.MEDARBETARE]
    return {
        "pui": incident_factory(
            rapportor=m, rubrik="Felskickad elevlista", personuppgiftsincident=True
        ),
        "pui_skyddad": skyddad_incident(
            rapportor=m, rubrik="Skyddad adress röjd", personuppgiftsincident=True
        ),
        "skyddad": skyddad_incident(rapportor=m, rubrik="Hot mot rektor"),
        "normal": incident_factory(rapportor=m, rubrik="Stöld av cykel"),
    }


def test_the_dpo_sees_personal_data_incidents_and_no_other_skyddade(dpo, incidenter):
    synliga = set(incidents_visible_to(dpo).values_list("rubrik", flat=True))
    assert synliga == {"Felskickad elevlista", "Skyddad adress röjd"}


def test_the_dpo_opens_a_skyddad_breach_logged_and_gets_404_on_another_skyddad(
    client_as, dpo, incidenter
):
    c = client_as(dpo)
    svar = c.get(incidenter["pui_skyddad"].get_absolute_url())
    assert svar.status_code == 200 and "Skyddad adress röjd" in svar.content.decode()
    assert Atkomstlogg.objects.filter(incident=incidenter["pui_skyddad"], anvandare=dpo).exists()
    assert c.get(incidenter["skyddad"].get_absolute_url()).status_code == 404


def test_without_the_role_the_same_person_sees_no_breach(dpo, incidenter):
    dpo.groups.clear()
    dpo = User.objects.get(pk=dpo.pk)
    assert not incidents_visible_to(dpo).exists()


def test_the_dpo_is_told_once_when_the_handler_marks_a_breach(dpo, sakerhetsavdelning, people):
    incident = incident_factory(rapportor=people[Roll.MEDARBETARE], rubrik="Förlorat USB-minne")
    incident_services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    incident_services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident_hog_risk=True
    )
    from paminnelser import reminders

    reminders.create_all(timezone.now())
    notiser = Notis.objects.filter(mottagare=dpo, typ="personuppgiftsincident")
    assert notiser.count() == 1
    assert notiser.get().incident == incident


def test_the_sweep_tells_the_dpo_of_a_breach_marked_elsewhere(dpo, incidenter):
    from paminnelser import reminders

    reminders.create_all(timezone.now())
    reminders.create_all(timezone.now())
    assert set(
        Notis.objects.filter(mottagare=dpo, typ="personuppgiftsincident").values_list(
            "incident__rubrik", flat=True
        )
    ) == {"Felskickad elevlista", "Skyddad adress röjd"}


def _rapportera_till_imy(incident, user):
    incident_services.incident_triage(user=user, incident=incident, personuppgiftsincident=True)
    plikt = incident.plikter.get(typ__utlosare="personuppgiftsincident")
    plikt.utford = timezone.now()
    plikt.utford_av = user
    plikt.mottagarens_referens = "IMY-2026-77"
    plikt.save()


def test_the_register_lists_every_breach_reported_to_imy_or_not(
    client_as, dpo, incidenter, sakerhetschef
):
    _rapportera_till_imy(incidenter["pui"], sakerhetschef)
    sida = client_as(dpo).get("/informationssakerhet/personuppgiftsincidenter/").content.decode()
    assert "Felskickad elevlista" in sida and "IMY-2026-77" in sida
    assert "Skyddad adress röjd" in sida and "Inte anmäld" in sida
    assert "Hot mot rektor" not in sida and "Stöld av cykel" not in sida


def test_the_register_exports_to_excel_with_neutralised_cells(client_as, dpo, people):
    incident_factory(
        rapportor=people[Roll.MEDARBETARE],
        rubrik='=HYPERLINK("x")',
        personuppgiftsincident=True,
        omedelbara_atgarder="Mottagaren ombads radera",
    )
    svar = client_as(dpo).get("/informationssakerhet/personuppgiftsincidenter/export/")
    assert svar.status_code == 200
    ws = load_workbook(io.BytesIO(svar.content)).active
    rader = list(ws.iter_rows(values_only=True))
    assert rader[0][0] == "Referens"
    assert rader[1][4] == '\'=HYPERLINK("x")'
    assert rader[1][7] == "Mottagaren ombads radera"
    assert rader[1][8] == "Inte anmäld"


@pytest.mark.parametrize("roll", ["medarbetare", "chef", "kommunledning", "extern"])
def test_the_register_is_closed_to_others(client_as, people, request, roll):
    c = client_as(request.getfixturevalue(roll))
    assert c.get("/informationssakerhet/personuppgiftsincidenter/").status_code == 403
    assert c.get("/informationssakerhet/personuppgiftsincidenter/export/").status_code == 403


def test_a_skyddad_breach_is_counted_for_the_skyddade_of_the_dpo(dpo, incidenter):
    from incidenter.selectors import skyddade_visible_to

    assert list(skyddade_visible_to(dpo).values_list("rubrik", flat=True)) == [
        "Skyddad adress röjd"
    ]
    assert Incident.objects.count() == 4


def test_it_asks_the_dpo_for_two_factor_authentication(settings, dpo):
    """The dataskyddsombud reads skyddade personal-data incidents: like the security
    function, not in on the password alone."""
    from django.test import Client

    settings.OTP_REQUIRED = True
    client = Client()
    client.force_login(dpo)
    svar = client.get("/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/konto/tvastegsverifiering/")
