"""This app's part of the start page: the user's planned activities and the åtgärder from
what inspections and exercises found that they answer for."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from lib import versioner
from policy.selectors import scope_key

from . import selectors
from .atgarder import oppna_atgarder
from .models import Aktivitet
from .selectors import aktiviteter_visible_to

ANTAL = 10


def context(user) -> dict:
    """Kept drawn per person and day until the activities or åtgärder change
    (selectors.VERSION): both lists are the person's own."""
    if not user.is_authenticated or user.ar_extern:
        return {}
    idag = timezone.localdate()
    grund = ("verksamhet:start", user.pk, scope_key(user), idag, get_language())
    return versioner.versionerad(
        selectors.VERSION, grund, lambda: _rita(user, idag), selectors.CACHE_SEKUNDER
    )


def _rita(user, idag) -> dict:
    ctx = _context(user, idag)
    if not ctx:
        return {}
    return {"html": render_to_string("verksamhet/_start_del.html", {"ctx": ctx})}


def _context(user, idag) -> dict:
    ctx = {}
    atgarder = list(
        oppna_atgarder()
        .filter(ansvarig=user)
        # The start page shows the description, the date and a link by the activity's id.
        .only("beskrivning", "forfallodatum", "aktivitet_id")
        .order_by("forfallodatum", "pk")[:ANTAL]
    )
    if atgarder:
        ctx["atgarder"] = atgarder
    aktiviteter = list(
        aktiviteter_visible_to(user)
        .filter(
            ansvarig=user,
            status=Aktivitet.Status.PLANERAD,
            datum__lte=idag + timedelta(days=30),
        )
        .select_related("typ", "lokal", "organ")
        .only("datum", "typ__namn", "lokal__namn", "organ__namn", "organ__kortnamn")
        .order_by("datum", "pk")[:ANTAL]
    )
    if aktiviteter:
        ctx["aktiviteter"] = aktiviteter
    if ctx:
        ctx["idag"] = idag
    return ctx
