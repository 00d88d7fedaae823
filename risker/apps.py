from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskerConfig(AppConfig):
    name = "risker"
    verbose_name = _("Risker och riskanalyser")
