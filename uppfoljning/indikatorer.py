"""
The indicators of the policy's goals, computed for a year from the portal's own data. Each
takes the reader: every figure starts from the apps' selectors, so a skyddad incident the
reader may not open never counts in it. Every figure is one or two aggregate queries,
however many incidents and risks there are.

A computation returns a Resultat; `varde` None with `kalla` None means the portal has no
source for the figure (shown as "saknar källa", never as 0).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.arbetsdagar import STOCKHOLM


@dataclass
class Resultat:
    varde: float | int | None
    kalla: str | None
    underlag: str = ""

    @property
    def saknar_kalla(self) -> bool:
        return self.kalla is None


def _arsgranser(ar: int) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        datetime.datetime(ar, 1, 1, tzinfo=STOCKHOLM),
        datetime.datetime(ar + 1, 1, 1, tzinfo=STOCKHOLM),
    )


def referensdag(ar: int, idag: datetime.date | None = None) -> datetime.date:
    """The day a year's state is read at: 31 December, or today while the year runs."""
    return min(datetime.date(ar, 12, 31), idag or timezone.localdate())


def _andel(taljare: int, namnare: int) -> float | None:
    return round(100 * taljare / namnare, 1) if namnare else None


def riskanalys_aktuell(user, ar: int, idag=None) -> Resultat:
    from policy.models import Organ
    from risker.models import Riskanalys
    from risker.selectors import riskanalyser_visible_to

    dag = referensdag(ar, idag)
    slut = datetime.datetime.combine(
        dag + datetime.timedelta(days=1), datetime.time(), tzinfo=STOCKHOLM
    )
    typer = (Organ.Typ.NAMND, Organ.Typ.BOLAG)
    namnare = Organ.objects.filter(typ__in=typer).count()
    taljare = (
        riskanalyser_visible_to(user)
        .filter(
            organ__typ__in=typer,
            typ=Riskanalys.Typ.RISKANALYS,
            status=Riskanalys.Status.GODKAND,
            godkand__lt=slut,
            period_fran__lte=dag,
            period_till__gte=dag,
        )
        .values("organ_id")
        .distinct()
        .count()
    )
    return Resultat(
        _andel(taljare, namnare),
        _("Riskanalyser i portalen"),
        _("%(t)d av %(n)d nämnder och bolag") % {"t": taljare, "n": namnare},
    )


# A life-and-health risk: Hög or Mycket hög, with a life-and-health consequence of at least
# this (3, Allvarlig: "enstaka svårt skadade").
LIV_HALSA_MINST = 3


def liv_halsa_hanterade(user, ar: int, idag=None) -> Resultat:
    from risker.levels import Niva
    from risker.models import Atgard, Riskanalys
    from risker.selectors import risker_visible_to

    dag = referensdag(ar, idag)
    _fran, slut = _arsgranser(dag.year)
    slut = min(
        slut,
        datetime.datetime.combine(
            dag + datetime.timedelta(days=1), datetime.time(), tzinfo=STOCKHOLM
        ),
    )
    atgard = Atgard.objects.filter(risk=OuterRef("pk")).exclude(status=Atgard.Status.STRUKEN)
    siffror = (
        risker_visible_to(user)
        .exclude(riskanalys__status=Riskanalys.Status.UTKAST)
        .filter(
            riskanalys__revisioner__isnull=True,
            niva__gte=Niva.HOG,
            kons_liv_halsa__gte=LIV_HALSA_MINST,
            skapad__lt=slut,
        )
        .annotate(har_atgard=Exists(atgard))
        .aggregate(
            n=Count("pk", distinct=True),
            t=Count(
                "pk",
                filter=Q(har_atgard=True) | Q(accepterad__isnull=False, accepterad__lt=slut),
                distinct=True,
            ),
        )
    )
    return Resultat(
        _andel(siffror["t"], siffror["n"]),
        _("Riskregistret i portalen"),
        _("%(t)d av %(n)d risker") % siffror,
    )


