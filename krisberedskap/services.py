"""
Writes of krisberedskapen. Keyword-only, full_clean before save, PermissionDenied or
ValidationError with Swedish messages.

The staff log (Loggpost) has exactly one write here, `loggpost_create`: there is no
service that changes or removes an entry, by design.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incidenter.services import atkomst_log
from koping_sakerhet.konton.services import object_permission_grant, object_permission_revoke

from . import selectors
from .models import (
    Aktivering,
    Andring,
    Avtal,
    Beslut,
    KritisktBeroende,
    Loggpost,
    Mandatperiod,
    Overtagande,
    Partner,
    Perioddokument,
    Rsa,
    RsaAvsnitt,
    SamhallsviktigVerksamhet,
    Samverkansaktivitet,
)


def _krav_hantera(user) -> None:
    if not selectors.kan_hantera(user):
        raise PermissionDenied(_("Du får inte ändra krisberedskapens dokument."))


def _spara(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- The mandate period and its documents ---

# The documents every period starts with (LEH 2 kap.; MSBFS 2015:5). Which body adopts each
# is data on the document: these are only the defaults a new period gets.
STANDARDDOKUMENT = [
    (Perioddokument.Typ.STYRDOKUMENT, "kf"),
    (Perioddokument.Typ.RSA, "kf"),
    (Perioddokument.Typ.PLAN, "kf"),
    (Perioddokument.Typ.OVNINGSPLAN, "ks"),
    (Perioddokument.Typ.REGLEMENTE, "kf"),
]


@transaction.atomic
def mandatperiod_create(
    *, user, valar: int, rsa_frist: datetime.date | None = None
) -> Mandatperiod:
    """A new period with its standard documents (due by the RSA's deadline) and its RSA."""
    from policy.models import Organ

    _krav_hantera(user)
    if Mandatperiod.objects.filter(valar=valar).exists():
        raise ValidationError(
            _("Det finns redan en mandatperiod för valet %(ar)s.") % {"ar": valar}
        )
    period = _spara(Mandatperiod(valar=valar, rsa_frist=rsa_frist))
    organ = {o.slug: o for o in Organ.objects.filter(slug__in=["kf", "ks"])}
    for typ, slug in STANDARDDOKUMENT:
        _spara(
            Perioddokument(
                period=period,
                typ=typ,
                titel=f"{typ.label} {period}",
                beslutande_organ=organ.get(slug),
                forfallodatum=period.rsa_frist,
            )
        )
    rsa_create(user=user, period=period)
    return period


@transaction.atomic
def perioddokument_create(*, user, period: Mandatperiod, **falt) -> Perioddokument:
    _krav_hantera(user)
    return _spara(Perioddokument(period=period, **falt))


@transaction.atomic
def perioddokument_update(*, user, dokument: Perioddokument, **falt) -> Perioddokument:
    _krav_hantera(user)
    for namn, varde in falt.items():
        setattr(dokument, namn, varde)
    if dokument.status == Perioddokument.Status.FASTSTALLD and not (
        dokument.beslutande_organ_id and dokument.beslutsdatum
    ):
        raise ValidationError(
            _("Ett fastställt dokument behöver beslutande organ och beslutsdatum.")
        )
    return _spara(dokument)


# --- The RSA ---


@transaction.atomic
def rsa_create(*, user, period: Mandatperiod, kopierad_fran: Rsa | None = None) -> Rsa:
    _krav_hantera(user)
    rsa = _spara(
        Rsa(
            period=period,
            titel=_("Risk- och sårbarhetsanalys %(period)s") % {"period": period},
            kopierad_fran=kopierad_fran,
        )
    )
    for typ in RsaAvsnitt.ORDNING:
        _spara(RsaAvsnitt(rsa=rsa, typ=typ))
    return rsa


@transaction.atomic
def rsa_copy(*, user, rsa: Rsa, period: Mandatperiod) -> Rsa:
    """The previous period's RSA copied into a new period's, every part marked unchanged
    (oförändrad) until someone changes it. The risks stay links to the register."""
    _krav_hantera(user)
    if hasattr(period, "rsa"):
        ny = period.rsa
        if ny.avsnitt.exclude(text="").exists() or ny.verksamheter.exists():
            raise ValidationError(_("Periodens RSA har redan innehåll och skrivs inte över."))
        ny.kopierad_fran = rsa
        _spara(ny)
    else:
        ny = rsa_create(user=user, period=period, kopierad_fran=rsa)
    gamla = {a.typ: a for a in rsa.avsnitt.all()}
    for avsnitt in ny.avsnitt.all():
        gammalt = gamla.get(avsnitt.typ)
        if gammalt is None:
            continue
        avsnitt.text = gammalt.text
        avsnitt.sekretess = gammalt.sekretess
        avsnitt.sekretessgrund = gammalt.sekretessgrund
        avsnitt.andring = Andring.OFORANDRAD
        _spara(avsnitt)
    for v in rsa.verksamheter.prefetch_related("beroenden"):
        kopia = _spara(
            SamhallsviktigVerksamhet(
                rsa=ny,
                namn=v.namn,
                beskrivning=v.beskrivning,
                agartyp=v.agartyp,
                agare_organ_id=v.agare_organ_id,
                agare_annan=v.agare_annan,
                formaga=v.formaga,
                formaga_text=v.formaga_text,
                andring=Andring.OFORANDRAD,
            )
        )
        KritisktBeroende.objects.bulk_create(
            KritisktBeroende(verksamhet=kopia, typ=b.typ, beskrivning=b.beskrivning)
            for b in v.beroenden.all()
        )
    ny.risker.set(rsa.risker.all())
    return ny


def _markera_andrad(obj, andrat: bool) -> None:
    # Only a copied part gets a marker; a part of a fresh RSA has nothing to compare with.
    if andrat and obj.andring == Andring.OFORANDRAD:
        obj.andring = Andring.ANDRAD


@transaction.atomic
def rsa_avsnitt_update(
    *, user, avsnitt: RsaAvsnitt, text: str, sekretess: bool, sekretessgrund: str
) -> RsaAvsnitt:
    _krav_hantera(user)
    andrat = (avsnitt.text, avsnitt.sekretess) != (text, sekretess)
    avsnitt.text, avsnitt.sekretess, avsnitt.sekretessgrund = text, sekretess, sekretessgrund
    _markera_andrad(avsnitt, andrat)
    return _spara(avsnitt)


@transaction.atomic
def verksamhet_create(*, user, rsa: Rsa, beroenden=(), **falt) -> SamhallsviktigVerksamhet:
    _krav_hantera(user)
    verksamhet = SamhallsviktigVerksamhet(rsa=rsa, **falt)
    if rsa.kopierad_fran_id:
        verksamhet.andring = Andring.NY
    _spara(verksamhet)
    for typ in beroenden:
        _spara(KritisktBeroende(verksamhet=verksamhet, typ=typ))
    return verksamhet


@transaction.atomic
def verksamhet_update(
    *, user, verksamhet: SamhallsviktigVerksamhet, beroenden=None, **falt
) -> SamhallsviktigVerksamhet:
    _krav_hantera(user)
    andrat = any(getattr(verksamhet, k) != v for k, v in falt.items())
    for namn, varde in falt.items():
        setattr(verksamhet, namn, varde)
    if beroenden is not None:
        gamla = set(verksamhet.beroenden.values_list("typ", flat=True))
        nya = set(beroenden)
        andrat = andrat or gamla != nya
        verksamhet.beroenden.exclude(typ__in=nya).delete()
        for typ in nya - gamla:
            _spara(KritisktBeroende(verksamhet=verksamhet, typ=typ))
    _markera_andrad(verksamhet, andrat)
    return _spara(verksamhet)


@transaction.atomic
def rsa_set_risker(*, user, rsa: Rsa, risker) -> None:
    """The RSA's identified risks are links to the register: a change there shows here."""
    from risker.selectors import risker_visible_to

    _krav_hantera(user)
    risker = list(risker)
    synliga = set(
        risker_visible_to(user).filter(pk__in=[r.pk for r in risker]).values_list("pk", flat=True)
    )
    if any(r.pk not in synliga for r in risker):
        raise ValidationError(
            _("Bara risker ur registret som du kan se kan kopplas till analysen.")
        )
    rsa.risker.set(risker)


@transaction.atomic
def rsa_set_status(*, user, rsa: Rsa, status: str, diarienummer: str = "") -> Rsa:
    _krav_hantera(user)
    rsa.status = status
    if diarienummer:
        rsa.diarienummer = diarienummer
    return _spara(rsa)


@transaction.atomic
def rsa_record_sent(*, user, rsa: Rsa, skickad: datetime.date, skickad_hur: str) -> Rsa:
    """Reported to Länsstyrelsen: when and how."""
    _krav_hantera(user)
    rsa.skickad, rsa.skickad_hur = skickad, skickad_hur
    rsa.status = Rsa.Status.RAPPORTERAD
    return _spara(rsa)


# --- The krisledningsnämnd ---


def _krav_skriva(user, aktivering: Aktivering) -> None:
    if not aktivering.ar_pagaende:
        raise ValidationError(_("Aktiveringen är avslutad. Loggen kan inte längre skrivas i."))
    if not selectors.ar_deltagare(user, aktivering):
        raise PermissionDenied(_("Bara krisledningsnämndens ledamöter och stab skriver här."))


@transaction.atomic
def aktivering_create(*, user, **falt) -> Aktivering:
    _krav_hantera(user)
    if falt.get("skyddad") and not user.has_perm("krisberedskap.view_skyddad_aktivering"):
        raise PermissionDenied(_("Bara säkerhetschefen kan skapa en skyddad aktivering."))
    return _spara(Aktivering(skapad_av=user, **falt))


@transaction.atomic
def aktivering_avsluta(
    *, user, aktivering: Aktivering, avslutad: datetime.datetime, avslutad_av_namn: str, skal: str
) -> Aktivering:
    _krav_skriva(user, aktivering)
    if avslutad < aktivering.beslutad:
        raise ValidationError(_("Aktiveringen kan inte avslutas innan den beslutades."))
    if aktivering.overtaganden.filter(aterlamnad__isnull=True).exists():
        raise ValidationError(
            _("Lämna tillbaka de övertagna uppgifterna till nämnderna innan aktiveringen avslutas.")
        )
    aktivering.avslutad, aktivering.avslutad_av_namn = avslutad, avslutad_av_namn
    aktivering.avslutning_skal = skal
    return _spara(aktivering)


ROLL_PERM = {"ledamot": "krisberedskap.ledamot_aktivering", "stab": "krisberedskap.stab_aktivering"}


def aktivering_add_deltagare(*, user, aktivering: Aktivering, deltagare, roll: str) -> None:
    """A member or staff of this activation (guardian, logged in konton.Behorighetslogg)."""
    if roll not in ROLL_PERM:
        raise ValidationError(_("Välj ledamot eller stab."))
    object_permission_grant(granted_by=user, user=deltagare, perm=ROLL_PERM[roll], obj=aktivering)


def aktivering_remove_deltagare(*, user, aktivering: Aktivering, deltagare) -> None:
    for perm in ROLL_PERM.values():
        object_permission_revoke(revoked_by=user, user=deltagare, perm=perm, obj=aktivering)


def aktivering_log_access(*, user, aktivering: Aktivering, handling: str, detalj: str = "") -> None:
    """Opening a skyddad activation (or its report) is logged in the same access log as
    skyddade incidents (incidenter.Atkomstlogg), without an incident and with the activation
    named in the detail."""
    if aktivering.skyddad:
        atkomst_log(
            user=user,
            handling=handling,
            detalj=(f"krisledning:{aktivering.pk} {detalj or aktivering.titel}")[:200],
        )


@transaction.atomic
def loggpost_create(
    *, user, aktivering: Aktivering, text: str, rattar: Loggpost | None = None
) -> Loggpost:
    _krav_skriva(user, aktivering)
    if rattar is not None and rattar.aktivering_id != aktivering.pk:
        raise ValidationError(_("En rättelse måste gälla en loggpost i samma logg."))
    return _spara(
        Loggpost(aktivering=aktivering, text=text.strip(), forfattare=user, rattar=rattar)
    )


@transaction.atomic
def beslut_create(*, user, aktivering: Aktivering, **falt) -> Beslut:
    _krav_skriva(user, aktivering)
    return _spara(Beslut(aktivering=aktivering, registrerat_av=user, **falt))


@transaction.atomic
def overtagande_create(*, user, aktivering: Aktivering, **falt) -> Overtagande:
    _krav_skriva(user, aktivering)
    return _spara(Overtagande(aktivering=aktivering, **falt))


@transaction.atomic
def overtagande_aterlamna(*, user, overtagande: Overtagande, aterlamnad=None) -> Overtagande:
    _krav_skriva(user, overtagande.aktivering)
    if overtagande.aterlamnad:
        raise ValidationError(_("Uppgiften är redan återlämnad."))
    overtagande.aterlamnad = aterlamnad or timezone.now()
    if overtagande.aterlamnad < overtagande.overtagen:
        raise ValidationError(_("En uppgift kan inte återlämnas innan den togs över."))
    return _spara(overtagande)


# --- Samverkan ---


@transaction.atomic
def partner_create(*, user, **falt) -> Partner:
    _krav_hantera(user)
    return _spara(Partner(**falt))


@transaction.atomic
def avtal_create(*, user, **falt) -> Avtal:
    _krav_hantera(user)
    avtal = Avtal(**falt)
    if avtal.giltigt_till and avtal.giltigt_till < avtal.giltigt_fran:
        raise ValidationError(_("Ett avtal kan inte upphöra innan det börjar gälla."))
    return _spara(avtal)


@transaction.atomic
def samverkansaktivitet_create(*, user, parter=(), **falt) -> Samverkansaktivitet:
    _krav_hantera(user)
    aktivitet = _spara(Samverkansaktivitet(**falt))
    aktivitet.parter.set(parter)
    return aktivitet
