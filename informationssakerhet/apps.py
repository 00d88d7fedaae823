from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationssakerhetConfig(AppConfig):
    name = "informationssakerhet"
    verbose_name = _("Informationssäkerhet och IT-säkerhet")

    def ready(self):
        from incidenter.signals import triagerad
        from paminnelser.reminders import regel

        from . import dataskydd, paminnelser

        regel("klassningar")(paminnelser.create_klassningar)
        regel("sakerhetsskydd")(paminnelser.create_sakerhetsskydd)
        regel("cybersakerhet")(paminnelser.create_checklistor)
        regel("dataskyddsombud")(dataskydd.create_ombud_notiser)
        # The dataskyddsombud is told of a personuppgiftsincident as soon as it is triaged.
        triagerad.connect(dataskydd.incident_triagerad, dispatch_uid="dataskydd.triagerad")
