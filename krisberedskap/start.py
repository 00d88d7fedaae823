"""This app's part of the start page: for KS and Säkerhetsavdelningen the state of the
period's documents and the RSA; for members and staff the activations running now."""

from . import selectors
from .panels import oversikt


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    pagaende = list(
        selectors.aktiveringar_visible_to(user)
        .filter(avslutad__isnull=True, pk__in=selectors.deltagar_aktivering_ids(user))
        .only("pk", "titel", "beslutad")
    )
    ctx = oversikt(user) or {}
    if pagaende:
        ctx["pagaende"] = pagaende
    return ctx
