"""Fixtures of risk analyses for the risker tests (factories.py builds them)."""

import pytest

from policy.models import Omrade

from .factories import bedomning, riskanalys_factory, standardomrade


@pytest.fixture
def omrade(db):
    return standardomrade()


@pytest.fixture
def omrade2(db):
    return Omrade.objects.get_or_create(
        nummer=5, defaults={"namn": "Informationssäkerhet", "slug": "informationssakerhet"}
    )[0]


@pytest.fixture
def skapa_analys(db, omrade):
    def make(user, organ_slug=None, titel="Riskanalys 2026", risker=(), status=None):
        return riskanalys_factory(
            user, organ=organ_slug, titel=titel, omrade=omrade, risker=risker, status=status
        )

    return make


@pytest.fixture
def bun_analys(skapa_analys, namndforetradare):
    return skapa_analys(namndforetradare, risker=[bedomning(4, lh=4), bedomning(2, e=3)])
