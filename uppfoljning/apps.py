from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Uppföljning av säkerhetsåret")

    def ready(self):
        from paminnelser.reminders import regel

        from .paminnelser import skyldigheter_paminn

        # Duties due soon or overdue: the reminders' periodic sweep runs this rule.
        regel("skyldigheter")(skyldigheter_paminn)

        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from policy.models import Enhet, Organ, Styrdokument
        from risker.models import Riskanalys
        from verksamhet.models import Aktivitet, Aktivitetstyp

        from .models import Egenbedomning, Kvittens, Skyldighet, Uppfoljningsar
        from .status import data_andrad

        # What the kept duty statuses (status.rader_cachade) are judged from.
        for model in (
            Skyldighet,
            Kvittens,
            Egenbedomning,
            Uppfoljningsar,
            Riskanalys,
            Styrdokument,
            Organ,
            Enhet,
            Aktivitet,
            Aktivitetstyp,
        ):
            post_save.connect(data_andrad, sender=model, dispatch_uid=f"status-{model.__name__}")
            post_delete.connect(
                data_andrad, sender=model, dispatch_uid=f"status-del-{model.__name__}"
            )
        for through in (Aktivitet.deltagande_enheter.through, Aktivitetstyp.omraden.through):
            m2m_changed.connect(
                data_andrad, sender=through, dispatch_uid=f"status-m2m-{through.__name__}"
            )
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="status-migrate")
