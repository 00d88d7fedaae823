"""
The security year as data: the policy's goals (policy.Mal) with indicators and
Säkerhetsavdelningen's yearly assessment of each, every body's duties (the ansvarsmatris)
with manual sign-offs, and the yearly self-assessment (egenbedömning) of every nämnd and
bolag.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Indikator(models.Model):
    """A figure the portal computes for a year from its own data, shown with its definition
    beside it. It belongs to one goal of one policy version; a revision's goals keep the
    indicators of the goal in the same place until given their own (selectors)."""

    mal = models.ForeignKey(
        "policy.Mal", on_delete=models.CASCADE, related_name="indikatorer", verbose_name=_("mål")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=1)
    namn = models.CharField(_("indikator"), max_length=200)
    definition = models.TextField(_("definition"))
    # Which computation of indikatorer.BERAKNINGAR gives the figure.
    berakning = models.CharField(_("beräkning"), max_length=40)
    enhet = models.CharField(_("enhet"), max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["mal", "ordning", "pk"]

    def __str__(self):
        return self.namn


class Malbedomning(models.Model):
    """Säkerhetsavdelningen's assessment of one goal for one year."""

    class Bedomning(models.TextChoices):
        UPPFYLLT = "uppfyllt", _("Uppfyllt")
        DELVIS = "delvis", _("Delvis uppfyllt")
        EJ_UPPFYLLT = "ej_uppfyllt", _("Ej uppfyllt")

    mal = models.ForeignKey(
        "policy.Mal", on_delete=models.CASCADE, related_name="bedomningar", verbose_name=_("mål")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    bedomning = models.CharField(_("bedömning"), max_length=20, choices=Bedomning.choices)
    text = models.TextField(_("motivering"))
    bedomd_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bedömd av"),
    )
    bedomd = models.DateTimeField(_("bedömd"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målbedömning")
        verbose_name_plural = _("målbedömningar")
        ordering = ["-ar", "mal__ordning"]
        constraints = [
            models.UniqueConstraint(fields=["mal", "ar"], name="malbedomning_en_per_ar"),
        ]

    def __str__(self):
        return f"{self.ar}: {self.get_bedomning_display()}"


# Ordinary elections are held every fourth year in September; a mandate period runs from
# 1 January after one (2023–2026, 2027–2030, …).
VALAR = 2022


def mandatperiod_start(ar: int) -> int:
    return ar - (ar - (VALAR + 1)) % 4


class Skyldighet(models.Model):
    """A duty of the ansvarsmatris: what, by whom, in which area, how often, from which
    source, and what shows it done."""

    class Galler(models.TextChoices):
        ORGAN = "organ", _("Ett visst organ")
        VARJE_NAMND = "varje_namnd", _("Varje nämnd")
        VARJE_NAMND_OCH_BOLAG = "varje_namnd_och_bolag", _("Varje nämnd och bolag")

    class Intervall(models.TextChoices):
        ARLIGEN = "arligen", _("Årligen")
        VARTANNAT_AR = "vartannat_ar", _("Vartannat år")
        MANDATPERIOD = "mandatperiod", _("En gång per mandatperiod")
        LOPANDE = "lopande", _("Löpande")

    class Kalla(models.TextChoices):
        POLICY = "policy", _("Säkerhetspolicyn")
        LEH = "leh", _("Lagen (2006:544) om extraordinära händelser (LEH)")
        LSO = "lso", _("Lagen (2003:778) om skydd mot olyckor (LSO)")
        SAKERHETSSKYDDSLAGEN = "sakerhetsskyddslagen", _("Säkerhetsskyddslagen (2018:585)")
        SAKERHETSSKYDDSFORORDNINGEN = (
            "sakerhetsskyddsforordningen",
            _("Säkerhetsskyddsförordningen (2021:955)"),
        )
        GDPR = "gdpr", _("Dataskyddsförordningen (GDPR)")
        CYBERSAKERHETSLAGEN = "cybersakerhetslagen", _("Cybersäkerhetslagen (2025:1506)")
        ARBETSMILJOLAGEN = "arbetsmiljolagen", _("Arbetsmiljölagen (1977:1160)")

    class Bevis(models.TextChoices):
        RISKANALYS = "riskanalys", _("Godkänd riskanalys")
        RSA = "rsa", _("Godkänd risk- och sårbarhetsanalys (RSA)")
        STYRDOKUMENT = "styrdokument", _("Styrdokument översett")
        EGENBEDOMNING = "egenbedomning", _("Egenbedömning besvarad")
        OVNING = "ovning", _("Övning genomförd")
        KVITTENS = "kvittens", _("Manuell kvittens med länk")

    titel = models.CharField(_("vad ska göras"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    galler = models.CharField(_("gäller"), max_length=30, choices=Galler.choices)
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skyldigheter",
        verbose_name=_("organ"),
        help_text=_("Bara när skyldigheten gäller ett visst organ."),
    )
    omrade = models.ForeignKey(
        "policy.Omrade",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skyldigheter",
        verbose_name=_("säkerhetsområde"),
        help_text=_("Lämna tomt om skyldigheten gäller alla områden."),
    )
    intervall = models.CharField(_("hur ofta"), max_length=20, choices=Intervall.choices)
    forfaller_manad = models.PositiveSmallIntegerField(_("ska vara klar, månad"), default=12)
    forfaller_dag = models.PositiveSmallIntegerField(_("ska vara klar, dag"), default=31)
    forfaller_ar_i_perioden = models.PositiveSmallIntegerField(
        _("ska vara klar, år i perioden"),
        default=1,
        help_text=_("För skyldigheter vartannat år eller per mandatperiod: vilket år i perioden."),
    )
    kalla = models.CharField(_("källa"), max_length=40, choices=Kalla.choices)
    kalla_hanvisning = models.CharField(
        _("hänvisning"),
        max_length=200,
        blank=True,
        help_text=_('Till exempel "2 kap. 1 §" eller policyns avsnitt.'),
    )
    bevis = models.CharField(_("vad visar att det är gjort"), max_length=20, choices=Bevis.choices)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skyldighet")
        verbose_name_plural = _("skyldigheter")
        ordering = ["omrade__nummer", "titel"]
        permissions = [("manage_skyldighet", _("Får ändra ansvarsmatrisen"))]

    def __str__(self):
        return self.titel

    def clean(self):
        if self.galler == self.Galler.ORGAN and not self.organ_id:
            raise ValidationError({"organ": _("Välj vilket organ skyldigheten gäller.")})
        if self.galler != self.Galler.ORGAN and self.organ_id:
            raise ValidationError(
                {"organ": _("Ange organ bara när skyldigheten gäller ett visst organ.")}
            )
        if self.forfaller_manad and not 1 <= self.forfaller_manad <= 12:
            raise ValidationError({"forfaller_manad": _("Ange en månad mellan 1 och 12.")})
        try:
            datetime.date(2024, self.forfaller_manad or 1, self.forfaller_dag or 1)
        except ValueError:
            raise ValidationError({"forfaller_dag": _("Dagen finns inte i den månaden.")}) from None
        langd = self.periodlangd
        if not 1 <= (self.forfaller_ar_i_perioden or 0) <= langd:
            raise ValidationError(
                {"forfaller_ar_i_perioden": _("Perioden är %(n)d år lång.") % {"n": langd}}
            )

    @property
    def periodlangd(self) -> int:
        return {self.Intervall.VARTANNAT_AR: 2, self.Intervall.MANDATPERIOD: 4}.get(
            self.intervall, 1
        )

    def period(self, idag: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date]:
        """The period that holds `idag`: (first day, last day, the day it must be done)."""
        if self.intervall == self.Intervall.MANDATPERIOD:
            forsta = mandatperiod_start(idag.year)
        elif self.intervall == self.Intervall.VARTANNAT_AR:
            forsta = idag.year - idag.year % 2
        else:
            forsta = idag.year
        sista = forsta + self.periodlangd - 1
        dag = min(self.forfaller_dag, 28) if self.forfaller_manad == 2 else self.forfaller_dag
        forfaller = datetime.date(
            forsta + self.forfaller_ar_i_perioden - 1, self.forfaller_manad, dag
        )
        return datetime.date(forsta, 1, 1), datetime.date(sista, 12, 31), forfaller


class Kvittens(models.Model):
    """A body's manual sign-off of a duty for one period, with a link to what shows it."""

    skyldighet = models.ForeignKey(
        Skyldighet,
        on_delete=models.CASCADE,
        related_name="kvittenser",
        verbose_name=_("skyldighet"),
    )
    organ = models.ForeignKey(
        "policy.Organ", on_delete=models.PROTECT, related_name="+", verbose_name=_("organ")
    )
    period_fran = models.DateField(_("period från"))
    lank = models.URLField(_("länk till underlaget"), max_length=500)
    kommentar = models.TextField(_("kommentar"), blank=True)
    kvitterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kvitterad av"),
    )
    kvitterad = models.DateTimeField(_("kvitterad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kvittens")
        verbose_name_plural = _("kvittenser")
        ordering = ["-kvitterad"]
        constraints = [
            models.UniqueConstraint(
                fields=["skyldighet", "organ", "period_fran"], name="kvittens_en_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.skyldighet}: {self.organ}"


class Uppfoljningsar(models.Model):
    """The year's follow-up, opened by Säkerhetsavdelningen with a deadline for the
    self-assessments."""

    ar = models.PositiveSmallIntegerField(_("år"), unique=True)
    sista_dag = models.DateField(_("sista dag för egenbedömningen"))
    oppnad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("öppnad av"),
    )
    oppnad = models.DateTimeField(_("öppnad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årets uppföljning")
        verbose_name_plural = _("årens uppföljningar")
        ordering = ["-ar"]

    def __str__(self):
        return str(self.ar)


class Fraga(models.Model):
    """A question of the self-assessment, under one area."""

    omrade = models.ForeignKey(
        "policy.Omrade",
        on_delete=models.PROTECT,
        related_name="fragor",
        verbose_name=_("säkerhetsområde"),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=1)
    text = models.CharField(_("fråga"), max_length=300)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["omrade__nummer", "ordning", "pk"]

    def __str__(self):
        return self.text


class Egenbedomning(models.Model):
    """One body's self-assessment for one year."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Ej inlämnad")
        INLAMNAD = "inlamnad", _("Inlämnad")
        ATER = "ater", _("Åter för komplettering")
        GODKAND = "godkand", _("Godkänd")

    REDIGERBAR = (Status.UTKAST, Status.ATER)
    # A submitted self-assessment shows the duty "self-assessment answered" done.
    BESVARAD = (Status.INLAMNAD, Status.GODKAND)

    uppfoljningsar = models.ForeignKey(
        Uppfoljningsar,
        on_delete=models.PROTECT,
        related_name="egenbedomningar",
        verbose_name=_("år"),
    )
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="egenbedomningar",
        verbose_name=_("organ"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST, db_index=True
    )
    inlamnad = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    inlamnad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    granskad = models.DateTimeField(_("granskad"), null=True, blank=True)
    granskad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    kommentar = models.TextField(_("Säkerhetsavdelningens kommentar"), blank=True)
    antal_returer = models.PositiveSmallIntegerField(_("antal returer"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("egenbedömning")
        verbose_name_plural = _("egenbedömningar")
        ordering = ["-uppfoljningsar__ar", "organ__namn"]
        permissions = [
            ("answer_egenbedomning", _("Får besvara och lämna in sitt organs egenbedömning")),
            ("review_egenbedomning", _("Får öppna året och granska egenbedömningar")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["uppfoljningsar", "organ"], name="egenbedomning_en_per_organ_och_ar"
            ),
        ]

    def __str__(self):
        return f"{self.organ} {self.uppfoljningsar.ar}"

    def get_absolute_url(self):
        return reverse("uppfoljning:egenbedomning", args=[self.pk])

    @property
    def ar_redigerbar(self) -> bool:
        return self.status in self.REDIGERBAR

    def ar_sen(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return self.ar_redigerbar and self.uppfoljningsar.sista_dag < idag


class Svar(models.Model):
    class Varde(models.TextChoices):
        JA = "ja", _("Ja")
        DELVIS = "delvis", _("Delvis")
        NEJ = "nej", _("Nej")
        EJ_TILLAMPLIGT = "ej_tillampligt", _("Ej tillämpligt")

    egenbedomning = models.ForeignKey(
        Egenbedomning,
        on_delete=models.CASCADE,
        related_name="svar",
        verbose_name=_("egenbedömning"),
    )
    fraga = models.ForeignKey(
        Fraga, on_delete=models.PROTECT, related_name="svar", verbose_name=_("fråga")
    )
    svar = models.CharField(_("svar"), max_length=20, choices=Varde.choices)
    kommentar = models.TextField(_("kommentar"), blank=True)
    lankar = models.TextField(
        _("länkar till underlag"), blank=True, help_text=_("En länk per rad.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["fraga__omrade__nummer", "fraga__ordning"]
        constraints = [
            models.UniqueConstraint(fields=["egenbedomning", "fraga"], name="svar_ett_per_fraga"),
        ]

    def __str__(self):
        return f"{self.fraga}: {self.get_svar_display()}"

    @property
    def lanklista(self) -> list[str]:
        return [rad.strip() for rad in self.lankar.splitlines() if rad.strip()]
