"""
Risk analyses, their risks and the åtgärder that treat them (Atgard is shared with
incidents), and the assessment scales as data.

The risk level is never typed: `Risk.bedom()` computes it with the one rule in levels.py,
and the service stores the result in `niva`/`poang` so that lists can order and filter by
it in the database.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import levels
from .levels import Niva

SKALA_1_5 = [MinValueValidator(1), MaxValueValidator(5)]


class Dimension(models.TextChoices):
    """The consequence dimensions, after the national protective values."""

    LIV_HALSA = "liv_halsa", _("Liv och hälsa")
    VERKSAMHET = (
        "verksamhet",
        _("Samhällets funktionalitet (verksamhet och samhällsviktig verksamhet)"),
    )
    MILJO = "miljo", _("Miljö")
    EKONOMI = "ekonomi", _("Ekonomi och egendom")
    FORTROENDE = "fortroende", _("Förtroende (demokrati, rättssäkerhet, anseende)")


# Which Risk field holds the consequence of each dimension, in the order they are shown.
KONSEKVENSFALT: dict[str, str] = {
    Dimension.LIV_HALSA: "kons_liv_halsa",
    Dimension.VERKSAMHET: "kons_verksamhet",
    Dimension.MILJO: "kons_miljo",
    Dimension.EKONOMI: "kons_ekonomi",
    Dimension.FORTROENDE: "kons_fortroende",
}


class Skala(models.Model):
    """One version of the assessment scales. Each assessment stores the version it used,
    so that an old analysis still reads with the labels it was made with."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    aktiv = models.BooleanField(_("används för nya bedömningar"), default=False, db_index=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömningsskala")
        verbose_name_plural = _("bedömningsskalor")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.namn} (version {self.version})"

    @classmethod
    def aktuell(cls) -> "Skala":
        return (
            cls.objects.filter(aktiv=True).order_by("-version").first()
            or cls.objects.order_by("-version").first()
        )

    def etiketter(self) -> dict[str, dict[int, "SkalaSteg"]]:
        """{"sannolikhet": {1: steg, …}, "liv_halsa": {…}, …}, read in one query."""
        ut: dict[str, dict[int, SkalaSteg]] = {}
        for steg in self.steg.all():
            ut.setdefault(steg.dimension, {})[steg.varde] = steg
        return ut


class SkalaSteg(models.Model):
    """One step (1–5) of the likelihood scale or of one consequence dimension."""

    SANNOLIKHET = "sannolikhet"
    DIMENSIONER = [(SANNOLIKHET, _("Sannolikhet")), *Dimension.choices]

    skala = models.ForeignKey(
        Skala, on_delete=models.CASCADE, related_name="steg", verbose_name=_("skala")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=DIMENSIONER)
    varde = models.PositiveSmallIntegerField(_("värde"), validators=SKALA_1_5)
    etikett = models.CharField(_("etikett"), max_length=100)
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skalsteg")
        verbose_name_plural = _("skalsteg")
        ordering = ["skala", "dimension", "varde"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "dimension", "varde"], name="skalsteg_unikt"),
        ]

    def __str__(self):
        text = f"{self.varde} {self.etikett}"
        return f"{text} ({self.beskrivning})" if self.beskrivning else text


