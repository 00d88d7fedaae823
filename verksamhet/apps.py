from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerksamhetConfig(AppConfig):
    name = "verksamhet"
    verbose_name = _("Övningar, utbildningar och kontroller")

    def ready(self):
        from koping_sakerhet.paminnelser.reminders import regel

        from . import paminnelser

        regel("aktiviteter")(paminnelser.create_aktiviteter)
