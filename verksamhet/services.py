"""
Writes of premises, kinds of activity and activities. Keyword-only, full_clean() before
save(); PermissionDenied or ValidationError (in Swedish) when the user may not or the input
is wrong. Åtgärder are made through risker's atgard_create (atgarder.py).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from lib import uploads
from lib.arbetsdagar import lagg_till_arbetsdagar
from policy.models import Enhet, Omrade, Organ, Roll, Styrdokument, User

from . import plan, selectors
from .atgarder import atgard_create
from .models import (
    Aktivitet,
    Aktivitetstyp,
    Kontrollsvar,
    Lokal,
    Lokaldokument,
    Partnerorganisation,
    Utbildningsdeltagande,
)

# An åtgärd from an anmärkning is due in this many working days unless the user says.
ATGARD_ARBETSDAGAR = 20
BRANDSKYDD = 4  # Systematiskt brandskyddsarbete, the area of the premises' documentation


def _krav_lokal(user):
    if not selectors.kan_andra_lokal(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar lokalregistret."))


# --- Premises ---


@transaction.atomic
def lokal_save(
    *,
    user,
    lokal: Lokal | None = None,
    namn: str,
    adress: str,
    kategori: str,
    agare: Organ,
    enheter: Iterable[Enhet] = (),
    brandskyddsansvarig: User | None = None,
) -> Lokal:
    _krav_lokal(user)
    lokal = lokal or Lokal()
    lokal.namn, lokal.adress, lokal.kategori = namn, adress, kategori
    lokal.agare, lokal.brandskyddsansvarig = agare, brandskyddsansvarig
    lokal.full_clean()
    lokal.save()
    lokal.enheter.set(list(enheter))
    return lokal


@transaction.atomic
def lokaldokument_create(
    *,
    user,
    lokal: Lokal,
    slag: str,
    titel: str,
    nasta_oversyn: datetime.date,
    beslutsdatum: datetime.date | None = None,
) -> Lokaldokument:
    """The documentation as a governing document of the area Systematiskt
    brandskyddsarbete, owned by the premises' owner, with its review date."""
    _krav_lokal(user)
    typ = (
        Styrdokument.Typ.PLAN
        if slag == Lokaldokument.Slag.UTRYMNINGSPLAN
        else Styrdokument.Typ.ANVISNING
    )
    dokument = Styrdokument(
        titel=titel,
        typ=typ,
        omrade=Omrade.objects.get(nummer=BRANDSKYDD),
        agare=lokal.agare,
        beslutsdatum=beslutsdatum,
        nasta_oversyn=nasta_oversyn,
    )
    dokument.full_clean()
    dokument.save()
    ld = Lokaldokument(lokal=lokal, slag=slag, styrdokument=dokument)
    ld.full_clean()
    ld.save()
    return ld


# --- Kinds of activity ---


