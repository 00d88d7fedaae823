"""
Generated reports that are kept: the annual follow-up (Årlig uppföljning av
säkerhetsarbetet) as a PDF, with who ordered it, when, and a checksum. The files live in
private storage under MEDIA_ROOT/rapporter and are only served through a view that checks
permission.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


@deconstructible
class PrivatLagring(FileSystemStorage):
    """Files under MEDIA_ROOT/rapporter that have no URL: `url()` refuses."""

    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "rapporter")

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Rapporter har ingen publik adress; de hämtas genom rapporter:ladda_ned.")


def _rapport_sokvag(rapport, filename):
    return f"arsrapporter/{rapport.ar}/arsrapport-{rapport.ar}-{rapport.pk or 'ny'}.pdf"


class Arsrapport(models.Model):
    """One generated version of the annual follow-up for a year. Earlier versions stay."""

    class Status(models.TextChoices):
        BESTALLD = "bestalld", _("Beställd")
        SKAPAS = "skapas", _("Skapas")
        KLAR = "klar", _("Klar")
        MISSLYCKAD = "misslyckad", _("Misslyckad")

    PAGAENDE = (Status.BESTALLD, Status.SKAPAS)
    # Attempts before a report stays "misslyckad" until someone presses "Försök igen". An
    # attempt counts when it starts, so a report that kills its worker counts too.
    MAX_FORSOK = 3

    ar = models.PositiveSmallIntegerField(_("år"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BESTALLD, db_index=True
    )
    fil = models.FileField(_("fil"), upload_to=_rapport_sokvag, storage=PrivatLagring(), blank=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beställd av"),
    )
    skapad = models.DateTimeField(_("beställd"), default=timezone.now)
    klar = models.DateTimeField(_("klar"), null=True, blank=True)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    storlek = models.PositiveIntegerField(_("storlek (byte)"), null=True, blank=True)
    felmeddelande = models.TextField(_("felmeddelande"), blank=True)
    med_skyddade = models.BooleanField(
        _("innehåller skyddade incidenter"),
        default=False,
        help_text=_(
            "Beställaren fick se skyddade incidenter: bara beställaren och den som får se "
            "alla skyddade incidenter kan hämta filen."
        ),
    )
    forsok = models.PositiveSmallIntegerField(_("antal försök"), default=0)
    livstecken = models.DateTimeField(
        _("senaste livstecken"),
        null=True,
        blank=True,
        help_text=_(
            "Arbetet som skapar PDF:en skriver hit med jämna mellanrum. Slutar det, har "
            "arbetet dött och rapporten kan skapas igen."
        ),
    )

    class Meta:
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        ordering = ["-ar", "-skapad", "-pk"]

    def __str__(self):
        return f"Årlig uppföljning {self.ar} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("rapporter:status", args=[self.pk])

    @property
    def ar_klar(self) -> bool:
        return self.status == self.Status.KLAR and bool(self.fil)

    @property
    def pagar(self) -> bool:
        return self.status in self.PAGAENDE

    @property
    def kan_forsoka_igen(self) -> bool:
        """Failed, and the automatic attempts are used up (or it failed and waits)."""
        return self.status == self.Status.MISSLYCKAD

    @property
    def forsoker_sjalv(self) -> bool:
        """Failed, and the sweep will try again by itself."""
        return self.status == self.Status.MISSLYCKAD and self.forsok < self.MAX_FORSOK

    @property
    def filnamn(self) -> str:
        return f"arlig-uppfoljning-{self.ar}-{self.pk}.pdf"


class Arende(models.Model):
    """The year's annual follow-up as an ärende to kommunstyrelsen: the tjänsteskrivelse
    Säkerhetsavdelningen writes, and KS's decision. Once the decision is recorded the ärende
    is final: its texts and its PDF (`slutlig_rapport`) never change again."""

    ar = models.PositiveSmallIntegerField(_("år"), unique=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True)
    handlaggare = models.CharField(
        _("handläggare"),
        max_length=200,
        blank=True,
        help_text=_('Namn och titel, till exempel "Anna Berg, säkerhetschef".'),
    )
    forslag_till_beslut = models.TextField(_("förslag till beslut"), blank=True)
    sammanfattning = models.TextField(_("sammanfattning"), blank=True)
    bakgrund = models.TextField(_("bakgrund"), blank=True)
    bedomning = models.TextField(_("bedömning"), blank=True)
    beslutsunderlag = models.TextField(
        _("beslutsunderlag"),
        blank=True,
        help_text=_("En handling per rad. Tjänsteskrivelsen och rapporten står alltid med."),
    )
    skickas_till = models.TextField(
        _("beslutet skickas till"), blank=True, help_text=_("En mottagare per rad.")
    )
    beslut_paragraf = models.CharField(
        _("paragraf"), max_length=20, blank=True, help_text=_('Till exempel "§ 123".')
    )
    beslut_datum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    beslut_registrerat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutet registrerat av"),
    )
    slutlig_rapport = models.OneToOneField(
        Arsrapport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arende",
        verbose_name=_("slutlig rapport"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ärende till kommunstyrelsen")
        verbose_name_plural = _("ärenden till kommunstyrelsen")
        ordering = ["-ar"]
        permissions = [
            ("record_arendebeslut", _("Kan registrera kommunstyrelsens beslut i årsuppföljningen")),
        ]

    def __str__(self):
        return f"Årlig uppföljning {self.ar}"

    def get_absolute_url(self):
        return reverse("rapporter:arende", args=[self.ar])

    @property
    def last(self) -> bool:
        """Decided by KS: final, nothing may change."""
        return self.beslut_datum is not None

    @property
    def beslutsunderlag_rader(self) -> list[str]:
        return [r.strip() for r in self.beslutsunderlag.splitlines() if r.strip()]

    @property
    def skickas_till_rader(self) -> list[str]:
        return [r.strip() for r in self.skickas_till.splitlines() if r.strip()]


class Omradesberattelse(models.Model):
    """What Säkerhetsavdelningen writes about one security area for the year's follow-up."""

    arende = models.ForeignKey(
        Arende, on_delete=models.CASCADE, related_name="berattelser", verbose_name=_("ärende")
    )
    omrade = models.ForeignKey(
        "policy.Omrade", on_delete=models.PROTECT, related_name="+", verbose_name=_("område")
    )
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("områdets berättelse")
        verbose_name_plural = _("områdenas berättelser")
        constraints = [
            models.UniqueConstraint(fields=["arende", "omrade"], name="en_berattelse_per_omrade")
        ]

    def __str__(self):
        return f"{self.arende}: {self.omrade}"
