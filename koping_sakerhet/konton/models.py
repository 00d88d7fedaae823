"""
The audit log of per-object permission grants (django-guardian). Guardian's own tables say
who may see what now; this log says who gave or took back which permission, and when.
Rows are written only by `konton.services.object_permission_grant` / `_revoke`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Behorighetslogg(models.Model):
    class Handling(models.TextChoices):
        BEVILJAD = "beviljad", _("Beviljad")
        ATERKALLAD = "aterkallad", _("Återkallad")

    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    utford_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="behorighetslogg",
        verbose_name=_("gäller användare"),
    )
    behorighet = models.CharField(_("behörighet"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("objekttyp")
    )
    object_pk = models.CharField(_("objektets id"), max_length=255)
    objekt = models.CharField(_("objekt"), max_length=300)

    class Meta:
        verbose_name = _("behörighetsändring")
        verbose_name_plural = _("behörighetslogg")
        ordering = ["-tidpunkt", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_pk"])]

    def __str__(self):
        return f"{self.get_handling_display()}: {self.behorighet} för {self.anvandare} på {self.objekt}"
