"""
The incident list's query, shared by the list, its exports and the statistics: the filter
form's cleaned data (filters.py) applied to incidents that already come from
`incidents_visible_to(user)` (`filtrera`), in a whitelisted order (`sortera`), a page of it
(`sida`) and its count, kept for those who see every normal incident (`antal`).
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils import timezone

from lib import versioner

from .filters import INGEN
from .models import Incident, Rapporteringsplikt
from .selectors import ser_alla_normala, skyddade_visible_to

STATUSORDNING = Case(
    *[When(status=s, then=Value(i)) for i, s in enumerate(Incident.Status.values)],
    output_field=IntegerField(),
)

# The whitelist of sort orders: a value from the request never reaches order_by() itself.
# Each ends in a unique key, so a row has one place in the order: no page repeats or skips
# a row of the one before, and read from either end (sida) a page holds the same rows.
SORTERINGAR = {
    "prioritet": ["-personskada_eller_fara", "-rapporterad", "-pk"],
    "nyast": ["-rapporterad", "-pk"],
    "aldst": ["rapporterad", "pk"],
    "referens": ["-ar", "-lopnummer"],
    "rubrik": ["rubrik", "-rapporterad", "-pk"],
    "status": [STATUSORDNING, "-rapporterad", "-pk"],
    "omrade": [F("omrade__nummer").asc(nulls_last=True), "-rapporterad", "-pk"],
    "enhet": ["enhet__organ__namn", "enhet__namn", "-rapporterad", "-pk"],
}
STANDARDSORTERING = "prioritet"


def _dagens_borjan(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def period(qs, fran: datetime.date | None, till: datetime.date | None):
    """Incidents reported from the start of `fran` up to the end of `till` (local time),
    as a range on the indexed column rather than a date cast of it."""
    if fran:
        qs = qs.filter(rapporterad__gte=_dagens_borjan(fran))
    if till and till < datetime.date.max:
        qs = qs.filter(rapporterad__lt=_dagens_borjan(till + datetime.timedelta(days=1)))
    return qs


def forsenad_klocka(now=None) -> Q:
    """A condition on incidents: a reporting clock of theirs has run out at `now`, by
    Rapporteringsplikt's rule (RapporteringspliktQuerySet.klockor: the few running clocks,
    read and judged). The database then finds the incidents by primary key."""
    return Q(pk__in=Rapporteringsplikt.objects.forsenade_incident_ids(now))


def sok(qs, text: str):
    """Free-text search over what describes the event, never the personal-data fields
    (people involved, contact person)."""
    text = text.strip()
    if not text:
        return qs
    return qs.filter(
        Q(referens__icontains=text)
        | Q(rubrik__icontains=text)
        | Q(beskrivning__icontains=text)
        | Q(plats__icontains=text)
    )


def filtrera(qs, data: dict, *, now=None, med_period: bool = True):
    """Apply the filter form's cleaned data. `qs` must come from incidents_visible_to()."""
    status = data.get("status")
    if status == "oppna":
        qs = qs.filter(status__in=Incident.OPPNA)
    elif status:
        qs = qs.filter(status=status)
    for falt in ("omrade", "kategori"):
        varde = data.get(falt)
        if varde == INGEN:
            qs = qs.filter(**{f"{falt}__isnull": True})
        elif varde is not None:
            qs = qs.filter(**{falt: varde})
    if data.get("organ") is not None:
        qs = qs.filter(enhet__organ=data["organ"])
    if data.get("enhet") is not None:
        qs = qs.filter(enhet=data["enhet"])
    if med_period:
        qs = period(qs, data.get("fran"), data.get("till"))
    if data.get("prioriterad"):
        qs = qs.filter(personskada_eller_fara=True)
    if data.get("forsenade"):
        qs = qs.filter(forsenad_klocka(now))
    if data.get("q"):
        qs = sok(qs, data["q"])
    return qs


def sortera(qs, data: dict):
    return qs.order_by(*SORTERINGAR.get(data.get("sortera") or "", SORTERINGAR[STANDARDSORTERING]))


def _rader(qs, now=None):
    return qs.select_related("enhet__organ", "omrade", "kategori", "handlaggare").annotate(
        forsenad_klocka=ExpressionWrapper(forsenad_klocka(now), output_field=BooleanField())
    )


def lista(qs, data: dict, *, now=None):
    """The list's rows: filtered, sorted, with what a row shows in the same query."""
    return sortera(_rader(filtrera(qs, data, now=now), now), data)


# --- The list's count ---
#
# An exact count of the filtered incidents is the most expensive question the list asks
# (13 000 rows under one area: 4 ms; all 100 000: far more), and for everyone who sees every
# normal incident (Säkerhetsavdelningen, kommunledning) the normal ones give the same answer.
# That part is kept until an incident or unit is saved or deleted (incidenter.apps), or
# for LISTVERSION_SEKUNDER after a write that bypasses save(); the skyddade, which each
# person sees their own share of, are counted live.

