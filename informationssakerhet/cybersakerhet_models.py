"""
Cybersäkerhetslagen's risk-management measures as a checklist per system. The cybersäkerhetslag
(2025:1506) implements NIS2, whose art. 21 asks for measures in ten fields (21.2 a–j); the
kommun marks which systems it counts as within the law's scope (System.cybersakerhetslag),
and each of those answers every control point. The points are data that
Säkerhetsavdelningen keeps; an answer records its status, a short comment, the evidence,
who answered, when, and the next review. Both keep their history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LANK_BORJAN = ("https://", "http://")


class Kontrollpunkt(models.Model):
    """One measure of the checklist (e.g. incidenthantering, NIS2 art. 21.2 b)."""

    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    hanvisning = models.CharField(
        _("hänvisning"),
        max_length=60,
        blank=True,
        help_text=_("Till exempel NIS2 art. 21.2 b."),
    )
    rubrik = models.CharField(_("rubrik"), max_length=200)
    beskrivning = models.TextField(
        _("vad som ska finnas"),
        max_length=1000,
        blank=True,
        help_text=_("Visas vid punkten när den besvaras."),
    )
    aktiv = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("En punkt som inte är aktiv visas inte i checklistorna; svaren finns kvar."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontrollpunkt för cybersäkerhet")
        verbose_name_plural = _("kontrollpunkter för cybersäkerhet")
        ordering = ["ordning", "pk"]

    def __str__(self):
        return self.rubrik


class Checklistsvar(models.Model):
    """A system's answer to one control point; one per system and point, its earlier
    answers in the history."""

    class Status(models.TextChoices):
        UPPFYLLT = "uppfyllt", _("Uppfyllt")
        DELVIS = "delvis", _("Delvis uppfyllt")
        EJ_UPPFYLLT = "ej_uppfyllt", _("Ej uppfyllt")
        EJ_TILLAMPLIGT = "ej_tillampligt", _("Ej tillämpligt")

    system = models.ForeignKey(
        "informationssakerhet.System",
        on_delete=models.CASCADE,
        related_name="checklistsvar",
        verbose_name=_("system"),
    )
    kontrollpunkt = models.ForeignKey(
        Kontrollpunkt,
        on_delete=models.PROTECT,
        related_name="svar",
        verbose_name=_("kontrollpunkt"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    kommentar = models.CharField(_("kommentar"), max_length=500, blank=True)
    underlag = models.CharField(
        _("underlag"),
        max_length=500,
        blank=True,
        help_text=_(
            "En länk (https://…) eller en hänvisning, till exempel ett diarienummer eller "
            "ett dokuments namn."
        ),
    )
    besvarad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    besvarad = models.DateTimeField(_("besvarad"))
    nasta_oversyn = models.DateField(_("nästa översyn"), db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar i cybersäkerhetschecklistan")
        verbose_name_plural = _("svar i cybersäkerhetschecklistan")
        ordering = ["kontrollpunkt__ordning", "kontrollpunkt_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kontrollpunkt"], name="checklistsvar_per_system_och_punkt"
            ),
        ]

    def __str__(self):
        return f"{self.system_id}: {self.kontrollpunkt_id} {self.status}"

    @property
    def underlag_ar_lank(self) -> bool:
        """Only an http(s) address is drawn as a link: any other text is a reference."""
        return self.underlag.lower().startswith(LANK_BORJAN)

    def oversyn_forsenad(self, idag) -> bool:
        return self.nasta_oversyn < idag

    def clean(self):
        super().clean()
        if self.underlag_ar_lank:
            try:
                URLValidator(schemes=["http", "https"])(self.underlag)
            except ValidationError:
                raise ValidationError({"underlag": _("Länken är inte en giltig adress.")}) from None
        if self.status == self.Status.EJ_TILLAMPLIGT and not self.kommentar.strip():
            raise ValidationError(
                {"kommentar": _("Skriv varför punkten inte är tillämplig för systemet.")}
            )
