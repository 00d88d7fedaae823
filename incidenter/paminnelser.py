"""
The reminders of incidents, registered with the reminders' sweep in apps.py. Each goes
through `notis_create` (reminders.skicka) with a key of the thing, the kind and the due date,
so running this twice (or concurrently) creates each reminder once.

- incidents still "rapporterad" after one working day: to Säkerhetsavdelningen (a skyddad
  incident only to the säkerhetschef) and the unit's chefs;
- legal clocks: to the handler and Säkerhetsavdelningen when half the time is gone and when
  4 hours remain (for clocks over 72 hours: when 1/18 of the time remains).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from lib.arbetsdagar import arbetsdagar_efter
from paminnelser.reminders import skicka
from paminnelser.texter import Text

from .models import Incident, Rapporteringsplikt
from .selectors import incidents_visible_to, sakerhetsfunktion

KORT_KLOCKA = timedelta(hours=72)
KORT_KLOCKA_KVAR = timedelta(hours=4)


def _visible_ids(user, incident_ids) -> set[int]:
    return set(incidents_visible_to(user).filter(pk__in=incident_ids).values_list("pk", flat=True))


# Incidents not received ------------------------------------------------------------------


def create_incidenter_ej_mottagna(nu) -> int:
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
    sakerhet = list(sakerhetsfunktion())
    sakerhetschefer = list(sakerhetsfunktion(skyddad=True))
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
            antal += skicka(
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
    # The clocks still running at `nu`, by the clocks' own rule (a clock that has run out
    # is the start page's and the list's "overdue", and reminds no more).
    klockor = (
        Rapporteringsplikt.objects.filter(incident__upptackt__gte=nu - timedelta(days=400))
        .select_related("incident__handlaggare")
        .klockor(nu)
    )
    sakerhet_alla = list(sakerhetsfunktion())
    sakerhetschefer = list(sakerhetsfunktion(skyddad=True))
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
            antal += skicka(
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
