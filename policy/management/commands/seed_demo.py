"""
Load the Köping demo data: the organisation, one login per role, governing documents per
area, and each app's own demo data where the app has a demo module. Idempotent: a second
run adds nothing. Refuses to run against a production configuration (DEBUG off) unless
told explicitly, since the demo logins share one known password.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from policy import demo
from policy.models import Roll
from policy.paneler import import_if_present

# The other apps' demo creators, in dependency order (risker builds on incidenter);
# a missing module is skipped.
APP_DEMOS = [
    "incidenter.demo",
    "risker.demo",
    "krisberedskap.demo",
    "uppfoljning.demo",
    "verksamhet.demo",
    "informationssakerhet.demo",
    "paminnelser.demo",
    # Last: the annual follow-up's ärende writes about what the others made.
    "rapporter.demo",
]


class Command(BaseCommand):
    help = "Lägger in Köpings demodata (organisation, användare per roll, styrdokument)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Kör även när DEBUG är av. Demoanvändarna får ett känt lösenord.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demodata läggs inte in när DEBUG är av: demoanvändarna har ett känt "
                "lösenord och hör inte hemma i produktion. Ange --allow-production om "
                "du verkligen vill det."
            )
        # The demo data triggers notifications to made-up addresses: keep them in memory
        # (in-process tasks only; a running Celery worker sends what it is given).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            users = self._skapa()

        self.stdout.write(self.style.SUCCESS("Demodata är inlagd."))
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {demo.DEMO_PASSWORD}):")
        for roll in Roll:
            user = users.get(roll.value)
            if user is not None:
                self.stdout.write(f"  {str(roll.label):<28} {user.username}")

    def _skapa(self):
        demo.create_organisation()
        users = demo.create_users()
        demo.create_styrdokument()
        for dotted in APP_DEMOS:
            module = import_if_present(dotted)
            if module is None:
                self.stdout.write(f"Hoppar över {dotted} (finns inte).")
                continue
            module.create()
            self.stdout.write(f"Demodata från {dotted} är inlagd.")
        return users
