"""
The incident list's filters, shared by the list, its exports and the statistics, so that a
number in the statistics is exactly the number of rows its link shows.

`IncidentFilter` is a plain form over GET parameters; `filtrera(qs, data)` applies its
cleaned data to a queryset that already comes from `incidents_visible_to(user)`, and
`sortera(qs, data)` orders it by a whitelisted column.
"""

import datetime
import functools
import time
from collections import defaultdict

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koping_sakerhet.lib import versioner
from koping_sakerhet.lib.widgets import Select
from policy.models import Enhet, Omrade, Organ

from .models import LOPANDE_KLOCKA, Incident, Kategori, Rapporteringsplikt
from .selectors import sees_all_normal, skyddade_visible_to

# Stands for "not classified (yet)" in the area and category filters: triage decides, and
# the statistics count those incidents too, so their drill-down needs a value.
INGEN = "ingen"

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


class _Id(forms.ModelChoiceField):
    """A model choice, cleaned to the chosen row's id. An id among the options the form
    shows (valbara(), set as `kanda` by the form) is taken as it is; any other is looked up
    in the database as Django does, so a row added since the options were read can still
    be chosen. One query less for each filter chosen."""

    kanda: frozenset[str] = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=False, empty_label=_("Alla"), widget=Select, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value) in self.kanda:
            return int(value)
        return super().to_python(value).pk


class _MedIngen(_Id):
    """A model choice that also accepts INGEN (no value set on the incident)."""

    def __init__(self, *args, ingen_label, **kwargs):
        self.ingen_label = ingen_label
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value == INGEN:
            return INGEN
        return super().to_python(value)


VALBARA_CACHE = "incidenter:filter:valbara:2"  # :2 since the entry holds "last"


def valbara() -> dict[str, list]:
    """The filter's options as (value, label) pairs, grouped as the form shows them.
    Areas, categories, bodies and units change a few times a year and are the same for
    everyone, so they are read once a minute rather than in four queries on every page: a
    new category shows in the filter at most a minute late (and can be chosen at once:
    _Id asks the database for an id it does not find here)."""

    def las():
        kategorier: dict[str, list] = {}
        for k in Kategori.objects.select_related("omrade"):
            kategorier.setdefault(k.omrade.namn, []).append((k.pk, k.namn))
        return {
            "omrade": [(o.pk, str(o)) for o in Omrade.objects.all()],
            "kategori": list(kategorier.items()),
            "organ": [(o.pk, str(o)) for o in Organ.objects.all()],
            "enhet": [(e.pk, str(e)) for e in Enhet.objects.select_related("organ")],
            # When they were read: the list keeps its drawn filter form under this
            # (templates/incidenter/lista.html), so the form is never older than the options.
            "last": time.time_ns(),
        }

    return cache.get_or_set(VALBARA_CACHE, las, 60)


