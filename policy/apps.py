from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Säkerhetspolicy och organisation")

    def ready(self):
        from .roles import sync_roles

        # After every migrate, so tests and fresh installs always have the role groups.
        post_migrate.connect(sync_roles, dispatch_uid="policy.sync_roles")
