"""
Reminders of classification reviews, registered with the sweep in apps.py: to the asset's
informationsägare (or, without one, whoever classified it) DAGAR_FORE days before the
review date, and once when it has passed. Each goes through `notis_create` with a key of
the asset, the stage and the date: once only, and a new date gives new reminders.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paminnelser.services import notis_create

DAGAR_FORE = 30
# An overdue review is reminded of once; the sweep looks this far back, so a sweep that
# did not run for a while still catches up.
FORSENAD_FONSTER = 60


def create_klassningar(nu) -> int:
    from .models import Informationstillgang

    idag = timezone.localdate(nu)
    tillgangar = Informationstillgang.objects.filter(
        Q(informationsagare__is_active=True)
        | Q(informationsagare__isnull=True, klassad_av__is_active=True),
        nasta_oversyn__lte=idag + timedelta(days=DAGAR_FORE),
        nasta_oversyn__gte=idag - timedelta(days=FORSENAD_FONSTER),
    ).select_related("informationsagare", "klassad_av")
    antal = 0
    for t in tillgangar:
        datum = date_format(t.nasta_oversyn, "DATE_FORMAT")
        if t.nasta_oversyn >= idag:
            steg = "fore"
            rubrik = _("Klassningen av %(namn)s ska ses över senast %(datum)s")
        else:
            steg = "forsenad"
            rubrik = _("Försenad översyn: klassningen av %(namn)s, senast %(datum)s")
        skapad = notis_create(
            mottagare=t.informationsagare or t.klassad_av,
            typ="klassning",
            nyckel=f"klassning:{t.pk}:{steg}:{t.nasta_oversyn.isoformat()}",
            rubrik=rubrik % {"namn": t.namn, "datum": datum},
            lank=t.get_absolute_url(),
            text=_("Se över klassningen och ange datumet för nästa översyn."),
        )
        antal += skapad is not None
    return antal


# The säkerhetsskyddsanalys and the SUA are reminded of earlier: a new analysis or a
# renewed agreement takes time to prepare.
SAKERHETSSKYDD_DAGAR_FORE = 60


def create_sakerhetsskydd(nu) -> int:
    """The latest säkerhetsskyddsanalys: to its responsible person before the next is due and
    once when it is overdue. Each SUA: before it expires. Only the date and a link: the
    pages themselves hold nothing classified, and the notice holds less."""
    from .models import Sakerhetsskyddsanalys, Sakerhetsskyddsavtal

    idag = timezone.localdate(nu)
    grans = idag + timedelta(days=SAKERHETSSKYDD_DAGAR_FORE)
    antal = 0
    analys = Sakerhetsskyddsanalys.objects.select_related("ansvarig").first()
    if (
        analys is not None
        and analys.ansvarig.is_active
        and idag - timedelta(days=FORSENAD_FONSTER) <= analys.nasta_senast <= grans
    ):
        datum = date_format(analys.nasta_senast, "DATE_FORMAT")
        steg = "fore" if analys.nasta_senast >= idag else "forsenad"
        rubrik = (
            _("Ny säkerhetsskyddsanalys senast %(datum)s")
            if steg == "fore"
            else _("Försenad: säkerhetsskyddsanalysen skulle ha gjorts senast %(datum)s")
        )
        antal += (
            notis_create(
                mottagare=analys.ansvarig,
                typ="sakerhetsskydd",
                nyckel=f"sakerhetsskyddsanalys:{analys.pk}:{steg}:{analys.nasta_senast.isoformat()}",
                rubrik=rubrik % {"datum": datum},
                lank=reverse("informationssakerhet:sakerhetsskydd"),
            )
            is not None
        )
    for avtal in Sakerhetsskyddsavtal.objects.filter(
        giltigt_till__gte=idag, giltigt_till__lte=grans, ansvarig__is_active=True
    ).select_related("ansvarig"):
        antal += (
            notis_create(
                mottagare=avtal.ansvarig,
                typ="sakerhetsskydd",
                nyckel=f"sua:{avtal.pk}:{avtal.giltigt_till.isoformat()}",
                rubrik=_("Ett säkerhetsskyddsavtal går ut %(datum)s")
                % {"datum": date_format(avtal.giltigt_till, "DATE_FORMAT")},
                lank=reverse("informationssakerhet:avtal", args=[avtal.pk]),
            )
            is not None
        )
    return antal


def create_checklistor(nu) -> int:
    """Overdue reviews of the cybersäkerhet checklist, once: one notice per system and
    review date (the points answered together share one), to the system's owner, or
    without one to whoever gave the overdue answers. Only systems in the law's scope and
    points still in use."""
    from .models import Checklistsvar

    idag = timezone.localdate(nu)
    svar = (
        Checklistsvar.objects.filter(
            system__cybersakerhetslag=True,
            kontrollpunkt__aktiv=True,
            nasta_oversyn__lt=idag,
            nasta_oversyn__gte=idag - timedelta(days=FORSENAD_FONSTER),
        )
        .select_related("system__systemagare", "besvarad_av")
        .order_by("system_id", "nasta_oversyn", "pk")
    )
    grupper: dict[tuple, list] = {}
    for s in svar:
        grupper.setdefault((s.system_id, s.nasta_oversyn), []).append(s)
    antal = 0
    for (system_id, datum), rader in grupper.items():
        system = rader[0].system
        agare = system.systemagare
        if agare is not None and agare.is_active:
            mottagare = [agare]
        else:
            mottagare = list({s.besvarad_av_id: s.besvarad_av for s in rader}.values())
        rubrik = ngettext(
            "Försenad översyn: cybersäkerhetschecklistan för %(namn)s (%(n)s punkt), "
            "senast %(datum)s",
            "Försenad översyn: cybersäkerhetschecklistan för %(namn)s (%(n)s punkter), "
            "senast %(datum)s",
            len(rader),
        ) % {"namn": system.namn, "n": len(rader), "datum": date_format(datum, "DATE_FORMAT")}
        for user in mottagare:
            if not user.is_active:
                continue
            antal += (
                notis_create(
                    mottagare=user,
                    typ="cybersakerhet",
                    nyckel=f"checklista:{system_id}:{datum.isoformat()}",
                    rubrik=rubrik,
                    lank=reverse("informationssakerhet:cybersakerhet", args=[system_id]),
                    text=_("Se över svaren och ange datumet för nästa översyn."),
                )
                is not None
            )
    return antal
