"""
The audit log of permission grants: per-object permissions (django-guardian), roles,
passwords set by an administrator, reset authenticators and enrolment codes. Guardian's and
Django's own tables say who may do what now; this log says who changed it, and when. Rows
are written only by the services in `konton.services`.

Also: the password change an administrator's password forces, and the one-time enrolment
code without which a role that must use two-factor authentication cannot set it up.
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
        LOSENORD = "losenord", _("Lösenord satt av administratör")
        TVAFAKTOR = "tvafaktor", _("Tvåstegsverifiering återställd")
        REGISTRERINGSKOD = "registreringskod", _("Registreringskod utfärdad")

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


class Losenordsbyte(models.Model):
    """A password set by someone else (an administrator): the user must choose a new one
    after the next login, before any other page (konton.middleware)."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="losenordsbyte",
        verbose_name=_("användare"),
    )
    satt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("satt av"),
    )
    satt = models.DateTimeField(_("satt"), default=timezone.now)

    class Meta:
        verbose_name = _("krav på nytt lösenord")
        verbose_name_plural = _("krav på nytt lösenord")

    def __str__(self):
        return str(self.anvandare)


class Registreringskod(models.Model):
    """A one-time code the säkerhetschef gives a person whose role must use two-factor
    authentication, to set up their authenticator: the password alone is not enough to
    enrol. Only its hash is stored."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registreringskoder",
        verbose_name=_("användare"),
    )
    kod_hash = models.CharField(_("kod (hash)"), max_length=128)
    utfardad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utfärdad av"),
        help_text=_("Tomt: utfärdad på kommandoraden."),
    )
    utfardad = models.DateTimeField(_("utfärdad"), default=timezone.now)
    giltig_till = models.DateTimeField(_("giltig till"))
    anvand = models.DateTimeField(_("använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("registreringskod")
        verbose_name_plural = _("registreringskoder")
        ordering = ["-utfardad"]

    def __str__(self):
        return f"{self.anvandare} {self.utfardad:%Y-%m-%d %H:%M}"
