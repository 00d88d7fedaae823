"""
Which reminders are due now, and to whom. Every reminder goes through `notis_create` with a
key of the thing, the kind and the due date, so running this twice (or concurrently)
creates each reminder once; a changed due date gives new reminders.

The rules:
- åtgärder: to the responsible person 14 and 1 days before (PAMINNELSE_ATGARD_DAGAR_FORE),
  on the day, weekly while overdue; the chef of their unit from 14 days overdue;
- incidents still "rapporterad" after one working day: to Säkerhetsavdelningen (a skyddad
  incident only to the säkerhetschef) and the unit's chefs;
- legal clocks: to the handler and Säkerhetsavdelningen when half the time is gone and when
  4 hours remain (for clocks over 72 hours: when 1/18 of the time remains);
- risks, risk analyses and governing documents due for review: to the owning body's
  nämndföreträdare, 30 days ahead and when due;
- årshjulet: on each point's lead time before its date.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from koping_sakerhet.lib.arbetsdagar import arbetsdagar_efter
from policy.models import Roll
from policy.selectors import oversyn_senast

from .models import Arshjulspunkt
from .services import notis_create
from .texter import Text

logger = logging.getLogger(__name__)

ATGARD_FORSENAD_CHEF_DAGAR = 14
KORT_KLOCKA = timedelta(hours=72)
KORT_KLOCKA_KVAR = timedelta(hours=4)


def _atgard_dagar_fore() -> list[int]:
    return sorted(getattr(settings, "PAMINNELSE_ATGARD_DAGAR_FORE", [14, 1]), reverse=True)


def _d(dag: date) -> str:
    return date_format(dag, "DATE_FORMAT")


def _users():
    return get_user_model().objects.filter(is_active=True)


def _i_roll(*roller):
    return _users().filter(groups__name__in=roller).distinct()


def _sakerhetsfunktion(skyddad: bool = False):
    from incidenter.selectors import sakerhetsfunktion

    return sakerhetsfunktion(skyddad=skyddad)


def _kontakter(organ_id: int):
    """The contacts of a body: its nämndföreträdare; Säkerhetsavdelningen when it has none."""
    kontakter = list(_i_roll(Roll.NAMNDFORETRADARE).filter(enhet__organ_id=organ_id).order_by("pk"))
    return kontakter or list(_i_roll(Roll.SAKERHETSAVDELNING).order_by("pk"))


def _send(mottagare, **kwargs) -> int:
    return sum(1 for user in mottagare if notis_create(mottagare=user, **kwargs) is not None)


def _visible_ids(user, incident_ids) -> set[int]:
    from incidenter.selectors import incidents_visible_to

    return set(incidents_visible_to(user).filter(pk__in=incident_ids).values_list("pk", flat=True))


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


def create_atgarder(idag: date) -> int:
    from risker.models import Atgard

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
        antal += _send(
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
    from risker.selectors import atgarder_visible_to

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
        antal += _send(
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


# Incidents not received ------------------------------------------------------------------


def create_incidenter_ej_mottagna(nu) -> int:
    from incidenter.models import Incident

    # One working day is at least 23 hours (a daylight-saving night falls on a Sunday).
    kandidater = (
        Incident.objects.filter(
            status=Incident.Status.RAPPORTERAD,
            rapporterad__lte=nu - timedelta(hours=23),
            rapporterad__gte=nu - timedelta(days=60),
        )
        .select_related("enhet")
        .prefetch_related("enhet__chefer")
    )
    forfallna = [(i, arbetsdagar_efter(i.rapporterad, 1)) for i in kandidater]
    forfallna = [(i, due) for i, due in forfallna if due <= nu]
    if not forfallna:
        return 0
    sakerhet = list(_sakerhetsfunktion())
    sakerhetschefer = list(_sakerhetsfunktion(skyddad=True))
    ids = [i.pk for i, _due in forfallna]
    synliga: dict[int, set[int]] = {}
    antal = 0
    for incident, due in forfallna:
        skyddad = incident.konfidentialitet == Incident.Konfidentialitet.SKYDDAD
        mottagare = list(sakerhetschefer if skyddad else sakerhet)
        if not skyddad and incident.enhet_id:
            mottagare += [c for c in incident.enhet.chefer.all() if c.is_active]
        sett = set()
        for user in mottagare:
            if user.pk in sett:
                continue
            sett.add(user.pk)
            if user.pk not in synliga:
                synliga[user.pk] = _visible_ids(user, ids)
            # Never the incident's title: the notice points at the incident, and the
            # title is shown when read to whoever may see it then.
            if incident.pk in synliga[user.pk]:
                rubrik = Text(
                    gettext_noop("Incident %(ref)s har inte tagits emot"), ref=incident.referens
                )
                lank, om = incident.get_absolute_url(), incident
            else:
                rubrik = Text(gettext_noop("En incident har inte tagits emot inom en arbetsdag"))
                lank, om = reverse("paminnelser:lista"), None
            antal += _send(
                [user],
                typ="incident-ej-mottagen",
                nyckel=f"incident-ej-mottagen:{incident.pk}:{due.date().isoformat()}",
                rubrik=rubrik,
                lank=lank,
                incident=om,
                text=Text(
                    gettext_noop("Rapporterad %(datum)s och fortfarande inte mottagen."),
                    datum=timezone.localtime(incident.rapporterad).date(),
                ),
            )
    return antal


# Legal clocks ----------------------------------------------------------------------------


def plikt_paminnelsetider(start, frist: timedelta) -> list[tuple[str, object]]:
    """When to remind of a legal clock: (kind, moment) pairs."""
    kvar = KORT_KLOCKA_KVAR if frist <= KORT_KLOCKA else frist / 18
    return [("halv", start + frist / 2), ("slut", start + frist - kvar)]


def create_plikter(nu) -> int:
    from incidenter.models import Rapporteringsplikt

    # The clocks still running at `nu`, by the clocks' own rule (a clock that has run out
    # is the start page's and the list's "overdue", and reminds no more).
    klockor = (
        Rapporteringsplikt.objects.filter(incident__upptackt__gte=nu - timedelta(days=400))
        .select_related("incident__handlaggare")
        .klockor(nu)
    )
    sakerhet_alla = list(_sakerhetsfunktion())
    sakerhetschefer = list(_sakerhetsfunktion(skyddad=True))
    antal = 0
    for plikt, start, deadline, forsenad in klockor:
        incident = plikt.incident
        if start is None or forsenad:
            continue
        due = [(kind, t) for kind, t in plikt_paminnelsetider(start, deadline - start) if t <= nu]
        if not due:
            continue
        kind = due[-1][0]
        skyddad = incident.konfidentialitet == incident.Konfidentialitet.SKYDDAD
        mottagare = list(sakerhetschefer if skyddad else sakerhet_alla)
        if incident.handlaggare and incident.handlaggare.is_active:
            mottagare.insert(0, incident.handlaggare)
        sett = set()
        kvar = deadline - nu
        timmar = max(int(kvar.total_seconds() // 3600), 0)
        for user in mottagare:
            if user.pk in sett:
                continue
            sett.add(user.pk)
            visible = incident.pk in _visible_ids(user, [incident.pk])
            if visible:
                rubrik = Text(
                    gettext_noop("%(plikt)s för %(ref)s: frist %(tid)s"),
                    plikt=plikt.typ.namn,
                    ref=incident.referens,
                    tid=deadline,
                )
                lank, om = incident.get_absolute_url(), incident
            else:
                rubrik = Text(
                    gettext_noop("En rapporteringsfrist närmar sig: %(tid)s"), tid=deadline
                )
                lank, om = reverse("paminnelser:lista"), None
            antal += _send(
                [user],
                typ="rapporteringsplikt",
                nyckel=f"plikt:{plikt.pk}:{kind}:{deadline.isoformat()}",
                rubrik=rubrik,
                lank=lank,
                incident=om,
                text=Text(
                    gettext_noop("Omkring %(n)d timme kvar till fristen (%(mottagare)s)."),
                    plural=gettext_noop("Omkring %(n)d timmar kvar till fristen (%(mottagare)s)."),
                    antal="n",
                    n=timmar,
                    mottagare=plikt.mottagare,
                ),
            )
    return antal


# Reviews ---------------------------------------------------------------------------------


def _oversyn_steg(datum: date, idag: date) -> tuple[str, str] | None:
    if idag >= datum:
        return "forfallen", gettext_noop("Dags för översyn: %(namn)s")
    if datum <= oversyn_senast(idag):
        return f"fore-{settings.OVERSYN_DAGAR_FORE}", gettext_noop(
            "Översyn inom %(dagar)s dagar: %(namn)s"
        )
    return None


def _oversyn(objekt, *, typ, datum, organ_id, namn, lank, idag, kontakter) -> int:
    steg = _oversyn_steg(datum, idag)
    if steg is None:
        return 0
    nyckeldel, monster = steg
    if organ_id not in kontakter:
        kontakter[organ_id] = _kontakter(organ_id)
    return _send(
        kontakter[organ_id],
        typ=typ,
        nyckel=f"{typ}:{objekt.pk}:{nyckeldel}:{datum.isoformat()}",
        rubrik=Text(monster, namn=namn, dagar=settings.OVERSYN_DAGAR_FORE),
        lank=lank,
        text=Text(gettext_noop("Nästa översyn: %(datum)s."), datum=datum),
    )


def create_oversyner(idag: date) -> int:
    from policy.models import Styrdokument
    from risker.models import Risk, Riskanalys

    grans = oversyn_senast(idag)
    kontakter: dict[int, list] = {}
    antal = 0
    # Only the latest version of an analysis: one that has a revision is replaced.
    analyser = Riskanalys.objects.filter(
        status=Riskanalys.Status.GODKAND, period_till__lte=grans, revisioner__isnull=True
    )
    for analys in analyser:
        antal += _oversyn(
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
        antal += _oversyn(
            risk,
            typ="risk-oversyn",
            datum=risk.nasta_oversyn,
            organ_id=risk.organ_id,
            namn=risk.titel,
            lank=risk.get_absolute_url(),
            idag=idag,
            kontakter=kontakter,
        )
    for dokument in Styrdokument.objects.filter(nasta_oversyn__lte=grans).select_related("omrade"):
        antal += _oversyn(
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
        antal += _send(
            arshjul_mottagare(punkt),
            typ="arshjul",
            nyckel=f"arshjul:{punkt.pk}:{datum.isoformat()}",
            rubrik=Text(gettext_noop("Årshjulet: %(namn)s, %(datum)s"), namn=punkt.namn, datum=datum),
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
        ("atgarder", lambda: create_atgarder(idag)),
        ("incidenter", lambda: create_incidenter_ej_mottagna(nu)),
        ("plikter", lambda: create_plikter(nu)),
        ("oversyner", lambda: create_oversyner(idag)),
        *((namn, lambda fn=fn: fn(nu)) for namn, fn in REGLER.items()),
    ):
        try:
            antal += step()
        except Exception:  # one broken rule must not stop the others
            logger.exception("Påminnelser: regeln %s misslyckades", name)
    return antal
