"""
Every write to risk analyses, risks and åtgärder. Keyword-only, full_clean() before save(),
PermissionDenied or ValidationError with Swedish messages.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import KONSEKVENSFALT, Atgard, Granskningskommentar, Risk, Riskanalys, Skala

S = Riskanalys.Status

# The assessment and text fields a risk form edits; also what a revision compares.
RISKFALT = [
    "titel",
    "beskrivning",
    "orsak",
    "omrade",
    "enhet",
    "sannolikhet",
    *KONSEKVENSFALT.values(),
    "rest_sannolikhet",
    "rest_konsekvens",
    "nasta_oversyn",
]
ANALYSFALT = [
    "titel",
    "typ",
    "enhet",
    "period_fran",
    "period_till",
    "metodbeskrivning",
    "diarienummer",
    "beslutsdatum",
    "beslutsparagraf",
]


def _las(analys: Riskanalys) -> Riskanalys:
    """Lock the analysis row and read its current status, so that an edit and a submission
    or approval at the same moment cannot both pass their checks."""
    analys.status = (
        Riskanalys.objects.select_for_update().values_list("status", flat=True).get(pk=analys.pk)
    )
    return analys


def _krav_redigera(user, analys: Riskanalys) -> None:
    _las(analys)
    if not analys.ar_redigerbar:
        raise PermissionDenied(
            _("Riskanalysen är %(status)s och kan inte ändras. Starta en ny revision i stället.")
            % {"status": analys.get_status_display().lower()}
        )
    if not selectors.kan_redigera(user, analys):
        raise PermissionDenied(_("Bara det ägande organet kan ändra riskanalysen."))


# --- Riskanalys ---


@transaction.atomic
def riskanalys_create(
    *,
    user,
    organ,
    titel: str,
    period_fran: datetime.date,
    period_till: datetime.date,
    omraden,
    typ: str = Riskanalys.Typ.RISKANALYS,
    enhet=None,
    metodbeskrivning: str = "",
    diarienummer: str = "",
    beslutsdatum: datetime.date | None = None,
    beslutsparagraf: str = "",
) -> Riskanalys:
    if organ.pk not in selectors.redigerbara_organ_ids(user):
        raise PermissionDenied(_("Du kan bara upprätta riskanalyser för ditt eget organ."))
    analys = Riskanalys(
        organ=organ,
        enhet=enhet,
        titel=titel,
        typ=typ,
        period_fran=period_fran,
        period_till=period_till,
        metodbeskrivning=metodbeskrivning,
        diarienummer=diarienummer,
        beslutsdatum=beslutsdatum,
        beslutsparagraf=beslutsparagraf,
        skala=Skala.aktuell(),
        skapad_av=user,
        rsa_steg=Riskanalys.RsaSteg.UTKAST if typ == Riskanalys.Typ.RSA else "",
    )
    _validera_analys(analys)
    analys.save()
    analys.omraden.set(omraden)
    return analys


def _validera_analys(analys: Riskanalys) -> None:
    analys.full_clean()
    if analys.period_till < analys.period_fran:
        raise ValidationError({"period_till": _("Perioden kan inte sluta innan den börjar.")})
    if analys.enhet_id and analys.enhet.organ_id != analys.organ_id:
        raise ValidationError({"enhet": _("Enheten hör inte till det ägande organet.")})
    if analys.beslutsdatum and analys.beslutsdatum > timezone.localdate():
        raise ValidationError({"beslutsdatum": _("Beslutsdatum kan inte ligga i framtiden.")})


@transaction.atomic
def riskanalys_update(*, user, riskanalys: Riskanalys, omraden=None, **falt) -> Riskanalys:
    _krav_redigera(user, riskanalys)
    for namn, varde in falt.items():
        if namn not in ANALYSFALT:
            raise ValueError(namn)
        setattr(riskanalys, namn, varde)
    _validera_analys(riskanalys)
    riskanalys.save()
    if omraden is not None:
        riskanalys.omraden.set(omraden)
    return riskanalys


def _agare(riskanalys: Riskanalys) -> set:
    """Who answers for an analysis: the owning body's nämndföreträdare and whoever
    submitted it."""
    from policy.models import Roll, User

    agare = set(
        User.objects.filter(
            is_active=True, groups__name=Roll.NAMNDFORETRADARE, enhet__organ_id=riskanalys.organ_id
        )
    )
    if riskanalys.inlamnad_av_id and riskanalys.inlamnad_av.is_active:
        agare.add(riskanalys.inlamnad_av)
    return agare


def _avisera(
    riskanalys: Riskanalys, *, mottagare, handelse: str, tid, rubrik: str, text: str, lank: str
) -> None:
    """A notice and an e-mail to each person, once per event: the key names the analysis,
    the event and its moment, so a second return or resubmission is a new event, and a
    repeated call is none."""
    from paminnelser.services import notis_create

    for user in mottagare:
        notis_create(
            mottagare=user,
            typ="riskanalys",
            nyckel=f"riskanalys-{handelse}:{riskanalys.pk}:{tid.isoformat()}",
            rubrik=rubrik,
            text=text,
            lank=lank,
        )


@transaction.atomic
def riskanalys_submit(*, user, riskanalys: Riskanalys) -> Riskanalys:
    _las(riskanalys)
    if not selectors.kan_lamna_in(user, riskanalys):
        raise PermissionDenied(
            _("Bara organets nämndföreträdare kan lämna in ett utkast eller en komplettering.")
        )
    if not riskanalys.risker.exists():
        raise ValidationError(_("Lägg till minst en risk innan analysen lämnas in."))
    komplettering = riskanalys.status == S.ATER
    riskanalys.status = S.INLAMNAD
    riskanalys.inlamnad = timezone.now()
    riskanalys.inlamnad_av = user
    riskanalys.save()
    if komplettering:
        from policy.models import Roll, User

        _avisera(
            riskanalys,
            mottagare=_agare(riskanalys),
            handelse="inlamnad",
            tid=riskanalys.inlamnad,
            rubrik=_("Riskanalysen ”%(titel)s” är inlämnad igen efter komplettering")
            % {"titel": riskanalys.titel},
            text=_("Säkerhetsavdelningen granskar den på nytt."),
            lank=riskanalys.get_absolute_url(),
        )
        granskare = User.objects.filter(
            is_active=True, groups__name__in=[Roll.SAKERHETSAVDELNING, Roll.SAKERHETSCHEF]
        ).distinct()
        _avisera(
            riskanalys,
            mottagare=granskare,
            handelse="komplettering",
            tid=riskanalys.inlamnad,
            rubrik=_("Komplettering att granska: riskanalysen ”%(titel)s” från %(organ)s")
            % {"titel": riskanalys.titel, "organ": riskanalys.organ.namn},
            text=_("Analysen är inlämnad igen efter att ha skickats tillbaka."),
            lank=reverse("risker:granska", args=[riskanalys.pk]),
        )
    return riskanalys


def _krav_granskare(user) -> None:
    if not selectors.kan_granska(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen granskar riskanalyser."))


@transaction.atomic
def riskanalys_start_review(*, user, riskanalys: Riskanalys) -> Riskanalys:
    _las(riskanalys)
    _krav_granskare(user)
    if riskanalys.status != S.INLAMNAD:
        raise ValidationError(_("Bara en inlämnad analys kan tas upp för granskning."))
    riskanalys.status = S.UNDER_GRANSKNING
    riskanalys.granskare = user
    riskanalys.save()
    return riskanalys


@transaction.atomic
def riskanalys_return(
    *, user, riskanalys: Riskanalys, kommentarer: dict[int, str], overgripande: str = ""
) -> Riskanalys:
    """Send back for completion with the reviewer's comments per risk (risk id → text)."""
    _las(riskanalys)
    _krav_granskare(user)
    if riskanalys.status not in (S.INLAMNAD, S.UNDER_GRANSKNING):
        raise ValidationError(_("Bara en inlämnad analys kan skickas tillbaka."))
    kommentarer = {int(k): v.strip() for k, v in kommentarer.items() if v and v.strip()}
    overgripande = overgripande.strip()
    if any("\x00" in text for text in [*kommentarer.values(), overgripande]):
        # No text needs it, and PostgreSQL cannot store it.
        raise ValidationError(_("En kommentar innehåller ett otillåtet tecken (NUL)."))
    if not kommentarer and not overgripande:
        raise ValidationError(_("Skriv minst en kommentar om vad som ska kompletteras."))
    risk_ids = set(riskanalys.risker.values_list("id", flat=True))
    if not set(kommentarer) <= risk_ids:
        raise ValidationError(_("En kommentar gäller en risk som inte finns i analysen."))
    nu = timezone.now()
    rader = [
        Granskningskommentar(
            riskanalys=riskanalys, risk_id=rid, text=text, forfattare=user, skapad=nu
        )
        for rid, text in kommentarer.items()
    ]
    if overgripande:
        rader.append(
            Granskningskommentar(
                riskanalys=riskanalys, text=overgripande, forfattare=user, skapad=nu
            )
        )
    for rad in rader:
        rad.full_clean()
        rad.save()
    riskanalys.status = S.ATER
    riskanalys.granskare = user
    riskanalys.senast_granskad = nu
    riskanalys.save()
    _avisera(
        riskanalys,
        mottagare=_agare(riskanalys),
        handelse="ater",
        tid=nu,
        rubrik=_("Riskanalysen ”%(titel)s” är skickad tillbaka för komplettering")
        % {"titel": riskanalys.titel},
        text=_(
            "Läs Säkerhetsavdelningens kommentarer, komplettera analysen och lämna in den igen."
        ),
        lank=riskanalys.get_absolute_url(),
    )
    return riskanalys


