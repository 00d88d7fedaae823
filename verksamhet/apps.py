from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerksamhetConfig(AppConfig):
    name = "verksamhet"
    verbose_name = _("Övningar, utbildningar och kontroller")

    def ready(self):
        from koping_sakerhet.paminnelser.reminders import regel
        from koping_sakerhet.paminnelser.tasks import gallras

        from . import gallring, paminnelser

        regel("aktiviteter")(paminnelser.create_aktiviteter)
        # The named participants of old trainings, in the nightly gallring.
        gallras("verksamhet")(gallring.deltagare_gallra)