def plikter_i_tid(user, ar: int, idag=None) -> Resultat:
    """The legal notifications whose clock ran out during the year (and has run out by now):
    how many were made by then. The clock is Rapporteringsplikt.deadline(), the one rule for
    every clock (calendar months included); a year's duties are a few hundred rows, read in
    one query with their incidents' other duties."""
    from incidenter.models import Rapporteringsplikt
    from incidenter.selectors import incident_q

    q = incident_q(user, "incident__")
    if q is None:
        return Resultat(None, _("Incidenternas rapporteringsplikter"), _("0 av 0"))
    fran, till = _arsgranser(ar)
    slut = min(till, timezone.now())
    # No clock is longer than a few months: an incident discovered before the previous
    # year cannot have a clock that runs out in this one. Every duty of those incidents in
    # one query (a clock may run from another duty of the same incident).
    plikter = list(
        Rapporteringsplikt.objects.filter(
            q, incident__upptackt__lt=slut, incident__upptackt__gte=fran.replace(year=fran.year - 1)
        ).select_related("typ", "incident")
    )
    per_incident = defaultdict(list)
    for plikt in plikter:
        per_incident[plikt.incident_id].append(plikt)
    n = t = 0
    for plikt in plikter:
        deadline = plikt.deadline(per_incident[plikt.incident_id])
        if deadline is None or not (fran <= deadline < slut):
            continue
        n += 1
        t += bool(plikt.utford and plikt.utford <= deadline)
    return Resultat(
        _andel(t, n),
        _("Incidenternas rapporteringsplikter"),
        _("%(t)d av %(n)d rapporteringar") % {"t": t, "n": n},
    )


def median_klassning(user, ar: int, idag=None) -> Resultat:
    from incidenter.models import Handelse, Incident
    from incidenter.selectors import incidents_visible_to

    fran, till = _arsgranser(ar)
    forsta = (
        Handelse.objects.filter(incident=OuterRef("pk"))
        .filter(
            Q(typ=Handelse.Typ.OMKLASSNING)
            | Q(typ=Handelse.Typ.STATUS, fran_status=Incident.Status.RAPPORTERAD)
        )
        .order_by("tidpunkt", "pk")
        .values("tidpunkt")[:1]
    )
    qs = (
        incidents_visible_to(user)
        .filter(rapporterad__gte=fran, rapporterad__lt=till)
        .annotate(klassad=Subquery(forsta))
        .filter(klassad__isnull=False)
        .annotate(
            tid=ExpressionWrapper(F("klassad") - F("rapporterad"), output_field=DurationField())
        )
    )
    n = qs.count()
    if not n:
        return Resultat(None, _("Incidenternas händelselogg"), _("Inga klassade incidenter"))
    mitten = list(qs.order_by("tid", "pk").values_list("tid", flat=True)[(n - 1) // 2 : n // 2 + 1])
    sekunder = sum(t.total_seconds() for t in mitten) / len(mitten)
    return Resultat(
        round(sekunder / 86400, 1),
        _("Incidenternas händelselogg"),
        _("%(n)d klassade incidenter") % {"n": n},
    )


def ovningar_och_samverkan(user, ar: int, idag=None) -> Resultat:
    """The number of exercises and samverkan activities held with other organisations: the
    exercises recorded as held with a partner from outside the kommun (verksamhet) and the
    samverkan activities of krisberedskapen's register. Two queries, whoever asks (the
    selectors count for the annual follow-up, not per reader)."""
    from krisberedskap.selectors import samverkansaktiviteter_under
    from verksamhet.selectors import ovningar_under

    ovningar = ovningar_under(ar, med_extern_part=True).count()
    samverkan = samverkansaktiviteter_under(ar)
    return Resultat(
        ovningar + samverkan,
        _("Övningar och samverkansaktiviteter i portalen"),
        _("%(ovningar)d övningar med andra organisationer, %(samverkan)d samverkansaktiviteter")
        % {"ovningar": ovningar, "samverkan": samverkan},
    )


BERAKNINGAR = {
    "riskanalys_aktuell": riskanalys_aktuell,
    "liv_halsa_hanterade": liv_halsa_hanterade,
    "plikter_i_tid": plikter_i_tid,
    "median_klassning": median_klassning,
    "ovningar_och_samverkan": ovningar_och_samverkan,
}


def berakna(indikator, user, ar: int, idag=None) -> Resultat:
    funktion = BERAKNINGAR.get(indikator.berakning)
    if funktion is None:
        return Resultat(None, None)
    return funktion(user, ar, idag)
