"""This app's part of the start page: for a nämndföreträdare their body's responsibilities
and governing documents due for review; for those who prepare or decide policy revisions,
the open drafts; for Säkerhetsavdelningen, documents whose review is overdue."""

from django.utils import timezone

from lib import versioner

from . import selectors
from .models import PolicyVersion, Styrdokument


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    idag = timezone.localdate()
    ctx = {}
    if user.foretradda_organ_ids:
        organ = selectors.organ_visible_to(user).filter(pk__in=user.foretradda_organ_ids)
        ctx["organ"] = list(organ)
        ctx["for_oversyn"] = list(selectors.styrdokument_for_oversyn(user.foretradda_organ_ids))
    ser_utkast = selectors.ser_utkast(user)
    ser_forsenade = user.has_perm("policy.change_styrdokument")
    if ser_utkast or ser_forsenade:
        delat = _delat(idag)
        if ser_utkast:
            ctx["utkast"] = delat["utkast"]
        if ser_forsenade:
            ctx["forsenade"] = delat["forsenade"]
    if not any(ctx.values()):
        return {}
    ctx["idag"] = idag
    ctx["kan_besluta"] = user.has_perm("policy.record_policydecision")
    ctx["kan_redigera"] = user.has_perm("policy.draft_policyversion")
    return ctx


def _delat(idag) -> dict:
    """The open drafts and how many documents' review is overdue: the same for everyone
    who may see them, so kept per day until a policy version or a document is saved or
    deleted (selectors.VERSION; a write that bypasses save() is seen within
    selectors.CACHE_SEKUNDER)."""

    def berakna():
        return {
            "utkast": list(
                PolicyVersion.objects.filter(status=PolicyVersion.Status.UTKAST).order_by(
                    "versionsnummer"
                )
            ),
            "forsenade": Styrdokument.objects.filter(nasta_oversyn__lt=idag).count(),
        }

    grund = ("start", idag.isoformat())
    return versioner.versionerad(selectors.VERSION, grund, berakna, selectors.CACHE_SEKUNDER)
