from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KrisberedskapConfig(AppConfig):
    name = "krisberedskap"
    verbose_name = _("Krisberedskap och civilt försvar")

    def ready(self):
        from koping_sakerhet.paminnelser import reminders

        from . import paminnelser

        reminders.regel("krisberedskap_dokument")(paminnelser.create_dokument)
        reminders.regel("krisberedskap_rsa")(paminnelser.create_rsa_frist)
        reminders.regel("krisberedskap_avtal")(paminnelser.create_avtal)
        reminders.regel("krisberedskap_bidrag")(paminnelser.create_bidrag)
