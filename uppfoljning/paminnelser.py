"""
Reminders of duties, from the same data as their status (status.py): to the body's contacts
30 days before a duty is due and once when it is overdue. Registered with the reminders'
sweep in apps.py; each goes through notis_create with a key of the duty, the body, the step
and the due date, so it is created once however often the sweep runs.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paminnelser.reminders import _kontakter
from paminnelser.services import notis_create

from . import status

DAGAR_FORE = 30


def _steg(rad, idag) -> str | None:
    if rad.status not in (status.KOMMANDE, status.FORSENAD):
        return None
    if rad.forfaller < idag:
        return "forsenad"
    if rad.forfaller - idag <= timedelta(days=DAGAR_FORE):
        return "fore-30"
    return None


def skyldigheter_paminn(nu=None) -> int:
    idag = timezone.localdate(nu or timezone.now())
    antal = 0
    kontakter: dict[int, list] = {}
    for organ_id, rader in status.rader_for(status.ansvariga_organ(), idag=idag).items():
        for rad in rader:
            steg = _steg(rad, idag)
            if steg is None:
                continue
            if organ_id not in kontakter:
                kontakter[organ_id] = _kontakter(organ_id)
            datum = date_format(rad.forfaller, "DATE_FORMAT")
            rubrik = (
                _("Försenad skyldighet: %(titel)s")
                if steg == "forsenad"
                else _("Skyldighet inom 30 dagar: %(titel)s")
            ) % {"titel": rad.skyldighet.titel}
            for user in kontakter[organ_id]:
                skapad = notis_create(
                    mottagare=user,
                    typ="skyldighet",
                    nyckel=(
                        f"skyldighet:{rad.skyldighet.pk}:{organ_id}:{steg}:"
                        f"{rad.forfaller.isoformat()}"
                    ),
                    rubrik=rubrik,
                    lank=reverse("policy:vart_ansvar", args=[rad.organ.slug]),
                    text=_("%(organ)s. Ska vara klar: %(datum)s.")
                    % {"organ": rad.organ.namn, "datum": datum},
                )
                antal += skapad is not None
    return antal
