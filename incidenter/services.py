"""
Every write to incidents. Keyword-only, full_clean() before save(), PermissionDenied or
ValidationError with Swedish messages. Views never change an incident any other way.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib import uploads

from . import selectors, signals
from .models import (
    Atkomstlogg,
    Bilaga,
    Handelse,
    Incident,
    Plikttyp,
    Rapporteringsplikt,
    Referensserie,
)

log = logging.getLogger(__name__)
S = Incident.Status

# The workflow: name -> (from statuses, to status, who may: "handler" or "triage").
OVERGANGAR = {
    "ta_emot": ((S.RAPPORTERAD,), S.MOTTAGEN, "handler"),
    "utred": ((S.MOTTAGEN,), S.UNDER_UTREDNING, "handler"),
    "atgarda": ((S.UNDER_UTREDNING,), S.ATGARDAD, "handler"),
    "avsluta": ((S.ATGARDAD,), S.AVSLUTAD, "handler"),
    "avvisa": ((S.RAPPORTERAD, S.MOTTAGEN, S.UNDER_UTREDNING), S.AVVISAD, "triage"),
    "ateroppna": ((S.AVSLUTAD, S.AVVISAD), S.UNDER_UTREDNING, "triage"),
}
# Lazy: read at import, shown in the language of each request.
OVERGANG_NAMN = {
    "ta_emot": gettext_lazy("Ta emot"),
    "utred": gettext_lazy("Starta utredning"),
    "atgarda": gettext_lazy("Markera som åtgärdad"),
    "avsluta": gettext_lazy("Avsluta"),
    "avvisa": gettext_lazy("Avvisa"),
    "ateroppna": gettext_lazy("Öppna igen"),
}

# What a säkerhetsskyddshändelse may carry: the event, when, a contact. Nothing else: no
# title, free text or file of the reporter's, whatever the page sent.
SAKERHETSSKYDD_FORBJUDNA = [
    "rubrik",
    "beskrivning",
    "plats",
    "omedelbara_atgarder",
    "inblandade_personer",
]

# The handler's findings that turn on reporting duties.
UTLOSARE = [
    "personuppgiftsincident",
    "personuppgiftsincident_hog_risk",
    "betydande_cyberincident",
    "allvarlig_arbetsmiljohandelse",
    "brott",
]


def _next_number(ar: int) -> int:
    """The next gap-free number of the year. The UPDATE takes the row lock (and on SQLite
    the database write lock) before reading, so concurrent submits queue here; a rolled-back
    submit rolls its number back with it."""
    if not Referensserie.objects.filter(ar=ar).update(senaste=F("senaste") + 1):
        Referensserie.objects.get_or_create(ar=ar)
        Referensserie.objects.filter(ar=ar).update(senaste=F("senaste") + 1)
    return Referensserie.objects.get(ar=ar).senaste


def referensserier_efter_aterstallning() -> dict[int, int]:
    """After a restore (or an import of incidents), move each year's series past the
    highest number in the data, so no reference number is given out twice. Returns the
    series moved, year -> last number."""
    from django.db.models import Max

    flyttade = {}
    with transaction.atomic():
        for rad in Incident.objects.values("ar").annotate(hogsta=Max("lopnummer")):
            serie, _skapad = Referensserie.objects.select_for_update().get_or_create(ar=rad["ar"])
            if serie.senaste < rad["hogsta"]:
                serie.senaste = rad["hogsta"]
                serie.save(update_fields=["senaste"])
                flyttade[rad["ar"]] = rad["hogsta"]
    return flyttade


def sakerhetsskydd_check(kategori, falt: dict, filer) -> None:
    """The rule of a säkerhetsskyddshändelse, in one place: no free text and no files.
    Classified information must never enter this system."""
    if kategori is None or not kategori.ar_sakerhetsskydd:
        return
    if filer or any((falt.get(namn) or "").strip() for namn in SAKERHETSSKYDD_FORBJUDNA):
        raise ValidationError(
            _(
                "En säkerhetsskyddshändelse rapporteras utan fritext och bilagor, bara med "
                "tidpunkt och kontaktperson: ring säkerhetsskyddschefen."
            )
        )


def incident_create(*, user, filer=(), **falt) -> Incident:
    """Save a report, its number and its attachments in one transaction, then notify the
    unit's chef and Säkerhetsavdelningen after commit. Nothing outside the database (broker,
    mail server, a full disk) can make the report fail: the notification catches up later,
    and an attachment the storage refuses is left out and named in
    `incident.ej_sparade_bilagor` (the reporter adds it later). Attachment files move into
    place when the report commits; a report that fails leaves no file behind."""
    with uploads.tillfalliga_filer():
        return _incident_create(user=user, filer=filer, **falt)


@transaction.atomic
def _incident_create(*, user, filer, **falt) -> Incident:
    if not user.has_perm("incidenter.add_incident"):
        raise PermissionDenied(_("Du har inte behörighet att rapportera incidenter."))
    kategori = falt.get("kategori")
    sakerhetsskydd_check(kategori, falt, filer)
    for fil in filer:
        uploads.validate(fil)
    nu = timezone.now()
    # Awareness defaults to the report; a phone's clock a little ahead of the server's
    # never puts it after the report.
    upptackt = min(falt.pop("upptackt", None) or nu, nu)
    incident = Incident(rapportor=user, rapporterad=nu, upptackt=upptackt, **falt)
    if kategori is not None:
        incident.omrade = kategori.omrade
        if kategori.ar_sakerhetsskydd:
            # Routed to the säkerhetsskyddschef only: nobody else sees it.
            incident.konfidentialitet = Incident.Konfidentialitet.SKYDDAD
            incident.rubrik = _("Säkerhetsskyddshändelse")
    ar = timezone.localtime(nu).year
    incident.ar = ar
    incident.lopnummer = _next_number(ar)
    incident.referens = f"INC-{ar}-{incident.lopnummer:04d}"
    incident.full_clean()
    incident.save()
    incident.ej_sparade_bilagor = []
    for fil in filer:
        try:
            bilaga_add(incident=incident, user=user, fil=fil, check=False)
        except OSError:
            log.exception("Bilagan till %s kunde inte lagras", incident.referens)
            incident.ej_sparade_bilagor.append(uploads.safe_name(fil.name))
    if incident.ar_sakerhetsskydd:
        _ensure_duties(incident, {"sakerhetsskydd"})
    Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.STATUS,
        till_status=S.RAPPORTERAD,
        anvandare=user,
        tidpunkt=nu,
    )
    from .tasks import send_incident_notify

    transaction.on_commit(lambda: send_incident_notify(incident.pk))
    return incident


def bilaga_add(*, incident: Incident, user, fil, check: bool = True) -> Bilaga:
    """Attach a file. The file is written under a temporary name now and moved into place
    when the row commits (lib.uploads); a storage error raises OSError and
    leaves neither a row nor a file."""
    if check and not selectors.can_add_attachment(user, incident):
        raise PermissionDenied(_("Du kan inte lägga till bilagor till den här incidenten."))
    typ = uploads.validate(fil)
    with uploads.tillfalliga_filer(), transaction.atomic():
        bilaga = Bilaga(
            incident=incident,
            filnamn=uploads.safe_name(fil.name),
            innehallstyp=typ,
            storlek=fil.size,
            uppladdad_av=user,
        )
        falt = Bilaga._meta.get_field("fil")
        # Raises OSError (nothing written) when the storage is full or unreachable.
        bilaga.fil = uploads.lagra_efter_commit(
            falt.storage, falt.generate_filename(bilaga, fil.name), fil
        )
        bilaga.save()
    return bilaga


def incident_notify_reported(incident: Incident) -> int:
    """Tell the unit's chef(s) and Säkerhetsavdelningen, in the app and by e-mail. A skyddad
    incident (and a säkerhetsskyddshändelse) goes to the säkerhetschef only. Idempotent."""
    from django.utils.translation import gettext_noop

    from paminnelser.services import notis_create
    from paminnelser.texter import Text

    mottagare = set(selectors.sakerhetsfunktion(skyddad=incident.ar_skyddad))
    if not incident.ar_skyddad:
        mottagare |= set(incident.enhet.chefer.filter(is_active=True))
    mottagare.discard(incident.rapportor)
    # Never the incident's title or text: the notice points at the incident, which shows
    # its title when read to whoever may see it then (it may become skyddad), and the
    # e-mail carries only the reference and the link.
    rubrik = Text(
        gettext_noop("PRIORITERAD: någon är skadad eller i fara. Ny incident %(ref)s")
        if incident.ar_prioriterad
        else gettext_noop("Ny incident %(ref)s"),
        ref=incident.referens,
    )
    skickade = 0
    for user in mottagare:
        notis = notis_create(
            mottagare=user,
            typ="incident",
            nyckel=f"incident-rapporterad:{incident.pk}",
            rubrik=rubrik,
            lank=incident.get_absolute_url(),
            text=Text(gettext_noop("Rapporterad av enheten %(enhet)s."), enhet=incident.enhet),
            incident=incident,
        )
        skickade += notis is not None
    Incident.objects.filter(pk=incident.pk, notifierad__isnull=True).update(
        notifierad=timezone.now()
    )
    return skickade


def _far(user, incident: Incident, vem: str) -> bool:
    """`vem` is who owns an action: "triage" (Säkerhetsavdelningen) or "handler"."""
    if vem == "triage":
        return selectors.can_triage(user, incident)
    return selectors.kan_hantera(user, incident)


def _krav(user, incident: Incident, vem: str) -> None:
    if not _far(user, incident, vem):
        raise PermissionDenied(_("Du har inte behörighet att göra detta med incidenten."))


def _las(incident: Incident) -> Incident:
    """Re-read the status under a row lock, so two handlers cannot both move the incident."""
    incident.status = (
        Incident.objects.select_for_update().values_list("status", flat=True).get(pk=incident.pk)
    )
    return incident


@transaction.atomic
def incident_transition(*, user, incident: Incident, overgang: str, text: str = "") -> Incident:
    if overgang not in OVERGANGAR:
        raise ValidationError(_("Okänd statusändring."))
    fran, till, vem = OVERGANGAR[overgang]
    _krav(user, incident, vem)
    _las(incident)
    if incident.status not in fran:
        raise ValidationError(
            _("Incidenten är %(status)s och kan inte ändras så.")
            % {"status": incident.get_status_display().lower()}
        )
    text = text.strip()
    if overgang == "avvisa":
        if not text:
            raise ValidationError(_("Skriv varför incidenten avvisas."))
        incident.avvisningsorsak = text
    gammal = incident.status
    incident.status = till
    if overgang == "ta_emot" and incident.handlaggare_id is None:
        incident.handlaggare = user
    incident.full_clean()
    incident.save()
    Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.STATUS,
        fran_status=gammal,
        till_status=till,
        text=text,
        anvandare=user,
    )
    return incident


def tillatna_overgangar(user, incident: Incident) -> list[tuple[str, str]]:
    return [
        (namn, OVERGANG_NAMN[namn])
        for namn, (fran, _till, vem) in OVERGANGAR.items()
        if incident.status in fran and _far(user, incident, vem)
    ]


@transaction.atomic
def incident_comment(*, user, incident: Incident, text: str) -> Handelse:
    _krav(user, incident, "handler")
    text = text.strip()
    if not text:
        raise ValidationError(_("Skriv en kommentar."))
    return Handelse.objects.create(
        incident=incident, typ=Handelse.Typ.KOMMENTAR, text=text, anvandare=user
    )


@transaction.atomic
def incident_investigate(*, user, incident: Incident, orsak: str, lardomar: str) -> Incident:
    """Cause and lessons learned: the handler's write-up."""
    _krav(user, incident, "handler")
    incident.orsak = orsak
    incident.lardomar = lardomar
    incident.full_clean()
    incident.save()
    return incident