@transaction.atomic
def riskanalys_approve(*, user, riskanalys: Riskanalys) -> Riskanalys:
    _las(riskanalys)
    _krav_granskare(user)
    if riskanalys.status != S.UNDER_GRANSKNING:
        raise ValidationError(_("Påbörja granskningen innan analysen godkänns."))
    obehandlade = list(riskanalys.obehandlade_hoga_risker())
    if obehandlade:
        raise ValidationError(
            _(
                "Varje risk med nivå Hög eller Mycket hög ska ha en åtgärd eller en restrisk som "
                "organet har accepterat innan analysen kan godkännas. Det saknas för: %(risker)s."
            )
            % {"risker": "; ".join(r.titel for r in obehandlade)}
        )
    nu = timezone.now()
    riskanalys.status = S.GODKAND
    riskanalys.granskare = user
    riskanalys.godkand = nu
    riskanalys.godkand_av = user
    riskanalys.senast_granskad = nu
    riskanalys.save()
    _avisera(
        riskanalys,
        mottagare=_agare(riskanalys),
        handelse="godkand",
        tid=nu,
        rubrik=_("Riskanalysen ”%(titel)s” är godkänd") % {"titel": riskanalys.titel},
        text=_("Säkerhetsavdelningen har godkänt analysen. Följ upp åtgärderna."),
        lank=riskanalys.get_absolute_url(),
    )
    # The open åtgärder of the replaced version follow their risks into the approved revision,
    # so that reminders and follow-up continue on the risks that are now current.
    for risk in riskanalys.risker.filter(ursprung__isnull=False):
        Atgard.objects.filter(risk_id=risk.ursprung_id, status__in=Atgard.OPPNA).update(risk=risk)
    return riskanalys