class IncidentFilter(forms.Form):
    q = forms.CharField(
        label=_("Sök"),
        max_length=200,
        required=False,
        help_text=_("Söker i referensnummer, rubrik, beskrivning och plats."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alla")), ("oppna", _("Alla öppna")), *Incident.Status.choices],
        required=False,
        widget=Select,
    )
    omrade = _MedIngen(
        label=_("Säkerhetsområde"), queryset=Omrade.objects.all(), ingen_label=_("Ej klassat")
    )
    kategori = _MedIngen(
        label=_("Kategori"),
        queryset=Kategori.objects.select_related("omrade"),
        ingen_label=_("Ej klassad"),
    )
    organ = _Id(label=_("Organ"), queryset=Organ.objects.all())
    enhet = _Id(label=_("Enhet"), queryset=Enhet.objects.select_related("organ"))
    fran = forms.DateField(
        label=_("Rapporterad från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    till = forms.DateField(
        label=_("Rapporterad till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    prioriterad = forms.BooleanField(
        label=_("Bara prioriterade (någon skadad eller i fara)"),
        required=False,
    )
    forsenade = forms.BooleanField(
        label=_("Bara med försenad rapportering till myndighet"),
        required=False,
    )
    sortera = forms.ChoiceField(
        label=_("Sortera efter"),
        choices=[
            ("prioritet", _("Prioriterade först, sedan nyast")),
            ("nyast", _("Nyast först")),
            ("aldst", _("Äldst först")),
            ("referens", _("Referensnummer")),
            ("rubrik", _("Rubrik")),
            ("status", _("Status")),
            ("omrade", _("Säkerhetsområde")),
            ("enhet", _("Organ och enhet")),
        ],
        required=False,
        widget=Select,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Categories are grouped under their area, as the policy orders them.
        alla = valbara()
        self.valbara_last = alla["last"]
        for namn in ("omrade", "kategori", "organ", "enhet"):
            falt = self.fields[namn]
            ingen = [(INGEN, falt.ingen_label)] if isinstance(falt, _MedIngen) else []
            # A callable: the options are put in Django's form only when the form is drawn,
            # and the list mostly shows a drawn form it has kept.
            falt.widget.choices = functools.partial(list, [("", _("Alla")), *ingen, *alla[namn]])
            alternativ = alla[namn]
            if namn == "kategori":  # grouped under their areas
                alternativ = [val for _omrade, grupp in alternativ for val in grupp]
            falt.kanda = frozenset(str(pk) for pk, _namn in alternativ)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            raise forms.ValidationError(_("Från-datumet är senare än till-datumet."))
        return data


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


def forsenade_plikter(now=None):
    """Reporting duties whose clock has run out without the report being made, computed in
    the database. A clock starts at awareness (Incident.upptackt), or for a duty that follows
    another (the cyber final report) when that other report was made; the same rule as
    Rapporteringsplikt.deadline()."""
    now = now or timezone.now()
    foregaende = Rapporteringsplikt.objects.filter(
        incident_id=OuterRef("incident_id"), typ_id=OuterRef("typ__efter_id")
    ).values("utford")[:1]
    start = Case(
        When(typ__efter__isnull=True, then=F("incident__upptackt")),
        default=Subquery(foregaende),
        output_field=DateTimeField(),
    )
    # Calendar months are no fixed duration the database can add: those few running
    # clocks are read and judged by the model's rule.
    manader = Rapporteringsplikt.objects.filter(LOPANDE_KLOCKA, frist_manader__isnull=False)
    forsenade_manader = [
        p.pk
        for p in manader.select_related("typ", "incident").prefetch_related("incident__plikter")
        if p.ar_forsenad(list(p.incident.plikter.all()), now)
    ]
    return (
        Rapporteringsplikt.objects.filter(LOPANDE_KLOCKA)
        .alias(deadline=ExpressionWrapper(start + F("frist"), output_field=DateTimeField()))
        .filter(Q(frist__isnull=False, deadline__lt=now) | Q(pk__in=forsenade_manader))
    )


def har_forsenad_klocka(now=None):
    """An expression for an incident queryset: true when one of its clocks is overdue."""
    return Exists(forsenade_plikter(now).filter(incident_id=OuterRef("pk")))


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
        qs = qs.filter(har_forsenad_klocka(now))
    if data.get("q"):
        qs = sok(qs, data["q"])
    return qs


def sortera(qs, data: dict):
    return qs.order_by(*SORTERINGAR.get(data.get("sortera") or "", SORTERINGAR[STANDARDSORTERING]))


def _rader(qs, now=None):
    return qs.select_related("enhet__organ", "omrade", "kategori", "handlaggare").annotate(
        forsenad_klocka=har_forsenad_klocka(now)
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
    if data.get("forsenade") or not sees_all_normal(user):
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
    and sorted again. `antal`: the count, when the caller has it (filters.antal)."""
    ids_qs = sortera(filtrera(qs, data, now=now), data).values_list("pk", flat=True)
    paginator = Paginator(ids_qs, per_sida)
    if antal is not None:
        paginator.count = antal
    page = paginator.get_page(nummer)
    lopande = Rapporteringsplikt.objects.filter(LOPANDE_KLOCKA, incident=OuterRef("pk"))
    rader = list(
        sortera(Incident.objects.filter(pk__in=_sidans_ids(ids_qs, page)), data)
        .annotate(lopande_klocka=Exists(lopande))
        .values(*RADFALT, "lopande_klocka")
    )
    # Whether a reporting clock has run out, by the model's rule, from the duties of the
    # rows whose clocks still run (as an annotation, or a query of the SQL rule, planning it
    # cost more than running it). Most pages have none, and ask nothing more. Only what
    # Rapporteringsplikt.ar_forsenad reads is loaded.
    plikter = defaultdict(list)
    if lopande_ids := [rad["id"] for rad in rader if rad["lopande_klocka"]]:
        for plikt in (
            Rapporteringsplikt.objects.filter(incident_id__in=lopande_ids)
            .select_related("typ", "incident")
            .only("frist", "frist_manader", "utford", "typ__efter", "incident__upptackt")
        ):
            plikter[plikt.incident_id].append(plikt)
    now = now or timezone.now()
    for rad in rader:
        syskon = plikter[rad["id"]]
        rad["forsenad_klocka"] = any(p.ar_forsenad(syskon, now) for p in syskon)
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


class StatistikFilter(IncidentFilter):
    """The list's filters without period and order, and the year to count: the statistics
    always show a whole year beside the year before."""

    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for namn in ("fran", "till", "sortera"):
            del self.fields[namn]
