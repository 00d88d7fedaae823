"""This app's part of an area page and of "Vårt ansvar": the risks, ordered by the level
rule, and the overdue åtgärder. Everything starts from the selectors."""

from django.utils import timezone

from . import levels
from .models import Atgard, Riskanalys
from .register import gallande
from .selectors import risk_atgarder_visible_to, riskanalyser_visible_to, risker_visible_to

ANTAL = 10


def _forsenade(qs):
    return (
        qs.filter(status__in=Atgard.OPPNA, forfallodatum__lt=timezone.localdate())
        .select_related("ansvarig", "risk", "organ")
        .order_by("forfallodatum")
    )


def omrade_panel(user, omrade) -> dict | None:
    if user.ar_extern:
        return None
    risker = gallande(risker_visible_to(user).filter(omrade=omrade))
    return {
        "omrade": omrade,
        "risker": risker.select_related("organ").order_by(*levels.ORDNING)[:ANTAL],
        "antal": risker.count(),
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__omrade=omrade))[:ANTAL],
    }


def organ_panel(user, organ) -> dict | None:
    if user.ar_extern:
        return None
    risker = gallande(risker_visible_to(user).filter(organ=organ))
    analyser = riskanalyser_visible_to(user).filter(organ=organ)
    senaste = (
        analyser.filter(status=Riskanalys.Status.GODKAND)
        .order_by("-period_till", "-godkand")
        .first()
    )
    return {
        "organ": organ,
        "risker": risker.select_related("omrade").order_by(*levels.ORDNING)[:ANTAL],
        "antal": risker.count(),
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__organ=organ))[:ANTAL],
        "godkand_analys": senaste,
        "godkand_och_aktuell": bool(senaste and senaste.ar_aktuell()),
        "pagaende": analyser.exclude(status=Riskanalys.Status.GODKAND).order_by("-skapad").first(),
    }