LISTVERSION = "incidenter:lista:version"
LISTVERSION_SEKUNDER = 300


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save and post_delete (incidenter.apps)."""
    versioner.data_andrad(LISTVERSION)


def antal(user, qs, data: dict, *, now=None) -> int:
    """How many incidents the list shows: `filtrera(qs, data).count()`, where `qs` is
    `incidents_visible_to(user)`."""
    # "Overdue" changes with the clock, not only with the data.
    if data.get("forsenade") or not ser_alla_normala(user):
        return filtrera(qs, data, now=now).count()
    grund = ("antal", sorted((k, v) for k, v in data.items() if k != "sortera"))
    normala = versioner.versionerad(
        LISTVERSION,
        grund,
        lambda: filtrera(
            Incident.objects.filter(konfidentialitet=Incident.Konfidentialitet.NORMAL), data
        ).count(),
        LISTVERSION_SEKUNDER,
    )
    # Each person's skyddade are few, but asking for them was a seventh of the page. Their
    # count is kept per person and filters too (paging through a list asks it again and
    # again), until an incident, unit or grant changes; the key holds what else decides
    # which skyddade a person sees.
    skyddade = versioner.versionerad(
        LISTVERSION,
        (*grund, user.pk, user.has_perm("incidenter.view_skyddad_incident")),
        lambda: filtrera(skyddade_visible_to(user), data, now=now).count(),
        LISTVERSION_SEKUNDER,
    )
    return normala + skyddade


# What a row of the list shows, read as plain values: no model instances for 50 rows and
# their 200 related objects (half the rows' cost), nor the long texts.
RADFALT = (
    "id",
    "referens",
    "rubrik",
    "status",
    "personskada_eller_fara",
    "konfidentialitet",
    "rapporterad",
    "omrade__namn",
    "kategori__namn",
    "enhet__namn",
    "enhet__organ__namn",
    "enhet__organ__kortnamn",
)


def sida(qs, data: dict, nummer, *, per_sida: int, antal: int | None = None, now=None):
    """One page of the list, its rows as dicts of RADFALT and `forsenad_klocka`, in one
    query: the page's ids are found on the bare filtered and sorted table (an index can
    serve it, even far into 100 000 rows), and only those rows are read with their joins
    and sorted again. `antal`: the count, when the caller has it (antal)."""
    ids_qs = sortera(filtrera(qs, data, now=now), data).values_list("pk", flat=True)
    paginator = Paginator(ids_qs, per_sida)
    if antal is not None:
        paginator.count = antal
    page = paginator.get_page(nummer)
    lopande = Rapporteringsplikt.objects.lopande().filter(incident=OuterRef("pk"))
    rader = list(
        sortera(Incident.objects.filter(pk__in=_sidans_ids(ids_qs, page)), data)
        .annotate(lopande_klocka=Exists(lopande))
        .values(*RADFALT, "lopande_klocka")
    )
    # Whether a reporting clock has run out, by the model's rule, asked only of the rows
    # whose clocks still run (as an annotation, or a query of the rule, planning it cost
    # more than running it). Most pages have none, and ask nothing more.
    forsenade = set()
    if lopande_ids := [rad["id"] for rad in rader if rad["lopande_klocka"]]:
        forsenade = Rapporteringsplikt.objects.filter(
            incident_id__in=lopande_ids
        ).forsenade_incident_ids(now)
    for rad in rader:
        rad["forsenad_klocka"] = rad["id"] in forsenade
    page.object_list = rader
    return page


def _sidans_ids(ids_qs, page):
    """The page's ids (a query). The database walks past every row before a page's OFFSET,
    so a page in the latter half is read from the other end, in the reverse order: no page
    walks past more than half of the rows, and the last pages (the oldest incidents) cost
    what the first do. Measured on the benchmark's database (page 262 of 264 under one
    area, 13 100 index entries before it): 3.0 ms in PostgreSQL with a plain OFFSET, 0.05 ms
    from the end. Keyset pagination would be as quick but cannot open a page by its number
    (`?sida=262`, a link someone shared) and needs a condition per sort order, two of them
    on expressions.
    That end is found from the count, so a count that is off (a write that bypassed save()
    and the kept count, or a report saved since) shifts such a page as a new report shifts
    the pages read from the front."""
    antal = page.paginator.count
    # Where Paginator.page() cut, without running its query.
    fore = (page.number - 1) * page.paginator.per_page
    efter = max(antal - fore - page.paginator.per_page, 0)
    if fore <= efter:
        return page.object_list
    return ids_qs.reverse()[efter : antal - fore]
