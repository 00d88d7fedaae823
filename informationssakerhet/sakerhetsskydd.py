"""
Who reaches the säkerhetsskydd registers, the log of every opening, and the writes.

Only the säkerhetschef and those granted `view_sakerhetsskydd` see them; for everyone
else the pages do not exist (404). Every opening is written to the access log of skyddade
incidents (incidenter.Atkomstlogg), without an incident and with the page named.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from incidenter.models import Atkomstlogg
from incidenter.services import atkomst_log

PERM = "informationssakerhet.view_sakerhetsskydd"


def har_atkomst(user) -> bool:
    return user.is_authenticated and user.is_active and not user.ar_extern and user.has_perm(PERM)


def oppna(user, sida: str) -> None:
    """The fetch-and-check of every säkerhetsskydd page: 404 for outsiders, and the opening
    logged for those who may."""
    if not har_atkomst(user):
        raise Http404("Sidan finns inte.")
    logga(user, sida)


def logga(user, sida: str) -> None:
    """Write one reading of the registers (a page, or the annual follow-up's part) to the
    access log."""
    atkomst_log(
        user=user,
        handling=Atkomstlogg.Handling.VISNING,
        detalj=f"säkerhetsskydd: {sida}"[:200],
    )


def behoriga():
    """The active people who may open the registers (the possible responsible persons)."""
    from django.contrib.auth.models import Permission

    from policy.models import User

    perm = Permission.objects.filter(
        content_type__app_label="informationssakerhet", codename="view_sakerhetsskydd"
    ).first()
    return (
        User.objects.filter(Q(groups__permissions=perm) | Q(user_permissions=perm), is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


def analysstatus(analys, idag=None) -> str:
    """ "saknas", "forsenad" or "aktuell" for the latest analysis."""
    idag = idag or timezone.localdate()
    if analys is None:
        return "saknas"
    return "forsenad" if analys.nasta_senast < idag else "aktuell"


def register_save(*, user, objekt):
    """Save a säkerhetsskydd row (the form has bound it) after checking access and data."""
    if not har_atkomst(user):
        raise Http404("Sidan finns inte.")
    objekt.full_clean()
    objekt.save()
    return objekt
