"""
Incidents: what staff and external parties report, and how Säkerhetsavdelningen takes
each one from report to lessons learned.

This is the core the rest of the system links to; the incident issue extends it.
"""

import calendar
import datetime
import uuid
from datetime import timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from policy.models import Enhet, Omrade

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Kategori(models.Model):
    """A category of incident within a security area. Edited as data by Säkerhetsavdelningen."""

    omrade = models.ForeignKey(
        Omrade, on_delete=models.PROTECT, related_name="kategorier", verbose_name=_("område")
    )
    namn = models.CharField(_("namn"), max_length=120)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    ar_sakerhetsskydd = models.BooleanField(
        _("säkerhetsskyddshändelse"),
        default=False,
        help_text=_(
            "Rapporten tar bara emot att något hänt, när och en kontaktperson, och går till "
            "säkerhetsskyddschefen. Fritext och bilagor avvisas."
        ),
    )
    arbetsmiljo = models.BooleanField(
        _("hör till arbetsmiljösystemet"),
        default=False,
        help_text=_(
            "Arbetsskador och tillbud registreras i arbetsgivarens system; här bara en länk."
        ),
    )
    gallringstid_manader = models.PositiveSmallIntegerField(
        _("gallring av personuppgifter efter (månader)"),
        default=36,
        help_text=_("Enligt nämndens informationshanteringsplan. Statistiken behålls."),
    )
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


