"""
The registers of informationssäkerhet and IT-säkerhet: each body's information assets, the
systems that hold them and their classification in the SKR KLASSA way (konfidentialitet,
riktighet, tillgänglighet on a scale kept as data).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

DIMENSIONER = (
    ("konfidentialitet", _("Konfidentialitet")),
    ("riktighet", _("Riktighet")),
    ("tillganglighet", _("Tillgänglighet")),
)


class Klassningsniva(models.Model):
    """One step of the classification scale (the same steps for each dimension)."""

    niva = models.PositiveSmallIntegerField(_("nivå"), unique=True)
    namn = models.CharField(_("namn"), max_length=60)
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("klassningsnivå")
        verbose_name_plural = _("klassningsnivåer")
        ordering = ["niva"]

    def __str__(self):
        return f"{self.niva} {self.namn}"


class Informationstillgang(models.Model):
    """An information asset of a body (elevakter, ekonomisystemets data …)."""

    class Personuppgifter(models.TextChoices):
        INGA = "inga", _("Inga personuppgifter")
        VANLIGA = "vanliga", _("Personuppgifter")
        KANSLIGA = "kansliga", _("Känsliga personuppgifter")
        SKYDDADE = "skyddade", _("Skyddade personuppgifter")

    namn = models.CharField(_("namn"), max_length=200)
    beskrivning = models.CharField(_("kort beskrivning"), max_length=300, blank=True)
    organ = models.ForeignKey(
        "policy.Organ", on_delete=models.PROTECT, related_name="+", verbose_name=_("organ")
    )
    personuppgiftsansvarig = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("personuppgiftsansvarig"),
        help_text=_("Det organ som är personuppgiftsansvarigt för tillgångens personuppgifter."),
    )
    personuppgifter = models.CharField(
        _("personuppgifter"), max_length=10, choices=Personuppgifter.choices, default="inga"
    )
    informationsagare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("informationsägare"),
        help_text=_("Påminns inför och efter översynsdatumet."),
    )
    konfidentialitet = models.ForeignKey(
        Klassningsniva,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("konfidentialitet"),
    )
    riktighet = models.ForeignKey(
        Klassningsniva,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("riktighet"),
    )
    tillganglighet = models.ForeignKey(
        Klassningsniva,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tillgänglighet"),
    )
    klassad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klassad av"),
    )
    klassad_datum = models.DateField(_("klassad"), null=True, blank=True)
    nasta_oversyn = models.DateField(_("nästa översyn"), null=True, blank=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informationstillgång")
        verbose_name_plural = _("informationstillgångar")
        ordering = ["organ__namn", "namn"]
        indexes = [models.Index(fields=["organ", "namn"], name="infotillgang_organ_idx")]
        permissions = [
            ("view_all_informationssakerhet", _("Får se alla organs informationsregister")),
            ("dataskyddsombud", _("Är dataskyddsombud (personuppgiftsincidenter)")),
        ]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("informationssakerhet:tillgang", args=[self.pk])

    @property
    def ar_klassad(self) -> bool:
        return bool(self.konfidentialitet_id and self.riktighet_id and self.tillganglighet_id)

    @property
    def har_personuppgifter(self) -> bool:
        return self.personuppgifter != self.Personuppgifter.INGA


class System(models.Model):
    """An IT system of a body and the information assets it holds."""

    namn = models.CharField(_("namn"), max_length=200)
    organ = models.ForeignKey(
        "policy.Organ", on_delete=models.PROTECT, related_name="+", verbose_name=_("organ")
    )
    leverantor = models.CharField(_("leverantör"), max_length=200, blank=True)
    drift = models.CharField(
        _("var systemet körs"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel egen drift, leverantörens moln eller IT-avdelningens hall."),
    )
    systemagare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("systemägare"),
    )
    ansvarig_enhet = models.ForeignKey(
        "policy.Enhet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig enhet"),
    )
    tillgangar = models.ManyToManyField(
        Informationstillgang,
        blank=True,
        related_name="system",
        verbose_name=_("informationstillgångar"),
    )
    cybersakerhetslag = models.BooleanField(
        _("omfattas av cybersäkerhetslagen"),
        default=False,
        help_text=_(
            "Markera om systemet stödjer verksamhet som kommunen räknar till "
            "cybersäkerhetslagens (2025:1506) tillämpningsområde. Systemet får då en "
            "checklista över riskhanteringsåtgärder att besvara (NIS2 art. 21)."
        ),
    )
    history = HistoricalRecords(m2m_fields=[tillgangar])

    class Meta:
        verbose_name = _("system")
        verbose_name_plural = _("system")
        ordering = ["organ__namn", "namn"]
        indexes = [models.Index(fields=["organ", "namn"], name="system_organ_idx")]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("informationssakerhet:system", args=[self.pk])

    def harledd_klassning(self) -> list[dict]:
        """The system's level per dimension: the highest of its assets', with the asset that
        gives it (the reason shown). Reads `tillgangar.all()`, so a list prefetches it."""
        rader = []
        for falt, namn in DIMENSIONER:
            basta = None
            for t in self.tillgangar.all():
                niva = getattr(t, falt)
                if niva is not None and (basta is None or niva.niva > getattr(basta, falt).niva):
                    basta = t
            rader.append(
                {
                    "falt": falt,
                    "dimension": namn,
                    "niva": getattr(basta, falt) if basta else None,
                    "tillgang": basta,
                }
            )
        return rader


from .cybersakerhet_models import Checklistsvar, Kontrollpunkt  # noqa: E402, F401
from .sakerhetsskydd_models import (  # noqa: E402, F401
    Sakerhetsklassplacering,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
)


class Systemkoppling(models.Model):
    """An incident or a risk that concerns a system (exactly one of the two). Kept here, so
    the incident and risk apps need not know of systems."""

    system = models.ForeignKey(
        System, on_delete=models.CASCADE, related_name="kopplingar", verbose_name=_("system")
    )
    incident = models.ForeignKey(
        "incidenter.Incident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incident"),
    )
    risk = models.ForeignKey(
        "risker.Risk",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("risk"),
    )
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kopplad av"),
    )
    skapad = models.DateTimeField(_("kopplad"), auto_now_add=True)

    class Meta:
        verbose_name = _("koppling till system")
        verbose_name_plural = _("kopplingar till system")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(incident__isnull=False, risk__isnull=True)
                | models.Q(incident__isnull=True, risk__isnull=False),
                name="systemkoppling_incident_eller_risk",
            ),
            models.UniqueConstraint(
                fields=["system", "incident"],
                name="systemkoppling_unik_incident",
                condition=models.Q(incident__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["system", "risk"],
                name="systemkoppling_unik_risk",
                condition=models.Q(risk__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.system_id}: {self.incident_id or self.risk_id}"
