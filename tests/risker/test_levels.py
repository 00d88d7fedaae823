import pytest

from risker import levels
from risker.levels import Niva

from .factories import bedomning


@pytest.mark.parametrize(
    ("s", "k", "poang", "niva"),
    [
        (1, 1, 1, Niva.LAG),
        (1, 5, 5, Niva.MEDEL),
        (5, 1, 5, Niva.MEDEL),
        (5, 5, 25, Niva.MYCKET_HOG),
    ],
)
def test_it_levels_the_corners_of_the_matrix(s, k, poang, niva):
    b = levels.bedom(s, [k, 1, 1, 1, 1], liv_halsa=1)
    assert (b.poang, b.niva) == (poang, niva)


def test_it_uses_the_highest_consequence():
    assert levels.bedom(3, [1, 2, 5, 1, 1], liv_halsa=1).poang == 15


def test_it_raises_a_serious_life_and_health_consequence_to_at_least_hog():
    b = levels.bedom(1, [4, 1, 1, 1, 1], liv_halsa=4)
    assert b.niva == Niva.HOG and b.hojd_for_liv_halsa
    # A corner of the matrix: likelihood 1 × life-and-health 5 is Medel by score, Hög by rule.
    assert levels.bedom(1, [5, 1, 1, 1, 1], liv_halsa=5).niva == Niva.HOG
    # The same score through another dimension stays Medel.
    assert levels.bedom(1, [1, 5, 1, 1, 1], liv_halsa=1).niva == Niva.MEDEL


def test_it_orders_life_and_health_before_an_otherwise_equal_risk(
    bun_analys, namndforetradare, omrade
):
    from risker import services

    a = bun_analys
    services.risk_create(
        user=namndforetradare,
        riskanalys=a,
        titel="A ekonomi",
        omrade=omrade,
        **bedomning(3, lh=1, e=3),
    )
    services.risk_create(
        user=namndforetradare, riskanalys=a, titel="B liv", omrade=omrade, **bedomning(3, lh=3, e=1)
    )
    titlar = [r.titel for r in a.risker.order_by(*levels.ORDNING) if r.poang == 9]
    assert titlar == ["B liv", "A ekonomi"]


def test_it_stores_the_computed_level_on_the_risk(bun_analys):
    r = bun_analys.risker.get(titel="Risk 1")
    assert (r.poang, r.niva, r.konsekvens) == (16, Niva.MYCKET_HOG, 4)


def test_it_shows_the_rule_to_users(client_as, medarbetare):
    resp = client_as(medarbetare).get("/risker/risknivaer/")
    assert resp.status_code == 200
    assert "Liv och hälsa ska prioriteras" in resp.content.decode()
