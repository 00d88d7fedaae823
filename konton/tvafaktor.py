"""
Who must use two-factor authentication (TOTP), in one place.

With OTP_REQUIRED on (production), säkerhetsavdelning, säkerhetschef and systemadministratör
must verify a code after the password, and so must anyone who has chosen to turn it on.
With OTP_REQUIRED off (the default when DEBUG is on) nobody is asked: development only.
"""

import base64

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from policy.models import Roll

# The roles that reach skyddade incidents or other people's accounts. The dataskyddsombud
# reads every personuppgiftsincident, skyddade ones too.
ROLLER_MED_KRAV = (
    Roll.SAKERHETSAVDELNING,
    Roll.SAKERHETSCHEF,
    Roll.SYSTEMADMINISTRATOR,
    Roll.DATASKYDDSOMBUD,
)


def roll_kraver_tvafaktor(user) -> bool:
    """The user's role requires two-factor authentication (whatever the setting)."""
    return user.is_authenticated and (user.is_superuser or user.har_roll(*ROLLER_MED_KRAV))


def bekraftad_enhet(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def maste_verifiera(user) -> bool:
    """The user must enter a code in this session before going on."""
    if not getattr(settings, "OTP_REQUIRED", True) or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    return roll_kraver_tvafaktor(user) or bekraftad_enhet(user) is not None


def hemlighet_text(device: TOTPDevice) -> str:
    """The secret as the apps want it typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
