from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Säkerhetspolicy och organisation")

    def ready(self):
        from .roles import sync_roles

        # After every migrate, so tests and fresh installs always have the role groups.
        post_migrate.connect(sync_roles, dispatch_uid="policy.sync_roles")

        from .models import Ansvar, Omrade, Organ, PolicyVersion, Styrdokument
        from .selectors import data_andrad

        # What "Vårt ansvar" keeps drawn (policy.views._ansvarsdel).
        for model in (PolicyVersion, Ansvar, Styrdokument, Omrade, Organ):
            post_save.connect(data_andrad, sender=model, dispatch_uid=f"ansvar-{model.__name__}")
            post_delete.connect(
                data_andrad, sender=model, dispatch_uid=f"ansvar-del-{model.__name__}"
            )
        # Data migrations write through historical models, which send no signals to these.
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="ansvar-migrate")
