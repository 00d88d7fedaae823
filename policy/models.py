"""
The organisation (kommunkoncernen, its bodies and units, its people) and the security
policy as versioned data: sections, goals, the ten security areas and who answers for what.
"""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Roll(models.TextChoices):
    """The roles of the system. Each is a Django group of the same name (see roles.py)."""

    MEDARBETARE = "medarbetare", _("Medarbetare")
    CHEF = "chef", _("Chef")
    NAMNDFORETRADARE = "namndforetradare", _("Nämndföreträdare")
    SAKERHETSAVDELNING = "sakerhetsavdelning", _("Säkerhetsavdelningen")
    SAKERHETSCHEF = "sakerhetschef", _("Säkerhetschef")
    KOMMUNLEDNING = "kommunledning", _("Kommunledning (KS)")
    EXTERN_PART = "extern_part", _("Extern part")
    SYSTEMADMINISTRATOR = "systemadministrator", _("Systemadministratör")
    DATASKYDDSOMBUD = "dataskyddsombud", _("Dataskyddsombud")


class Organ(models.Model):
    """A body of the kommunkoncern: KF, KS, a nämnd, a bolag, VMKF, Säkerhetsavdelningen."""

    class Typ(models.TextChoices):
        KF = "kf", _("Kommunfullmäktige")
        KS = "ks", _("Kommunstyrelsen")
        NAMND = "namnd", _("Nämnd")
        SAKERHETSAVDELNING = "sakerhetsavdelning", _("Säkerhetsavdelningen")
        KOMMUNALFORBUND = "kommunalforbund", _("Kommunalförbund")
        BOLAG = "bolag", _("Kommunalt bolag")

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    kortnamn = models.CharField(_("kortnamn"), max_length=40, blank=True)
    slug = models.SlugField(_("kortadress"), max_length=80, unique=True)
    typ = models.CharField(_("typ"), max_length=30, choices=Typ.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["namn"]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("policy:vart_ansvar", args=[self.slug])

    @property
    def har_eget_verksamhetsansvar(self) -> bool:
        """The policy: "Varje nämnd och styrelse ansvarar för säkerheten inom respektive
        verksamhetsområde". KS is a styrelse, and so is every bolag's board."""
        return self.typ in (self.Typ.KS, self.Typ.NAMND, self.Typ.BOLAG)


class Enhet(models.Model):
    """A förvaltning or unit under a body. Users, incidents and risks belong to a unit."""

    class Typ(models.TextChoices):
        FORVALTNING = "forvaltning", _("Förvaltning")
        ENHET = "enhet", _("Enhet")

    namn = models.CharField(_("namn"), max_length=200)
    organ = models.ForeignKey(
        Organ, on_delete=models.PROTECT, related_name="enheter", verbose_name=_("organ")
    )
    overordnad = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="underenheter",
        verbose_name=_("överordnad enhet"),
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices, default=Typ.ENHET)
    chefer = models.ManyToManyField(
        "policy.User", blank=True, related_name="ledda_enheter", verbose_name=_("chefer")
    )
    history = HistoricalRecords(m2m_fields=[chefer])

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organ__namn", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "namn"], name="enhet_unik_per_organ"),
        ]

    def __str__(self):
        return f"{self.namn} ({self.organ.kortnamn or self.organ.namn})"


