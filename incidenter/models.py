"""
Incidents: what staff and external parties report, and how Säkerhetsavdelningen takes
each one from report to lessons learned.

This is the core the rest of the system links to; the incident issue extends it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policy.models import Enhet, Omrade


class Kategori(models.Model):
    """A category of incident within a security area. Edited as data by Säkerhetsavdelningen."""

    omrade = models.ForeignKey(
        Omrade, on_delete=models.PROTECT, related_name="kategorier", verbose_name=_("område")
    )
    namn = models.CharField(_("namn"), max_length=120)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["omrade__nummer", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["omrade", "namn"], name="kategori_unik_per_omrade"),
        ]

    def __str__(self):
        return self.namn


class Incident(models.Model):
    class Status(models.TextChoices):
        RAPPORTERAD = "rapporterad", _("Rapporterad")
        MOTTAGEN = "mottagen", _("Mottagen")
        UNDER_UTREDNING = "under_utredning", _("Under utredning")
        ATGARDAD = "atgardad", _("Åtgärdad")
        AVSLUTAD = "avslutad", _("Avslutad")
        AVVISAD = "avvisad", _("Avvisad")

    class Konfidentialitet(models.TextChoices):
        NORMAL = "normal", _("Normal")
        SKYDDAD = "skyddad", _("Skyddad")

    referens = models.CharField(_("referensnummer"), max_length=20, unique=True)
    ar = models.PositiveSmallIntegerField(_("år"))
    lopnummer = models.PositiveIntegerField(_("löpnummer"))
    rubrik = models.CharField(_("rubrik"), max_length=200)
    beskrivning = models.TextField(_("vad hände"), blank=True)
    intraffade = models.DateTimeField(_("när hände det"))
    upptackt = models.DateTimeField(
        _("när fick kommunen kännedom"),
        help_text=_("De lagstadgade tidsfristerna räknas härifrån."),
    )
    rapporterad = models.DateTimeField(_("rapporterad"), default=timezone.now, db_index=True)
    rapportor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="rapporterade_incidenter",
        verbose_name=_("rapportör"),
    )
    enhet = models.ForeignKey(
        Enhet, on_delete=models.PROTECT, related_name="incidenter", verbose_name=_("enhet")
    )
    plats = models.CharField(_("plats"), max_length=200, blank=True)
    personskada_eller_fara = models.BooleanField(
        _("någon skadad eller i fara"),
        default=False,
        help_text=_("Liv och hälsa prioriteras: sådana incidenter hanteras först."),
    )
    omrade = models.ForeignKey(
        Omrade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidenter",
        verbose_name=_("säkerhetsområde"),
    )
    kategori = models.ForeignKey(
        Kategori,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidenter",
        verbose_name=_("kategori"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAPPORTERAD
    )
    konfidentialitet = models.CharField(
        _("konfidentialitet"),
        max_length=10,
        choices=Konfidentialitet.choices,
        default=Konfidentialitet.NORMAL,
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handlagda_incidenter",
        verbose_name=_("handläggare"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidenter")
        ordering = ["-rapporterad"]
        permissions = [
            ("handle_incident", _("Får ta emot och hantera incidenter")),
            ("view_skyddad_incident", _("Får se alla skyddade incidenter")),
            ("grant_incident_access", _("Får ge behörighet till enskilda skyddade incidenter")),
            ("register_extract", _("Får ta ut registerutdrag")),
            ("view_incident_statistics", _("Får se incidentstatistik")),
            ("export_incident", _("Får exportera incidentlistor")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["ar", "lopnummer"], name="incident_lopnummer_per_ar"),
        ]

    def __str__(self):
        return f"{self.referens} {self.rubrik}"

    def get_absolute_url(self):
        return reverse("incidenter:detalj", args=[self.referens])

    @property
    def ar_skyddad(self) -> bool:
        return self.konfidentialitet == self.Konfidentialitet.SKYDDAD

    @property
    def ar_prioriterad(self) -> bool:
        return self.personskada_eller_fara
