"""Issue a one-time enrolment code for two-factor authentication on the command line: for
the first säkerhetschef, or when no säkerhetschef can (docs/access.md)."""

from django.core.management.base import BaseCommand, CommandError

from konton.services import registreringskod_create
from policy.models import User


class Command(BaseCommand):
    help = "Utfärdar en registreringskod för tvåstegsverifiering till en användare."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Ingen aktiv användare heter {username!r}.") from None
        kod = registreringskod_create(utfardad_av=None, user=user)
        self.stdout.write(
            f"Registreringskod för {user.username} (gäller en gång, i sju dagar): {kod}"
        )
