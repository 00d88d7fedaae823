"""
This app's part of the incident page: an incident linked to a system that holds personal
data, and not (yet) marked as a personuppgiftsincident, asks those who handle it to consider
whether it is one (GDPR art. 33: IMY within 72 hours of awareness), with the way to mark it.
The incident app does not know of systems; it asks policy.paneler for the parts.
"""

from .models import Informationstillgang, System, Systemkoppling

P = Informationstillgang.Personuppgifter
# The kinds of personal data, least to most sensitive: a system is named with its most
# sensitive.
RANG = [P.VANLIGA, P.KANSLIGA, P.SKYDDADE]


def incident_panel(user, incident) -> dict | None:
    if incident.personuppgiftsincident:
        return None
    from incidenter.selectors import can_triage, kan_hantera

    if not kan_hantera(user, incident):
        return None
    rader = (
        System.objects.filter(
            pk__in=Systemkoppling.objects.filter(incident=incident).values("system_id"),
            tillgangar__personuppgifter__in=RANG,
        )
        .values_list("pk", "namn", "tillgangar__personuppgifter")
        .order_by("namn", "pk")
    )
    system: dict[int, dict] = {}
    for pk, namn, slag in rader:
        s = system.setdefault(pk, {"pk": pk, "namn": namn, "slag": slag})
        if RANG.index(slag) > RANG.index(s["slag"]):
            s["slag"] = slag
    if not system:
        return None
    return {
        "system": _med_synlighet(user, list(system.values())),
        "frist": _imy_frist(incident),
        "kan_markera": can_triage(user, incident),
    }


def _med_synlighet(user, system: list[dict]) -> list[dict]:
    """Each system's name and personal data; a link only to a system the user may open."""
    from django.urls import reverse

    from .selectors import system_visible_to

    synliga = set(
        system_visible_to(user)
        .filter(pk__in=[s["pk"] for s in system])
        .values_list("pk", flat=True)
    )
    for s in system:
        s["slag_namn"] = P(s["slag"]).label
        s["lank"] = (
            reverse("informationssakerhet:system", args=[s["pk"]]) if s["pk"] in synliga else ""
        )
    return system


def _imy_frist(incident) -> dict | None:
    """The IMY clock as the duty would run it: its length (data, in incidenter.Plikttyp)
    counted from awareness."""
    from django.utils import timezone

    from incidenter.models import Plikttyp

    typ = (
        Plikttyp.objects.filter(
            utlosare=Plikttyp.Utlosare.PERSONUPPGIFTSINCIDENT, frist__isnull=False
        )
        .order_by("ordning", "pk")
        .first()
    )
    if typ is None or incident.upptackt is None:
        return None
    senast = incident.upptackt + typ.frist
    return {
        "timmar": int(typ.frist.total_seconds() // 3600),
        "mottagare": typ.mottagare,
        "senast": senast,
        "passerad": senast < timezone.now(),
    }
