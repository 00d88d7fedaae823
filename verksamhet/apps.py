from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerksamhetConfig(AppConfig):
    name = "verksamhet"
    verbose_name = _("Övningar, utbildningar och kontroller")

    def ready(self):
        from paminnelser.reminders import regel
        from paminnelser.tasks import gallras

        from . import gallring, paminnelser

        regel("aktiviteter")(paminnelser.create_aktiviteter)
        # The named participants of old trainings, in the nightly gallring.
        gallras("verksamhet")(gallring.deltagare_gallra)

        from django.db.models.signals import post_delete, post_migrate, post_save

        from .selectors import data_andrad

        # What the kept list rows (views._rader) and "Vårt ansvar" panel (panels.organ_panel)
        # show. The åtgärder are risker's model, named lazily: verksamhet does not import
        # risker. Not the users: every login saves one; a changed name is seen when the
        # entry expires.
        for model in (
            "verksamhet.Aktivitet",
            "verksamhet.Aktivitetstyp",
            "verksamhet.Lokal",
            "verksamhet.Kontrollsvar",
            "policy.Organ",
            "policy.Enhet",
            "risker.Atgard",
        ):
            post_save.connect(data_andrad, sender=model, dispatch_uid=f"panel-{model}")
            post_delete.connect(data_andrad, sender=model, dispatch_uid=f"panel-del-{model}")
        post_migrate.connect(data_andrad, sender=self, dispatch_uid="panel-migrate")
