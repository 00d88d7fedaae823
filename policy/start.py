"""This app's part of the start page: for a nämndföreträdare their body's responsibilities
and governing documents due for review; for those who prepare or decide policy revisions,
the open drafts; for Säkerhetsavdelningen, documents whose review is overdue."""

from django.utils import timezone

from . import selectors
from .models import PolicyVersion, Styrdokument


def context(user) -> dict:
    if not user.is_authenticated or user.ar_extern:
        return {}
    ctx = {}
    if user.foretradda_organ_ids:
        organ = selectors.organ_visible_to(user).filter(pk__in=user.foretradda_organ_ids)
        ctx["organ"] = list(organ)
        ctx["for_oversyn"] = list(selectors.styrdokument_for_oversyn(user.foretradda_organ_ids))
    if selectors.ser_utkast(user):
        ctx["utkast"] = list(
            PolicyVersion.objects.filter(status=PolicyVersion.Status.UTKAST).order_by(
                "versionsnummer"
            )
        )
    if user.has_perm("policy.change_styrdokument"):
        ctx["forsenade"] = Styrdokument.objects.filter(
            nasta_oversyn__lt=timezone.localdate()
        ).count()
    if not any(ctx.values()):
        return {}
    ctx["idag"] = timezone.localdate()
    ctx["kan_besluta"] = user.has_perm("policy.record_policydecision")
    ctx["kan_redigera"] = user.has_perm("policy.draft_policyversion")
    return ctx