def _etikett(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value


class Incident(models.Model):
    class Status(models.TextChoices):
        RAPPORTERAD = "rapporterad", _("Rapporterad")
        MOTTAGEN = "mottagen", _("Mottagen")
        UNDER_UTREDNING = "under_utredning", _("Under utredning")
        ATGARDAD = "atgardad", _("Åtgärdad")
        AVSLUTAD = "avslutad", _("Avslutad")
        AVVISAD = "avvisad", _("Avvisad")

    OPPNA = (Status.RAPPORTERAD, Status.MOTTAGEN, Status.UNDER_UTREDNING, Status.ATGARDAD)

    class Konfidentialitet(models.TextChoices):
        NORMAL = "normal", _("Normal")
        SKYDDAD = "skyddad", _("Skyddad")

    class Allvarlighet(models.TextChoices):
        EJ_BEDOMD = "ej_bedomd", _("Ej bedömd")
        LAG = "lag", _("Låg")
        MEDEL = "medel", _("Medel")
        HOG = "hog", _("Hög")
        KRITISK = "kritisk", _("Kritisk")

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
    omedelbara_atgarder = models.TextField(_("vad har redan gjorts"), blank=True)
    inblandade_personer = models.TextField(
        _("inblandade personer"),
        blank=True,
        help_text=_("Personuppgifter: skriv bara det som behövs. De gallras efter en tid."),
    )
    kontaktperson = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    arbetsmiljo_lank = models.URLField(
        _("länk till ärendet i arbetsmiljösystemet"), blank=True, max_length=500
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
    allvarlighet = models.CharField(
        _("allvarlighetsgrad"),
        max_length=20,
        choices=Allvarlighet.choices,
        default=Allvarlighet.EJ_BEDOMD,
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handlagda_incidenter",
        verbose_name=_("handläggare"),
    )
    orsak = models.TextField(_("orsak"), blank=True)
    lardomar = models.TextField(_("lärdomar"), blank=True)
    avvisningsorsak = models.TextField(_("skäl för avvisning"), blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    sekretess = models.CharField(
        _("sekretessmarkering"),
        max_length=200,
        blank=True,
        help_text=_("Lagrum, till exempel OSL 18 kap. 8 §."),
    )
    # What the handler has established; each turns on the reporting duties in Plikttyp.
    personuppgiftsincident = models.BooleanField(_("personuppgiftsincident"), default=False)
    personuppgiftsincident_hog_risk = models.BooleanField(
        _("hög risk för de registrerade"), default=False
    )
    betydande_cyberincident = models.BooleanField(_("betydande cyberincident"), default=False)
    allvarlig_arbetsmiljohandelse = models.BooleanField(
        _("allvarlig arbetsmiljöhändelse"), default=False
    )
    brott = models.BooleanField(_("misstänkt brott"), default=False)
    # Set when the chef and Säkerhetsavdelningen have been told; the sweep catches up the rest.
    notifierad = models.DateTimeField(_("aviserad"), null=True, blank=True)
    personuppgifter_gallrade = models.DateTimeField(
        _("personuppgifter gallrade"), null=True, blank=True
    )
    gallringsstopp = models.BooleanField(
        _("gallringsstopp"),
        default=False,
        help_text=_("Till exempel vid rättslig prövning: personuppgifterna gallras inte."),
    )
    history = HistoricalRecords(excluded_fields=["notifierad"])

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidenter")
        ordering = ["-rapporterad", "-pk"]
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
        indexes = [
            # Covering: the start page counts the waiting and open incidents (thousands)
            # from the index alone, access rule included.
            models.Index(
                fields=["status", "rapporterad"],
                include=["personskada_eller_fara", "konfidentialitet", "rapportor", "id"],
                name="incident_status_idx",
            ),
            models.Index(fields=["enhet", "rapporterad"], name="incident_enhet_idx"),
            models.Index(fields=["omrade", "rapporterad"], name="incident_omrade_idx"),
            models.Index(fields=["kategori", "rapporterad"], name="incident_kategori_idx"),
            models.Index(fields=["konfidentialitet", "rapporterad"], name="incident_konf_idx"),
            models.Index(fields=["rapportor", "rapporterad"], name="incident_rapportor_idx"),
            models.Index(fields=["intraffade"], name="incident_intraffade_idx"),
            # The list's default order (prioritised first, then newest), alone and under the
            # area filter Säkerhetsavdelningen works by: a page, however late, and the count
            # are read from the index alone, in order. The access rule's columns are included
            # so that checking it needs no visit to the table (docs/performance.md).
            models.Index(
                fields=["-personskada_eller_fara", "-rapporterad", "-id"],
                include=["konfidentialitet", "rapportor"],
                name="incident_prioritet_idx",
            ),
            models.Index(
                fields=["omrade", "-personskada_eller_fara", "-rapporterad", "-id"],
                include=["konfidentialitet", "rapportor"],
                name="incident_omrade_prio_idx",
            ),
            # The few skyddade incidents (a body's panel counts them per person).
            models.Index(
                fields=["enhet"],
                condition=models.Q(konfidentialitet="skyddad"),
                name="incident_skyddad_idx",
            ),
        ]

    def __str__(self):
        return f"{self.referens} {self.rubrik}"

    def get_absolute_url(self):
        return reverse("incidenter:detalj", args=[self.referens])

    # Django's generated get_FOO_display() hashes every label of the field's choices on
    # each call, which was a tenth of the incident list's time; the enum finds the label
    # at once. An unknown value shows as itself, as Django's does.
    def get_status_display(self):
        return _etikett(self.Status, self.status)

    def get_konfidentialitet_display(self):
        return _etikett(self.Konfidentialitet, self.konfidentialitet)

    def get_allvarlighet_display(self):
        return _etikett(self.Allvarlighet, self.allvarlighet)

    def clean(self):
        """When the municipality became aware starts every legal clock: it cannot come
        before the event, nor after the report (a report is itself awareness)."""
        super().clean()
        if self.upptackt and self.intraffade and self.upptackt < self.intraffade:
            raise ValidationError(
                {
                    "upptackt": _(
                        "Det kan inte ha upptäckts innan det hände. Ändra tidpunkten för när det "
                        "hände eller när det upptäcktes."
                    )
                }
            )
        if self.upptackt and self.rapporterad and self.upptackt > self.rapporterad:
            raise ValidationError(
                {"upptackt": _("Det kan inte ha upptäckts efter att det rapporterades.")}
            )

    @property
    def ar_skyddad(self) -> bool:
        return self.konfidentialitet == self.Konfidentialitet.SKYDDAD

    @property
    def ar_prioriterad(self) -> bool:
        return self.personskada_eller_fara

    @property
    def ar_sakerhetsskydd(self) -> bool:
        return bool(self.kategori_id) and self.kategori.ar_sakerhetsskydd

    @property
    def ar_oppen(self) -> bool:
        return self.status in self.OPPNA

    def gallras(self):
        """When the personal data in this incident is removed, or None if never/already."""
        if self.personuppgifter_gallrade or self.gallringsstopp:
            return None
        return self.rapporterad + gallringstid(self.gallringstid_manader)

    @property
    def gallringstid_manader(self) -> int:
        """How many months its personal data is kept: its category's retention period."""
        return self.kategori.gallringstid_manader if self.kategori_id else GALLRING_MANADER


# Personal data in an incident without a category is kept this long.
GALLRING_MANADER = 36


def gallringstid(manader: int) -> timedelta:
    """A retention period of `manader` months, in average months (365.25 / 12 days)."""
    return timedelta(days=round(manader * 365.25 / 12))


class IncidentUserObjectPermission(UserObjectPermissionBase):
    """Per-incident grants (a skyddad incident opened to a named person) as a real foreign
    key, so the access selector joins instead of casting guardian's text object ids."""

    content_object = models.ForeignKey(Incident, on_delete=models.CASCADE)


class IncidentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Incident, on_delete=models.CASCADE)


class Referensserie(models.Model):
    """The last number handed out per year. Taken inside the submit's transaction, so numbers
    are gap-free (a rolled-back submit gives its number back) and unique under concurrency."""

    ar = models.PositiveSmallIntegerField(primary_key=True)
    senaste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referensserie")
        verbose_name_plural = _("referensserier")

    def __str__(self):
        return f"{self.ar}: {self.senaste}"


class Handelse(models.Model):
    """One line of an incident's timeline: a transition, a comment, a reclassification."""

    class Typ(models.TextChoices):
        STATUS = "status", _("Statusändring")
        KOMMENTAR = "kommentar", _("Kommentar")
        OMKLASSNING = "omklassning", _("Omklassning")
        TILLDELNING = "tilldelning", _("Handläggare")
        RAPPORTERING = "rapportering", _("Rapportering till myndighet")
        BEHORIGHET = "behorighet", _("Behörighet")
        GALLRING = "gallring", _("Gallring")

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="handelser", verbose_name=_("incident")
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    fran_status = models.CharField(
        _("från status"), max_length=20, choices=Incident.Status.choices, blank=True
    )
    till_status = models.CharField(
        _("till status"), max_length=20, choices=Incident.Status.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("av"),
    )
    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["tidpunkt", "pk"]

    def __str__(self):
        return f"{self.incident_id} {self.get_typ_display()} {self.tidpunkt:%Y-%m-%d %H:%M}"

    # As on Incident: the enum finds the label at once, where Django's get_FOO_display()
    # hashes every choice on each call (~50 µs each, two or three a line of the timeline).
    def get_typ_display(self):
        return _etikett(self.Typ, self.typ)

    def get_fran_status_display(self):
        return _etikett(Incident.Status, self.fran_status)

    def get_till_status_display(self):
        return _etikett(Incident.Status, self.till_status)


def _bilaga_path(bilaga, filename):
    # The stored name never carries the user's file name: it is not served from a public
    # URL and cannot be guessed or executed. The original name is kept in `filnamn`.
    return f"bilagor/{bilaga.incident.ar}/{uuid.uuid4().hex}"


class Bilaga(models.Model):
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="bilagor", verbose_name=_("incident")
    )
    fil = models.FileField(_("fil"), upload_to=_bilaga_path)
    filnamn = models.CharField(_("filnamn"), max_length=200)
    innehallstyp = models.CharField(_("filtyp"), max_length=100)
    storlek = models.PositiveIntegerField(_("storlek (byte)"))
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uppladdad = models.DateTimeField(_("uppladdad"), default=timezone.now)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uppladdad", "pk"]

    def __str__(self):
        return self.filnamn

    def get_absolute_url(self):
        return reverse("incidenter:bilaga", args=[self.incident.referens, self.pk])


class Plikttyp(models.Model):
    """A reporting duty that follows from what the handler establishes about an incident.
    Recipient and time limit are data: the law's words are shown beside the countdown."""

    class Utlosare(models.TextChoices):
        PERSONUPPGIFTSINCIDENT = "personuppgiftsincident", _("Personuppgiftsincident")
        PERSONUPPGIFTSINCIDENT_HOG_RISK = (
            "personuppgiftsincident_hog_risk",
            _("Personuppgiftsincident med hög risk"),
        )
        BETYDANDE_CYBERINCIDENT = "betydande_cyberincident", _("Betydande cyberincident")
        ALLVARLIG_ARBETSMILJOHANDELSE = (
            "allvarlig_arbetsmiljohandelse",
            _("Allvarlig arbetsmiljöhändelse"),
        )
        BROTT = "brott", _("Misstänkt brott")
        SAKERHETSSKYDD = "sakerhetsskydd", _("Säkerhetsskyddshändelse")

    kod = models.SlugField(_("kod"), max_length=40, unique=True)
    utlosare = models.CharField(_("utlöses av"), max_length=40, choices=Utlosare.choices)
    namn = models.CharField(_("rapportering"), max_length=200)
    mottagare = models.CharField(_("mottagare"), max_length=200)
    frist = models.DurationField(
        _("tidsfrist i timmar eller dagar"),
        null=True,
        blank=True,
        help_text=_("Tom om fristen räknas i kalendermånader eller om det inte finns någon."),
    )
    frist_manader = models.PositiveSmallIntegerField(
        _("tidsfrist i kalendermånader"),
        null=True,
        blank=True,
        help_text=_("En kalendermånad från 31 januari går ut 28 (29) februari."),
    )
    efter = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("räknas från"),
        help_text=_("Tom: från kännedom. Annars från när den andra rapporteringen gjordes."),
    )
    lagtext = models.CharField(_("lagens ord"), max_length=300, blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("rapporteringsplikt (typ)")
        verbose_name_plural = _("rapporteringsplikter (typer)")
        ordering = ["ordning", "pk"]

    def __str__(self):
        return f"{self.namn} ({self.mottagare})"

    @property
    def referens_etikett(self) -> str:
        """What the recipient's reference is called when the report is registered: the
        police give a K-nummer; IMY, CERT-SE and the other authorities a diarienummer."""
        if self.utlosare == self.Utlosare.BROTT:
            return _("Polisens K-nummer")
        return _("Mottagarens referens (till exempel diarienummer)")

    def clean(self):
        super().clean()
        _en_frist(self)


def _en_frist(obj) -> None:
    if obj.frist is not None and obj.frist_manader is not None:
        raise ValidationError(
            {
                "frist_manader": _(
                    "Ange fristen antingen i timmar eller dagar eller i kalendermånader, inte båda."
                )
            }
        )


def plus_kalendermanader(start, manader: int):
    """The same time of day `manader` calendar months later in Europe/Stockholm; a day the
    month lacks is its last day (31 January + 1 month = 28 or 29 February). A time that
    comes twice (the night summer time ends) is the first of them; one the night lacks (summer
    time begins) is read in winter time and shown as the moment it is (02:30 is 03:30)."""
    lokal = timezone.localtime(start, STOCKHOLM)
    index = lokal.month - 1 + manader
    ar, manad = lokal.year + index // 12, index % 12 + 1
    dag = min(lokal.day, calendar.monthrange(ar, manad)[1])
    naiv = lokal.replace(tzinfo=None, year=ar, month=manad, day=dag)
    return naiv.replace(tzinfo=STOCKHOLM).astimezone(datetime.UTC).astimezone(STOCKHOLM)


# A reporting clock, the one rule for every clock (Rapporteringsplikt.deadline): it starts
# at awareness or when the duty it follows was fulfilled, and runs a duration (hours and
# days, absolute time) or calendar months; it runs until the report is made and is overdue
# once its deadline has passed. The database is asked only which clocks still run (this Q,
# a partial index: a few rows among every duty ever recorded); deadlines and whether they
# have passed are always Rapporteringsplikt's methods, so nothing restates the rule in SQL.
LOPANDE_KLOCKA = models.Q(utford__isnull=True) & (
    models.Q(frist__isnull=False) | models.Q(frist_manader__isnull=False)
)


class Klocka(NamedTuple):
    """A running clock at a moment: when it started and runs out (None: it has not started,
    because the duty it follows is not yet fulfilled), and whether it has run out."""

    plikt: "Rapporteringsplikt"
    start: datetime.datetime | None
    deadline: datetime.datetime | None
    forsenad: bool


class RapporteringspliktQuerySet(models.QuerySet):
    def lopande(self):
        """The duties whose clock still runs (or has run out): not reported, a time limit set."""
        return self.filter(LOPANDE_KLOCKA)

    def klockor(self, now=None) -> list[Klocka]:
        """Every running clock among these duties, judged at `now` by the duty's own methods.
        Load what else the caller reads with select_related before asking."""
        now = now or timezone.now()
        lopande = list(self.lopande().select_related("typ", "incident"))
        # A clock that runs from another duty (the cyber final report from the notification)
        # reads its incident's other duties: one query more, only when there is such a clock.
        foljer = [p.incident for p in lopande if p.typ.efter_id is not None]
        models.prefetch_related_objects(foljer, "plikter")
        klockor = []
        for plikt in lopande:
            syskon = plikt.incident.plikter.all() if plikt.typ.efter_id is not None else ()
            klockor.append(
                Klocka(
                    plikt,
                    plikt.startpunkt(syskon),
                    plikt.deadline(syskon),
                    plikt.ar_forsenad(syskon, now),
                )
            )
        return klockor

    def forsenade_incident_ids(self, now=None) -> set[int]:
        """The incidents with a clock among these duties that has run out at `now`."""
        return {k.plikt.incident_id for k in self.klockor(now) if k.forsenad}


class Rapporteringsplikt(models.Model):
    """A duty to report one incident to an authority, with its clock. The recipient and
    time limit are copied from the Plikttyp when the duty arises, so a later change of the
    defaults does not move a running clock."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="plikter", verbose_name=_("incident")
    )
    typ = models.ForeignKey(Plikttyp, on_delete=models.PROTECT, verbose_name=_("typ"))
    mottagare = models.CharField(_("mottagare"), max_length=200)
    frist = models.DurationField(_("tidsfrist i timmar eller dagar"), null=True, blank=True)
    frist_manader = models.PositiveSmallIntegerField(
        _("tidsfrist i kalendermånader"), null=True, blank=True
    )
    lagtext = models.CharField(_("lagens ord"), max_length=300, blank=True)
    utford = models.DateTimeField(_("rapporterad till mottagaren"), null=True, blank=True)
    utford_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mottagarens_referens = models.CharField(
        _("mottagarens referens"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel polisens K-nummer eller IMY:s diarienummer."),
    )
    history = HistoricalRecords()

    objects = RapporteringspliktQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapporteringsplikt")
        verbose_name_plural = _("rapporteringsplikter")
        ordering = ["typ__ordning", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "typ"], name="plikt_en_per_typ"),
        ]
        indexes = [
            # The clocks still running: what "overdue" (RapporteringspliktQuerySet.klockor)
            # looks through, a few rows among every duty ever recorded.
            models.Index(
                fields=["incident"],
                condition=LOPANDE_KLOCKA,
                name="plikt_lopande_klocka_idx",
            ),
        ]

    def __str__(self):
        return f"{self.typ.namn}: {self.incident.referens}"

    def startpunkt(self, syskon=None):
        """When the clock starts: awareness, or when the duty it follows was fulfilled
        (the cyber final report runs a month from the incident notification)."""
        if self.typ.efter_id is None:
            return self.incident.upptackt
        for plikt in syskon if syskon is not None else self.incident.plikter.all():
            if plikt.typ_id == self.typ.efter_id:
                return plikt.utford
        return None

    def clean(self):
        super().clean()
        _en_frist(self)

    @property
    def har_frist(self) -> bool:
        return self.frist is not None or self.frist_manader is not None

    def deadline(self, syskon=None):
        """When the clock runs out: hours and days as a duration of absolute time (72 hours
        are 72 hours across a change to or from summer time), calendar months by the
        calendar (plus_kalendermanader). The one rule for every clock (LOPANDE_KLOCKA)."""
        if not self.har_frist:
            return None
        start = self.startpunkt(syskon)
        if start is None:
            return None
        if self.frist_manader is not None:
            return plus_kalendermanader(start, self.frist_manader)
        # In UTC: an aware datetime in local time adds a duration to the clock on the wall.
        return start.astimezone(datetime.UTC) + self.frist

    def ar_forsenad(self, syskon=None, now=None) -> bool:
        """The clock has run out without the report being made: its deadline has passed."""
        if self.utford:
            return False
        deadline = self.deadline(syskon)
        return deadline is not None and deadline < (now or timezone.now())


class Atkomstlogg(models.Model):
    """Who opened a skyddad incident, exported personal data or took a register extract."""

    class Handling(models.TextChoices):
        VISNING = "visning", _("Öppnade")
        BILAGA = "bilaga", _("Hämtade bilaga")
        PDF = "pdf", _("Skapade PDF")
        REGISTERUTDRAG = "registerutdrag", _("Registerutdrag")

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, null=True, blank=True, related_name="atkomster"
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    detalj = models.CharField(_("detalj"), max_length=200, blank=True)
    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("åtkomstlogg")
        verbose_name_plural = _("åtkomstloggar")
        ordering = ["-tidpunkt"]

    def __str__(self):
        return f"{self.anvandare_id} {self.get_handling_display()} {self.tidpunkt:%Y-%m-%d %H:%M}"


class Gallringslogg(models.Model):
    """Each removal of personal data: which incident, when, and what was removed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="gallringar")
    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    falt = models.CharField(_("gallrade fält"), max_length=300)
    bilagor = models.PositiveSmallIntegerField(_("borttagna bilagor"), default=0)

    class Meta:
        verbose_name = _("gallringslogg")
        verbose_name_plural = _("gallringsloggar")
        ordering = ["-tidpunkt"]

    def __str__(self):
        return f"{self.incident_id} {self.tidpunkt:%Y-%m-%d}"
