"""
Writes for accounts: the TOTP device of two-factor authentication, and per-object
permission grants (django-guardian) with their audit log.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm, get_user_perms, remove_perm

from .models import Behorighetslogg
from .tvafaktor import bekraftad_enhet, roll_kraver_tvafaktor

# Per-object access is granted by the säkerhetschef (policy/roles.py).
GRANTER_PERM = "incidenter.grant_incident_access"


# --- Two-factor authentication ---


def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed device the user is setting up (a new secret the first time).
    Refused when the user already has a confirmed device: replacing it must not be
    possible with the password alone."""
    if bekraftad_enhet(user) is not None:
        raise PermissionDenied(_("Tvåstegsverifiering är redan aktiverad för ditt konto."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=_("Autentiseringsapp"), confirmed=False)
        device.full_clean()
        device.save()
    return device


def totp_device_confirm(*, user, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm a new device with a first code from the app."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("Enheten hör inte till ditt konto."))
    if not device.verify_token(token):
        raise ValidationError(
            _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen.")
        )
    with transaction.atomic():
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device


def totp_device_remove(*, user) -> int:
    """Turn off two-factor authentication for a user whose role does not require it."""
    if roll_kraver_tvafaktor(user):
        raise PermissionDenied(_("Din roll kräver tvåstegsverifiering; den kan inte stängas av."))
    deleted, _rows = TOTPDevice.objects.filter(user=user).delete()
    return deleted


# --- Per-object permissions ---


def _permission_for(perm: str, obj: models.Model) -> Permission:
    ct = ContentType.objects.get_for_model(obj)
    app_label, _dot, codename = perm.rpartition(".")
    if app_label and app_label != ct.app_label:
        raise ValidationError(
            _("Behörigheten %(perm)s gäller inte den här typen av objekt.") % {"perm": perm}
        )
    try:
        return Permission.objects.get(content_type=ct, codename=codename)
    except Permission.DoesNotExist:
        raise ValidationError(
            _("Behörigheten %(perm)s finns inte för den här typen av objekt.") % {"perm": perm}
        ) from None


def _check_granter(granted_by) -> None:
    if granted_by is None or not granted_by.is_authenticated:
        raise PermissionDenied(_("Behörigheter kan bara ges av en inloggad användare."))
    if not (granted_by.is_superuser or granted_by.has_perm(GRANTER_PERM)):
        raise PermissionDenied(_("Bara säkerhetschefen kan ge behörighet till enskilda objekt."))


def _log(*, handling, granted_by, user, permission: Permission, obj) -> Behorighetslogg:
    entry = Behorighetslogg(
        handling=handling,
        utford_av=granted_by,
        anvandare=user,
        behorighet=f"{permission.content_type.app_label}.{permission.codename}",
        content_type=permission.content_type,
        object_pk=str(obj.pk),
        objekt=str(obj)[:300],
    )
    entry.full_clean()
    entry.save()
    return entry


def object_permission_grant(
    *, granted_by, user, perm: str, obj: models.Model
) -> Behorighetslogg | None:
    """Give `user` the permission `perm` ("app.codename" or "codename") on `obj`, and log
    it. Returns the log entry, or None when the user already had it (nothing changes)."""
    _check_granter(granted_by)
    permission = _permission_for(perm, obj)
    if not user.is_active:
        raise ValidationError(_("Behörighet kan inte ges till ett inaktiverat konto."))
    with transaction.atomic():
        if permission.codename in get_user_perms(user, obj):
            return None
        assign_perm(permission.codename, user, obj)
        return _log(
            handling=Behorighetslogg.Handling.BEVILJAD,
            granted_by=granted_by,
            user=user,
            permission=permission,
            obj=obj,
        )


def object_permission_revoke(
    *, revoked_by=None, user, perm: str, obj: models.Model, granted_by=None
) -> Behorighetslogg | None:
    """Take back a permission given with object_permission_grant, and log it. Returns the
    log entry, or None when the user did not have it. The acting user is `revoked_by`
    (`granted_by` is accepted too, so both calls can be written alike)."""
    revoked_by = revoked_by or granted_by
    _check_granter(revoked_by)
    permission = _permission_for(perm, obj)
    with transaction.atomic():
        if permission.codename not in get_user_perms(user, obj):
            return None
        remove_perm(permission.codename, user, obj)
        return _log(
            handling=Behorighetslogg.Handling.ATERKALLAD,
            granted_by=revoked_by,
            user=user,
            permission=permission,
            obj=obj,
        )
