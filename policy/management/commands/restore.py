"""
Restore a backup made by `manage.py backup` into the configured database (a fresh one)
and MEDIA_ROOT, then let each app put right what the restored data leaves behind
(`sakerhetskopia.aterstalld`: incidenter moves its reference series past the highest number
issued).
"""

from django.core.management.base import BaseCommand, CommandError

from lib import sakerhetskopia


class Command(BaseCommand):
    help = "Återställer en säkerhetskopia till en ny databas och MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("katalog", help="Katalogen som `manage.py backup` skrev.")
        parser.add_argument(
            "--skriv-over",
            action="store_true",
            help="Återställ även om databasen inte är tom (det som finns där ersätts).",
        )

    def handle(self, *args, katalog, skriv_over=False, **options):
        try:
            manifest = sakerhetskopia.restore(katalog, skriv_over=skriv_over)
        except sakerhetskopia.SakerhetskopiaFel as fel:
            raise CommandError(str(fel)) from None
        # No reference number is given out twice (incidenter, in its AppConfig.ready()).
        sakerhetskopia.aterstalld.send(sender=self.__class__, manifest=manifest)
        self.stdout.write(
            f"Återställd från {katalog} (skapad {manifest['skapad']}): databasen och "
            f"{len(manifest['filer'])} filer."
        )
