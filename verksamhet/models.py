"""
Exercises, training and inspections: the work that shows the security areas are alive.

The premises (Lokal) the kommunkoncern uses and their documentation; the kinds of activity
(Aktivitetstyp) as data, with their cadence and checklist; the planned and recorded
activities (Aktivitet); what an inspection found (Kontrollsvar); who took part in training
(Utbildningsdeltagande). Åtgärder from an anmärkning or an evaluation are risker.Atgard,
linked to their activity from the risker side (risker depends on this app, not the other
way round).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords


class Lokal(models.Model):
    """A building or premises the kommunkoncern uses."""

    class Kategori(models.TextChoices):
        SKOLA = "skola", _("Skola")
        FORSKOLA = "forskola", _("Förskola")
        VARD_OMSORG = "vard_omsorg", _("Vård och omsorg")
        KONTOR = "kontor", _("Kontor")
        KULTUR_FRITID = "kultur_fritid", _("Kultur och fritid")
        TEKNISK = "teknisk", _("Teknisk anläggning")
        OVRIGT = "ovrigt", _("Övrigt")

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    adress = models.CharField(_("adress"), max_length=300)
    kategori = models.CharField(
        _("kategori"), max_length=20, choices=Kategori.choices, default=Kategori.OVRIGT
    )
    agare = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="agda_lokaler",
        verbose_name=_("ägare"),
        help_text=_("Kommunen (kommunstyrelsen eller en nämnd) eller ett kommunalt bolag."),
    )
    enheter = models.ManyToManyField(
        "policy.Enhet",
        blank=True,
        related_name="lokaler",
        verbose_name=_("enheter som använder lokalen"),
    )
    brandskyddsansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brandskyddsansvar",
        verbose_name=_("brandskyddsansvarig"),
    )
    history = HistoricalRecords(m2m_fields=[enheter])

    class Meta:
        verbose_name = _("lokal")
        verbose_name_plural = _("lokaler")
        ordering = ["namn"]
        permissions = [("import_lokal", _("Får importera lokaler från Excel"))]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("verksamhet:lokal", args=[self.pk])


class Lokaldokument(models.Model):
    """The premises' documentation, kept as a governing document with its review date (so
    reviews are reminded of like every other styrdokument)."""

    class Slag(models.TextChoices):
        BRANDSKYDDSDOKUMENTATION = "brandskyddsdokumentation", _("Brandskyddsdokumentation")
        UTRYMNINGSPLAN = "utrymningsplan", _("Utrymningsplan")

    lokal = models.ForeignKey(
        Lokal, on_delete=models.CASCADE, related_name="dokument", verbose_name=_("lokal")
    )
    slag = models.CharField(_("slag"), max_length=30, choices=Slag.choices)
    styrdokument = models.OneToOneField(
        "policy.Styrdokument",
        on_delete=models.PROTECT,
        related_name="lokaldokument",
        verbose_name=_("styrdokument"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lokaldokument")
        verbose_name_plural = _("lokaldokument")
        ordering = ["lokal", "slag"]

    def __str__(self):
        return f"{self.get_slag_display()}: {self.lokal}"


class Aktivitetstyp(models.Model):
    """A kind of exercise, training or inspection, with its cadence: the year's plan is made
    from these."""

    class Slag(models.TextChoices):
        OVNING = "ovning", _("Övning")
        UTBILDNING = "utbildning", _("Utbildning")
        EGENKONTROLL = "egenkontroll", _("Egenkontroll")
        ROND = "rond", _("Rond")
        REVISION = "revision", _("Revision")
        TEST = "test", _("Test")

    # The kinds recorded by answering a checklist.
    KONTROLLER = (Slag.EGENKONTROLL, Slag.ROND, Slag.REVISION, Slag.TEST)

    class Omfattning(models.TextChoices):
        LOKAL = "lokal", _("Per lokal")
        ORGAN = "organ", _("Per nämnd eller styrelse")

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    slag = models.CharField(_("slag"), max_length=20, choices=Slag.choices)
    omraden = models.ManyToManyField(
        "policy.Omrade", related_name="aktivitetstyper", verbose_name=_("säkerhetsområden")
    )
    omfattning = models.CharField(
        _("omfattning"), max_length=10, choices=Omfattning.choices, default=Omfattning.LOKAL
    )
    lokalkategori = models.CharField(
        _("bara lokaler av kategorin"),
        max_length=20,
        choices=Lokal.Kategori.choices,
        blank=True,
        help_text=_("Tomt: alla lokaler."),
    )
    intervall_manader = models.PositiveSmallIntegerField(
        _("intervall i månader"),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("3 = varje kvartal, 12 = varje år, 36 = vart tredje år."),
    )
    startmanad = models.PositiveSmallIntegerField(
        _("första månaden"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    dag = models.PositiveSmallIntegerField(
        _("dag i månaden"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Infaller dagen på en helg eller helgdag planeras aktiviteten till nästa arbetsdag."
        ),
    )
    forsta_ar = models.PositiveSmallIntegerField(
        _("första året"),
        default=2026,
        help_text=_("För intervall över ett år: året som räkningen börjar från."),
    )
    kalla = models.CharField(_("lag eller styrdokument"), max_length=300, blank=True)
    kontrollpunkter = models.TextField(
        _("kontrollpunkter"), blank=True, help_text=_("En kontrollpunkt per rad.")
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords(m2m_fields=[omraden])

    class Meta:
        verbose_name = _("aktivitetstyp")
        verbose_name_plural = _("aktivitetstyper")
        ordering = ["namn"]

    def __str__(self):
        return self.namn

    def clean(self):
        m = self.intervall_manader
        if m and not (12 % m == 0 or m % 12 == 0):
            raise ValidationError(
                {
                    "intervall_manader": _(
                        "Intervallet ska gå jämnt upp i ett år (1, 2, 3, 4, 6 eller 12 "
                        "månader) eller vara hela år (24, 36 …)."
                    )
                }
            )

    @property
    def punkter(self) -> list[str]:
        return [rad.strip() for rad in self.kontrollpunkter.splitlines() if rad.strip()]

    @property
    def ar_kontroll(self) -> bool:
        return self.slag in self.KONTROLLER

    @property
    def intervall_text(self) -> str:
        m = self.intervall_manader
        if m == 3:
            return str(_("Varje kvartal"))
        if m == 12:
            return str(_("Varje år"))
        if m % 12 == 0:
            return ngettext("Vart %(n)d år", "Vart %(n)d:e år", m // 12) % {"n": m // 12}
        return ngettext("Varje månad", "Var %(n)d:e månad", m) % {"n": m}


class Partnerorganisation(models.Model):
    """An organisation outside the kommun that takes part in exercises (samverkan)."""

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkanspart")
        verbose_name_plural = _("samverkansparter")
        ordering = ["namn"]

    def __str__(self):
        return self.namn


class Aktivitet(models.Model):
    """One planned or recorded exercise, training or inspection."""

    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        GENOMFORD = "genomford", _("Genomförd")
        INSTALLD = "installd", _("Inställd")

    class Ovningsform(models.TextChoices):
        SEMINARIE = "seminarieovning", _("Seminarieövning")
        FUNKTION = "funktionsovning", _("Funktionsövning")
        FULLSKALA = "fullskaleovning", _("Fullskaleövning")

    typ = models.ForeignKey(
        Aktivitetstyp, on_delete=models.PROTECT, related_name="aktiviteter", verbose_name=_("typ")
    )
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="aktiviteter",
        verbose_name=_("ansvarig nämnd eller styrelse"),
    )
    lokal = models.ForeignKey(
        Lokal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("lokal"),
    )
    enhet = models.ForeignKey(
        "policy.Enhet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("enhet"),
    )
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ansvar_aktiviteter",
        verbose_name=_("ansvarig"),
    )
    datum = models.DateField(_("datum"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANERAD
    )
    genomford_datum = models.DateField(_("genomförd"), null=True, blank=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    anteckning = models.TextField(_("anteckning"), blank=True)
    # Exercises
    scenario = models.TextField(_("scenario"), blank=True)
    ovningsform = models.CharField(
        _("övningsform"), max_length=20, choices=Ovningsform.choices, blank=True
    )
    deltagande_enheter = models.ManyToManyField(
        "policy.Enhet", blank=True, related_name="ovningar", verbose_name=_("deltagande enheter")
    )
    partner = models.ManyToManyField(
        Partnerorganisation,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("samverkansparter utanför kommunen"),
    )
    gick_bra = models.TextField(_("vad gick bra"), blank=True)
    gick_mindre_bra = models.TextField(_("vad gick mindre bra"), blank=True)
    # Training
    kurs = models.CharField(_("kurs"), max_length=200, blank=True)
    deltagare = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="utbildningar",
        verbose_name=_("namngivna deltagare"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["datum", "pk"]
        permissions = [
            (
                "view_all_aktiviteter",
                _("Får se alla nämnders övningar, utbildningar och kontroller"),
            ),
            ("plan_aktiviteter", _("Får ta fram årsplaner och ändra aktivitetstyper")),
        ]
        indexes = [
            models.Index(fields=["datum", "id"], name="aktivitet_datum"),
            models.Index(fields=["organ", "datum"], name="aktivitet_organ_datum"),
            models.Index(fields=["status", "datum"], name="aktivitet_status_datum"),
            models.Index(fields=["typ", "datum"], name="aktivitet_typ_datum"),
            models.Index(fields=["lokal", "datum"], name="aktivitet_lokal_datum"),
        ]

    def __str__(self):
        plats = self.lokal or self.organ
        return f"{self.typ}, {plats}"

    def get_absolute_url(self):
        return reverse("verksamhet:aktivitet", args=[self.pk])

    def ar_forsenad(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return self.status == self.Status.PLANERAD and self.datum < idag


def _foto_path(svar, filename):
    # The stored name never carries the user's file name (as incident attachments).
    return f"kontrollfoton/{svar.aktivitet.datum.year}/{uuid.uuid4().hex}"


class Kontrollsvar(models.Model):
    """The answer to one point of an inspection's checklist. The point's text is kept as it
    was asked, so a later change of the checklist never changes what was answered."""

    class Resultat(models.TextChoices):
        OK = "ok", _("OK")
        ANMARKNING = "anmarkning", _("Anmärkning")
        EJ_KONTROLLERAT = "ej_kontrollerat", _("Ej kontrollerat")

    aktivitet = models.ForeignKey(
        Aktivitet, on_delete=models.CASCADE, related_name="svar", verbose_name=_("aktivitet")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    punkt = models.CharField(_("kontrollpunkt"), max_length=300)
    resultat = models.CharField(_("resultat"), max_length=20, choices=Resultat.choices)
    kommentar = models.TextField(_("kommentar"), blank=True)
    foto = models.FileField(_("foto"), upload_to=_foto_path, blank=True)
    foto_namn = models.CharField(_("filnamn"), max_length=200, blank=True)
    foto_typ = models.CharField(_("filtyp"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontrollsvar")
        verbose_name_plural = _("kontrollsvar")
        ordering = ["aktivitet", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["aktivitet", "ordning"], name="kontrollsvar_unikt"),
        ]

    def __str__(self):
        return self.punkt

    def get_foto_url(self):
        return reverse("verksamhet:foto", args=[self.aktivitet_id, self.pk])


class Utbildningsdeltagande(models.Model):
    """How many of a unit's staff took part in a training."""

    aktivitet = models.ForeignKey(
        Aktivitet, on_delete=models.CASCADE, related_name="deltagande", verbose_name=_("utbildning")
    )
    enhet = models.ForeignKey(
        "policy.Enhet",
        on_delete=models.PROTECT,
        related_name="utbildningsdeltagande",
        verbose_name=_("enhet"),
    )
    antal = models.PositiveIntegerField(_("antal deltagare"), validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utbildningsdeltagande")
        verbose_name_plural = _("utbildningsdeltaganden")
        constraints = [
            models.UniqueConstraint(fields=["aktivitet", "enhet"], name="deltagande_unikt"),
        ]

    def __str__(self):
        return f"{self.enhet}: {self.antal}"
