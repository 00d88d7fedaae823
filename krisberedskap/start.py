"""This app's part of the start page: for KS and Säkerhetsavdelningen the state of the
period's documents and the RSA (and the contributions to review); for members and staff
the activations running now; for a body's people its contributions to the RSA to write."""

from django.utils import timezone
from django.utils.translation import get_language

from lib import versioner
from policy.selectors import scope_key

from . import selectors
from .models import Aktivering, Rsa, RsaBidrag
from .panels import oversikt

# The version of the kept start-page parts: every save or delete of what they show (the
# period, its documents, the RSA, its contributions and its risks' åtgärder, activations
# and who takes part in them) moves it on (krisberedskap.apps); a write that bypasses save()
# must call versioner.ny_version(VERSION), or is seen when the entry expires.
VERSION = "krisberedskap:start:version"
CACHE_SEKUNDER = 300


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed (krisberedskap.apps)."""
    versioner.data_andrad(VERSION)


def context(user) -> dict:
    """Kept per person (the activations they take part in and the åtgärder they answer
    for are theirs alone), day and language: reads that are the same on every load of the
    start page until the data changes."""
    if not user.is_authenticated or user.ar_extern:
        return {}
    grund = ("krisberedskap:start", user.pk, scope_key(user), timezone.localdate(), get_language())
    return versioner.versionerad(VERSION, grund, lambda: _context(user), CACHE_SEKUNDER)


def _context(user) -> dict:
    # A member or staff member sees every activation they take part in (selectors.aktivering_q).
    pagaende = list(
        Aktivering.objects.filter(
            avslutad__isnull=True, pk__in=selectors.deltagar_aktivering_ids(user)
        ).only("pk", "titel", "beslutad")
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
