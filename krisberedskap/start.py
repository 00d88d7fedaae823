"""This app's part of the start page: for KS and Säkerhetsavdelningen the state of the
period's documents and the RSA (and the contributions to review); for members and staff
the activations running now; for a body's people its contributions to the RSA to write."""

from . import selectors
from .models import Rsa, RsaBidrag
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
    if selectors.kan_hantera(user):
        if ctx.get("rsa"):
            ctx["bidrag_att_granska"] = (
                ctx["rsa"].bidrag.filter(status=RsaBidrag.Status.INLAMNAT).count()
            )
    else:
        # The contributions still with the user's body.
        bidrag = list(
            selectors.bidrag_visible_to(user)
            .filter(status__in=RsaBidrag.REDIGERBAR, rsa__status=Rsa.Status.UTKAST)
            .order_by("sista_dag")
        )
        if bidrag:
            ctx["bidrag"] = bidrag
    return ctx
