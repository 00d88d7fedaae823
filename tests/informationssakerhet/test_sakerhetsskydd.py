"""Säkerhetsskydd, metadata only: 404 to everyone not granted it, every opening logged,
the notice on every page, the two-year rule and the reminders."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission

from incidenter.models import Atkomstlogg
from informationssakerhet.models import (
    Sakerhetsklassplacering,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
)
from paminnelser import reminders
from paminnelser.models import Notis
from policy.models import Enhet
from tests.conftest import ROLLER

pytestmark = pytest.mark.django_db

NOTIS = "Skriv aldrig säkerhetsskyddsklassificerade uppgifter här."


@pytest.fixture
def rader(sakerhetschef):
    analys = Sakerhetsskyddsanalys.objects.create(
        datum=datetime.date(2025, 12, 1),
        godkand_av="Kommunstyrelsen",
        nasta_senast=datetime.date(2027, 12, 1),
        ansvarig=sakerhetschef,
    )
    placering = Sakerhetsklassplacering.objects.create(
        enhet=Enhet.objects.get(namn="IT-avdelningen"), klass=2, antal=3
    )
    avtal = Sakerhetsskyddsavtal.objects.create(
        leverantor="Driftbolaget AB",
        datum=datetime.date(2025, 1, 1),
        giltigt_till=datetime.date(2027, 1, 1),
        ansvarig=sakerhetschef,
    )
    return analys, placering, avtal


def _urler(rader):
    _analys, placering, avtal = rader
    return [
        "/informationssakerhet/sakerhetsskydd/",
        "/informationssakerhet/sakerhetsskydd/analys/ny/",
        "/informationssakerhet/sakerhetsskydd/placering/ny/",
        f"/informationssakerhet/sakerhetsskydd/placering/{placering.pk}/",
        "/informationssakerhet/sakerhetsskydd/avtal/ny/",
        f"/informationssakerhet/sakerhetsskydd/avtal/{avtal.pk}/",
    ]


@pytest.mark.parametrize("roll", [r for r in ROLLER if r != "sakerhetschef"])
def test_the_pages_are_404_to_everyone_not_granted_them(client_as, people, request, roll, rader):
    c = client_as(request.getfixturevalue(roll))
    for url in _urler(rader):
        assert c.get(url).status_code == 404, url
    assert c.get("/informationssakerhet/sakerhetsskydd/avtal/99999/").status_code == 404
    assert not Atkomstlogg.objects.exists()


def test_the_sakerhetschef_opens_every_page_with_the_notice_and_each_opening_is_logged(
    client_as, sakerhetschef, rader
):
    c = client_as(sakerhetschef)
    for url in _urler(rader):
        svar = c.get(url)
        assert svar.status_code == 200, url
        assert NOTIS in svar.content.decode(), url
    loggar = Atkomstlogg.objects.filter(anvandare=sakerhetschef, incident=None)
    assert loggar.count() == len(_urler(rader))
    assert all(d.startswith("säkerhetsskydd:") for d in loggar.values_list("detalj", flat=True))


def test_a_person_granted_it_sees_the_pages(client_as, medarbetare, rader):
    medarbetare.user_permissions.add(Permission.objects.get(codename="view_sakerhetsskydd"))
    svar = client_as(medarbetare).get("/informationssakerhet/sakerhetsskydd/")
    assert svar.status_code == 200
    sida = svar.content.decode()
    assert "Driftbolaget AB" in sida and "Säkerhetsklass 2" in sida
    assert Atkomstlogg.objects.filter(anvandare=medarbetare).count() == 1


def test_the_next_analysis_is_due_within_two_years(client_as, sakerhetschef):
    svar = client_as(sakerhetschef).post(
        "/informationssakerhet/sakerhetsskydd/analys/ny/",
        {
            "datum": "2026-01-15",
            "godkand_av": "KS",
            "nasta_senast": "2028-03-01",
            "ansvarig": sakerhetschef.pk,
        },
    )
    assert svar.status_code == 400
    assert "senast två år efter" in svar.content.decode()
    assert not Sakerhetsskyddsanalys.objects.exists()


def test_an_overdue_analysis_is_shown_as_overdue(client_as, sakerhetschef, rader):
    analys = rader[0]
    analys.datum, analys.nasta_senast = datetime.date(2022, 1, 1), datetime.date(2024, 1, 1)
    analys.save()
    sida = client_as(sakerhetschef).get("/informationssakerhet/sakerhetsskydd/").content.decode()
    assert "Försenad: en ny analys skulle ha gjorts senast 1 jan 2024." in sida


def test_a_note_is_short(client_as, sakerhetschef):
    svar = client_as(sakerhetschef).post(
        "/informationssakerhet/sakerhetsskydd/avtal/ny/",
        {
            "leverantor": "Bevakning AB",
            "datum": "2026-01-01",
            "giltigt_till": "2027-01-01",
            "ansvarig": sakerhetschef.pk,
            "anteckning": "x" * 201,
        },
    )
    assert svar.status_code == 400
    assert not Sakerhetsskyddsavtal.objects.exists()


def _nu(dag):
    return datetime.datetime.combine(dag, datetime.time(7, 0), tzinfo=ZoneInfo("Europe/Stockholm"))


def test_the_analysis_and_an_expiring_agreement_remind_once(sakerhetschef, rader):
    for dag in (datetime.date(2026, 11, 5), datetime.date(2026, 11, 6)):
        reminders.create_all(_nu(dag))
    assert list(Notis.objects.filter(typ="sakerhetsskydd").values_list("rubrik", flat=True)) == [
        "Ett säkerhetsskyddsavtal går ut 1 jan 2027"
    ]
    for dag in (
        datetime.date(2027, 10, 15),
        datetime.date(2027, 12, 2),
        datetime.date(2027, 12, 9),
    ):
        reminders.create_all(_nu(dag))
    rubriker = set(Notis.objects.filter(typ="sakerhetsskydd").values_list("rubrik", flat=True))
    assert rubriker == {
        "Ett säkerhetsskyddsavtal går ut 1 jan 2027",
        "Ny säkerhetsskyddsanalys senast 1 dec 2027",
        "Försenad: säkerhetsskyddsanalysen skulle ha gjorts senast 1 dec 2027",
    }
    assert Notis.objects.filter(typ="sakerhetsskydd").count() == 3