@transaction.atomic
def riskanalys_new_revision(*, user, riskanalys: Riskanalys) -> Riskanalys:
    """Start a new draft from a copy of an approved analysis. Each copied risk starts as
    unchanged; editing marks it changed, and risks added to the draft are new."""
    _las(riskanalys)
    if riskanalys.status != S.GODKAND:
        raise ValidationError(_("En ny revision kan bara utgå från en godkänd analys."))
    if riskanalys.organ_id not in selectors.redigerbara_organ_ids(user):
        raise PermissionDenied(_("Bara det ägande organet kan revidera riskanalysen."))
    if riskanalys.revisioner.exclude(status=S.GODKAND).exists():
        raise ValidationError(_("Det finns redan en pågående revision av analysen."))
    gammal_pk = riskanalys.pk
    omraden = list(riskanalys.omraden.all())
    ny = Riskanalys.objects.get(pk=gammal_pk)
    ny.pk = None
    ny.id = None
    ny._state.adding = True
    ny.status = S.UTKAST
    ny.revision_av_id = gammal_pk
    ny.skapad = timezone.now()
    ny.skapad_av = user
    for falt in (
        "inlamnad",
        "inlamnad_av",
        "senast_granskad",
        "granskare",
        "godkand",
        "godkand_av",
    ):
        setattr(ny, falt, None)
    if ny.ar_rsa:
        ny.rsa_steg = Riskanalys.RsaSteg.UTKAST
    ny.save()
    ny.omraden.set(omraden)
    for risk in Risk.objects.filter(riskanalys_id=gammal_pk).prefetch_related("incidenter"):
        incidenter = list(risk.incidenter.all())
        ursprung = risk.pk
        risk.pk = None
        risk.id = None
        risk._state.adding = True
        risk.riskanalys = ny
        risk.ursprung_id = ursprung
        risk.andring = Risk.Andring.OFORANDRAD
        risk.skapad = timezone.now()
        risk.save()
        risk.incidenter.set(incidenter)
    return ny


