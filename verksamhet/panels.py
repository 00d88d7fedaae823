"""This app's part of an area page and of "Vårt ansvar": the year's plan, what was done,
what is overdue and what was found. Everything starts from the selectors."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from lib import versioner
from policy.selectors import scope_key

from . import selectors
from .atgarder import oppna_atgarder
from .models import Aktivitet
from .selectors import aktiviteter_visible_to

ANTAL = 5


def _panel(user, qs, **extra) -> dict | None:
    if user.ar_extern:
        return None
    idag = timezone.localdate()
    i_ar = qs.filter(datum__year=idag.year)
    planerad = Aktivitet.Status.PLANERAD
    siffror = i_ar.aggregate(
        planerade=Count("pk", filter=Q(status=planerad, datum__gte=idag)),
        genomforda=Count("pk", filter=Q(status=Aktivitet.Status.GENOMFORD)),
    )
    forsenade = qs.filter(status=planerad, datum__lt=idag)
    rader = ("typ", "lokal", "organ", "ansvarig")
    return {
        **siffror,
        **extra,
        "ar": idag.year,
        "idag": idag,
        "antal_forsenade": forsenade.count(),
        "forsenade": list(forsenade.select_related(*rader).order_by("datum", "pk")[:ANTAL]),
        "kommande": list(
            qs.filter(status=planerad, datum__gte=idag)
            .select_related(*rader)
            .order_by("datum", "pk")[:ANTAL]
        ),
        "oppna_atgarder": oppna_atgarder().filter(aktivitet__in=qs.values("pk")).count(),
    }


def omrade_panel(user, omrade) -> dict | None:
    qs = aktiviteter_visible_to(user).filter(typ__in=omrade.aktivitetstyper.values("pk"))
    return _panel(user, qs, omrade=omrade, filter=f"omrade={omrade.pk}")


def organ_panel(user, organ) -> dict | None:
    """Kept drawn per person (what they see includes what they answer for themselves,
    besides what their scope shows them), body, day and language, until the activities
    change: the panel's five counts and lists and its drawing cost as much as the rest of
    "Vårt ansvar"."""
    if user.ar_extern:
        return None

    def rita() -> dict | None:
        ctx = _panel(
            user,
            aktiviteter_visible_to(user).filter(organ=organ),
            organ=organ,
            filter=f"organ={organ.pk}",
        )
        return {"html": render_to_string("verksamhet/_panel.html", {"ctx": ctx, "slag": "organ"})}

    grund = (
        "verksamhet:organ",
        organ.pk,
        user.pk,
        scope_key(user),
        timezone.localdate(),
        get_language(),
    )
    return versioner.versionerad(selectors.VERSION, grund, rita, selectors.CACHE_SEKUNDER)
