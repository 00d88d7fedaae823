from django.core.management.base import BaseCommand

from paminnelser.schedule import setup_schedule


class Command(BaseCommand):
    help = "Skapar eller uppdaterar de schemalagda uppgifterna i Celery beat (idempotent)."

    def handle(self, *args, **options):
        for line in setup_schedule():
            self.stdout.write(line)
