"""Risk analyses and risks for the risker tests, built through the services."""

import datetime

import pytest

from policy.models import Omrade, Organ
from risker import services
from risker.models import Riskanalys


@pytest.fixture
def omrade(db):
    return Omrade.objects.get_or_create(
        nummer=4,
        defaults={
            "namn": "Systematiskt brandskyddsarbete",
            "slug": "systematiskt-brandskyddsarbete",
        },
    )[0]


@pytest.fixture
def omrade2(db):
    return Omrade.objects.get_or_create(
        nummer=5, defaults={"namn": "Informationssäkerhet", "slug": "informationssakerhet"}
    )[0]


def bedomning(s=2, lh=1, v=1, m=1, e=1, f=1, **extra):
    return {
        "sannolikhet": s,
        "kons_liv_halsa": lh,
        "kons_verksamhet": v,
        "kons_miljo": m,
        "kons_ekonomi": e,
        "kons_fortroende": f,
        **extra,
    }


@pytest.fixture
def skapa_analys(db, omrade):
    def make(user, organ_slug=None, titel="Riskanalys 2026", risker=(), status=None):
        organ = Organ.objects.get(slug=organ_slug) if organ_slug else user.enhet.organ
        a = services.riskanalys_create(
            user=user,
            organ=organ,
            titel=titel,
            period_fran=datetime.date(2026, 1, 1),
            period_till=datetime.date(2027, 12, 31),
            omraden=[omrade],
        )
        for i, b in enumerate(risker):
            services.risk_create(user=user, riskanalys=a, titel=f"Risk {i + 1}", omrade=omrade, **b)
        if status:
            Riskanalys.objects.filter(pk=a.pk).update(status=status)
            a.refresh_from_db()
        return a

    return make


@pytest.fixture
def bun_analys(skapa_analys, namndforetradare):
    return skapa_analys(namndforetradare, risker=[bedomning(4, lh=4), bedomning(2, e=3)])