def aktivitetstyp_save(*, user, typ: Aktivitetstyp, omraden: Iterable[Omrade]) -> Aktivitetstyp:
    """Save a kind changed through its form (history records who and what)."""
    if not user.has_perm("verksamhet.change_aktivitetstyp"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar aktivitetstyperna."))
    with transaction.atomic():
        typ.full_clean()
        typ.save()
        typ.omraden.set(list(omraden))
    return typ


# --- The year's plan ---


def _lokalens_organ_och_enhet(lokal: Lokal) -> tuple[int, Enhet | None]:
    enheter = sorted(lokal.enheter.all(), key=lambda e: e.pk)
    if enheter:
        return enheter[0].organ_id, enheter[0]
    return lokal.agare_id, None


def _kontakt(organ_id: int, reserv: User) -> User:
    """Who answers for a body's activities when nobody is named: its nämndföreträdare,
    else a chef of one of its units, else whoever makes the plan."""
    users = User.objects.filter(is_active=True, enhet__organ_id=organ_id).order_by("pk")
    return (
        users.filter(groups__name=Roll.NAMNDFORETRADARE).first()
        or User.objects.filter(is_active=True, ledda_enheter__organ_id=organ_id)
        .order_by("pk")
        .first()
        or reserv
    )


def _ansvarig_for_lokal(lokal: Lokal, enhet: Enhet | None, organ_id: int, reserv: User) -> User:
    if lokal.brandskyddsansvarig and lokal.brandskyddsansvarig.is_active:
        return lokal.brandskyddsansvarig
    if enhet is not None:
        chef = next((c for c in enhet.chefer.all() if c.is_active), None)
        if chef is not None:
            return chef
    return _kontakt(organ_id, reserv)


@transaction.atomic
def plan_create(*, user, ar: int, organ: Organ | None = None) -> int:
    """Make the year's activities from the active kinds, for every body (or one): one per
    premises or per body, on the dates of plan.planerade_datum. Activities already planned
    are left as they are, so running it again adds only what is missing. Returns how many
    were added."""
    if not selectors.kan_planera(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen tar fram årsplaner."))
    if not 2000 <= ar <= 2100:
        raise ValidationError({"ar": _("Ange ett år mellan 2000 och 2100.")})
    finns = set(
        Aktivitet.objects.filter(datum__year=ar).values_list(
            "typ_id", "organ_id", "lokal_id", "datum"
        )
    )
    lokaler = list(
        Lokal.objects.select_related("brandskyddsansvarig").prefetch_related("enheter__chefer")
    )
    organ_lista = list(
        Organ.objects.filter(typ__in=[Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG])
    )
    if organ is not None:
        organ_lista = [o for o in organ_lista if o.pk == organ.pk]
    kontakter: dict[int, User] = {}
    nya = []
    for typ in Aktivitetstyp.objects.filter(aktiv=True):
        datum = plan.planerade_datum(typ, ar)
        if not datum:
            continue
        platser = []
        if typ.omfattning == Aktivitetstyp.Omfattning.LOKAL:
            for lokal in lokaler:
                if typ.lokalkategori and lokal.kategori != typ.lokalkategori:
                    continue
                organ_id, enhet = _lokalens_organ_och_enhet(lokal)
                if organ is not None and organ_id != organ.pk:
                    continue
                if organ_id not in kontakter:
                    kontakter[organ_id] = _kontakt(organ_id, user)
                ansvarig = _ansvarig_for_lokal(lokal, enhet, organ_id, kontakter[organ_id])
                platser.append((organ_id, lokal, enhet, ansvarig))
        else:
            for o in organ_lista:
                if o.pk not in kontakter:
                    kontakter[o.pk] = _kontakt(o.pk, user)
                platser.append((o.pk, None, None, kontakter[o.pk]))
        for organ_id, lokal, enhet, ansvarig in platser:
            for dag in datum:
                nyckel = (typ.pk, organ_id, lokal.pk if lokal else None, dag)
                if nyckel in finns:
                    continue
                finns.add(nyckel)
                nya.append(
                    Aktivitet(
                        typ=typ,
                        organ_id=organ_id,
                        lokal=lokal,
                        enhet=enhet,
                        ansvarig=ansvarig,
                        datum=dag,
                    )
                )
    bulk_create_with_history(nya, Aktivitet, batch_size=500, default_user=user)
    return len(nya)


@transaction.atomic
def aktivitet_create(
    *,
    user,
    typ: Aktivitetstyp,
    organ: Organ,
    datum: datetime.date,
    ansvarig: User,
    lokal: Lokal | None = None,
    enhet: Enhet | None = None,
) -> Aktivitet:
    """An activity outside the plan (an exercise or a training arranged during the year)."""
    tillatna = selectors.skapbara_organ_ids(user)
    if not selectors.kan_skapa(user) or (tillatna is not None and organ.pk not in tillatna):
        raise PermissionDenied(_("Du kan inte lägga till aktiviteter för det här organet."))
    aktivitet = Aktivitet(
        typ=typ, organ=organ, datum=datum, ansvarig=ansvarig, lokal=lokal, enhet=enhet
    )
    aktivitet.full_clean()
    aktivitet.save()
    return aktivitet


@transaction.atomic
def aktivitet_update(
    *, user, aktivitet: Aktivitet, datum: datetime.date, ansvarig: User, status: str
) -> Aktivitet:
    """Move a planned activity, give it another owner, or cancel it."""
    if not selectors.kan_registrera(user, aktivitet):
        raise PermissionDenied(_("Du kan inte ändra den här aktiviteten."))
    if aktivitet.status == Aktivitet.Status.GENOMFORD:
        raise ValidationError(_("En genomförd aktivitet kan inte ändras."))
    if status not in (Aktivitet.Status.PLANERAD, Aktivitet.Status.INSTALLD):
        raise ValidationError({"status": _("Välj planerad eller inställd.")})
    aktivitet.datum, aktivitet.ansvarig, aktivitet.status = datum, ansvarig, status
    aktivitet.full_clean()
    aktivitet.save()
    return aktivitet


# --- Recording ---


def standard_atgardsansvarig(aktivitet: Aktivitet) -> User:
    """Who answers for what an activity found, unless the user says: a chef of its unit,
    else whoever answers for the activity."""
    if aktivitet.enhet_id:
        chef = aktivitet.enhet.chefer.filter(is_active=True).order_by("pk").first()
        if chef is not None:
            return chef
    return aktivitet.ansvarig


def standard_forfallodatum(fran: datetime.date | None = None) -> datetime.date:
    return lagg_till_arbetsdagar(fran or timezone.localdate(), ATGARD_ARBETSDAGAR)


def _genomford(*, user, aktivitet: Aktivitet, genomford_datum: datetime.date, anteckning: str):
    if not selectors.kan_registrera(user, aktivitet):
        raise PermissionDenied(_("Du kan inte registrera den här aktiviteten."))
    if aktivitet.status != Aktivitet.Status.PLANERAD:
        raise ValidationError(_("Aktiviteten är redan registrerad som genomförd eller inställd."))
    if genomford_datum > timezone.localdate():
        raise ValidationError({"genomford_datum": _("Datumet kan inte ligga i framtiden.")})
    aktivitet.status = Aktivitet.Status.GENOMFORD
    aktivitet.genomford_datum = genomford_datum
    aktivitet.registrerad_av = user
    aktivitet.anteckning = anteckning


def validate_foto(fil) -> str:
    """The same checks as incident attachments, and it must be a picture."""
    typ = uploads.validate(fil)
    if not typ.startswith("image/"):
        raise ValidationError(
            _("Filen %(namn)s är ingen bild (JPEG, PNG, GIF, WebP eller HEIC).")
            % {"namn": uploads.safe_name(fil.name)}
        )
    return typ


@transaction.atomic
def kontroll_register(
    *,
    user,
    aktivitet: Aktivitet,
    genomford_datum: datetime.date,
    svar: list[dict],
    atgard_ansvarig: User,
    atgard_forfallodatum: datetime.date,
    anteckning: str = "",
) -> list:
    """Record an inspection: one answer per checklist point (ordning, resultat, kommentar,
    foto). Each anmärkning becomes an åtgärd for `atgard_ansvarig`, due
    `atgard_forfallodatum`. Returns the åtgärder made."""
    _genomford(
        user=user, aktivitet=aktivitet, genomford_datum=genomford_datum, anteckning=anteckning
    )
    punkter = aktivitet.typ.punkter
    if len(svar) != len(punkter):
        raise ValidationError(_("Svara på varje kontrollpunkt."))
    aktivitet.full_clean()
    aktivitet.save()
    atgarder = []
    for i, (punkt, s) in enumerate(zip(punkter, svar, strict=True), start=1):
        resultat, kommentar, foto = s["resultat"], s.get("kommentar", ""), s.get("foto")
        if resultat == Kontrollsvar.Resultat.ANMARKNING and not kommentar.strip():
            raise ValidationError(
                {f"kommentar_{i}": _("Beskriv anmärkningen för ”%(punkt)s”.") % {"punkt": punkt}}
            )
        k = Kontrollsvar(
            aktivitet=aktivitet,
            ordning=i,
            punkt=punkt[:300],
            resultat=resultat,
            kommentar=kommentar,
        )
        if foto:
            k.foto_typ = validate_foto(foto)
            k.foto_namn = uploads.safe_name(foto.name)
            k.foto = foto
        k.full_clean()
        k.save()
        if resultat == Kontrollsvar.Resultat.ANMARKNING:
            atgarder.append(
                atgard_create(
                    user=user,
                    aktivitet=aktivitet,
                    beskrivning=f"{punkt}: {kommentar.strip()}",
                    ansvarig=atgard_ansvarig,
                    forfallodatum=atgard_forfallodatum,
                )
            )
    return atgarder


def _rader(text: str) -> list[str]:
    return [r.strip() for r in (text or "").splitlines() if r.strip()]


@transaction.atomic
def ovning_register(
    *,
    user,
    aktivitet: Aktivitet,
    genomford_datum: datetime.date,
    scenario: str,
    ovningsform: str,
    enheter: Iterable[Enhet] = (),
    partner: str = "",
    gick_bra: str = "",
    gick_mindre_bra: str = "",
    atgarder: str = "",
    atgard_ansvarig: User | None = None,
    atgard_forfallodatum: datetime.date | None = None,
    anteckning: str = "",
) -> list:
    """Record an exercise and its evaluation. `partner`: the outside organisations, one per
    line; `atgarder`: the åtgärder the evaluation calls for, one per line."""
    _genomford(
        user=user, aktivitet=aktivitet, genomford_datum=genomford_datum, anteckning=anteckning
    )
    aktivitet.scenario, aktivitet.ovningsform = scenario, ovningsform
    aktivitet.gick_bra, aktivitet.gick_mindre_bra = gick_bra, gick_mindre_bra
    if not scenario.strip():
        raise ValidationError({"scenario": _("Beskriv övningens scenario.")})
    if ovningsform not in Aktivitet.Ovningsform.values:
        raise ValidationError({"ovningsform": _("Välj övningsform.")})
    aktivitet.full_clean()
    aktivitet.save()
    aktivitet.deltagande_enheter.set(list(enheter))
    aktivitet.partner.set(
        [Partnerorganisation.objects.get_or_create(namn=namn[:200])[0] for namn in _rader(partner)]
    )
    return [
        atgard_create(
            user=user,
            aktivitet=aktivitet,
            beskrivning=rad,
            ansvarig=atgard_ansvarig or standard_atgardsansvarig(aktivitet),
            forfallodatum=atgard_forfallodatum or standard_forfallodatum(),
        )
        for rad in _rader(atgarder)
    ]


@transaction.atomic
def utbildning_register(
    *,
    user,
    aktivitet: Aktivitet,
    genomford_datum: datetime.date,
    kurs: str,
    antal_per_enhet: dict[Enhet, int],
    deltagare: Iterable[User] = (),
    anteckning: str = "",
) -> Aktivitet:
    """Record a training: how many took part from each unit, and optionally who."""
    _genomford(
        user=user, aktivitet=aktivitet, genomford_datum=genomford_datum, anteckning=anteckning
    )
    deltagare = list(deltagare)
    if not any(antal_per_enhet.values()) and not deltagare:
        raise ValidationError(_("Ange hur många som deltog från minst en enhet."))
    aktivitet.kurs = kurs or aktivitet.typ.namn
    aktivitet.full_clean()
    aktivitet.save()
    for enhet, antal in antal_per_enhet.items():
        if antal:
            d = Utbildningsdeltagande(aktivitet=aktivitet, enhet=enhet, antal=antal)
            d.full_clean()
            d.save()
    aktivitet.deltagare.set(deltagare)
    return aktivitet
