from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class IncidenterConfig(AppConfig):
    name = "incidenter"
    verbose_name = _("Incidenter")

    def ready(self):
        from .defaults import ensure_defaults

        # After every migrate (the areas come from the policy's data migration).
        post_migrate.connect(ensure_defaults, sender=self, dispatch_uid="incidenter.defaults")

        # What the list's kept counts are computed from (filters.antal): the incidents, and
        # the units and bodies its filters reach them through ...
        from policy.models import Enhet

        from .filters import data_andrad
        from .models import Incident, IncidentUserObjectPermission

        # ... and, for each person's skyddade, who has been granted which.
        for model in (Incident, Enhet, IncidentUserObjectPermission):
            for signal in (post_save, post_delete):
                signal.connect(data_andrad, sender=model, dispatch_uid=f"lista-{model.__name__}")
        # Data migrations write through historical models, which send no signals to these.
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="lista-migrate")

        # After `manage.py restore` (policy's): no reference number is given out twice.
        from koping_sakerhet.lib.sakerhetskopia import aterstalld

        aterstalld.connect(_referensserier, dispatch_uid="incidenter.referensserier")


def _referensserier(sender, **kwargs) -> None:
    from .services import referensserier_efter_aterstallning

    referensserier_efter_aterstallning()
