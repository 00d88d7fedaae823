"""
Säkerhetsskydd, metadata only: the säkerhetsskyddsanalys's dates, the number of positions
placed in säkerhetsklass per unit, and the säkerhetsskyddsavtal with suppliers. No content
of an analysis, no names of people placed in a class: such information never enters the
portal. Free text is short and labelled so.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# At least every second year (säkerhetsskyddsförordningen 2021:955, 2 kap. 1 §).
ANALYS_INTERVALL_AR = 2
KORT_TEXT = 200


def _plus_ar(d: datetime.date, ar: int) -> datetime.date:
    try:
        return d.replace(year=d.year + ar)
    except ValueError:  # 29 February
        return d.replace(year=d.year + ar, day=28)


class Sakerhetsskyddsanalys(models.Model):
    datum = models.DateField(_("datum"))
    godkand_av = models.CharField(
        _("godkänd av"), max_length=100, help_text=_("Funktion eller organ, till exempel KS.")
    )
    nasta_senast = models.DateField(
        _("nästa analys senast"), help_text=_("Högst två år efter analysens datum.")
    )
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig"),
        help_text=_("Påminns före datumet för nästa analys."),
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("säkerhetsskyddsanalys")
        verbose_name_plural = _("säkerhetsskyddsanalyser")
        ordering = ["-datum", "-pk"]
        permissions = [
            ("view_sakerhetsskydd", _("Får se och föra säkerhetsskyddets register")),
        ]

    def __str__(self):
        return str(self.datum)

    def clean(self):
        if self.datum and self.nasta_senast:
            if self.nasta_senast <= self.datum:
                raise ValidationError(
                    {"nasta_senast": _("Nästa analys ska ligga efter analysens datum.")}
                )
            if self.nasta_senast > _plus_ar(self.datum, ANALYS_INTERVALL_AR):
                raise ValidationError(
                    {
                        "nasta_senast": _(
                            "Nästa analys ska göras senast två år efter analysens datum."
                        )
                    }
                )


class Sakerhetsklassplacering(models.Model):
    """How many positions of a unit are placed in a säkerhetsklass; never who."""

    class Klass(models.IntegerChoices):
        ETT = 1, _("Säkerhetsklass 1")
        TVA = 2, _("Säkerhetsklass 2")
        TRE = 3, _("Säkerhetsklass 3")

    enhet = models.ForeignKey(
        "policy.Enhet", on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    klass = models.PositiveSmallIntegerField(_("säkerhetsklass"), choices=Klass.choices)
    antal = models.PositiveSmallIntegerField(_("antal befattningar"))
    senaste_registerkontroll = models.DateField(
        _("senaste uppföljning av registerkontroll"), null=True, blank=True
    )
    nasta_registerkontroll = models.DateField(
        _("nästa uppföljning av registerkontroll"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placering i säkerhetsklass")
        verbose_name_plural = _("placeringar i säkerhetsklass")
        ordering = ["enhet__namn", "klass"]
        constraints = [
            models.UniqueConstraint(fields=["enhet", "klass"], name="sakerhetsklass_per_enhet"),
        ]

    def __str__(self):
        return f"{self.enhet}: {self.get_klass_display()}"


class Sakerhetsskyddsavtal(models.Model):
    """A säkerhetsskyddsavtal (SUA) with a supplier."""

    leverantor = models.CharField(_("leverantör"), max_length=200)
    datum = models.DateField(_("tecknat"))
    giltigt_till = models.DateField(_("giltigt till"))
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig"),
        help_text=_("Påminns före avtalets slut."),
    )
    anteckning = models.CharField(
        _("kort anteckning"),
        max_length=KORT_TEXT,
        blank=True,
        help_text=_("Högst 200 tecken. Inga säkerhetsskyddsklassificerade uppgifter."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("säkerhetsskyddsavtal")
        verbose_name_plural = _("säkerhetsskyddsavtal")
        ordering = ["giltigt_till", "pk"]

    def __str__(self):
        return self.leverantor

    def clean(self):
        if self.datum and self.giltigt_till and self.giltigt_till < self.datum:
            raise ValidationError(
                {"giltigt_till": _("Avtalet kan inte gälla till före det tecknades.")}
            )
