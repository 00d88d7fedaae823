"""
Krisberedskap och civilt försvar: the mandate period and the documents the kommun must have
for it, the risk- och sårbarhetsanalys (RSA) with its content, the krisledningsnämnd's
activations with their staff log, and samverkan with other actors.

Legal basis: lag (2006:544) om kommuners och regioners åtgärder inför och vid extraordinära
händelser i fredstid och höjd beredskap (LEH); the RSA after MSBFS 2015:5 (Myndigheten för
samhällsskydd och beredskaps föreskrifter om kommuners risk- och sårbarhetsanalyser, since
1 January 2026 under Myndigheten för civilt försvar, MCF).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from policy.models import Organ


def rsa_frist_for(valar: int) -> datetime.date:
    """MSBFS 2015:5, 5 §: the RSA is reported to Länsstyrelsen by 31 October of the first
    calendar year after an ordinary election (after the 2026 election: 31 Oct 2027). The
    period stores the date, so an administrator can correct it if the rule changes."""
    return datetime.date(valar + 1, 10, 31)


class Mandatperiod(models.Model):
    """The four years after an ordinary election (valet 2026 → 2027–2030)."""

    valar = models.PositiveSmallIntegerField(_("valår"), unique=True)
    rsa_frist = models.DateField(
        _("RSA ska vara rapporterad senast"),
        blank=True,
        help_text=_("Räknas fram ur valåret (31 oktober året efter valet, MSBFS 2015:5)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandatperiod")
        verbose_name_plural = _("mandatperioder")
        ordering = ["-valar"]
        permissions = [
            (
                "hantera_krisberedskap",
                _("Får hantera krisberedskapens dokument, RSA och samverkan"),
            ),
            ("las_krisberedskap", _("Får läsa krisberedskapens dokument och RSA")),
        ]

    def __str__(self):
        return f"{self.forsta_ar}–{self.sista_ar}"

    def get_absolute_url(self):
        return reverse("krisberedskap:period", args=[self.pk])

    @property
    def forsta_ar(self) -> int:
        return self.valar + 1

    @property
    def sista_ar(self) -> int:
        return self.valar + 4

    def clean(self):
        if self.valar and not self.rsa_frist:
            self.rsa_frist = rsa_frist_for(self.valar)


class Perioddokument(models.Model):
    """A document the kommun must have for the period (LEH 2 kap.; MSBFS 2015:5)."""

    class Typ(models.TextChoices):
        STYRDOKUMENT = "styrdokument", _("Styrdokument för krisberedskap")
        RSA = "rsa", _("Risk- och sårbarhetsanalys")
        PLAN = "plan", _("Plan för hantering av extraordinära händelser")
        OVNINGSPLAN = "ovningsplan", _("Övnings- och utbildningsplan")
        REGLEMENTE = "reglemente", _("Krisledningsnämndens reglemente")
        CIVILT_FORSVAR = "civilt_forsvar", _("Planering för civilt försvar")

    class Status(models.TextChoices):
        EJ_PABORJAD = "ej_paborjad", _("Ej påbörjad")
        UNDER_ARBETE = "under_arbete", _("Under arbete")
        FASTSTALLD = "faststalld", _("Fastställd")

    period = models.ForeignKey(
        Mandatperiod, on_delete=models.CASCADE, related_name="dokument", verbose_name=_("period")
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    titel = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EJ_PABORJAD
    )
    # Some kommuner let KS adopt what others send to KF: the deciding body is data.
    beslutande_organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutande organ"),
    )
    paragraf = models.CharField(_("paragraf"), max_length=20, blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    forfallodatum = models.DateField(
        _("ska vara fastställd senast"), null=True, blank=True, db_index=True
    )
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig person"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dokument för mandatperioden")
        verbose_name_plural = _("dokument för mandatperioden")
        ordering = ["period", "typ", "titel"]

    def __str__(self):
        return self.titel

    def ar_forsenat(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return (
            self.status != self.Status.FASTSTALLD
            and self.forfallodatum is not None
            and self.forfallodatum < idag
        )


class Andring(models.TextChoices):
    """How a part of a copied RSA relates to the previous period's."""

    NY = "ny", _("Ny")
    ANDRAD = "andrad", _("Ändrad")
    OFORANDRAD = "oforandrad", _("Oförändrad")


