"""This app's part of the start page: what the user has to do here."""

from django.db.models import Q
from django.utils import timezone

from .models import Atgard, Riskanalys
from .register import versionerad
from .selectors import redigerbara_organ_ids, riskanalyser_visible_to


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    idag = timezone.localdate()
    ctx = {}
    egna = list(
        Atgard.objects.filter(ansvarig=user, status__in=Atgard.OPPNA, risk__isnull=False)
        .filter(Q(forfallodatum__lte=idag + timezone.timedelta(days=30)))
        .select_related("risk")
        .order_by("forfallodatum")[:10]
    )
    if egna:
        ctx["atgarder"] = egna
        ctx["idag"] = idag
    organ_ids = redigerbara_organ_ids(user)
    if organ_ids:
        att_gora = list(
            riskanalyser_visible_to(user)
            .filter(organ_id__in=organ_ids, status__in=Riskanalys.REDIGERBAR)
            .select_related("organ")
            .order_by("-status", "period_till")[:10]
        )
        if att_gora:
            ctx["utkast"] = att_gora
    if user.foretradda_organ_ids:
        vantar = list(
            riskanalyser_visible_to(user)
            .filter(
                organ_id__in=user.foretradda_organ_ids,
                status__in=[Riskanalys.Status.INLAMNAD, Riskanalys.Status.UNDER_GRANSKNING],
            )
            .order_by("inlamnad")[:10]
        )
        if vantar:
            ctx["vantar"] = vantar
    if user.has_perm("risker.review_riskanalys"):
        # The same for every reviewer: kept until the register's data changes
        # (register.VERSION, at most register.CACHE_SEKUNDER for writes that bypass save()).
        antal = versionerad(
            ("start:granskningsko",),
            lambda: Riskanalys.objects.filter(
                status__in=[Riskanalys.Status.INLAMNAD, Riskanalys.Status.UNDER_GRANSKNING]
            ).count(),
        )
        if antal:
            ctx["granskningsko"] = antal
    return ctx
