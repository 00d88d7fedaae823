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
            nar = timezone.make_aware(datetime.datetime(a, 1 + (n % 12), 1 + (n % 27), 10, 0))
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


def skapa_informationsregister(idag: datetime.date) -> None:
    """The registers of areas 3, 5 and 6 as of `idag`, counted by hand in the tests.

    Assets (BUN, SN): Elevakter (känsliga, classified, review overdue), Betyg (vanliga,
    classified), Anteckningar (none, not classified) of BUN; Journaler (skyddade,
    classified, review overdue) and Webbtexter (none, one level only: not classified) of
    SN. Systems: Lönesystemet (BUN) and Omsorgssystemet (SN) in the cybersäkerhetslag's
    scope, Skolwebben (BUN) and Arkivet (SN) not. Lönesystemet: 8 points uppfyllt,
    Incidenthantering delvis with its review overdue, Kryptering ej tillämpligt;
    Omsorgssystemet: 9 uppfyllt, Kryptering ej tillämpligt (fulfils every applicable
    point). Arkivet's answers (out of scope) and a retired point's answers count nowhere.
    Säkerhetsskydd: an analysis due in a year; SUA: one in force, one in force ending in 30
    days, one that ended this year, one that ended last year; positions: klass 1: 1,
    klass 2: 3 + 2."""
    from informationssakerhet.models import (
        Checklistsvar,
        Informationstillgang,
        Klassningsniva,
        Kontrollpunkt,
        Sakerhetsklassplacering,
        Sakerhetsskyddsanalys,
        Sakerhetsskyddsavtal,
        System,
    )
    from policy.models import Organ

    dag = datetime.timedelta(days=1)
    sak = User.objects.get(username="sakerhet")
    chef = User.objects.get(username="sakerhetschef")
    n = {k.niva: k for k in Klassningsniva.objects.all()}
    organ = {o.slug: o for o in Organ.objects.filter(slug__in=["bun", "sn"])}

    def tillgang(namn, slug, pu, nivaer=(None, None, None), oversyn=None):
        k, r, t = (n.get(x) for x in nivaer)
        return Informationstillgang.objects.create(
            namn=namn,
            organ=organ[slug],
            personuppgifter=pu,
            konfidentialitet=k,
            riktighet=r,
            tillganglighet=t,
            nasta_oversyn=oversyn,
        )

    elevakter = tillgang("Elevakter", "bun", "kansliga", (3, 3, 2), idag - 10 * dag)
    tillgang("Betyg", "bun", "vanliga", (2, 3, 2), idag + 100 * dag)
    tillgang("Anteckningar", "bun", "inga")
    journaler = tillgang("Journaler", "sn", "skyddade", (4, 4, 3), idag - dag)
    tillgang("Webbtexter", "sn", "inga", (1, None, None))

    def system(namn, slug, scope, tillgangar=()):
        s = System.objects.create(namn=namn, organ=organ[slug], cybersakerhetslag=scope)
        s.tillgangar.set(tillgangar)
        return s

    lon = system("Lönesystemet", "bun", True, [elevakter])
    omsorg = system("Omsorgssystemet", "sn", True, [journaler])
    system("Skolwebben", "bun", False)
    arkivet = system("Arkivet", "sn", False)
    pensionerad = Kontrollpunkt.objects.create(rubrik="Gammal punkt", ordning=99, aktiv=False)

    def svara(s, punkt, status, oversyn=idag + 200 * dag, kommentar="Skäl."):
        Checklistsvar.objects.create(
            system=s,
            kontrollpunkt=punkt,
            status=status,
            kommentar=kommentar,
            besvarad_av=sak,
            besvarad=timezone.now(),
            nasta_oversyn=oversyn,
        )

    for p in Kontrollpunkt.objects.filter(aktiv=True):
        if p.rubrik == "Kryptering":
            svara(lon, p, "ej_tillampligt")
            svara(omsorg, p, "ej_tillampligt")
        elif p.rubrik == "Incidenthantering":
            svara(lon, p, "delvis", oversyn=idag - 5 * dag)
            svara(omsorg, p, "uppfyllt")
        else:
            svara(lon, p, "uppfyllt")
            svara(omsorg, p, "uppfyllt")
        svara(arkivet, p, "ej_uppfyllt", oversyn=idag - 5 * dag)
    svara(lon, pensionerad, "ej_uppfyllt", oversyn=idag - 5 * dag)

    Sakerhetsskyddsanalys.objects.create(
        datum=idag - 365 * dag,
        godkand_av="Kommunstyrelsen",
        nasta_senast=idag + 365 * dag,
        ansvarig=chef,
    )
    for leverantor, fran, till in (
        ("Driftpartner AB", idag - 300 * dag, idag + 400 * dag),
        ("Bevakning AB", idag - 300 * dag, idag + 30 * dag),
        ("Städbolaget AB", datetime.date(idag.year - 2, 1, 1), datetime.date(idag.year, 1, 31)),
        (
            "Gamla avtalet AB",
            datetime.date(idag.year - 3, 1, 1),
            datetime.date(idag.year - 1, 5, 1),
        ),
    ):
        Sakerhetsskyddsavtal.objects.create(
            leverantor=leverantor, datum=fran, giltigt_till=till, ansvarig=chef
        )
    for enhet, klass, antal in (
        ("IT-avdelningen", 2, 3),
        ("Kansliet", 2, 2),
        ("Kansliet", 1, 1),
    ):
        Sakerhetsklassplacering.objects.create(
            enhet=Enhet.objects.get(namn=enhet), klass=klass, antal=antal
        )
