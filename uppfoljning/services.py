"""
Writes of the follow-up: Säkerhetsavdelningen's assessment of the goals, the ansvarsmatris
and its manual sign-offs, and the yearly self-assessment (opened by Säkerhetsavdelningen,
answered and submitted by the body's nämndföreträdare, returned or accepted as a risk
analysis is). Every function checks the permission, runs full_clean() and records the user
in the history.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paminnelser.reminders import _kontakter
from paminnelser.services import notis_create
from policy.models import Organ

from . import selectors, status
from .models import (
    Egenbedomning,
    Fraga,
    Kvittens,
    Malbedomning,
    Skyldighet,
    Svar,
    Uppfoljningsar,
)


def _krav(user, perm: str, meddelande: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(meddelande)


def _spara(obj, user):
    obj.full_clean()
    obj._history_user = user
    obj.save()
    return obj


def _las(egenbedomning: Egenbedomning) -> Egenbedomning:
    return (
        Egenbedomning.objects.select_for_update()
        .select_related("uppfoljningsar")
        .get(pk=egenbedomning.pk)
    )


# The goals ----------------------------------------------------------------------------


@transaction.atomic
def malbedomning_save(*, user, mal, ar: int, bedomning: str, text: str) -> Malbedomning:
    _krav(user, "uppfoljning.add_malbedomning", _("Bara Säkerhetsavdelningen bedömer målen."))
    rad = Malbedomning.objects.select_for_update().filter(mal=mal, ar=ar).first()
    if rad is None:
        rad = Malbedomning(mal=mal, ar=ar)
    rad.bedomning, rad.text, rad.bedomd_av, rad.bedomd = (
        bedomning,
        text.strip(),
        user,
        timezone.now(),
    )
    return _spara(rad, user)


# The ansvarsmatris -----------------------------------------------------------------------


def skyldighet_save(*, user, skyldighet: Skyldighet) -> Skyldighet:
    _krav(
        user,
        "uppfoljning.manage_skyldighet",
        _("Bara Säkerhetsavdelningen ändrar ansvarsmatrisen."),
    )
    return _spara(skyldighet, user)


@transaction.atomic
def kvittens_create(
    *,
    user,
    skyldighet: Skyldighet,
    organ: Organ,
    lank: str,
    kommentar: str = "",
    idag: datetime.date | None = None,
) -> Kvittens:
    if not selectors.kan_kvittera(user, organ):
        raise PermissionDenied(_("Du kan bara kvittera ditt eget organs skyldigheter."))
    if skyldighet.bevis not in (Skyldighet.Bevis.KVITTENS, Skyldighet.Bevis.OVNING):
        raise ValidationError(_("Den här skyldigheten visas klar av portalens egna uppgifter."))
    if not status.galler_for(skyldighet, organ):
        raise ValidationError(_("Skyldigheten gäller inte %(organ)s.") % {"organ": organ})
    fran, _till, _forfaller = skyldighet.period(idag or timezone.localdate())
    if Kvittens.objects.filter(skyldighet=skyldighet, organ=organ, period_fran=fran).exists():
        raise ValidationError(_("Skyldigheten är redan kvitterad för perioden."))
    return _spara(
        Kvittens(
            skyldighet=skyldighet,
            organ=organ,
            period_fran=fran,
            lank=lank,
            kommentar=kommentar.strip(),
            kvitterad_av=user,
        ),
        user,
    )


# The self-assessment ---------------------------------------------------------------------


def _meddela_organ(
    egenbedomning: Egenbedomning, *, typ: str, nyckel: str, rubrik: str, text: str = "", extra=()
) -> int:
    mottagare = {u.pk: u for u in [*extra, *_kontakter(egenbedomning.organ_id)] if u}
    antal = 0
    for user in mottagare.values():
        antal += (
            notis_create(
                mottagare=user,
                typ=typ,
                nyckel=nyckel,
                rubrik=rubrik,
                lank=reverse("uppfoljning:egenbedomning", args=[egenbedomning.pk]),
                text=text,
            )
            is not None
        )
    return antal


@transaction.atomic
def uppfoljningsar_open(*, user, ar: int, sista_dag: datetime.date) -> Uppfoljningsar:
    """Open the year's follow-up: a self-assessment for every nämnd and bolag, and a notice
    to each body's nämndföreträdare."""
    _krav(
        user,
        "uppfoljning.review_egenbedomning",
        _("Bara Säkerhetsavdelningen öppnar årets uppföljning."),
    )
    if Uppfoljningsar.objects.filter(ar=ar).exists():
        raise ValidationError({"ar": _("Uppföljningen för %(ar)s är redan öppnad.") % {"ar": ar}})
    if sista_dag < timezone.localdate():
        raise ValidationError({"sista_dag": _("Sista dagen har redan passerat.")})
    arsrad = _spara(Uppfoljningsar(ar=ar, sista_dag=sista_dag, oppnad_av=user), user)
    for organ in Organ.objects.filter(typ__in=status.SVARANDE_TYPER).order_by("namn"):
        e = _spara(Egenbedomning(uppfoljningsar=arsrad, organ=organ), user)
        _meddela_organ(
            e,
            typ="egenbedomning",
            nyckel=f"egenbedomning:{e.pk}:oppnad",
            rubrik=_("Årets egenbedömning %(ar)s är öppen") % {"ar": ar},
            text=_("Svara och lämna in senast %(datum)s.")
            % {"datum": date_format(sista_dag, "DATE_FORMAT")},
        )
    return arsrad


