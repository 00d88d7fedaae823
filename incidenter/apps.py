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

        # What the list's kept counts are computed from (queries.antal): the incidents, and
        # the units and bodies its filters reach them through ...
        from policy.models import Enhet

        from .models import Incident, IncidentUserObjectPermission
        from .queries import data_andrad

        # ... and, for each person's skyddade, who has been granted which.
        for model in (Incident, Enhet, IncidentUserObjectPermission):
            for signal in (post_save, post_delete):
                signal.connect(data_andrad, sender=model, dispatch_uid=f"lista-{model.__name__}")
        # Data migrations write through historical models, which send no signals to these.
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="lista-migrate")

        # After `manage.py restore` (policy's): no reference number is given out twice.
        from lib.sakerhetskopia import aterstalld

        aterstalld.connect(_referensserier, dispatch_uid="incidenter.referensserier")

        # The reminders' app runs this app's rules, catch-up and gallring, and shows a notice's
        # incident to whoever may see it: registered here, as it imports no domain app.
        from paminnelser import reminders, sweep
        from paminnelser import selectors as notiser
        from paminnelser import tasks as paminnelsetasks

        from . import paminnelser, tasks
        from .selectors import incidents_visible_to

        reminders.regel("incidenter")(paminnelser.create_incidenter_ej_mottagna)
        reminders.regel("plikter")(paminnelser.create_plikter)
        sweep.steg("incidenter", forst=True)(tasks.incident_notify_pending)
        paminnelsetasks.gallras("incidenter")(tasks.incidents_purge_personal_data)
        notiser.incidentatkomst(incidents_visible_to)


def _referensserier(sender, **kwargs) -> None:
    from .services import referensserier_efter_aterstallning

    referensserier_efter_aterstallning()
