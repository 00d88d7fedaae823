"""Writes to the information registers. The views check who may; the services check the
data (full_clean) and record who classified what and when."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import Informationstillgang, System, Systemkoppling

TILLGANG_FALT = (
    "namn",
    "beskrivning",
    "organ",
    "personuppgiftsansvarig",
    "personuppgifter",
    "informationsagare",
)
SYSTEM_FALT = ("namn", "organ", "leverantor", "drift", "systemagare", "ansvarig_enhet")


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


def tillgang_klassa(
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
