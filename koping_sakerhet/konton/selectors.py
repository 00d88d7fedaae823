"""Reads of per-object permissions (django-guardian) and their log."""

from django.db.models import QuerySet
from guardian.models import GroupObjectPermission, UserObjectPermission

from .models import Behorighetslogg
from .services import GRANTER_PERM


def kan_se_behorigheter(user) -> bool:
    """Grants may name skyddade incidents: only those who grant see them."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(GRANTER_PERM))


def anvandarbehorigheter() -> QuerySet[UserObjectPermission]:
    return (
        UserObjectPermission.objects.select_related("user", "permission", "content_type")
        .prefetch_related("content_object")
        .order_by("content_type__app_label", "content_type__model", "object_pk", "user__username")
    )


def gruppbehorigheter() -> QuerySet[GroupObjectPermission]:
    return (
        GroupObjectPermission.objects.select_related("group", "permission", "content_type")
        .prefetch_related("content_object")
        .order_by("content_type__app_label", "content_type__model", "object_pk", "group__name")
    )


def behorighetslogg() -> QuerySet[Behorighetslogg]:
    return Behorighetslogg.objects.select_related("utford_av", "anvandare", "content_type")
