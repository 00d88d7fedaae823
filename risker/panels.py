"""This app's part of an area page and of "Vårt ansvar": the risks, ordered by the level
rule, and the overdue åtgärder. Everything starts from the selectors."""

from django.db.models import Count, Q, Subquery, Window
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from policy.selectors import scope_key

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
        .only(
            "beskrivning",
            "forfallodatum",
            "risk_id",
            "ansvarig__first_name",
            "ansvarig__last_name",
            "ansvarig__username",
        )
        .order_by("forfallodatum", "pk")
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


def _delad(user, slag, obj, berakna) -> dict:
    """The part of a panel that is the same for everyone who sees the same analyses: kept
    until the register's data changes (register.versionerad). Overdue åtgärder in it are
    only those of the visible risks: a person also sees those they answer for."""
    if synlighet(user) is None:
        return berakna()
    grund = (slag, obj.pk, scope_key(user), timezone.localdate())
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
    delat = _delad(user, ("organpanel", get_language()), organ, lambda: _organ_delad(user, organ))
    # A person also sees the overdue åtgärder they answer for (risk_atgarder_visible_to).
    # Which of theirs come first is asked by date and id alone; only when some of them are
    # not among the shared ones are those read, and the panel drawn anew.
    delade = {a.pk: a for a in delat["forsenade"]}
    forsta = sorted(
        {
            *((a.forfallodatum, a.pk) for a in delade.values()),
            *_forsenade(
                risk_atgarder_visible_to(user).filter(ansvarig=user, risk__organ=organ)
            ).values_list("forfallodatum", "pk")[:ANTAL],
        }
    )[:ANTAL]
    nya = [pk for _, pk in forsta if pk not in delade]
    if not nya:
        return {**delat, "organ": organ, "html": mark_safe(delat["html"])}
    egna = {a.pk: a for a in _forsenade(Atgard.objects.filter(pk__in=nya))}
    # An åtgärd closed between the two questions is simply left out.
    forsenade = [delade.get(pk) or egna.get(pk) for _, pk in forsta]
    ctx = {**delat, "organ": organ, "forsenade": [a for a in forsenade if a is not None]}
    del ctx["html"]
    return ctx


def _organ_delad(user, organ) -> dict:
    """The body panel as everyone who sees the same analyses sees it: the risks, the
    analyses, the overdue åtgärder of the visible risks, and the panel drawn from them (the
    language is part of the cache key)."""
    delat = _organ_risker(user, organ)
    delat["forsenade"] = list(
        _forsenade(Atgard.objects.filter(risk__in=risker_visible_to(user).filter(organ=organ)))[
            :ANTAL
        ]
    )
    delat["html"] = str(
        render_to_string("risker/_organ_panel.html", {"ctx": {**delat, "organ": organ}})
    )
    return delat


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
