from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KrisberedskapConfig(AppConfig):
    name = "krisberedskap"
    verbose_name = _("Krisberedskap och civilt försvar")

    def ready(self):
        from paminnelser import reminders

        from . import paminnelser

        reminders.regel("krisberedskap_dokument")(paminnelser.create_dokument)
        reminders.regel("krisberedskap_rsa")(paminnelser.create_rsa_frist)
        reminders.regel("krisberedskap_avtal")(paminnelser.create_avtal)
        reminders.regel("krisberedskap_bidrag")(paminnelser.create_bidrag)

        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from .models import Rsa
        from .start import data_andrad

        # What the kept start-page part (start.context) shows.
        for model in (
            "krisberedskap.Mandatperiod",
            "krisberedskap.Perioddokument",
            "krisberedskap.Rsa",
            "krisberedskap.RsaBidrag",
            "krisberedskap.Aktivering",
            "krisberedskap.AktiveringUserObjectPermission",
            "krisberedskap.AktiveringGroupObjectPermission",
            "risker.Riskanalys",
            "risker.Risk",
            "risker.Atgard",
        ):
            post_save.connect(data_andrad, sender=model, dispatch_uid=f"start-{model}")
            post_delete.connect(data_andrad, sender=model, dispatch_uid=f"start-del-{model}")
        m2m_changed.connect(data_andrad, sender=Rsa.risker.through, dispatch_uid="start-rsa-risker")
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="start-migrate")
