"""The year's plan from the kinds of activity: dates on working days, holidays skipped as
the reminders count them, every premises and body once, and nothing twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from verksamhet import plan, services
from verksamhet.models import Aktivitet, Aktivitetstyp

from . import factories

D = datetime.date


def _typ(**kw):
    falt = {
        "namn": "Provtyp",
        "slag": Aktivitetstyp.Slag.ROND,
        "intervall_manader": 3,
        "startmanad": 1,
        "dag": 1,
        "aktiv": False,
    }
    falt.update(kw)
    return Aktivitetstyp(**falt)


def test_it_plans_a_quarterly_kind_on_working_days_across_the_year():
    # 1 January is nyårsdagen; 1 April, 1 July and 1 October 2026 are weekdays.
    assert plan.planerade_datum(_typ(), 2026) == [
        D(2026, 1, 2),
        D(2026, 4, 1),
        D(2026, 7, 1),
        D(2026, 10, 1),
    ]


def test_it_skips_holidays_and_de_facto_holidays_as_the_reminders_do():
    # Midsommarafton 2026 is Friday 19 June: the next working day is Monday 22 June.
    assert plan.planerade_datum(_typ(intervall_manader=12, startmanad=6, dag=19), 2026) == [
        D(2026, 6, 22)
    ]
    # Julafton (Thursday), juldagen, annandagen and a weekend: Monday 28 December.
    assert plan.planerade_datum(_typ(intervall_manader=12, startmanad=12, dag=24), 2026) == [
        D(2026, 12, 28)
    ]
    # Kristi himmelsfärdsdag 2026 is Thursday 14 May.
    assert plan.planerade_datum(_typ(intervall_manader=12, startmanad=5, dag=14), 2026) == [
        D(2026, 5, 15)
    ]


def test_it_stays_within_the_year_at_its_end():
    # Nyårsafton 2027 is a Friday and a de facto holiday; the next working day is in 2028,
    # so the one before is taken: Thursday 30 December.
    typ = _typ(intervall_manader=12, startmanad=12, dag=31)  # beyond the form's limit
    assert plan.planerade_datum(typ, 2027) == [D(2027, 12, 30)]


def test_it_plans_a_kind_every_third_year_from_its_first_year():
    typ = _typ(intervall_manader=36, startmanad=4, dag=15, forsta_ar=2026)
    assert plan.planerade_datum(typ, 2026) == [D(2026, 4, 15)]
    assert plan.planerade_datum(typ, 2027) == []
    assert plan.planerade_datum(typ, 2028) == []
    assert plan.planerade_datum(typ, 2029) == [D(2029, 4, 16)]  # 15 April 2029 is a Sunday


def test_it_makes_the_plan_once_per_premises_and_body(people, sakerhetsavdelning, chef):
    skola = factories.lokal()
    factories.lokal(namn="Stadshuset", enhet=("ks", "Kansliet"), kategori="kontor")
    antal = services.plan_create(user=sakerhetsavdelning, ar=2027)
    ronder = Aktivitet.objects.filter(typ__namn="Brandskyddsrond", lokal=skola)
    assert sorted(ronder.values_list("datum", flat=True)) == [
        D(2027, 2, 15),
        D(2027, 5, 17),  # 15 May 2027 is a Saturday
        D(2027, 8, 16),  # 15 August 2027 is a Sunday
        D(2027, 11, 15),
    ]
    # The school's rond is the chef's, who leads the unit using it; the office has none.
    assert {a.ansvarig for a in ronder} == {chef}
    assert Aktivitet.objects.filter(typ__namn="Utrymningsövning").count() == 1  # schools only
    assert not Aktivitet.objects.filter(typ__namn="Elrevision").exists()  # 2026, 2029 …
    assert Aktivitet.objects.filter(typ__namn="Krisledningsövning", organ__slug="bun").count() == 1
    assert antal == Aktivitet.objects.count()
    assert services.plan_create(user=sakerhetsavdelning, ar=2027) == 0


def test_it_lets_only_the_security_function_make_a_plan(chef):
    with pytest.raises(PermissionDenied):
        services.plan_create(user=chef, ar=2027)


def test_sakerhetsavdelningen_makes_the_plan_from_its_page(sakerhetsavdelning, client_as):
    factories.lokal()
    client = client_as(sakerhetsavdelning)
    resp = client.post("/verksamhet/plan/", {"ar": "2027"})
    assert resp.status_code == 302
    assert resp["Location"] == "/verksamhet/?fran=2027-01-01&till=2027-12-31"
    lista = client.get(resp["Location"]).content.decode()
    assert "Brandskyddsrond" in lista
    assert client.post("/verksamhet/plan/", {"ar": "tjugo"}).status_code == 400
