import datetime

from informationssakerhet.models import Informationstillgang, Klassningsniva, System
from policy.models import Organ


def niva(n: int) -> Klassningsniva:
    return Klassningsniva.objects.get(niva=n)


def tillgang(namn="Elevakter", organ="bun", k=None, r=None, t=None, **extra):
    return Informationstillgang.objects.create(
        namn=namn,
        organ=Organ.objects.get(slug=organ),
        konfidentialitet=niva(k) if k else None,
        riktighet=niva(r) if r else None,
        tillganglighet=niva(t) if t else None,
        **extra,
    )


def system(namn="Skolsystemet", organ="bun", tillgangar=(), **extra):
    s = System.objects.create(namn=namn, organ=Organ.objects.get(slug=organ), **extra)
    s.tillgangar.set(tillgangar)
    return s


def dag(y, m, d):
    return datetime.date(y, m, d)