@transaction.atomic
def riskanalys_set_rsa_steg(*, user, riskanalys: Riskanalys, steg: str) -> Riskanalys:
    """Record the RSA's political decision chain after approval, one step at a time."""
    ordning = list(Riskanalys.RsaSteg.values)
    if not riskanalys.ar_rsa or riskanalys.status != S.GODKAND:
        raise ValidationError(_("Beslutsgången gäller en godkänd risk- och sårbarhetsanalys."))
    if not (user.ar_sakerhetsfunktion or user.ar_kommunledning):
        raise PermissionDenied(
            _("Bara Säkerhetsavdelningen eller kommunledningen registrerar beslut.")
        )
    nuvarande = riskanalys.rsa_steg or Riskanalys.RsaSteg.UTKAST
    if steg not in ordning or ordning.index(steg) != ordning.index(nuvarande) + 1:
        raise ValidationError(_("Stegen i beslutsgången tas i tur och ordning."))
    riskanalys.rsa_steg = steg
    riskanalys.save()
    return riskanalys


# --- Risk ---


def _spara_risk(risk: Risk) -> Risk:
    risk.berakna()
    risk.full_clean()
    if risk.enhet_id and risk.enhet.organ_id != risk.organ_id:
        raise ValidationError({"enhet": _("Enheten hör inte till det ägande organet.")})
    if bool(risk.rest_sannolikhet) != bool(risk.rest_konsekvens):
        raise ValidationError(
            {
                "rest_konsekvens": _(
                    "Ange både sannolikhet och konsekvens för restrisken, eller ingen av dem."
                )
            }
        )
    risk.save()
    return risk


@transaction.atomic
def risk_create(*, user, riskanalys: Riskanalys, **falt) -> Risk:
    _krav_redigera(user, riskanalys)
    risk = Risk(riskanalys=riskanalys, organ_id=riskanalys.organ_id, skala_id=riskanalys.skala_id)
    for namn, varde in falt.items():
        if namn not in RISKFALT:
            raise ValueError(namn)
        setattr(risk, namn, varde)
    if riskanalys.revision_av_id:
        risk.andring = Risk.Andring.NY
    return _spara_risk(risk)


@transaction.atomic
def risk_update(*, user, risk: Risk, **falt) -> Risk:
    """Change a risk in a draft. A changed assessment voids an earlier acceptance, and in a
    revision the risk is marked changed or unchanged against the approved version."""
    _krav_redigera(user, risk.riskanalys)
    fore = risk.bedomningsnyckel()
    for namn, varde in falt.items():
        if namn not in RISKFALT:
            raise ValueError(namn)
        setattr(risk, namn, varde)
    if risk.bedomningsnyckel() != fore and risk.ar_accepterad:
        risk.accepterad = None
        risk.accepterad_av = None
        risk.acceptans_motivering = ""
    if risk.ursprung_id:
        original = Risk.objects.get(pk=risk.ursprung_id)
        lika = all(
            getattr(risk, f"{f}_id" if f in ("omrade", "enhet") else f)
            == getattr(original, f"{f}_id" if f in ("omrade", "enhet") else f)
            for f in RISKFALT
        )
        risk.andring = Risk.Andring.OFORANDRAD if lika else Risk.Andring.ANDRAD
    return _spara_risk(risk)