TRIAGEFALT = [
    "omrade",
    "kategori",
    "allvarlighet",
    "handlaggare",
    "upptackt",
    "konfidentialitet",
    "diarienummer",
    "sekretess",
    "personskada_eller_fara",
    "arbetsmiljo_lank",
    "gallringsstopp",
    *UTLOSARE,
]


@transaction.atomic
def incident_triage(*, user, incident: Incident, **falt) -> Incident:
    """Reclassify, assign, set severity, awareness time, confidentiality, records data and
    what the incident is (which turns on the reporting duties)."""
    _krav(user, incident, "triage")
    okanda = set(falt) - set(TRIAGEFALT)
    if okanda:
        raise ValidationError(_("Okända fält: %(falt)s") % {"falt": ", ".join(sorted(okanda))})
    if (
        falt.get("konfidentialitet") == Incident.Konfidentialitet.NORMAL
        and incident.ar_skyddad
        and not user.has_perm("incidenter.view_skyddad_incident")
    ):
        raise PermissionDenied(_("Bara säkerhetschefen kan häva skyddet för en incident."))
    kategori = falt.get("kategori", incident.kategori)
    if kategori is not None:
        falt["omrade"] = kategori.omrade
    fore = {namn: getattr(incident, namn) for namn in falt}
    for namn, varde in falt.items():
        setattr(incident, namn, varde)
    if kategori is not None and kategori.ar_sakerhetsskydd:
        incident.konfidentialitet = Incident.Konfidentialitet.SKYDDAD
    incident.full_clean()
    incident.save()
    andrat = _andringar(fore, falt)
    if andrat:
        Handelse.objects.create(
            incident=incident, typ=Handelse.Typ.OMKLASSNING, text="\n".join(andrat), anvandare=user
        )
    aktiva = {namn for namn in UTLOSARE if getattr(incident, namn)}
    if incident.ar_sakerhetsskydd:
        aktiva.add("sakerhetsskydd")
    _ensure_duties(incident, aktiva)
    signals.triagerad.send(sender=Incident, incident=incident, user=user)
    return incident


