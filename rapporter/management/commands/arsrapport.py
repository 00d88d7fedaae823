"""
`python manage.py arsrapport 2026 --out arsrapport-2026.pdf`

Makes the annual follow-up from the command line, without storing it in the portal.

Whose view: with `--anvandare USERNAME` exactly what that person would get in the portal.
Without it, kommunledningen's view (`rapporter.selectors.systemlasare`): every body, every
normal incident, every submitted risk analysis, and no skyddade incidents, since the
report goes to the board's papers and skyddade incidents are only for those named to them.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from policy.models import User

from ...selectors import systemlasare
from ...services import arsrapport_pdf, giltigt_ar


class Command(BaseCommand):
    help = "Skapar Årlig uppföljning av säkerhetsarbetet för ett år som PDF."

    def add_arguments(self, parser):
        parser.add_argument("ar", help="Året, till exempel 2026.")
        parser.add_argument("--out", required=True, help="Filen som PDF:en skrivs till.")
        parser.add_argument(
            "--anvandare",
            help="Skapa rapporten med den här användarens behörighet (användarnamn). "
            "Utan: kommunledningens vy, utan skyddade incidenter.",
        )

    def handle(self, *args, ar, out, anvandare=None, **options):
        try:
            ar = giltigt_ar(ar)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        if anvandare:
            try:
                lasare = User.objects.get(username=anvandare, is_active=True)
            except User.DoesNotExist:
                raise CommandError(f"Ingen aktiv användare heter {anvandare}.") from None
        else:
            lasare = systemlasare()
        data, ctx = arsrapport_pdf(anvandare=lasare, ar=ar)
        Path(out).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Skrev {out} ({len(data)} byte, {ctx['siffror']['totalt']} incidenter {ar})."
            )
        )