class User(AbstractUser):
    """A person who logs in. Every user belongs to a unit, and through it to a body."""

    enhet = models.ForeignKey(
        Enhet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medarbetare",
        verbose_name=_("enhet"),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("För externa parter: företaget eller uppdragsgivaren."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def behorighet(self) -> dict[str, frozenset[str]]:
        """Permissions, roles and led units, read together once per request: every page
        asks for all three (policy/behorighet.py)."""
        from .behorighet import behorighet

        return behorighet(self)

    def behorighet_andrad(self) -> None:
        """Forget what was read of roles, units and permissions: the next question reads
        them anew (after a change during the request, such as roles from the login)."""
        for namn in (
            "behorighet",
            "roller",
            "ledda_enhet_ids",
            "foretradda_organ_ids",
            "egen_organ_id",
            "_perm_cache",
        ):
            self.__dict__.pop(namn, None)

    @cached_property
    def roller(self) -> frozenset[str]:
        """The names of the user's role groups, read once per request."""
        if not self.is_authenticated:
            return frozenset()
        return self.behorighet["roll"]

    def har_roll(self, *roller: str) -> bool:
        return bool(self.roller.intersection(roller))

    @property
    def ar_sakerhetsfunktion(self) -> bool:
        """Säkerhetsavdelningen or the säkerhetschef: triage, review, all non-skyddade."""
        return self.har_roll(Roll.SAKERHETSAVDELNING, Roll.SAKERHETSCHEF)

    @property
    def ar_sakerhetschef(self) -> bool:
        return self.har_roll(Roll.SAKERHETSCHEF)

    @property
    def ar_kommunledning(self) -> bool:
        return self.har_roll(Roll.KOMMUNLEDNING)

    @property
    def ar_extern(self) -> bool:
        return self.har_roll(Roll.EXTERN_PART)

    @property
    def organ(self):
        return self.enhet.organ if self.enhet_id else None

    @cached_property
    def ledda_enhet_ids(self) -> frozenset[int]:
        """The units this user is chef of (read once per request)."""
        return frozenset(int(pk) for pk in self.behorighet["chef"])

    @cached_property
    def foretradda_organ_ids(self) -> frozenset[int]:
        """The bodies whose responsibilities, risks and statistics this user represents."""
        if self.har_roll(Roll.NAMNDFORETRADARE) and self.egen_organ_id:
            return frozenset([self.egen_organ_id])
        return frozenset()

    @cached_property
    def egen_organ_id(self) -> int | None:
        """The body of the user's own unit, read with their permissions (no query of its
        own, as `user.enhet.organ_id` would be)."""
        if not self.enhet_id:
            return None
        return next((int(pk) for pk in self.behorighet["organ"]), None)


class Omrade(models.Model):
    """One of the policy's security areas. Its identity is stable across policy versions;
    how a version lists and defines it lives in OmradesText."""

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    namn = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortadress"), max_length=60, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("säkerhetsområde")
        verbose_name_plural = _("säkerhetsområden")
        ordering = ["nummer"]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("policy:omrade", args=[self.slug])


class PolicyVersionQuerySet(models.QuerySet):
    def gallande(self):
        return self.filter(status=PolicyVersion.Status.FASTSTALLD)


class PolicyVersion(models.Model):
    """One version of the security policy: a draft, the one in force, or a repealed one."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        FASTSTALLD = "faststalld", _("Fastställd")
        UPPHAVD = "upphavd", _("Upphävd")

    class Andringstyp(models.TextChoices):
        VASENTLIG = "vasentlig", _("Ändring i sak (beslutas av kommunfullmäktige)")
        ADMINISTRATIV = (
            "administrativ",
            _("Ändring av administrativ karaktär (kan beslutas av kommunstyrelsen)"),
        )

    titel = models.CharField(_("titel"), max_length=200)
    versionsnummer = models.PositiveIntegerField(_("version"), unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST
    )
    andringstyp = models.CharField(
        _("typ av ändring"), max_length=20, choices=Andringstyp.choices, blank=True
    )
    andringsbeskrivning = models.TextField(_("vad ändras och varför"), blank=True)
    baserad_pa = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisioner",
        verbose_name=_("baserad på version"),
    )
    beslutad_av = models.ForeignKey(
        Organ,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policybeslut",
        verbose_name=_("beslutad av"),
    )
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    paragraf = models.CharField(_("paragraf"), max_length=20, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    skapad_av = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policyversion")
        verbose_name_plural = _("policyversioner")
        ordering = ["-versionsnummer"]
        permissions = [
            ("draft_policyversion", _("Får ta fram förslag till ny policyversion")),
            ("record_policydecision", _("Får registrera beslut om policyn")),
        ]
        constraints = [
            # At most one version is in force; adopting a new one must repeal the old first.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="faststalld"),
                name="hogst_en_faststalld_policyversion",
            ),
        ]

    def __str__(self):
        return f"{self.titel}, version {self.versionsnummer}"

    def get_absolute_url(self):
        return reverse("policy:version", args=[self.versionsnummer])


class Avsnitt(models.Model):
    """A section of a policy version, in the order of the adopted text."""

    class Typ(models.TextChoices):
        SYFTE = "syfte", _("Syfte")
        MAL = "mal", _("Mål")
        DEFINITIONER = "definitioner", _("Definitioner och avgränsningar")
        ANSVAR = "ansvar", _("Ansvar och uppföljning")
        KOPPLING = "koppling", _("Koppling till lagstiftning och andra styrdokument")
        REVIDERING = "revidering", _("Revidering")

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="avsnitt", verbose_name=_("version")
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    rubrik = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["version", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["version", "typ"], name="avsnitt_unikt_per_version"),
        ]

    def __str__(self):
        return self.rubrik

    @property
    def stycken(self) -> list[str]:
        """The section's paragraphs (separated by a blank line)."""
        return [s.strip() for s in self.text.split("\n\n") if s.strip()]


class Mal(models.Model):
    """One of the policy's goals (Mål)."""

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="mal", verbose_name=_("version")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["version", "ordning"]

    def __str__(self):
        return self.text[:80]


class OmradesText(models.Model):
    """How one policy version lists and defines a security area. The adopted text lists
    "El säkerhet" without defining it, and defines "Personsäkerhet" under the heading
    "Personskydd": both are kept as written, so the system can show the flaws."""

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="omraden", verbose_name=_("version")
    )
    omrade = models.ForeignKey(
        Omrade, on_delete=models.PROTECT, related_name="texter", verbose_name=_("område")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    listnamn = models.CharField(_("namn i områdeslistan"), max_length=100)
    rubrik = models.CharField(_("rubrik för definitionen"), max_length=100, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("områdestext")
        verbose_name_plural = _("områdestexter")
        ordering = ["version", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "omrade"], name="omrade_en_gang_per_version"
            ),
        ]

    def __str__(self):
        return self.listnamn

    @property
    def saknar_definition(self) -> bool:
        return not self.definition.strip()

    @property
    def rubrik_avviker(self) -> bool:
        """The definition stands under another heading than the name in the area list."""
        return bool(self.rubrik) and self.rubrik.strip() != self.listnamn.strip()


class Ansvar(models.Model):
    """A responsibility the policy gives to a kind of body."""

    class Galler(models.TextChoices):
        KF = "kf", _("Kommunfullmäktige")
        KS = "ks", _("Kommunstyrelsen")
        NAMND_OCH_STYRELSE = "namnd_och_styrelse", _("Varje nämnd och styrelse")
        SAKERHETSAVDELNINGEN = "sakerhetsavdelningen", _("Säkerhetsavdelningen")

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="ansvar", verbose_name=_("version")
    )
    galler = models.CharField(_("gäller"), max_length=30, choices=Galler.choices)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["version", "ordning"]

    def __str__(self):
        return f"{self.get_galler_display()}: {self.text[:60]}"

    @classmethod
    def galler_for(cls, organ: Organ) -> list[str]:
        """Which of the policy's responsibility groups a body belongs to."""
        groups = []
        if organ.typ == Organ.Typ.KF:
            groups.append(cls.Galler.KF)
        if organ.typ == Organ.Typ.KS:
            groups.append(cls.Galler.KS)
        if organ.har_eget_verksamhetsansvar:
            groups.append(cls.Galler.NAMND_OCH_STYRELSE)
        if organ.typ == Organ.Typ.SAKERHETSAVDELNING:
            groups.append(cls.Galler.SAKERHETSAVDELNINGEN)
        return groups


class Styrdokument(models.Model):
    """An underlying governing document (riktlinje, anvisning, rutin) under an area."""

    class Typ(models.TextChoices):
        RIKTLINJE = "riktlinje", _("Riktlinje")
        ANVISNING = "anvisning", _("Anvisning")
        RUTIN = "rutin", _("Rutin")
        PLAN = "plan", _("Plan")

    titel = models.CharField(_("titel"), max_length=200)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    omrade = models.ForeignKey(
        Omrade, on_delete=models.PROTECT, related_name="styrdokument", verbose_name=_("område")
    )
    agare = models.ForeignKey(
        Organ, on_delete=models.PROTECT, related_name="styrdokument", verbose_name=_("ägare")
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    nasta_oversyn = models.DateField(_("nästa översyn"), db_index=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["omrade__nummer", "titel"]

    def __str__(self):
        return self.titel

    def oversyn_forsenad(self, idag=None) -> bool:
        idag = idag or timezone.localdate()
        return self.nasta_oversyn < idag