def _andringar(fore: dict, efter: dict) -> list[str]:
    """The timeline's lines for a reclassification, as a reader sees the values (a choice by
    its label, a time to the minute). A field whose shown value is the same before and after
    (a time that differed only in its seconds) did not change for the reader: no line."""
    rader = []
    for namn, varde in efter.items():
        falt = Incident._meta.get_field(namn)
        fran, till = _visa(fore[namn], falt), _visa(varde, falt)
        if fran != till:
            rader.append(f"{capfirst(falt.verbose_name)}: {fran} → {till}")
    return rader


def _visa(varde, falt=None) -> str:
    if falt is not None and falt.choices and varde not in (None, ""):
        return str(dict(falt.flatchoices).get(varde, varde))
    if varde is True:
        return _("ja")
    if varde is False:
        return _("nej")
    if varde is None or varde == "":
        return "–"
    if hasattr(varde, "tzinfo"):
        return timezone.localtime(varde).strftime("%Y-%m-%d %H:%M")
    return str(varde)


def _ensure_duties(incident: Incident, utlosare: set[str]) -> None:
    """Create the duties that follow from the findings. A duty once created stays (its clock
    is part of the record), even if the finding is later withdrawn."""
    befintliga = set(incident.plikter.values_list("typ_id", flat=True))
    for typ in Plikttyp.objects.filter(utlosare__in=utlosare).exclude(pk__in=befintliga):
        Rapporteringsplikt.objects.create(
            incident=incident,
            typ=typ,
            mottagare=typ.mottagare,
            frist=typ.frist,
            frist_manader=typ.frist_manader,
            lagtext=typ.lagtext,
        )


