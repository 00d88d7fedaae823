"""
Notices to people (in the app and by e-mail), their delivery record, each user's delivery
choice, and årshjulet: the yearly dates of the security work.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notis(models.Model):
    """One notice to one person. `nyckel` names the thing, the kind and the due date, so
    the same reminder can never be created twice; `skickad` records the e-mail."""

    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notiser",
        verbose_name=_("mottagare"),
    )
    typ = models.CharField(_("typ"), max_length=60)
    nyckel = models.CharField(_("nyckel"), max_length=200)
    rubrik = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    lank = models.CharField(_("länk"), max_length=500)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    # E-mail delivery: a worker claims the row (hamtad) before sending and records the
    # send (skickad). A claim older than EPOST_CLAIM_TIMEOUT is taken to be a dead worker.
    hamtad = models.DateTimeField(_("hämtad för utskick"), null=True, blank=True)
    skickad = models.DateTimeField(_("e-post skickad"), null=True, blank=True, db_index=True)
    forsok = models.PositiveIntegerField(_("försök"), default=0)
    fel = models.TextField(_("senaste fel"), blank=True)
    sammanstallning = models.ForeignKey(
        "Sammanstallning",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notiser",
        verbose_name=_("sammanställning"),
    )

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-skapad", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["mottagare", "nyckel"], name="notis_unik_nyckel"),
        ]
        indexes = [models.Index(fields=["mottagare", "last"], name="notis_mottagare_last")]

    def __str__(self):
        return self.rubrik

    @property
    def absolut_lank(self) -> str:
        if self.lank.startswith(("http://", "https://")):
            return self.lank
        return settings.SITE_URL + self.lank


class Sammanstallning(models.Model):
    """The daily digest e-mail of one user: at most one per user and day."""

    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sammanstallningar",
        verbose_name=_("mottagare"),
    )
    datum = models.DateField(_("datum"))
    hamtad = models.DateTimeField(_("hämtad för utskick"), null=True, blank=True)
    skickad = models.DateTimeField(_("skickad"), null=True, blank=True)
    forsok = models.PositiveIntegerField(_("försök"), default=0)
    fel = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        verbose_name = _("daglig sammanställning")
        verbose_name_plural = _("dagliga sammanställningar")
        constraints = [
            models.UniqueConstraint(
                fields=["mottagare", "datum"], name="sammanstallning_en_per_dag"
            ),
        ]

    def __str__(self):
        return f"{self.mottagare} {self.datum}"


class Installning(models.Model):
    """How a user wants reminders by e-mail."""

    class Leverans(models.TextChoices):
        ENSKILD = "enskild", _("Ett e-postmeddelande per påminnelse")
        SAMMANSTALLNING = "sammanstallning", _("En sammanställning per dag")

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="paminnelseinstallning",
        verbose_name=_("användare"),
    )
    leverans = models.CharField(
        _("e-post"), max_length=20, choices=Leverans.choices, default=Leverans.ENSKILD
    )

    class Meta:
        verbose_name = _("inställning för påminnelser")
        verbose_name_plural = _("inställningar för påminnelser")

    def __str__(self):
        return f"{self.anvandare}: {self.get_leverans_display()}"
