"""This app's part of an area page and of "Vårt ansvar": the risks, ordered by the level
rule, and the overdue åtgärder. Everything starts from the selectors."""

from django.db.models import Count, Q, Subquery, Window
from django.utils import timezone

from . import levels
from .models import Atgard, Riskanalys
from .register import gallande, versionerad
from .selectors import (
    risk_atgarder_visible_to,
    riskanalyser_visible_to,
    risker_visible_to,
    synlighet,
)

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


def _delad(user, slag: str, obj, berakna) -> dict:
    """The part of a panel that is the same for everyone who sees the same analyses: kept
    until the register's data changes (register.versionerad). The overdue åtgärder are not
    in it: a person also sees those they answer for."""
    s = synlighet(user)
    if s is None:
        return berakna()
    egna, alla_inlamnade = s
    grund = (slag, obj.pk, sorted(egna), alla_inlamnade, timezone.localdate())
    return versionerad(grund, berakna)


def omrade_panel(user, omrade) -> dict | None:
    if user.ar_extern:
        return None

    def berakna():
        risker, antal = _forsta_och_antal(
            gallande(risker_visible_to(user).filter(omrade=omrade)), "organ"
        )
        return {"risker": risker, "antal": antal}

    return {
        **_delad(user, "omradepanel", omrade, berakna),
        "omrade": omrade,
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__omrade=omrade))[:ANTAL],
    }


def organ_panel(user, organ) -> dict | None:
    if user.ar_extern:
        return None
    return {
        **_delad(user, "organpanel", organ, lambda: _organ_risker(user, organ)),
        "organ": organ,
        "forsenade": _forsenade(risk_atgarder_visible_to(user).filter(risk__organ=organ))[:ANTAL],
    }


def _organ_risker(user, organ) -> dict:
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
        "risker": risker,
        "antal": antal,
        "godkand_analys": senaste,
        "godkand_och_aktuell": bool(senaste and senaste.ar_aktuell()),
        "pagaende": pagaende,
    }
