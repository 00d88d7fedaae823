from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapporterConfig(AppConfig):
    name = "rapporter"
    label = "rapporter"
    verbose_name = _("Rapporter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from paminnelser.sweep import steg

        from .tasks import arsrapport_pending

        # Annual reports ordered while the broker was down, or whose worker died.
        steg("arsrapporter")(arsrapport_pending)
