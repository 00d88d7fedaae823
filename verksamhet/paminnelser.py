"""
Reminders of planned activities, registered with the sweep in apps.py: to whoever answers
for the activity, DAGAR_FORE days before its date, and once when it is overdue. Each goes
through `notis_create` with a key of the activity, the stage and the date: once only, and
a moved date gives new reminders.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paminnelser.services import notis_create

DAGAR_FORE = 14
# An overdue activity is reminded of once; the sweep looks this far back, so a sweep that
# did not run for a while still catches up.
FORSENAD_FONSTER = 30


def create_aktiviteter(nu) -> int:
    from .models import Aktivitet

    idag = timezone.localdate(nu)
    aktiviteter = Aktivitet.objects.filter(
        status=Aktivitet.Status.PLANERAD,
        datum__lte=idag + timedelta(days=DAGAR_FORE),
        datum__gte=idag - timedelta(days=FORSENAD_FONSTER),
        ansvarig__is_active=True,
    ).select_related("typ", "lokal", "organ", "ansvarig")
    antal = 0
    for a in aktiviteter:
        plats = a.lokal or a.organ
        datum = date_format(a.datum, "DATE_FORMAT")
        if a.datum >= idag:
            steg = "fore"
            rubrik = _("Planerad: %(typ)s, %(plats)s, %(datum)s")
        else:
            steg = "forsenad"
            rubrik = _("Försenad: %(typ)s, %(plats)s, planerad %(datum)s")
        skapad = notis_create(
            mottagare=a.ansvarig,
            typ="aktivitet",
            nyckel=f"aktivitet:{a.pk}:{steg}:{a.datum.isoformat()}",
            rubrik=rubrik % {"typ": a.typ.namn, "plats": plats, "datum": datum},
            lank=a.get_absolute_url(),
            text=_("Registrera aktiviteten när den är genomförd."),
        )
        antal += skapad is not None
    return antal
