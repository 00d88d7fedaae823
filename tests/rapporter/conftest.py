"""
Data for the report tests: the demo organisation, risk analyses and governing documents,
and any number of incidents made with bulk_create, spread over areas, categories, units
and months of two years. One skyddad incident carries a title that must never be seen
by a person who may not open it.
"""

import datetime
from contextlib import contextmanager
from itertools import cycle

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from incidenter.models import Incident, Kategori
from policy import demo as policy_demo
from policy.models import Enhet, User
from risker import demo as risker_demo

AR = 2026
SKYDDAD_RUBRIK = "Hemlig skyddsperson Zebrafink"
SKYDDAD_REFERENS = "INC-2026-9999"


def skapa_incidenter(antal: int, *, ar: int = AR, start: int = 1) -> list[Incident]:
    """`antal` normal incidents in year `ar` (and as many in the year before, halved)."""
    rapportor = User.objects.get(username="medarbetare")
    enheter = cycle(list(Enhet.objects.filter(typ=Enhet.Typ.ENHET).order_by("pk")))
    kategorier = cycle(list(Kategori.objects.select_related("omrade").order_by("pk")))
    allvarlighet = cycle([a for a, _ in Incident.Allvarlighet.choices])
    rader = []
    for i in range(antal):
        for a, n in ((ar, i), (ar - 1, i)):
            if a != ar and i % 2:
                continue
            kategori = next(kategorier)
            nar = timezone.make_aware(
                datetime.datetime(a, 1 + (n % 12), 1 + (n % 27), 10, 0)
            )
            lopnummer = start + n
            rader.append(
                Incident(
                    referens=f"INC-{a}-{lopnummer:05d}",
                    ar=a,
                    lopnummer=lopnummer,
                    rubrik=f"Testincident {a}-{lopnummer}",
                    intraffade=nar,
                    upptackt=nar,
                    rapporterad=nar,
                    rapportor=rapportor,
                    enhet=next(enheter),
                    omrade=kategori.omrade,
                    kategori=kategori,
                    allvarlighet=next(allvarlighet),
                    personskada_eller_fara=(n % 7 == 0),
                )
            )
    return Incident.objects.bulk_create(rader, batch_size=500)


def skapa_skyddad(ar: int = AR) -> Incident:
    rapportor = User.objects.get(username="sakerhetschef")
    kategori = Kategori.objects.filter(omrade__nummer=10).order_by("pk").first()
    nar = timezone.make_aware(datetime.datetime(ar, 3, 3, 9, 0))
    return Incident.objects.create(
        referens=SKYDDAD_REFERENS,
        ar=ar,
        lopnummer=9999,
        rubrik=SKYDDAD_RUBRIK,
        intraffade=nar,
        upptackt=nar,
        rapporterad=nar,
        rapportor=rapportor,
        enhet=Enhet.objects.get(namn="Hemtjänsten Centrum"),
        omrade=kategori.omrade,
        kategori=kategori,
        konfidentialitet=Incident.Konfidentialitet.SKYDDAD,
        allvarlighet=Incident.Allvarlighet.KRITISK,
        personskada_eller_fara=True,
    )


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def skapa_grunddata() -> None:
    policy_demo.create_users()
    risker_demo.create()
    policy_demo.create_styrdokument()


@pytest.fixture
def grunddata(db):
    skapa_grunddata()


@contextmanager
def tillfallig_databas(django_db_blocker):
    """Data for a whole module, rolled back when the module is done."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
