"""
The reminders of åtgärder and of the reviews of risks and risk analyses, registered with the
reminders' sweep in apps.py. Each goes through `notis_create` (reminders.skicka) with a key
of the thing, the kind and the due date, so running this twice (or concurrently) creates
each reminder once; a changed due date gives new reminders.

- åtgärder: to the responsible person 14 and 1 days before (PAMINNELSE_ATGARD_DAGAR_FORE),
  on the day, weekly while overdue; the chef of their unit from 14 days overdue;
- risks and risk analyses due for review: to the owning body's nämndföreträdare, ahead
  (settings.OVERSYN_DAGAR_FORE) and when due.
"""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from paminnelser.reminders import oversyn, skicka
from paminnelser.texter import Text
from policy.selectors import oversyn_senast

from .models import Atgard, Risk, Riskanalys
from .selectors import atgarder_visible_to

ATGARD_FORSENAD_CHEF_DAGAR = 14


def _atgard_dagar_fore() -> list[int]:
    return sorted(getattr(settings, "PAMINNELSE_ATGARD_DAGAR_FORE", [14, 1]), reverse=True)


# Åtgärder --------------------------------------------------------------------------------


def _atgard_steg(forfallodatum: date, idag: date) -> tuple[str, Text] | None:
    """The stage of an åtgärd today: (key part, heading) or None when nothing is due."""
    kvar = (forfallodatum - idag).days
    if kvar > 0:
        steg = [d for d in _atgard_dagar_fore() if kvar <= d]
        if not steg:
            return None
        return f"fore-{min(steg)}", Text(
            gettext_noop("Åtgärd ska vara klar om %(n)d dag"),
            plural=gettext_noop("Åtgärd ska vara klar om %(n)d dagar"),
            antal="n",
            n=kvar,
        )
    if kvar == 0:
        return "idag", Text(gettext_noop("Åtgärd ska vara klar i dag"))
    vecka = -kvar // 7
    if vecka == 0:
        return "idag", Text(gettext_noop("Åtgärd ska vara klar i dag"))
    return f"forsenad-v{vecka}", Text(
        gettext_noop("Åtgärd är försenad %(n)d dag"),
        plural=gettext_noop("Åtgärd är försenad %(n)d dagar"),
        antal="n",
        n=-kvar,
    )


def create_atgarder(nu) -> int:
    idag = timezone.localdate(nu)
    max_fore = max(_atgard_dagar_fore(), default=0)
    atgarder = (
        Atgard.objects.filter(
            status__in=Atgard.OPPNA,
            forfallodatum__lte=idag + timedelta(days=max_fore),
            ansvarig__is_active=True,
        )
        .select_related("ansvarig__enhet", "risk", "incident", "aktivitet")
        .prefetch_related("ansvarig__enhet__chefer")
    )
    antal = 0
    for atgard in atgarder:
        steg = _atgard_steg(atgard.forfallodatum, idag)
        if steg is None:
            continue
        nyckeldel, rubrik = steg
        # The åtgärd's own page opens for its responsible person, who may not see the
        # risk or incident it treats.
        lank = atgard.get_absolute_url()
        text = Text(
            gettext_noop("%(beskrivning)s\nSka vara klar: %(datum)s."),
            beskrivning=atgard.beskrivning[:300],
            datum=atgard.forfallodatum,
        )
        antal += skicka(
            [atgard.ansvarig],
            typ="atgard",
            nyckel=f"atgard:{atgard.pk}:{nyckeldel}:{atgard.forfallodatum.isoformat()}",
            rubrik=rubrik,
            lank=lank,
            text=text,
        )
        if (idag - atgard.forfallodatum).days >= ATGARD_FORSENAD_CHEF_DAGAR:
            antal += _atgard_till_chef(atgard, lank, text)
    return antal


def _ser_atgard(user, atgard) -> bool:
    return atgarder_visible_to(user).filter(pk=atgard.pk).exists()


def _atgard_till_chef(atgard, lank: str, text: Text) -> int:
    enhet = atgard.ansvarig.enhet
    if enhet is None:
        return 0
    antal = 0
    for chef in enhet.chefer.all():
        if chef.pk == atgard.ansvarig_id or not chef.is_active:
            continue
        if not _ser_atgard(chef, atgard):
            # The chef may not see this åtgärd: say only that something is late.
            chef_lank, chef_text = reverse("paminnelser:lista"), ""
        else:
            chef_lank, chef_text = lank, text
        antal += skicka(
            [chef],
            typ="atgard-chef",
            nyckel=f"atgard:{atgard.pk}:chef:{atgard.forfallodatum.isoformat()}",
            rubrik=Text(
                gettext_noop("En åtgärd för %(namn)s är försenad mer än två veckor"),
                namn=atgard.ansvarig,
            ),
            lank=chef_lank,
            text=chef_text,
        )
    return antal


# Reviews ---------------------------------------------------------------------------------


def create_oversyner(nu) -> int:
    idag = timezone.localdate(nu)
    grans = oversyn_senast(idag)
    kontakter: dict[int, list] = {}
    antal = 0
    # Only the latest version of an analysis: one that has a revision is replaced.
    analyser = Riskanalys.objects.filter(
        status=Riskanalys.Status.GODKAND, period_till__lte=grans, revisioner__isnull=True
    )
    for analys in analyser:
        antal += oversyn(
            analys,
            typ="riskanalys-oversyn",
            datum=analys.period_till,
            organ_id=analys.organ_id,
            namn=analys.titel,
            lank=analys.get_absolute_url(),
            idag=idag,
            kontakter=kontakter,
        )
    risker = Risk.objects.filter(
        nasta_oversyn__isnull=False,
        nasta_oversyn__lte=grans,
        riskanalys__revisioner__isnull=True,
    ).exclude(riskanalys__status=Riskanalys.Status.UTKAST)
    for risk in risker:
        antal += oversyn(
            risk,
            typ="risk-oversyn",
            datum=risk.nasta_oversyn,
            organ_id=risk.organ_id,
            namn=risk.titel,
            lank=risk.get_absolute_url(),
            idag=idag,
            kontakter=kontakter,
        )
    return antal