@transaction.atomic
def risk_delete(*, user, risk: Risk) -> None:
    _krav_redigera(user, risk.riskanalys)
    risk.delete()


@transaction.atomic
def risk_accept(*, user, risk: Risk, motivering: str) -> Risk:
    """The owning body formally accepts the residual risk of a risk it treats no further."""
    if not selectors.kan_acceptera(user, risk):
        raise PermissionDenied(
            _("Bara det ägande organets nämndföreträdare kan acceptera en risk.")
        )
    if not motivering.strip():
        raise ValidationError({"motivering": _("Skriv varför risken accepteras.")})
    risk.accepterad = timezone.now()
    risk.accepterad_av = user
    risk.acceptans_motivering = motivering.strip()
    risk.save()
    return risk


@transaction.atomic
def risk_link_incident(*, user, risk: Risk, incident) -> None:
    """Record that an incident realised the risk. The caller checks the incident side."""
    if not selectors.kan_folja_upp(user, risk.riskanalys):
        raise PermissionDenied(_("Du kan inte koppla incidenter till den här risken."))
    risk.incidenter.add(incident)


@transaction.atomic
def risk_unlink_incident(*, user, risk: Risk, incident) -> None:
    if not selectors.kan_folja_upp(user, risk.riskanalys):
        raise PermissionDenied(_("Du kan inte ta bort kopplingen till den här risken."))
    risk.incidenter.remove(incident)


# --- Atgard ---


def atgard_check_create(*, user, risk: Risk | None = None, incident=None) -> None:
    """Who may add an åtgärd, checked by atgard_create and asked by the pages before they
    show its form: to a risk, those who may follow it up; to an incident (one the user may
    see, from incidenter.selectors.get_incident_for_user), those who handle it."""
    if risk is not None and not selectors.kan_folja_upp(user, risk.riskanalys):
        raise PermissionDenied(_("Du kan inte lägga till åtgärder för den här risken."))
    if incident is not None:
        from incidenter.selectors import kan_hantera

        if not kan_hantera(user, incident):
            raise PermissionDenied(_("Bara den som hanterar incidenten kan göra detta."))


@transaction.atomic
def atgard_create(
    *,
    user,
    beskrivning: str,
    ansvarig,
    organ,
    forfallodatum: datetime.date,
    risk: Risk | None = None,
    incident=None,
    aktivitet=None,
) -> Atgard:
    """A treatment of a risk, an incident or what an activity found (atgard_check_create);
    for an activity the caller (verksamhet.services) has checked that side."""
    atgard_check_create(user=user, risk=risk, incident=incident)
    atgard = Atgard(
        beskrivning=beskrivning,
        ansvarig=ansvarig,
        organ=organ,
        forfallodatum=forfallodatum,
        risk=risk,
        incident=incident,
        aktivitet=aktivitet,
        skapad_av=user,
    )
    atgard.full_clean()
    atgard.save()
    return atgard


def kan_andra_atgard(user, atgard: Atgard) -> bool:
    """Who may change an åtgärd's status: whoever answers for it, the security function, and
    for a risk's åtgärd those who may follow the risk up. atgard_set_status enforces it; the
    pages ask it to show the status form."""
    if atgard.ansvarig_id == user.pk or user.ar_sakerhetsfunktion:
        return True
    if atgard.risk_id:
        return selectors.kan_folja_upp(user, atgard.risk.riskanalys)
    return False


@transaction.atomic
def atgard_set_status(*, user, atgard: Atgard, status: str) -> Atgard:
    if not kan_andra_atgard(user, atgard):
        raise PermissionDenied(_("Du kan inte ändra status på den här åtgärden."))
    if status not in Atgard.Status.values:
        raise ValidationError({"status": _("Okänd status.")})
    atgard.status = status
    atgard.klar_datum = timezone.localdate() if status == Atgard.Status.KLAR else None
    atgard.full_clean()
    atgard.save()
    return atgard
