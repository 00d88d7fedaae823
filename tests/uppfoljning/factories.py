"""Risk analyses, risks and reporting duties placed exactly in time, for counting by hand."""

import datetime

from incidenter.models import Plikttyp, Rapporteringsplikt
from lib.arbetsdagar import STOCKHOLM
from policy.models import Omrade, Organ
from risker.models import Atgard, Risk, Riskanalys, Skala


def t(*args) -> datetime.datetime:
    """A wall-clock time in Köping."""
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def analys(
    user,
    slug,
    *,
    status=Riskanalys.Status.GODKAND,
    fran,
    till,
    godkand=None,
    typ=Riskanalys.Typ.RISKANALYS,
) -> Riskanalys:
    return Riskanalys.objects.create(
        titel=f"Riskanalys {slug} {fran.year}",
        typ=typ,
        organ=Organ.objects.get(slug=slug),
        period_fran=fran,
        period_till=till,
        skala=Skala.aktuell(),
        status=status,
        skapad_av=user,
        godkand=godkand,
    )


def risk(analys_, *, s, lh, ovriga=1, skapad=None, accepterad=None) -> Risk:
    r = Risk(
        riskanalys=analys_,
        titel=f"Risk s{s} lh{lh} ö{ovriga}",
        omrade=Omrade.objects.get(nummer=10),
        organ=analys_.organ,
        skala=analys_.skala,
        sannolikhet=s,
        kons_liv_halsa=lh,
        kons_verksamhet=ovriga,
        kons_miljo=1,
        kons_ekonomi=1,
        kons_fortroende=1,
        accepterad=accepterad,
        skapad=skapad or t(2025, 3, 1),
    )
    r.berakna()
    r.save()
    return r


def atgard(r: Risk, user, status=Atgard.Status.PLANERAD) -> Atgard:
    return Atgard.objects.create(
        beskrivning="Åtgärd",
        ansvarig=user,
        organ=r.organ,
        forfallodatum=datetime.date(2025, 9, 1),
        risk=r,
        skapad_av=user,
        status=status,
    )


def plikt(incident, kod, utford=None) -> Rapporteringsplikt:
    typ = Plikttyp.objects.get(kod=kod)
    return Rapporteringsplikt.objects.create(
        incident=incident,
        typ=typ,
        mottagare=typ.mottagare,
        frist=typ.frist,
        frist_manader=typ.frist_manader,
        utford=utford,
    )
