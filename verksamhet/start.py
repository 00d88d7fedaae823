"""This app's part of the start page: the user's planned activities and the åtgärder from
what inspections and exercises found that they answer for."""

from datetime import timedelta

from django.utils import timezone

from .atgarder import oppna_atgarder
from .models import Aktivitet
from .selectors import aktiviteter_visible_to

ANTAL = 10


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    idag = timezone.localdate()
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