def fragor() -> list[Fraga]:
    return list(Fraga.objects.filter(aktiv=True).select_related("omrade"))


@transaction.atomic
def egenbedomning_answer(*, user, egenbedomning: Egenbedomning, svar: dict[int, dict]) -> None:
    """Save answers: {fråga id: {"svar", "kommentar", "lankar"}}. An empty answer is left
    unanswered."""
    e = _las(egenbedomning)
    if not selectors.kan_besvara(user, e):
        raise PermissionDenied(_("Egenbedömningen kan inte ändras av dig nu."))
    giltiga = {f.pk for f in fragor()}
    if not set(svar) <= giltiga:
        raise ValidationError(_("Ett svar gäller en fråga som inte finns."))
    befintliga = {s.fraga_id: s for s in e.svar.all()}
    for fraga_id, falt in svar.items():
        if not falt.get("svar"):
            continue
        rad = befintliga.get(fraga_id) or Svar(egenbedomning=e, fraga_id=fraga_id)
        ny = (falt["svar"], falt.get("kommentar", "").strip(), falt.get("lankar", "").strip())
        if rad.pk and (rad.svar, rad.kommentar, rad.lankar) == ny:
            continue
        rad.svar, rad.kommentar, rad.lankar = ny
        _spara(rad, user)


@transaction.atomic
def egenbedomning_submit(*, user, egenbedomning: Egenbedomning) -> Egenbedomning:
    e = _las(egenbedomning)
    if not selectors.kan_besvara(user, e):
        raise PermissionDenied(_("Bara organets nämndföreträdare lämnar in egenbedömningen."))
    besvarade = set(e.svar.values_list("fraga_id", flat=True))
    saknas = [f for f in fragor() if f.pk not in besvarade]
    if saknas:
        raise ValidationError(
            _("Besvara alla frågor innan du lämnar in. %(n)d saknar svar, till exempel: %(fraga)s")
            % {"n": len(saknas), "fraga": saknas[0].text}
        )
    e.status, e.inlamnad, e.inlamnad_av = Egenbedomning.Status.INLAMNAD, timezone.now(), user
    return _spara(e, user)


def _krav_granskning(user, e: Egenbedomning) -> None:
    if not selectors.kan_granska(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen granskar egenbedömningar."))
    if e.status != Egenbedomning.Status.INLAMNAD:
        raise ValidationError(_("Bara en inlämnad egenbedömning kan granskas."))


@transaction.atomic
def egenbedomning_return(*, user, egenbedomning: Egenbedomning, kommentar: str) -> Egenbedomning:
    """Back to the body for completion, with a comment; the nämndföreträdare who submitted
    it and the body's contacts get a notice and an e-mail, once per return."""
    e = _las(egenbedomning)
    _krav_granskning(user, e)
    if not kommentar.strip():
        raise ValidationError({"kommentar": _("Skriv vad som ska kompletteras.")})
    e.status = Egenbedomning.Status.ATER
    e.kommentar, e.granskad, e.granskad_av = kommentar.strip(), timezone.now(), user
    e.antal_returer += 1
    _spara(e, user)
    _meddela_organ(
        e,
        typ="egenbedomning-ater",
        nyckel=f"egenbedomning:{e.pk}:ater:{e.antal_returer}",
        rubrik=_("Egenbedömningen %(ar)s har skickats tillbaka för komplettering")
        % {"ar": e.uppfoljningsar.ar},
        text=e.kommentar,
        extra=[e.inlamnad_av],
    )
    return e


@transaction.atomic
def egenbedomning_accept(
    *, user, egenbedomning: Egenbedomning, kommentar: str = ""
) -> Egenbedomning:
    e = _las(egenbedomning)
    _krav_granskning(user, e)
    e.status = Egenbedomning.Status.GODKAND
    e.kommentar, e.granskad, e.granskad_av = kommentar.strip(), timezone.now(), user
    _spara(e, user)
    _meddela_organ(
        e,
        typ="egenbedomning-godkand",
        nyckel=f"egenbedomning:{e.pk}:godkand",
        rubrik=_("Egenbedömningen %(ar)s är godkänd") % {"ar": e.uppfoljningsar.ar},
        text=e.kommentar,
        extra=[e.inlamnad_av],
    )
    return e
