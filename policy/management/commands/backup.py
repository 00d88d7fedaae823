"""
Back up the database, then the uploaded files and stored PDFs, into one directory
(lib/sakerhetskopia.py says what is in it and what is not).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lib import sakerhetskopia


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och sedan de uppladdade filerna till en katalog."

    def add_arguments(self, parser):
        parser.add_argument(
            "--till",
            help="Katalogen att skriva till (ny eller tom). Standard: var/backup/<tidpunkt>.",
        )

    def handle(self, *args, till=None, **options):
        katalog = (
            Path(till)
            if till
            else Path(settings.BASE_DIR)
            / "var"
            / "backup"
            / (timezone.localtime().strftime("%Y%m%d-%H%M%S"))
        )
        try:
            manifest = sakerhetskopia.backup(katalog)
        except sakerhetskopia.SakerhetskopiaFel as fel:
            raise CommandError(str(fel)) from None
        self.stdout.write(
            f"Säkerhetskopia i {katalog}: databasen ({manifest['databas']}) och "
            f"{len(manifest['filer'])} filer."
        )
