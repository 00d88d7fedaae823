"""Writes to the information registers. The views check who may; the services check the
data (full_clean) and record who classified what and when."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import Checklistsvar, Informationstillgang, Kontrollpunkt, System, Systemkoppling

TILLGANG_FALT = (
    "namn",
    "beskrivning",
    "organ",
    "personuppgiftsansvarig",
    "personuppgifter",
    "informationsagare",
)
SYSTEM_FALT = (
    "namn",
    "organ",
    "leverantor",
    "drift",
    "systemagare",
    "ansvarig_enhet",
    "cybersakerhetslag",
)
KONTROLLPUNKT_FALT = ("ordning", "hanvisning", "rubrik", "beskrivning", "aktiv")


def _krav(user, organ_id):
    if not selectors.kan_andra(user, organ_id):
        raise PermissionDenied(_("Du får inte ändra det här organets register."))


def tillgang_save(
    *, user, tillgang: Informationstillgang | None = None, **data
) -> Informationstillgang:
    tillgang = tillgang or Informationstillgang()
    if tillgang.pk:
        _krav(user, tillgang.organ_id)
    for falt in TILLGANG_FALT:
        if falt in data:
            setattr(tillgang, falt, data[falt])
    _krav(user, tillgang.organ_id)
    tillgang.full_clean()
    tillgang.save()
    return tillgang


def tillgang_classify(
    *,
    user,
    tillgang: Informationstillgang,
    konfidentialitet,
    riktighet,
    tillganglighet,
    nasta_oversyn: datetime.date,
) -> Informationstillgang:
    """Classify an asset: the three levels, who and when, and the next review."""
    _krav(user, tillgang.organ_id)
    tillgang.konfidentialitet = konfidentialitet
    tillgang.riktighet = riktighet
    tillgang.tillganglighet = tillganglighet
    tillgang.klassad_av = user
    tillgang.klassad_datum = timezone.localdate()
    tillgang.nasta_oversyn = nasta_oversyn
    tillgang.full_clean()
    tillgang.save()
    return tillgang


@transaction.atomic
def system_save(*, user, system: System | None = None, tillgangar=None, **data) -> System:
    system = system or System()
    if system.pk:
        _krav(user, system.organ_id)
    for falt in SYSTEM_FALT:
        if falt in data:
            setattr(system, falt, data[falt])
    _krav(user, system.organ_id)
    system.full_clean()
    system.save()
    if tillgangar is not None:
        system.tillgangar.set(tillgangar)
    return system


def systemkoppling_create(*, user, system: System, incident=None, risk=None) -> Systemkoppling:
    """Link an incident or a risk the user may see to a system whose register the user keeps.
    Linking twice is not an error: the link already there is returned."""
    from incidenter.selectors import incidents_visible_to
    from risker.selectors import risker_visible_to

    _krav(user, system.organ_id)
    if incident is not None and not incidents_visible_to(user).filter(pk=incident.pk).exists():
        raise PermissionDenied(_("Du ser inte den incidenten."))
    if risk is not None and not risker_visible_to(user).filter(pk=risk.pk).exists():
        raise PermissionDenied(_("Du ser inte den risken."))
    befintlig = Systemkoppling.objects.filter(system=system, incident=incident, risk=risk).first()
    if befintlig:
        return befintlig
    koppling = Systemkoppling(system=system, incident=incident, risk=risk, skapad_av=user)
    koppling.full_clean()
    koppling.save()
    return koppling


def kontrollpunkt_save(*, user, punkt: Kontrollpunkt | None = None, **data) -> Kontrollpunkt:
    """Add or change a control point of the cybersäkerhet checklist (Säkerhetsavdelningen)."""
    if not selectors.kan_andra_kontrollpunkter(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar kontrollpunkterna."))
    punkt = punkt or Kontrollpunkt()
    for falt in KONTROLLPUNKT_FALT:
        if falt in data:
            setattr(punkt, falt, data[falt])
    punkt.full_clean()
    punkt.save()
    return punkt


def checklistsvar_save(
    *,
    user,
    system: System,
    kontrollpunkt: Kontrollpunkt,
    status: str,
    kommentar: str = "",
    underlag: str = "",
    nasta_oversyn: datetime.date,
) -> Checklistsvar:
    """Answer (or answer again) one control point for a system in the law's scope: who and
    when are recorded, the earlier answer stays in the history."""
    _krav(user, system.organ_id)
    if not system.cybersakerhetslag:
        raise ValidationError(_("Systemet omfattas inte av cybersäkerhetslagen."))
    if not kontrollpunkt.aktiv:
        raise ValidationError(_("Kontrollpunkten används inte längre."))
    svar = Checklistsvar.objects.filter(system=system, kontrollpunkt=kontrollpunkt).first()
    svar = svar or Checklistsvar(system=system, kontrollpunkt=kontrollpunkt)
    svar.status = status
    svar.kommentar = kommentar.strip()
    svar.underlag = underlag.strip()
    svar.nasta_oversyn = nasta_oversyn
    svar.besvarad_av = user
    svar.besvarad = timezone.now()
    svar.full_clean()
    svar.save()
    return svar
