from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskerConfig(AppConfig):
    name = "risker"
    verbose_name = _("Risker och riskanalyser")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from policy.models import Omrade, Organ

        from .models import Atgard, Risk, Riskanalys
        from .register import data_andrad

        # What the cached register and matrix show (risker.register.cachad).
        for model in (Risk, Riskanalys, Atgard, Organ, Omrade):
            post_save.connect(data_andrad, sender=model, dispatch_uid=f"register-{model.__name__}")
            post_delete.connect(
                data_andrad, sender=model, dispatch_uid=f"register-del-{model.__name__}"
            )
        # Data migrations write through historical models, which send no signals to these.
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="register-migrate")

        # The åtgärder of what activities find are made and read here (verksamhet/atgarder.py).
        from verksamhet import atgarder

        from . import aktiviteter

        atgarder.registrera(aktiviteter)

        # Reminders of åtgärder and of reviews, run by the reminders' sweep.
        from paminnelser.reminders import regel

        from . import paminnelser

        regel("atgarder")(paminnelser.create_atgarder)
        regel("oversyner")(paminnelser.create_oversyner)
