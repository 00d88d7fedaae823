"""This app's part of the start page.

- Kommunledningen (KS): the year's follow-up and its status, what awaits a KS decision,
  overdue duties per body, and the most serious open incidents and risks (life and health
  first).
- A nämndföreträdare: the body's due and overdue duties and its self-assessment to answer.
- Säkerhetsavdelningen: self-assessments waiting for review.
"""

import datetime

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from . import selectors, status
from .models import Egenbedomning

# Duties due within this many days are shown as due.
KOMMANDE_DAGAR = 60


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    idag = timezone.localdate()
    ctx = {}
    if user.foretradda_organ_ids:
        ctx.update(_namnd(user, idag))
    if user.ar_kommunledning:
        ctx.update(_ks(user, idag))
    if selectors.kan_granska(user):
        antal = Egenbedomning.objects.filter(status=Egenbedomning.Status.INLAMNAD).count()
        if antal:
            ctx["att_granska"] = antal
    if not any(ctx.values()):
        return {}
    ctx["idag"] = idag
    return ctx


def _namnd(user, idag) -> dict:
    from policy.models import Organ

    organ = list(Organ.objects.filter(pk__in=user.foretradda_organ_ids))
    grans = idag + datetime.timedelta(days=KOMMANDE_DAGAR)
    rader = [
        r
        for lista in status.rader_cachade(organ, idag=idag).values()
        for r in lista
        if r.status == status.FORSENAD or (r.status == status.KOMMANDE and r.forfaller <= grans)
    ]
    rader.sort(key=lambda r: (r.status != status.FORSENAD, r.forfaller))
    return {
        "organ_skyldigheter": rader,
        "egna_egenbedomningar": [
            e
            for e in selectors.egna_egenbedomningar(user).filter(
                status__in=Egenbedomning.REDIGERBAR
            )
        ],
    }


def _ks(user, idag) -> dict:
    from incidenter.models import Incident
    from incidenter.selectors import incidents_visible_to
    from risker.levels import ORDNING, Niva
    from risker.models import Riskanalys
    from risker.selectors import riskanalyser_visible_to, risker_visible_to

    arsrad = selectors.aktuellt_ar()
    uppfoljning = None
    if arsrad is not None:
        lista = list(
            Egenbedomning.objects.filter(uppfoljningsar=arsrad).select_related("uppfoljningsar")
        )
        uppfoljning = {
            "ar": arsrad.ar,
            "sista_dag": arsrad.sista_dag,
            "antal": len(lista),
            "inlamnade": sum(e.status in Egenbedomning.BESVARAD for e in lista),
            "sena": sum(e.ar_sen(idag) for e in lista),
        }
    rsa = list(
        riskanalyser_visible_to(user)
        .filter(
            typ=Riskanalys.Typ.RSA,
            status=Riskanalys.Status.GODKAND,
            rsa_steg__in=["", Riskanalys.RsaSteg.UTKAST],
        )
        .select_related("organ")[:5]
    )
    forsenade = []
    for rader in status.rader_cachade(status.ansvariga_organ(), idag=idag).values():
        sena = [r for r in rader if r.status == status.FORSENAD]
        if sena:
            forsenade.append((sena[0].organ, sena))
    forsenade.sort(key=lambda p: (-len(p[1]), p[0].namn))
    allvar = Case(
        When(allvarlighet=Incident.Allvarlighet.KRITISK, then=Value(4)),
        When(allvarlighet=Incident.Allvarlighet.HOG, then=Value(3)),
        When(allvarlighet=Incident.Allvarlighet.MEDEL, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    incidenter = list(
        incidents_visible_to(user)
        .filter(status__in=Incident.OPPNA)
        .annotate(allvar=allvar)
        .select_related("enhet__organ")
        .order_by("-personskada_eller_fara", "-allvar", "-rapporterad")[:5]
    )
    risker = list(
        risker_visible_to(user)
        .exclude(riskanalys__status=Riskanalys.Status.UTKAST)
        .filter(riskanalys__revisioner__isnull=True, niva__gte=Niva.HOG, accepterad__isnull=True)
        .select_related("organ")
        .order_by(*ORDNING)[:5]
    )
    return {
        "ks": True,
        "uppfoljning": uppfoljning,
        "rsa_vantar": rsa,
        "forsenade_per_organ": forsenade,
        "allvarliga_incidenter": incidenter,
        "allvarliga_risker": risker,
    }
