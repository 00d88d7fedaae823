from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Uppföljning av säkerhetsåret")

    def ready(self):
        from koping_sakerhet.paminnelser.reminders import regel

        from .paminnelser import skyldigheter_paminn

        # Duties due soon or overdue: the reminders' periodic sweep runs this rule.
        regel("skyldigheter")(skyldigheter_paminn)
