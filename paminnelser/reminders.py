"""
Which reminders are due now, and to whom. Every reminder goes through `notis_create` with a
key of the thing, the kind and the due date, so running this twice (or concurrently)
creates each reminder once; a changed due date gives new reminders.

This module's own rules:
- governing documents due for review: to the owning body's nämndföreträdare, ahead
  (settings.OVERSYN_DAGAR_FORE) and when due;
- årshjulet: on each point's lead time before its date.
The rules of the other apps (åtgärder and reviews of risks in risker/paminnelser.py,
incidents not received and legal clocks in incidenter/paminnelser.py, …) are registered
with `regel` in their AppConfig.ready() and run here with these.
"""

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from policy.models import Roll, Styrdokument
from policy.selectors import oversyn_senast

from .models import Arshjulspunkt
from .services import notis_create
from .texter import Text

logger = logging.getLogger(__name__)


def _d(dag: date) -> str:
    return date_format(dag, "DATE_FORMAT")


def _users():
    return get_user_model().objects.filter(is_active=True)


def _i_roll(*roller):
    return _users().filter(groups__name__in=roller).distinct()


def _kontakter(organ_id: int):
    """The contacts of a body: its nämndföreträdare; Säkerhetsavdelningen when it has none."""
    kontakter = list(_i_roll(Roll.NAMNDFORETRADARE).filter(enhet__organ_id=organ_id).order_by("pk"))
    return kontakter or list(_i_roll(Roll.SAKERHETSAVDELNING).order_by("pk"))


def skicka(mottagare, **kwargs) -> int:
    """One notice to each of `mottagare` (notis_create); how many were new."""
    return sum(1 for user in mottagare if notis_create(mottagare=user, **kwargs) is not None)


# Reviews ---------------------------------------------------------------------------------


def _oversyn_steg(datum: date, idag: date) -> tuple[str, str] | None:
    if idag >= datum:
        return "forfallen", gettext_noop("Dags för översyn: %(namn)s")
    if datum <= oversyn_senast(idag):
        return f"fore-{settings.OVERSYN_DAGAR_FORE}", gettext_noop(
            "Översyn inom %(dagar)s dagar: %(namn)s"
        )
    return None


def oversyn(objekt, *, typ, datum, organ_id, namn, lank, idag, kontakter) -> int:
    """A review reminder of `objekt` to its body's contacts (`kontakter`: a cache by body)."""
    steg = _oversyn_steg(datum, idag)
    if steg is None:
        return 0
    nyckeldel, monster = steg
    if organ_id not in kontakter:
        kontakter[organ_id] = _kontakter(organ_id)
    return skicka(
        kontakter[organ_id],
        typ=typ,
        nyckel=f"{typ}:{objekt.pk}:{nyckeldel}:{datum.isoformat()}",
        rubrik=Text(monster, namn=namn, dagar=settings.OVERSYN_DAGAR_FORE),
        lank=lank,
        text=Text(gettext_noop("Nästa översyn: %(datum)s."), datum=datum),
    )


def create_styrdokument_oversyner(idag: date) -> int:
    grans = oversyn_senast(idag)
    kontakter: dict[int, list] = {}
    antal = 0
    for dokument in Styrdokument.objects.filter(nasta_oversyn__lte=grans).select_related("omrade"):
        antal += oversyn(
            dokument,
            typ="styrdokument-oversyn",
            datum=dokument.nasta_oversyn,
            organ_id=dokument.agare_id,
            namn=dokument.titel,
            lank=_styrdokument_lank(dokument),
            idag=idag,
            kontakter=kontakter,
        )
    return antal


def _styrdokument_lank(dokument) -> str:
    return reverse("policy:styrdokument")


# Årshjulet -------------------------------------------------------------------------------


def arshjul_mottagare(punkt: Arshjulspunkt):
    users = _users()
    if punkt.roll:
        users = users.filter(groups__name=punkt.roll)
        if punkt.organ_id:
            users = users.filter(enhet__organ_id=punkt.organ_id)
        return list(users.distinct().order_by("pk"))
    if punkt.organ_id:
        return _kontakter(punkt.organ_id)
    return list(_i_roll(Roll.SAKERHETSAVDELNING).order_by("pk"))


def create_arshjul(idag: date | None = None) -> int:
    idag = idag or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return _create_arshjul(idag)


def _create_arshjul(idag: date) -> int:
    antal = 0
    for punkt in Arshjulspunkt.objects.filter(aktiv=True).select_related("organ"):
        datum = punkt.nasta_datum(idag)
        if datum is None or (datum - idag).days > punkt.framforhallning:
            continue
        antal += skicka(
            arshjul_mottagare(punkt),
            typ="arshjul",
            nyckel=f"arshjul:{punkt.pk}:{datum.isoformat()}",
            rubrik=Text(
                gettext_noop("Årshjulet: %(namn)s, %(datum)s"), namn=punkt.namn, datum=datum
            ),
            lank=punkt.lank or reverse("paminnelser:lista"),
            text=punkt.beskrivning,
        )
    return antal


# All of it -------------------------------------------------------------------------------


def create_all(nu=None) -> int:
    """Create every reminder due at `nu` (now). The texts are stored, so they are written
    in the site's language whatever the worker's."""
    nu = nu or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        return _create_all(nu)


# Rules of other apps: `regel("namn")(fn)` in the app's AppConfig.ready(), where fn(nu) returns
# how many notices it created. The apps depend on this module, never the other way round.
REGLER: dict[str, object] = {}


def regel(namn: str):
    def registrera(fn):
        REGLER[namn] = fn
        return fn

    return registrera


def _create_all(nu) -> int:
    idag = timezone.localdate(nu)
    antal = 0
    for name, step in (
        ("styrdokument", lambda: create_styrdokument_oversyner(idag)),
        *((namn, lambda fn=fn: fn(nu)) for namn, fn in REGLER.items()),
    ):
        try:
            antal += step()
        except Exception:  # one broken rule must not stop the others
            logger.exception("Påminnelser: regeln %s misslyckades", name)
    return antal
