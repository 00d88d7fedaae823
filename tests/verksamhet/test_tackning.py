"""Training coverage per unit, computed from the recorded trainings."""

import datetime
from unittest import mock

from policy.models import Enhet, Omrade
from verksamhet import selectors, services
from verksamhet.models import Aktivitet, Aktivitetstyp

from .. import conftest

IDAG = datetime.date(2026, 11, 24)


def _utbildning(user, organ, datum):
    typ = Aktivitetstyp.objects.get(namn="Grundläggande brandskyddsutbildning")
    return Aktivitet.objects.create(typ=typ, organ=organ, ansvarig=user, datum=datum)


def _registrera(user, a, datum, **kw):
    with mock.patch("django.utils.timezone.localdate", return_value=IDAG):
        services.utbildning_register(user=user, aktivitet=a, genomford_datum=datum, kurs="", **kw)


def test_it_computes_the_share_of_staff_trained_in_the_last_three_years(
    medarbetare, chef, namndforetradare
):
    ullvi = Enhet.objects.get(namn="Ullvigymnasiet")
    karlberg = Enhet.objects.get(namn="Karlbergsskolan")
    for i in range(3):  # Ullvigymnasiet: medarbetare, chef and three more: five staff
        conftest._person(f"larare{i}", "medarbetare", ullvi)
    organ = ullvi.organ
    # Two counted at Ullvi this year, one named (the chef) last year, and an old one.
    _registrera(chef, _utbildning(chef, organ, IDAG), IDAG, antal_per_enhet={ullvi: 2})
    _registrera(
        chef,
        _utbildning(chef, organ, datetime.date(2025, 3, 1)),
        datetime.date(2025, 3, 1),
        antal_per_enhet={ullvi: 1},
        deltagare=[chef],
    )
    _registrera(
        chef,
        _utbildning(chef, organ, datetime.date(2023, 1, 10)),
        datetime.date(2023, 1, 10),
        antal_per_enhet={ullvi: 5},
    )
    brand = Omrade.objects.get(nummer=4)
    rader = {
        r["enhet"].namn: r
        for r in selectors.utbildningstackning(
            enheter=Enhet.objects.filter(pk__in=[ullvi.pk, karlberg.pk]), omrade=brand, idag=IDAG
        )
    }
    assert (rader["Ullvigymnasiet"]["personal"], rader["Ullvigymnasiet"]["utbildade"]) == (5, 3)
    assert rader["Ullvigymnasiet"]["andel"] == 60
    assert rader["Karlbergsskolan"]["andel"] is None  # no staff in the system
    # Another area's training does not count.
    it = Omrade.objects.get(nummer=6)
    rader = selectors.utbildningstackning(
        enheter=Enhet.objects.filter(pk=ullvi.pk), omrade=it, idag=IDAG
    )
    assert rader[0]["utbildade"] == 0


def test_the_coverage_page_shows_own_units_only(chef, annan_chef, client_as):
    html = client_as(chef).get("/verksamhet/tackning/").content.decode()
    assert "Ullvigymnasiet" in html
    assert "Hemtjänsten Centrum" not in html


def test_the_names_of_participants_are_removed_after_the_coverage_period(chef, medarbetare):
    from verksamhet.gallring import deltagare_gallra

    ullvi = Enhet.objects.get(namn="Ullvigymnasiet")
    gammal = _utbildning(chef, ullvi.organ, datetime.date(2023, 9, 1))
    _registrera(
        chef, gammal, datetime.date(2023, 9, 1), antal_per_enhet={ullvi: 2}, deltagare=[medarbetare]
    )
    ny = _utbildning(chef, ullvi.organ, datetime.date(2026, 9, 1))
    _registrera(chef, ny, datetime.date(2026, 9, 1), antal_per_enhet={ullvi: 1}, deltagare=[chef])
    assert deltagare_gallra(now=datetime.datetime(2026, 11, 24, 3, tzinfo=datetime.UTC)) == 1
    assert not gammal.deltagare.exists()
    assert gammal.deltagande.get().antal == 2  # the number is kept
    assert list(ny.deltagare.all()) == [chef]


def test_the_nightly_gallring_removes_the_old_names(chef, medarbetare):
    from paminnelser.tasks import gallring

    ullvi = Enhet.objects.get(namn="Ullvigymnasiet")
    gammal = _utbildning(chef, ullvi.organ, datetime.date(2020, 9, 1))
    _registrera(
        chef, gammal, datetime.date(2020, 9, 1), antal_per_enhet={ullvi: 2}, deltagare=[medarbetare]
    )
    gallring()
    assert not gammal.deltagare.exists()