@transaction.atomic
def plikt_fulfil(
    *, user, plikt: Rapporteringsplikt, utford, referens: str = ""
) -> Rapporteringsplikt:
    """Record that the report was made, when, and the receiving authority's reference."""
    _krav(user, plikt.incident, "triage")
    if utford is None or utford > timezone.now():
        raise ValidationError(
            _("Ange när rapporteringen gjordes. Tidpunkten kan inte ligga i framtiden.")
        )
    plikt.utford = utford
    plikt.utford_av = user
    plikt.mottagarens_referens = referens.strip()
    plikt.full_clean()
    plikt.save()
    Handelse.objects.create(
        incident=plikt.incident,
        typ=Handelse.Typ.RAPPORTERING,
        text=_("%(namn)s till %(mottagare)s. Referens: %(ref)s")
        % {
            "namn": plikt.typ.namn,
            "mottagare": plikt.mottagare,
            "ref": plikt.mottagarens_referens or "–",
        },
        anvandare=user,
    )
    return plikt


@transaction.atomic
def incident_grant_access(*, user, incident: Incident, mottagare, ge: bool = True) -> None:
    """Open (or close) one skyddad incident to a named person. Kept in the timeline."""
    if not user.has_perm("incidenter.grant_incident_access"):
        raise PermissionDenied(
            _("Bara säkerhetschefen kan ge behörighet till skyddade incidenter.")
        )
    from konton.services import object_permission_grant, object_permission_revoke

    # Through the grants log, so every grant shows up on the säkerhetschef's grants page.
    if ge:
        object_permission_grant(
            granted_by=user, user=mottagare, perm="incidenter.view_incident", obj=incident
        )
        text = _("Behörighet given till %(namn)s.")
    else:
        object_permission_revoke(
            revoked_by=user, user=mottagare, perm="incidenter.view_incident", obj=incident
        )
        text = _("Behörighet borttagen för %(namn)s.")
    Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.BEHORIGHET,
        text=text % {"namn": mottagare},
        anvandare=user,
    )


def atkomst_log(*, user, handling: str, incident: Incident | None = None, detalj: str = "") -> None:
    """The access log of what is protected (Atkomstlogg), the one way into it: who opened
    what, and when. Every page, download and PDF that opens a skyddad incident, a skyddad
    activation, the säkerhetsskydd registers or a register extract calls it once.

    An incident is logged only when it is skyddad, so its pages call this for every
    incident; without one, the caller opens only what is protected and `detalj` names it."""
    if incident is not None and not incident.ar_skyddad:
        return
    Atkomstlogg.objects.create(
        incident=incident, anvandare=user, handling=handling, detalj=detalj[:200]
    )