class Rsa(models.Model):
    """The kommun's risk- och sårbarhetsanalys for one mandate period (LEH 2 kap. 1 §)."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        BEHANDLAD_KS = "behandlad_ks", _("Behandlad i kommunstyrelsen")
        FASTSTALLD_KF = "faststalld_kf", _("Fastställd av kommunfullmäktige")
        RAPPORTERAD = "rapporterad", _("Rapporterad till Länsstyrelsen")

    period = models.OneToOneField(
        Mandatperiod, on_delete=models.PROTECT, related_name="rsa", verbose_name=_("period")
    )
    titel = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    risker = models.ManyToManyField(
        "risker.Risk",
        blank=True,
        related_name="rsa",
        verbose_name=_("identifierade risker (ur riskregistret)"),
    )
    skickad = models.DateField(_("skickad till Länsstyrelsen"), null=True, blank=True)
    skickad_hur = models.CharField(_("hur den skickades"), max_length=200, blank=True)
    kopierad_fran = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kopior",
        verbose_name=_("kopierad från"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[risker])

    class Meta:
        verbose_name = _("risk- och sårbarhetsanalys")
        verbose_name_plural = _("risk- och sårbarhetsanalyser")
        ordering = ["-period__valar"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("krisberedskap:rsa", args=[self.pk])

    def dagar_kvar(self, idag=None) -> int:
        idag = idag or timezone.localdate()
        return (self.period.rsa_frist - idag).days


class RsaAvsnitt(models.Model):
    """One section of the RSA's report, in the outline of MSBFS 2015:5."""

    class Typ(models.TextChoices):
        BESKRIVNING = "beskrivning", _("Beskrivning av kommunen och det geografiska området")
        PROCESS = "process", _("Arbetsprocess och metod")
        SAMHALLSVIKTIG = "samhallsviktig", _("Samhällsviktig verksamhet")
        BEROENDEN = "beroenden", _("Kritiska beroenden")
        RISKER = "risker", _("Identifierade och analyserade risker")
        SARBARHETER = "sarbarheter", _("Sårbarheter och brister i krisberedskapen")
        ATGARDER = "atgarder", _("Åtgärdsbehov")

    ORDNING = list(Typ.values)

    rsa = models.ForeignKey(Rsa, on_delete=models.CASCADE, related_name="avsnitt")
    typ = models.CharField(_("avsnitt"), max_length=20, choices=Typ.choices)
    text = models.TextField(_("text"), blank=True)
    sekretess = models.BooleanField(
        _("omfattas av sekretess"),
        default=False,
        help_text=_("Sekretessmarkerade avsnitt utelämnas ur det öppna utdraget."),
    )
    sekretessgrund = models.CharField(
        _("sekretessgrund"),
        max_length=100,
        blank=True,
        help_text=_("Lagrum i offentlighets- och sekretesslagen (2009:400), t.ex. 18 kap. 13 §."),
    )
    andring = models.CharField(
        _("jämfört med förra perioden"), max_length=20, choices=Andring.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt i RSA")
        verbose_name_plural = _("avsnitt i RSA")
        constraints = [
            models.UniqueConstraint(fields=["rsa", "typ"], name="rsa_avsnitt_unikt"),
        ]

    def __str__(self):
        return self.get_typ_display()

    @property
    def nummer(self) -> int:
        return self.ORDNING.index(self.typ) + 1

    def clean(self):
        if self.sekretess and not self.sekretessgrund.strip():
            raise ValidationError(
                {"sekretessgrund": _("Ange lagrummet för sekretessen (OSL 2009:400).")}
            )


class Formaga(models.TextChoices):
    GOD = "god", _("God")
    VISS_BRIST = "viss_brist", _("Viss brist")
    BRISTFALLIG = "bristfallig", _("Bristfällig")


class SamhallsviktigVerksamhet(models.Model):
    """A samhällsviktig verksamhet in the geographic area, its owner and its förmåga."""

    class Agartyp(models.TextChoices):
        KOMMUNAL = "kommunal", _("Kommunal")
        ANNAN = "annan", _("Annan aktör")

    rsa = models.ForeignKey(Rsa, on_delete=models.CASCADE, related_name="verksamheter")
    namn = models.CharField(_("verksamhet"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    agartyp = models.CharField(_("ägare"), max_length=20, choices=Agartyp.choices)
    agare_organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig nämnd eller bolag"),
    )
    agare_annan = models.CharField(
        _("annan ägare"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Region Västmanland, ett elnätsföretag eller ett privat företag."),
    )
    formaga = models.CharField(
        _("bedömd förmåga"), max_length=20, choices=Formaga.choices, blank=True
    )
    formaga_text = models.TextField(_("motivering av förmågan"), blank=True)
    andring = models.CharField(
        _("jämfört med förra perioden"), max_length=20, choices=Andring.choices, blank=True
    )
    # Written by a nämnd or bolag in its contribution: part of the compiled RSA only once
    # Säkerhetsavdelningen has accepted the contribution (selectors.sammanstallda_verksamheter).
    bidrag = models.ForeignKey(
        "RsaBidrag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verksamheter",
        verbose_name=_("ur bidrag"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samhällsviktig verksamhet")
        verbose_name_plural = _("samhällsviktiga verksamheter")
        ordering = ["rsa", "namn"]

    def __str__(self):
        return self.namn

    @property
    def agare(self) -> str:
        if self.agartyp == self.Agartyp.KOMMUNAL and self.agare_organ_id:
            return str(self.agare_organ)
        return self.agare_annan

    def clean(self):
        if self.agartyp == self.Agartyp.KOMMUNAL and not self.agare_organ_id:
            raise ValidationError(
                {"agare_organ": _("Välj den nämnd eller det bolag som äger verksamheten.")}
            )
        if self.agartyp == self.Agartyp.ANNAN and not self.agare_annan.strip():
            raise ValidationError({"agare_annan": _("Ange vilken aktör som äger verksamheten.")})


class KritisktBeroende(models.Model):
    """What a samhällsviktig verksamhet cannot do without."""

    class Typ(models.TextChoices):
        EL = "el", _("El")
        VATTEN = "vatten", _("Vatten")
        VARME = "varme", _("Värme")
        DRIVMEDEL = "drivmedel", _("Drivmedel")
        IT_TELE = "it_tele", _("IT och telefoni")
        TRANSPORTER = "transporter", _("Transporter")
        PERSONAL = "personal", _("Personal")
        LIVSMEDEL = "livsmedel", _("Livsmedel")

    verksamhet = models.ForeignKey(
        SamhallsviktigVerksamhet, on_delete=models.CASCADE, related_name="beroenden"
    )
    typ = models.CharField(_("beroende av"), max_length=20, choices=Typ.choices)
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kritiskt beroende")
        verbose_name_plural = _("kritiska beroenden")
        ordering = ["verksamhet", "typ"]
        constraints = [
            models.UniqueConstraint(fields=["verksamhet", "typ"], name="beroende_unikt"),
        ]

    def __str__(self):
        return self.get_typ_display()


class RsaBidrag(models.Model):
    """A nämnd's or bolag's contribution to the RSA: Säkerhetsavdelningen asks for it with the
    parts it wants and a last day, the body writes and submits it, Säkerhetsavdelningen
    returns it with a comment or accepts it, and only then is it part of the compiled RSA
    (MSBFS 2015:5: the kommun's analysis builds on those of its verksamheter)."""

    class Status(models.TextChoices):
        BEGART = "begart", _("Begärt")
        INLAMNAT = "inlamnat", _("Inlämnat")
        ATER = "ater", _("Åter för komplettering")
        GODKANT = "godkant", _("Godkänt")

    # The body writes while these hold (and the RSA is still a draft).
    REDIGERBAR = (Status.BEGART, Status.ATER)
    # The bodies asked to contribute: KS (legally a nämnd too), the nämnder and the bolag.
    ORGANTYPER = (Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG)

    rsa = models.ForeignKey(Rsa, on_delete=models.CASCADE, related_name="bidrag")
    organ = models.ForeignKey(
        "policy.Organ",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nämnd eller bolag"),
    )
    med_verksamheter = models.BooleanField(
        _("samhällsviktig verksamhet med förmåga och kritiska beroenden"), default=True
    )
    med_risker = models.BooleanField(_("risker ur egna riskanalyser i riskregistret"), default=True)
    uppdrag = models.TextField(_("vad Säkerhetsavdelningen ber om"), blank=True)
    sista_dag = models.DateField(_("sista dag"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BEGART, db_index=True
    )
    begart = models.DateTimeField(_("begärt"), default=timezone.now)
    begart_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("begärt av"),
    )
    inlamnat = models.DateTimeField(_("inlämnat"), null=True, blank=True)
    inlamnat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnat av"),
    )
    granskat = models.DateTimeField(_("granskat"), null=True, blank=True)
    granskat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskat av"),
    )
    kommentar = models.TextField(_("Säkerhetsavdelningens kommentar"), blank=True)
    antal_returer = models.PositiveSmallIntegerField(_("antal returer"), default=0)
    risker = models.ManyToManyField(
        "risker.Risk",
        blank=True,
        related_name="rsa_bidrag",
        verbose_name=_("risker ur egna riskanalyser"),
    )
    # The compiled verksamheter of the body that were copied into the contribution when it
    # was asked for: the accepted contribution takes their place.
    ersatter = models.ManyToManyField(
        SamhallsviktigVerksamhet, blank=True, related_name="+", verbose_name=_("ersätter")
    )
    history = HistoricalRecords(m2m_fields=[risker])

    class Meta:
        verbose_name = _("bidrag till RSA")
        verbose_name_plural = _("bidrag till RSA")
        ordering = ["rsa", "organ__namn"]
        permissions = [
            ("bidra_rsa", _("Får skriva sitt organs bidrag till RSA")),
            ("lamna_in_rsa_bidrag", _("Får lämna in sitt organs bidrag till RSA")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["rsa", "organ"], name="rsa_bidrag_ett_per_organ"),
        ]

    def __str__(self):
        return f"{self.organ}: {self.rsa}"

    def get_absolute_url(self):
        return reverse("krisberedskap:bidrag", args=[self.pk])

    @property
    def ar_redigerbar(self) -> bool:
        return self.status in self.REDIGERBAR and self.rsa.status == Rsa.Status.UTKAST

    def delar(self) -> list[str]:
        """The parts asked for, in words (the overview's column)."""
        delar = []
        if self.med_verksamheter:
            delar.append(_("samhällsviktig verksamhet"))
        if self.med_risker:
            delar.append(_("risker"))
        delar += [
            _("text till avsnitt %(nummer)s") % {"nummer": t.nummer}
            for t in sorted(self.texter.all(), key=lambda t: t.nummer)
        ]
        return delar

    def ar_sent(self, idag=None) -> bool:
        """Still with the body after its last day."""
        idag = idag or timezone.localdate()
        return self.status in self.REDIGERBAR and self.sista_dag < idag


class RsaBidragText(models.Model):
    """The body's text to one section of the RSA, shown under the section once accepted
    (and left out of the open extract with the section when it is marked secret)."""

    bidrag = models.ForeignKey(RsaBidrag, on_delete=models.CASCADE, related_name="texter")
    typ = models.CharField(_("avsnitt"), max_length=20, choices=RsaAvsnitt.Typ.choices)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("text i bidrag till RSA")
        verbose_name_plural = _("texter i bidrag till RSA")
        constraints = [
            models.UniqueConstraint(fields=["bidrag", "typ"], name="rsa_bidrag_text_unik"),
        ]

    def __str__(self):
        return self.get_typ_display()

    @property
    def nummer(self) -> int:
        return RsaAvsnitt.ORDNING.index(self.typ) + 1


# --- The krisledningsnämnd ---------------------------------------------------------------


class Beslutsfattare(models.TextChoices):
    ORDFORANDE = "ordforande", _("Ordförande")
    VICE_ORDFORANDE = "vice_ordforande", _("Vice ordförande")
    NAMNDEN = "namnden", _("Krisledningsnämnden")


class Aktivering(models.Model):
    """The krisledningsnämnd activated: its chair (or the vice chair) found that an
    extraordinary event is at hand (LEH 2 kap.)."""

    titel = models.CharField(_("händelse"), max_length=200)
    beslutad_av = models.CharField(
        _("beslutad av"),
        max_length=20,
        choices=[c for c in Beslutsfattare.choices if c[0] != Beslutsfattare.NAMNDEN],
    )
    beslutad_av_namn = models.CharField(_("namn på den som beslutade"), max_length=200)
    beslutad = models.DateTimeField(_("beslutad"), db_index=True)
    skal = models.TextField(_("skäl"))
    skyddad = models.BooleanField(
        _("skyddad"),
        default=False,
        help_text=_("Bara deltagarna och säkerhetschefen ser en skyddad aktivering."),
    )
    avslutad = models.DateTimeField(_("avslutad"), null=True, blank=True, db_index=True)
    avslutad_av_namn = models.CharField(_("avslutad av"), max_length=200, blank=True)
    avslutning_skal = models.TextField(_("skäl för avslutning"), blank=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivering av krisledningsnämnden")
        verbose_name_plural = _("aktiveringar av krisledningsnämnden")
        ordering = ["-beslutad"]
        permissions = [
            ("ledamot_aktivering", _("Ledamot i krisledningsnämnden vid aktiveringen")),
            ("stab_aktivering", _("Ingår i krisledningsstaben vid aktiveringen")),
            ("view_skyddad_aktivering", _("Får se skyddade aktiveringar")),
            ("view_avslutad_aktivering", _("Får läsa avslutade aktiveringars logg")),
        ]

    def __str__(self):
        return f"{self.titel} ({self.beslutad:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("krisberedskap:aktivering", args=[self.pk])

    @property
    def ar_pagaende(self) -> bool:
        return self.avslutad is None


class AktiveringUserObjectPermission(UserObjectPermissionBase):
    """Members and staff per activation as a real foreign key (as incidents have), so the
    access selector joins instead of casting guardian's text object ids."""

    content_object = models.ForeignKey(Aktivering, on_delete=models.CASCADE)


class AktiveringGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Aktivering, on_delete=models.CASCADE)


class AppendOnlyQuerySet(models.QuerySet):
    """The staff log is never changed in bulk either."""

    def update(self, **kwargs):
        raise ValidationError(_("Stabsloggen kan inte ändras."))

    def delete(self):
        raise ValidationError(_("Stabsloggen kan inte raderas."))


class Loggpost(models.Model):
    """One entry of the staff log (stabsloggbok). Append-only: an entry is never changed
    or removed; a correction is a new entry pointing at the one it corrects. The guards in
    save() and delete() are the last line behind the services, which only ever create."""

    aktivering = models.ForeignKey(Aktivering, on_delete=models.PROTECT, related_name="logg")
    text = models.TextField(_("loggpost"), max_length=4000)
    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    forfattare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    rattar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rattelser",
        verbose_name=_("rättar loggpost"),
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("loggpost")
        verbose_name_plural = _("stabslogg")
        ordering = ["tidpunkt", "pk"]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise ValidationError(_("En loggpost kan inte ändras. Skriv en rättelse i stället."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("En loggpost kan inte raderas. Skriv en rättelse i stället."))


class Beslut(models.Model):
    """A decision of the krisledningsnämnd or, in haste, of its chair (ordförandebeslut,
    reported at the nämnd's next meeting)."""

    aktivering = models.ForeignKey(Aktivering, on_delete=models.PROTECT, related_name="beslut")
    tidpunkt = models.DateTimeField(_("tidpunkt"))
    beslutsfattare = models.CharField(
        _("beslutat av"), max_length=20, choices=Beslutsfattare.choices
    )
    beslutsfattare_namn = models.CharField(_("namn"), max_length=200, blank=True)
    text = models.TextField(_("beslut"))
    ordforandebeslut = models.BooleanField(
        _("ordförandebeslut som ska anmälas vid nästa sammanträde"), default=False
    )
    anmalt = models.DateField(_("anmält vid sammanträde"), null=True, blank=True)
    registrerat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrerat = models.DateTimeField(_("registrerat"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["tidpunkt", "pk"]

    def __str__(self):
        return self.text[:80]


class Overtagande(models.Model):
    """A task the krisledningsnämnd took over from another nämnd (LEH 2 kap.), and when
    it was handed back."""

    aktivering = models.ForeignKey(
        Aktivering, on_delete=models.PROTECT, related_name="overtaganden"
    )
    organ = models.ForeignKey(
        "policy.Organ", on_delete=models.PROTECT, related_name="+", verbose_name=_("från nämnd")
    )
    uppgift = models.TextField(_("verksamhetsområde eller uppgift"))
    overtagen = models.DateTimeField(_("övertagen"))
    aterlamnad = models.DateTimeField(_("återlämnad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("övertagen uppgift")
        verbose_name_plural = _("övertagna uppgifter")
        ordering = ["overtagen", "pk"]

    def __str__(self):
        return f"{self.organ}: {self.uppgift[:60]}"


# --- Samverkan ---------------------------------------------------------------------------


class Partner(models.Model):
    """An actor the kommun works with for krisberedskap and civilt försvar."""

    class Typ(models.TextChoices):
        LANSSTYRELSEN = "lansstyrelsen", _("Länsstyrelsen")
        RADDNINGSTJANST = "raddningstjanst", _("Räddningstjänst")
        POLISEN = "polisen", _("Polisen")
        REGION = "region", _("Region")
        BOLAG = "bolag", _("Kommunalt bolag")
        FRIVILLIG = "frivillig", _("Frivillig försvarsorganisation")
        GRANNKOMMUN = "grannkommun", _("Grannkommun")
        ANNAN = "annan", _("Annan aktör")

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    kontakter = models.TextField(
        _("kontaktpersoner"), blank=True, help_text=_("Namn, funktion, telefon och e-post.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkanspart")
        verbose_name_plural = _("samverkansparter")
        ordering = ["namn"]

    def __str__(self):
        return self.namn


class Avtal(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="avtal")
    titel = models.CharField(_("avtal"), max_length=200)
    giltigt_fran = models.DateField(_("giltigt från"))
    giltigt_till = models.DateField(_("giltigt till"), null=True, blank=True, db_index=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkansavtal")
        verbose_name_plural = _("samverkansavtal")
        ordering = ["giltigt_till", "titel"]

    def __str__(self):
        return self.titel


class Samverkansaktivitet(models.Model):
    class Typ(models.TextChoices):
        MOTE = "mote", _("Samverkansmöte")
        OVNING = "ovning", _("Övning")
        UTBILDNING = "utbildning", _("Utbildning")
        SKARPT = "skarpt", _("Samverkan vid händelse")

    titel = models.CharField(_("aktivitet"), max_length=200)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    datum = models.DateField(_("datum"), db_index=True)
    parter = models.ManyToManyField(Partner, related_name="aktiviteter", verbose_name=_("parter"))
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords(m2m_fields=[parter])

    class Meta:
        verbose_name = _("samverkansaktivitet")
        verbose_name_plural = _("samverkansaktiviteter")
        ordering = ["-datum"]

    def __str__(self):
        return self.titel
