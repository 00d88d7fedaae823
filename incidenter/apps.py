from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IncidenterConfig(AppConfig):
    name = "incidenter"
    verbose_name = _("Incidenter")

    def ready(self):
        from .defaults import ensure_defaults

        # After every migrate (the areas come from the policy's data migration).
        post_migrate.connect(ensure_defaults, sender=self, dispatch_uid="incidenter.defaults")
