from django.core.management.base import BaseCommand
from django.utils import timezone

from paminnelser import services, sweep


class Command(BaseCommand):
    help = (
        "Kör påminnelsesvepet i den här processen (utan Redis): skapar påminnelser som "
        "förfallit och skickar e-post som inte gått iväg. Med --arshjul och "
        "--sammanstallning även årshjulet och de dagliga sammanställningarna."
    )

    def add_arguments(self, parser):
        parser.add_argument("--arshjul", action="store_true", help="Kör även årshjulet.")
        parser.add_argument(
            "--sammanstallning",
            action="store_true",
            help="Skicka även dagens sammanställningar.",
        )

    def handle(self, *args, **options):
        result = sweep.run_sweep()
        self.stdout.write(f"Svep {timezone.localtime():%Y-%m-%d %H:%M}: {result}")
        if options["arshjul"]:
            self.stdout.write(f"Årshjulet: {sweep.run_arshjul()} nya påminnelser")
        if options["sammanstallning"]:
            skickade = 0
            for mottagare_id in list(services.mottagare_med_sammanstallning()):
                try:
                    skickade += services.sammanstallning_send(mottagare_id=mottagare_id)
                except Exception as error:  # noqa: BLE001
                    self.stderr.write(f"Sammanställning till {mottagare_id}: {error}")
            self.stdout.write(f"Sammanställningar: {skickade} skickade")
