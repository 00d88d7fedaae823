"""
Writes for accounts: the TOTP device of two-factor authentication, roles, passwords set by
an administrator, and per-object permission grants (django-guardian), each with its audit
log (Behorighetslogg).
"""

import logging
import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from guardian.shortcuts import assign_perm, get_user_perms, remove_perm

from paminnelser.texter import Text

from .models import Behorighetslogg, Losenordsbyte, Registreringskod
from .roller import far_andra_anvandare, roller_som_far_tilldelas
from .tvafaktor import bekraftad_enhet, roll_kraver_tvafaktor

logger = logging.getLogger("konton.sakerhet")

# Per-object access is granted by the säkerhetschef (policy/roles.py).
GRANTER_PERM = "incidenter.grant_incident_access"


# --- Two-factor authentication ---


def totp_nyckel_ny() -> str:
    """A new secret for an authenticator being set up. It is kept in the user's session
    until the first code confirms it: opening the set-up page creates no device."""
    return random_hex(20)


def totp_device_preview(*, user, nyckel: str) -> TOTPDevice:
    """An unsaved device with this secret, for the QR code and the secret as text."""
    return TOTPDevice(user=user, name=_("Autentiseringsapp"), key=nyckel, confirmed=False)


def totp_device_create(*, user, nyckel: str, token: str, registreringskod: str = "") -> TOTPDevice:
    """Set up the user's authenticator with the secret they scanned and a first code from
    the app. Refused when one is set up already (replacing it must not be possible with the
    password alone), and for a role that must use two-factor authentication without a valid
    enrolment code from the säkerhetschef (used up here)."""
    if bekraftad_enhet(user) is not None:
        raise PermissionDenied(_("Tvåstegsverifiering är redan aktiverad för ditt konto."))
    kod = None
    if registreringskod_kravs(user):
        kod = registreringskod_giltig(user=user, kod=registreringskod)
        if kod is None:
            raise ValidationError(
                {
                    "registreringskod": _(
                        "Registreringskoden stämmer inte eller har gått ut. Be "
                        "säkerhetschefen om en ny."
                    )
                }
            )
    with transaction.atomic():
        device = totp_device_preview(user=user, nyckel=nyckel)
        device.full_clean()
        device.save()
        if not device.verify_token(token):
            # Raised inside the transaction: the device is not kept.
            raise ValidationError(
                {
                    "kod": _(
                        "Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och "
                        "försök igen."
                    )
                }
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Devices left half set up by earlier versions of this page.
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        if kod is not None:
            Registreringskod.objects.filter(pk=kod.pk).update(anvand=timezone.now())
    return device


def totp_device_remove(*, user, token: str) -> int:
    """Turn off two-factor authentication, with a fresh code from the app (the password
    alone must not switch it off), for a user whose role does not require it."""
    if roll_kraver_tvafaktor(user):
        raise PermissionDenied(_("Din roll kräver tvåstegsverifiering; den kan inte stängas av."))
    device = bekraftad_enhet(user)
    if device is None:
        return 0
    if not device.verify_token(token):
        raise ValidationError({"kod": _("Koden stämmer inte. Vänta på nästa kod och försök igen.")})
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


# --- Roles ---


def _logga(*, handling, utford_av, user, behorighet: str, obj) -> Behorighetslogg:
    entry = Behorighetslogg(
        handling=handling,
        utford_av=utford_av,
        anvandare=user,
        behorighet=behorighet,
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        objekt=str(obj)[:300],
    )
    entry.full_clean()
    entry.save()
    return entry


def _till_sakerhetschefen(*, typ: str, nyckel: str, rubrik, text="") -> None:
    """A notice (and e-mail) to every säkerhetschef."""
    from paminnelser.services import notis_create
    from policy.models import Roll, User

    for chef in User.objects.filter(is_active=True, groups__name=Roll.SAKERHETSCHEF).distinct():
        notis_create(
            mottagare=chef,
            typ=typ,
            nyckel=nyckel,
            rubrik=rubrik,
            text=text,
            lank=reverse("konton:behorigheter"),
        )


def anvandare_roller_set(*, andrad_av, user, roller) -> list[Behorighetslogg]:
    """Give `user` exactly the roles `roller` (role names), as far as `andrad_av` may
    assign them (konton/roller.py): a role they may not assign is neither given nor taken
    away, and asking for it is refused. Each change is logged and told to the
    säkerhetschef. The staff flag (the admin's door) follows the systemadministratör role."""
    from policy.models import Roll

    if not far_andra_anvandare(andrad_av, user):
        raise PermissionDenied(_("Du kan inte ändra dina egna roller eller en superanvändares."))
    tillatna = roller_som_far_tilldelas(andrad_av)
    onskade = {str(r) for r in roller}
    if not onskade <= set(Roll.values):
        raise ValidationError(_("Okänd roll."))
    with transaction.atomic():
        nuvarande = set(user.groups.values_list("name", flat=True))
        andringar = (onskade - nuvarande) | (nuvarande - onskade)
        if not andringar <= tillatna:
            raise PermissionDenied(
                _("Du får inte ge eller ta bort rollen %(roll)s.")
                % {"roll": ", ".join(str(Roll(r).label) for r in sorted(andringar - tillatna))}
            )
        return _roller_andra(andrad_av=andrad_av, user=user, onskade=onskade, andringar=andringar)


def anvandare_roller_fran_organisationskontot(*, user, roller) -> list[Behorighetslogg]:
    """The roles the identity provider gives at a single sign-on (OIDC_GROUPS_CLAIM): the
    organisation's own assignment, logged (as done by the user's organisation account) and
    told to the säkerhetschef like any other."""
    from policy.models import Roll

    onskade = {str(r) for r in roller} & set(Roll.values)
    with transaction.atomic():
        nuvarande = set(user.groups.filter(name__in=Roll.values).values_list("name", flat=True))
        andringar = (onskade - nuvarande) | (nuvarande - onskade)
        return _roller_andra(andrad_av=user, user=user, onskade=onskade, andringar=andringar)


def _roller_andra(*, andrad_av, user, onskade, andringar) -> list[Behorighetslogg]:
    from policy.models import Roll

    if not andringar:
        return []
    with transaction.atomic():
        grupper = {g.name: g for g in Group.objects.filter(name__in=andringar)}
        loggar = []
        for namn in sorted(andringar):
            grupp = grupper[namn]
            if namn in onskade:
                user.groups.add(grupp)
                handling = Behorighetslogg.Handling.BEVILJAD
            else:
                user.groups.remove(grupp)
                handling = Behorighetslogg.Handling.ATERKALLAD
            loggar.append(
                _logga(
                    handling=handling,
                    utford_av=andrad_av,
                    user=user,
                    behorighet=f"roll:{namn}",
                    obj=grupp,
                )
            )
        staff = user.is_superuser or Roll.SYSTEMADMINISTRATOR in onskade
        if user.is_staff != staff:
            user.is_staff = staff
            user.save(update_fields=["is_staff"])
        user.behorighet_andrad()
    for entry in loggar:
        logger.info(
            "Roll %s: %s för %s av %s.",
            entry.get_handling_display().lower(),
            entry.behorighet,
            user.get_username(),
            andrad_av.get_username(),
        )
        _till_sakerhetschefen(
            typ="roll",
            nyckel=f"roll:{entry.pk}",
            rubrik=Text(
                gettext_noop("%(vem)s har ändrat rollerna för %(anvandare)s"),
                vem=andrad_av,
                anvandare=user,
            ),
            text=Text(
                gettext_noop("%(handling)s: %(roll)s."),
                handling=Behorighetslogg.Handling(entry.handling).label,
                roll=Roll(entry.behorighet.removeprefix("roll:")).label,
            ),
        )
    return loggar


# --- Passwords set by an administrator ---


def losenord_set_by_admin(*, satt_av, user) -> Behorighetslogg:
    """Record that `satt_av` set `user`'s password (the admin's forms do the setting):
    the user must choose a new one at the next login, the change is logged, and the user
    is told in the portal and by e-mail."""
    from paminnelser.services import notis_create

    with transaction.atomic():
        Losenordsbyte.objects.update_or_create(
            anvandare=user, defaults={"satt_av": satt_av, "satt": timezone.now()}
        )
        entry = _logga(
            handling=Behorighetslogg.Handling.LOSENORD,
            utford_av=satt_av,
            user=user,
            behorighet="losenord",
            obj=user,
        )
    logger.warning("Lösenordet för %s sattes av %s.", user.get_username(), satt_av.get_username())
    notis_create(
        mottagare=user,
        typ="losenord",
        nyckel=f"losenord:{entry.pk}",
        rubrik=Text(gettext_noop("Ditt lösenord har satts av en administratör")),
        text=Text(
            gettext_noop(
                "%(vem)s satte ett nytt lösenord för ditt konto. Du väljer ett eget vid nästa "
                "inloggning. Kontakta säkerhetschefen om du inte väntade dig detta."
            ),
            vem=satt_av,
        ),
        lank=reverse("konton:losenord"),
    )
    return entry


def losenord_maste_bytas(user) -> bool:
    return user.is_authenticated and Losenordsbyte.objects.filter(anvandare=user).exists()


def losenord_changed(*, user) -> None:
    """The user chose their own password: the demand to change it is met."""
    Losenordsbyte.objects.filter(anvandare=user).delete()


# --- Resetting an authenticator, and the enrolment code ---

REGISTRERINGSKOD_GILTIG = timedelta(days=7)


def totp_device_reset(*, utford_av, device: TOTPDevice) -> Behorighetslogg:
    """Remove a user's authenticator (a lost phone) from the admin: the user sets up a new
    one at the next login (with an enrolment code from the säkerhetschef when the role
    requires two-factor authentication). Logged, and told to the user and the
    säkerhetschef."""
    from paminnelser.services import notis_create

    user = device.user
    if not far_andra_anvandare(utford_av, user):
        raise PermissionDenied(_("Du kan inte återställa din egen tvåstegsverifiering här."))
    with transaction.atomic():
        entry = _logga(
            handling=Behorighetslogg.Handling.TVAFAKTOR,
            utford_av=utford_av,
            user=user,
            behorighet="tvafaktor",
            obj=user,
        )
        device.delete()
    logger.warning(
        "Tvåstegsverifieringen för %s återställdes av %s.",
        user.get_username(),
        utford_av.get_username(),
    )
    notis_create(
        mottagare=user,
        typ="tvafaktor",
        nyckel=f"tvafaktor:{entry.pk}",
        rubrik=Text(gettext_noop("Din tvåstegsverifiering har återställts")),
        text=Text(
            gettext_noop(
                "%(vem)s tog bort din autentiseringsapp. Du ställer in den igen vid nästa "
                "inloggning."
            ),
            vem=utford_av,
        ),
        lank=reverse("konton:tvafaktor"),
    )
    _till_sakerhetschefen(
        typ="tvafaktor",
        nyckel=f"tvafaktor:{entry.pk}",
        rubrik=Text(
            gettext_noop("%(vem)s har återställt tvåstegsverifieringen för %(anvandare)s"),
            vem=utford_av,
            anvandare=user,
        ),
    )
    return entry


def registreringskod_kravs(user) -> bool:
    """A role that must use two-factor authentication enrols only with a code from the
    säkerhetschef: whoever holds the password first must not be the one who enrols."""
    return roll_kraver_tvafaktor(user)


def registreringskod_create(*, utfardad_av, user) -> str:
    """Issue a one-time enrolment code for `user` (earlier unused codes stop working).
    Returns the code, shown once; only its hash is kept. `utfardad_av` None: issued on
    the command line (`manage.py registreringskod`)."""
    if utfardad_av is not None:
        if not (utfardad_av.is_superuser or utfardad_av.har_roll("sakerhetschef")):
            raise PermissionDenied(_("Bara säkerhetschefen utfärdar registreringskoder."))
        if not far_andra_anvandare(utfardad_av, user):
            raise PermissionDenied(_("Du kan inte utfärda en registreringskod åt dig själv."))
    kod = secrets.token_hex(6).upper()
    nu = timezone.now()
    with transaction.atomic():
        Registreringskod.objects.filter(anvandare=user, anvand__isnull=True).update(anvand=nu)
        Registreringskod.objects.create(
            anvandare=user,
            kod_hash=make_password(kod),
            utfardad_av=utfardad_av,
            utfardad=nu,
            giltig_till=nu + REGISTRERINGSKOD_GILTIG,
        )
        if utfardad_av is not None:
            _logga(
                handling=Behorighetslogg.Handling.REGISTRERINGSKOD,
                utford_av=utfardad_av,
                user=user,
                behorighet="registreringskod",
                obj=user,
            )
    logger.info(
        "Registreringskod utfärdad för %s av %s.",
        user.get_username(),
        utfardad_av.get_username() if utfardad_av else "kommandoraden",
    )
    return "-".join(kod[i : i + 4] for i in range(0, len(kod), 4))


def registreringskod_giltig(*, user, kod: str) -> Registreringskod | None:
    """The user's valid, unused code matching `kod`, or None."""
    kod = "".join(str(kod).split()).replace("-", "").upper()
    for rad in Registreringskod.objects.filter(
        anvandare=user, anvand__isnull=True, giltig_till__gt=timezone.now()
    ):
        if check_password(kod, rad.kod_hash):
            return rad
    return None