class Riskanalys(models.Model):
    class Typ(models.TextChoices):
        RISKANALYS = "riskanalys", _("Riskanalys")
        RSA = "rsa", _("Risk- och sårbarhetsanalys (RSA)")

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        INLAMNAD = "inlamnad", _("Inlämnad")
        UNDER_GRANSKNING = "under_granskning", _("Under granskning")
        ATER = "ater", _("Åter för komplettering")
        GODKAND = "godkand", _("Godkänd")

    class RsaSteg(models.TextChoices):
        """The RSA's political decision chain after Säkerhetsavdelningen's review."""

        UTKAST = "utkast", _("Utkast")
        BEHANDLAD_KS = "behandlad_ks", _("Behandlad i kommunstyrelsen")
        FASTSTALLD_KF = "faststalld_kf", _("Fastställd av kommunfullmäktige")
        RAPPORTERAD = "rapporterad", _("Rapporterad till Länsstyrelsen")

    # The body may change the analysis in these states; otherwise it is locked.
    REDIGERBAR = (Status.UTKAST, Status.ATER)

    titel = models.CharField(_("titel"), max_length=200)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices, default=Typ.RISKANALYS)
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="riskanalyser",
        verbose_name=_("ägande organ"),
    )
    enhet = models.ForeignKey(
        "policy.Enhet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="riskanalyser",
        verbose_name=_("enhet"),
        help_text=_("Lämna tomt om analysen gäller hela organet."),
    )
    period_fran = models.DateField(_("period från"))
    period_till = models.DateField(_("period till"), db_index=True)
    omraden = models.ManyToManyField(
        "policy.Omrade", related_name="riskanalyser", verbose_name=_("säkerhetsområden")
    )
    metodbeskrivning = models.TextField(_("metodbeskrivning"), blank=True)
    skala = models.ForeignKey(
        Skala, on_delete=models.PROTECT, related_name="riskanalyser", verbose_name=_("skala")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST, db_index=True
    )
    rsa_steg = models.CharField(
        _("beslutsgång (RSA)"), max_length=20, choices=RsaSteg.choices, blank=True
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    beslutsdatum = models.DateField(
        _("organets beslutsdatum"),
        null=True,
        blank=True,
        help_text=_("När nämnden eller styrelsen beslutade om analysen."),
    )
    beslutsparagraf = models.CharField(
        _("paragraf i organets beslut"),
        max_length=20,
        blank=True,
        help_text=_("Till exempel § 45."),
    )
    revision_av = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisioner",
        verbose_name=_("revision av"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    inlamnad = models.DateTimeField(_("inlämnad"), null=True, blank=True, db_index=True)
    inlamnad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    senast_granskad = models.DateTimeField(
        _("senast granskad"),
        null=True,
        blank=True,
        help_text=_("När den senaste granskningen avslutades; ändringar visas från denna tid."),
    )
    granskare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskare"),
    )
    godkand = models.DateTimeField(_("godkänd"), null=True, blank=True)
    godkand_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    history = HistoricalRecords(m2m_fields=[omraden])

    class Meta:
        verbose_name = _("riskanalys")
        verbose_name_plural = _("riskanalyser")
        ordering = ["-period_till", "organ__namn"]
        permissions = [
            ("edit_riskanalys", _("Får upprätta och ändra sitt organs riskanalyser")),
            ("submit_riskanalys", _("Får lämna in sitt organs riskanalyser")),
            ("review_riskanalys", _("Får granska och godkänna riskanalyser")),
            ("view_all_risker", _("Får se hela koncernens risker")),
        ]
        indexes = [models.Index(fields=["organ", "status"], name="riskanalys_organ_status")]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("risker:analys", args=[self.pk])

    @property
    def ar_redigerbar(self) -> bool:
        return self.status in self.REDIGERBAR

    @property
    def ar_rsa(self) -> bool:
        return self.typ == self.Typ.RSA

    def ar_aktuell(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return self.status == self.Status.GODKAND and self.period_till >= idag

    def obehandlade_hoga_risker(self):
        """The risks that stand in the way of approval: every Hög and Mycket hög risk needs
        an åtgärd (not struck out) or an acceptance of its residual risk by the body. In a
        revision the åtgärder of the approved version's risk count: the open ones move to
        the copy on approval. In the policy's order, life and health first."""
        return (
            self.risker.filter(niva__gte=Niva.HOG, accepterad__isnull=True)
            .exclude(atgarder__status__in=Atgard.GALLANDE)
            .exclude(ursprung__atgarder__status__in=Atgard.GALLANDE)
            .order_by(*levels.ORDNING)
        )


class Risk(models.Model):
    class Andring(models.TextChoices):
        """How a risk in a revision relates to the approved analysis it was copied from."""

        NY = "ny", _("Ny")
        ANDRAD = "andrad", _("Ändrad")
        OFORANDRAD = "oforandrad", _("Oförändrad")

    riskanalys = models.ForeignKey(
        Riskanalys, on_delete=models.CASCADE, related_name="risker", verbose_name=_("riskanalys")
    )
    titel = models.CharField(_("risk"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    orsak = models.TextField(_("orsak eller hot"), blank=True)
    omrade = models.ForeignKey(
        "policy.Omrade",
        on_delete=models.PROTECT,
        related_name="risker",
        verbose_name=_("säkerhetsområde"),
    )
    organ = models.ForeignKey(
        "policy.Organ", on_delete=models.PROTECT, related_name="risker", verbose_name=_("ägare")
    )
    enhet = models.ForeignKey(
        "policy.Enhet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risker",
        verbose_name=_("ägande enhet"),
    )
    skala = models.ForeignKey(
        Skala, on_delete=models.PROTECT, related_name="risker", verbose_name=_("skala")
    )
    sannolikhet = models.PositiveSmallIntegerField(_("sannolikhet"), validators=SKALA_1_5)
    kons_liv_halsa = models.PositiveSmallIntegerField(
        _("konsekvens för liv och hälsa"), validators=SKALA_1_5, db_index=True
    )
    kons_verksamhet = models.PositiveSmallIntegerField(
        _("konsekvens för verksamhet och samhällsviktig verksamhet"), validators=SKALA_1_5
    )
    kons_miljo = models.PositiveSmallIntegerField(_("konsekvens för miljö"), validators=SKALA_1_5)
    kons_ekonomi = models.PositiveSmallIntegerField(
        _("konsekvens för ekonomi och egendom"), validators=SKALA_1_5
    )
    kons_fortroende = models.PositiveSmallIntegerField(
        _("konsekvens för förtroende"), validators=SKALA_1_5
    )
    # Derived by levels.py in the service on every save; never edited by hand.
    konsekvens = models.PositiveSmallIntegerField(_("högsta konsekvens"), default=1, editable=False)
    poang = models.PositiveSmallIntegerField(
        _("riskvärde"), default=1, editable=False, db_index=True
    )
    niva = models.PositiveSmallIntegerField(
        _("risknivå"), choices=Niva.choices, default=Niva.LAG, editable=False, db_index=True
    )
    rest_sannolikhet = models.PositiveSmallIntegerField(
        _("sannolikhet efter åtgärder"), validators=SKALA_1_5, null=True, blank=True
    )
    rest_konsekvens = models.PositiveSmallIntegerField(
        _("högsta konsekvens efter åtgärder"), validators=SKALA_1_5, null=True, blank=True
    )
    nasta_oversyn = models.DateField(_("nästa översyn"), null=True, blank=True, db_index=True)
    andring = models.CharField(
        _("jämfört med godkänd version"), max_length=20, choices=Andring.choices, blank=True
    )
    ursprung = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kopior",
        verbose_name=_("kopierad från"),
    )
    accepterad = models.DateTimeField(_("restrisk accepterad"), null=True, blank=True)
    accepterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepterad av"),
    )
    acceptans_motivering = models.TextField(_("motivering till acceptansen"), blank=True)
    incidenter = models.ManyToManyField(
        "incidenter.Incident",
        blank=True,
        related_name="risker",
        verbose_name=_("incidenter där risken inträffat"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = levels.ORDNING
        permissions = [("accept_risk", _("Får acceptera restrisker för sitt organ"))]
        indexes = [
            models.Index(fields=["-niva", "-kons_liv_halsa", "-poang"], name="risk_prioritet"),
            models.Index(fields=["sannolikhet", "konsekvens"], name="risk_matris"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("risker:risk", args=[self.pk])

    def konsekvensvarden(self) -> dict[str, int | None]:
        return {dim: getattr(self, falt) for dim, falt in KONSEKVENSFALT.items()}

    def bedom(self) -> levels.Bedomning:
        return levels.bedom(self.sannolikhet, self.konsekvensvarden().values(), self.kons_liv_halsa)

    def berakna(self) -> None:
        """Store the derived level columns from the assessment."""
        b = self.bedom()
        self.konsekvens = max(self.konsekvensvarden().values())
        self.poang = b.poang
        self.niva = b.niva

    @property
    def hojd_for_liv_halsa(self) -> bool:
        return self.bedom().hojd_for_liv_halsa

    @property
    def rest_bedomning(self) -> levels.Bedomning | None:
        if not (self.rest_sannolikhet and self.rest_konsekvens):
            return None
        return levels.bedom(self.rest_sannolikhet, [self.rest_konsekvens], 0)

    @property
    def ar_accepterad(self) -> bool:
        return self.accepterad is not None

    def bedomningsnyckel(self) -> tuple:
        """What voids an acceptance when it changes."""
        return (
            self.sannolikhet,
            *self.konsekvensvarden().values(),
            self.rest_sannolikhet,
            self.rest_konsekvens,
        )


class Atgard(models.Model):
    """A treatment (åtgärd) of a risk, of an incident, or of what an exercise or inspection
    found (verksamhet.Aktivitet): exactly one of the three."""

    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        PAGAENDE = "pagaende", _("Pågående")
        KLAR = "klar", _("Klar")
        STRUKEN = "struken", _("Struken")

    OPPNA = (Status.PLANERAD, Status.PAGAENDE)
    # The åtgärder that treat their risk: all but those struck out.
    GALLANDE = (Status.PLANERAD, Status.PAGAENDE, Status.KLAR)

    beskrivning = models.TextField(_("åtgärd"))
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="atgarder",
        verbose_name=_("ansvarig person"),
    )
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="atgarder",
        verbose_name=_("ansvarigt organ"),
    )
    forfallodatum = models.DateField(_("ska vara klar"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANERAD, db_index=True
    )
    risk = models.ForeignKey(
        Risk,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="atgarder",
        verbose_name=_("risk"),
    )
    incident = models.ForeignKey(
        "incidenter.Incident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="atgarder",
        verbose_name=_("incident"),
    )
    aktivitet = models.ForeignKey(
        "verksamhet.Aktivitet",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="atgarder",
        verbose_name=_("övning, utbildning eller kontroll"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    klar_datum = models.DateField(_("klar datum"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["forfallodatum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(risk__isnull=False, incident__isnull=True, aktivitet__isnull=True)
                    | Q(risk__isnull=True, incident__isnull=False, aktivitet__isnull=True)
                    | Q(risk__isnull=True, incident__isnull=True, aktivitet__isnull=False)
                ),
                name="atgard_risk_incident_eller_aktivitet",
                violation_error_message=_(
                    "En åtgärd hör till exakt en risk, en incident eller en aktivitet."
                ),
            ),
        ]

    def __str__(self):
        return self.beskrivning[:80]

    def get_absolute_url(self):
        return reverse("risker:atgard", args=[self.pk])

    @property
    def ar_oppen(self) -> bool:
        return self.status in self.OPPNA

    @property
    def mal(self):
        """What the åtgärd treats: its risk, incident or activity."""
        return self.risk or self.incident or self.aktivitet

    def ar_forsenad(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return self.ar_oppen and self.forfallodatum < idag


class Granskningskommentar(models.Model):
    """A reviewer's comment on an analysis as a whole (risk empty) or on one risk."""

    riskanalys = models.ForeignKey(
        Riskanalys,
        on_delete=models.CASCADE,
        related_name="kommentarer",
        verbose_name=_("riskanalys"),
    )
    risk = models.ForeignKey(
        Risk,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kommentarer",
        verbose_name=_("risk"),
    )
    text = models.TextField(_("kommentar"))
    forfattare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("författare"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("granskningskommentar")
        verbose_name_plural = _("granskningskommentarer")
        ordering = ["skapad", "pk"]

    def __str__(self):
        return self.text[:80]
