"""Reads of per-object permissions (django-guardian) and their log."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import ForeignKey, QuerySet
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .models import Behorighetslogg
from .services import GRANTER_PERM

MAX_RADER = 500


def kan_se_behorigheter(user) -> bool:
    """Grants may name skyddade incidents: only those who grant see them."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(GRANTER_PERM))


@dataclass
class Behorighet:
    vem: str
    behorighet: str
    objekttyp: str
    objekt: str


def _modeller(bas) -> list:
    """Guardian's generic table and every app's direct-foreign-key table."""
    return [m for m in apps.get_models() if issubclass(m, bas) and not m._meta.abstract]


def _rader(bas, vem_falt: str) -> list[Behorighet]:
    rader = []
    for model in _modeller(bas):
        direkt = isinstance(model._meta.get_field("content_object"), ForeignKey)
        qs = model.objects.select_related(vem_falt, "permission__content_type")
        qs = (
            qs.select_related("content_object") if direkt else qs.prefetch_related("content_object")
        )
        for p in qs.order_by("permission__content_type__model", "pk")[:MAX_RADER]:
            obj = p.content_object
            vem = getattr(p, vem_falt)
            rader.append(
                Behorighet(
                    vem=f"{vem} ({vem.username})" if vem_falt == "user" else vem.name,
                    behorighet=p.permission.name,
                    objekttyp=p.permission.content_type.name,
                    objekt=str(obj) if obj is not None else "–",
                )
            )
    return rader


def anvandarbehorigheter() -> list[Behorighet]:
    return _rader(UserObjectPermissionBase, "user")


def gruppbehorigheter() -> list[Behorighet]:
    return _rader(GroupObjectPermissionBase, "group")


def behorighetslogg() -> QuerySet[Behorighetslogg]:
    return Behorighetslogg.objects.select_related("utford_av", "anvandare", "content_type")


def anvandare_for_roller(sok: str = ""):
    """Active users for the säkerhetschef's roles page, with their roles, searchable by
    name, user name and e-mail."""
    from django.db.models import Q

    from policy.models import User

    users = User.objects.filter(is_active=True).select_related("enhet").prefetch_related("groups")
    sok = sok.strip()[:100]
    if sok:
        users = users.filter(
            Q(username__icontains=sok)
            | Q(first_name__icontains=sok)
            | Q(last_name__icontains=sok)
            | Q(email__icontains=sok)
        )
    return users.order_by("last_name", "first_name", "username")
