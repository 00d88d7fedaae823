"""
Test support: tests log in with `force_login`, which skips the two-factor step. For a user
who must use it (or has turned it on) this marks the test client's session as verified
with a confirmed TOTP device, exactly as entering a code would.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .tvafaktor import bekraftad_enhet, roll_kraver_tvafaktor


def verifiera_tvafaktor(client, user) -> None:
    device = bekraftad_enhet(user)
    if device is None:
        if not roll_kraver_tvafaktor(user):
            return
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
