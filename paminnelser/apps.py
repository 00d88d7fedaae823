from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    label = "paminnelser"
    verbose_name = _("Påminnelser")
