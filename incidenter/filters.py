"""
The incident list's filter form, shared by the list, its exports and the statistics, so
that a number in the statistics is exactly the number of rows its link shows.

`IncidentFilter` is a plain form over GET parameters; its cleaned data is what
`queries.filtrera` and `queries.sortera` apply to the incidents a user may see.
"""

import functools
import time

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from lib.widgets import Select
from policy.models import Enhet, Omrade, Organ

from .models import Incident, Kategori

# Stands for "not classified (yet)" in the area and category filters: triage decides, and
# the statistics count those incidents too, so their drill-down needs a value.
INGEN = "ingen"


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


class StatistikFilter(IncidentFilter):
    """The list's filters without period and order, and the year to count: the statistics
    always show a whole year beside the year before."""

    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for namn in ("fran", "till", "sortera"):
            del self.fields[namn]
