from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontonConfig(AppConfig):
    name = "konton"
    label = "konton"
    verbose_name = _("Konton och behörigheter")

    def ready(self):
        from . import signals  # noqa: F401  (logs lockouts and logins)
