from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that belong to no one area: the start page (each app's part gathered by
    name), the main menu, the accessibility statement, the language switch and the health
    check. It sits above every other app: it may import them all, and none imports it."""

    name = "portal"
    verbose_name = _("Portalen")
