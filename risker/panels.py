"""This app's part of an area page and of "Vårt ansvar": the risks, ordered by the level
rule, and the overdue åtgärder. Everything starts from the selectors."""

from django.db.models import Count, Q, Subquery, Window
from django.utils import timezone

from . import levels
from .models import Atgard, Riskanalys
from .register import gallande
from .selectors import risk_atgarder_visible_to, riskanalyser_visible_to, risker_visible_to

ANTAL = 10


def _forsenade(qs):
    return (
        qs.filter(status__in=Atgard.OPPNA, forfallodatum__lt=timezone.localdate())
        # The lists show the description, who answers for it, the date and a link to the
        # risk by its id: no other row need be joined in.
        .select_related("ansvarig")
        .order_by("forfallodatum")
    )


def _forsta_och_antal(risker, *related) -> tuple[list, int]:
    """The first ANTAL risks in the level rule's order and how many there are in all, in
    one query: the total is a window count over every match, taken before the LIMIT."""
    rader = list(
        risker.select_related(*related)
        .annotate(antal_totalt=Window(Count("pk")))
        .order_by(*levels.ORDNING)[:ANTAL]
    )
    return rader, rader[0].antal_totalt if rader else 0


def omrade_panel(user, omrade) -> dict | None:
    if user.ar_extern:
        return None
    risker, antal = _forsta_och_antal(
        gallande(risker_visible_to(user).filter(omrade=omrade)), "organ"
    )
    return {
        "omrade": omrade,
        "risker": risker,
        "antal": antal,
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__omrade=omrade))[:ANTAL],
    }


def organ_panel(user, organ) -> dict | None:
    if user.ar_extern:
        return None
    risker, antal = _forsta_och_antal(
        gallande(risker_visible_to(user).filter(organ=organ)), "omrade"
    )
    analyser = riskanalyser_visible_to(user).filter(organ=organ)
    godkand = Riskanalys.Status.GODKAND
    # The latest approved analysis and the one in progress, each the first of its own
    # order among the visible ones, fetched together by their ids as two subqueries.
    senaste_id = analyser.filter(status=godkand).order_by("-period_till", "-godkand")
    pagaende_id = analyser.exclude(status=godkand).order_by("-skapad")
    senaste, pagaende = None, None
    for analys in Riskanalys.objects.filter(
        Q(pk=Subquery(senaste_id.values("pk")[:1])) | Q(pk=Subquery(pagaende_id.values("pk")[:1]))
    ):
        if analys.status == godkand:
            senaste = analys
        else:
            pagaende = analys
    return {
        "organ": organ,
        "risker": risker,
        "antal": antal,
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__organ=organ))[:ANTAL],
        "godkand_analys": senaste,
        "godkand_och_aktuell": bool(senaste and senaste.ar_aktuell()),
        "pagaende": pagaende,
    }
