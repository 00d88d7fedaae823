"""Authenticators left half set up: the set-up page used to store a device when opened.
It now keeps the secret in the session until the first code, so none arise any more."""

from django.db import migrations


def remove_unconfirmed(apps, schema_editor):
    apps.get_model("otp_totp", "TOTPDevice").objects.filter(confirmed=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("konton", "0002_losenordsbyte_registreringskod"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(remove_unconfirmed, migrations.RunPython.noop)]
