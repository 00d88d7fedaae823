"""Demo data of the reminders: the beat schedule, and the reminders the demo data is due
for today (so "Mina påminnelser" has something to show). Idempotent, like every reminder.
The demo's e-mails are recorded as sent without being sent: nobody reads them."""

from django.db import transaction
from django.utils import timezone

from . import reminders
from .models import Notis
from .schedule import setup_schedule


def create() -> int:
    setup_schedule()
    with transaction.atomic():
        antal = reminders.create_all() + reminders.create_arshjul()
        # Before the commit, so the e-mail tasks queued on commit find nothing to send.
        Notis.objects.filter(skickad__isnull=True).update(skickad=timezone.now())
    return antal
