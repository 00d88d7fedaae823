"""
Notices to people (in the app and by e-mail), their delivery record, each user's delivery
choice, and årshjulet: the yearly dates of the security work.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import Roll


class Notis(models.Model):
    """One notice to one person. `nyckel` names the thing, the kind and the due date, so
    the same reminder can never be created twice; `skickad` records the e-mail.

    A notice about an incident never keeps the incident's words: it points at the
    incident, and its title is shown when read, only to a reader who may see the incident
    then (it may have become skyddad since). `mall` keeps the message ids and parameters of
    the heading and text, so they are shown in the reader's language; `rubrik` and `text`
    are the same words in the site's language, for the admin and older notices."""

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
    incident = models.ForeignKey(
        "incidenter.Incident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incident"),
    )
    mall = models.JSONField(_("text i läsarens språk"), default=dict, blank=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    # E-mail delivery: a worker claims the row (hamtad) before sending and records the
    # send (skickad). A claim older than EPOST_CLAIM_TIMEOUT is taken to be a dead worker.
    hamtad = models.DateTimeField(_("hämtad för utskick"), null=True, blank=True)
    skickad = models.DateTimeField(_("e-post skickad"), null=True, blank=True, db_index=True)
    forsok = models.PositiveIntegerField(_("försök"), default=0)
    fel = models.TextField(_("senaste fel"), blank=True)
    meddelande_id = models.CharField(
        _("meddelande-id"),
        max_length=255,
        blank=True,
        help_text=_(
            "E-postens Message-ID, sparat innan den skickas: ett nytt försök skickar samma "
            "meddelande igen, aldrig ett nytt."
        ),
    )
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
    def visad_rubrik(self) -> str:
        """The heading in the active language."""
        from .texter import Text

        if self.mall.get("rubrik"):
            return Text.fran_json(self.mall["rubrik"]).visa()
        return self.rubrik

    @property
    def visad_text(self) -> str:
        """The text in the active language. For a notice about an incident, only for a
        reader marked as allowed to see it (`incident_synlig`, set by
        selectors.med_incidentatkomst); the text may quote the incident's åtgärder."""
        from .texter import Text

        if self.incident_id and not getattr(self, "incident_synlig", False):
            return ""
        if self.mall.get("text"):
            return Text.fran_json(self.mall["text"]).visa()
        return self.text

    @property
    def incidentrubrik(self) -> str:
        """The incident's title, read now, for a reader who may see the incident."""
        if self.incident_id and getattr(self, "incident_synlig", False):
            return self.incident.rubrik
        return ""

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
    meddelande_id = models.CharField(
        _("meddelande-id"),
        max_length=255,
        blank=True,
        help_text=_(
            "E-postens Message-ID, sparat innan den skickas: ett nytt försök skickar samma "
            "meddelande igen, aldrig ett nytt."
        ),
    )

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


# The Swedish general election is held every fourth September (2026, 2030, ...); the
# mandate period's first calendar year is the one after it.
FORSTA_MANDATAR = 2027


class Arshjulspunkt(models.Model):
    """A date in the year of the security work (årshjulet), for example the call to the
    nämnder to update their risk analyses; some come once per mandate period (the RSA)."""

    namn = models.CharField(_("namn"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    manad = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    dag = models.PositiveSmallIntegerField(
        _("dag"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    framforhallning = models.PositiveSmallIntegerField(
        _("påminn antal dagar före"),
        default=14,
        validators=[MaxValueValidator(365)],
    )
    roll = models.CharField(
        _("till roll"),
        max_length=30,
        choices=Roll.choices,
        blank=True,
        help_text=_("Alla med rollen får påminnelsen (begränsat till organet om ett väljs)."),
    )
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("till organ"),
        help_text=_("Utan roll: organets nämndföreträdare."),
    )
    ar_i_mandatperioden = models.PositiveSmallIntegerField(
        _("år i mandatperioden"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Tomt: varje år. 1: första året efter valet (till exempel 2027), 4: valåret."),
    )
    lank = models.CharField(
        _("länk"),
        max_length=300,
        blank=True,
        help_text=_("En sida i Säkerhetsportalen, till exempel /risker/analyser/."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("punkt i årshjulet")
        verbose_name_plural = _("årshjulet")
        ordering = ["manad", "dag", "namn"]

    def __str__(self):
        return self.namn

    def clean(self):
        try:
            date(2028, self.manad or 1, self.dag or 1)
        except ValueError:
            raise ValidationError({"dag": _("Datumet finns inte.")}) from None
        if self.lank and not self.lank.startswith("/"):
            raise ValidationError({"lank": _("Länken ska börja med / (en sida i portalen).")})

    def galler_ar(self, ar: int) -> bool:
        if self.ar_i_mandatperioden is None:
            return True
        return (ar - FORSTA_MANDATAR) % 4 + 1 == self.ar_i_mandatperioden

    def datum_ar(self, ar: int) -> date:
        dag = self.dag
        while True:
            try:
                return date(ar, self.manad, dag)
            except ValueError:  # 29 februari ett vanligt år
                dag -= 1

    def nasta_datum(self, fran: date) -> date | None:
        """The next occurrence on or after `fran` (within five years)."""
        for ar in range(fran.year, fran.year + 5):
            if self.galler_ar(ar) and self.datum_ar(ar) >= fran:
                return self.datum_ar(ar)
        return None
