"""
The register's filters, shared by the list, the exports and the matrix, so that a matrix
cell's count is exactly the number of rows its link shows.
"""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lib import versioner
from lib.widgets import Select
from policy.models import Omrade, Organ
from policy.selectors import scope_key

from . import levels
from .levels import Niva
from .models import Atgard, Riskanalys
from .selectors import risker_visible_to, synlighet

SORTERINGAR = {
    "niva": levels.ORDNING,
    "titel": ["titel", "pk"],
    "organ": ["organ__namn", *levels.ORDNING],
    "oversyn": ["nasta_oversyn", *levels.ORDNING],
}
SKALA = [("", _("Alla"))] + [(str(i), str(i)) for i in range(1, 6)]


class RegisterFilter(forms.Form):
    organ = forms.ModelChoiceField(
        label=_("Organ"),
        queryset=Organ.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=Select,
    )
    omrade = forms.ModelChoiceField(
        label=_("Säkerhetsområde"),
        queryset=Omrade.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=Select,
    )
    niva = forms.TypedChoiceField(
        label=_("Risknivå"),
        choices=[("", _("Alla")), *Niva.choices],
        coerce=int,
        required=False,
        empty_value=None,
        widget=Select,
    )
    status = forms.ChoiceField(
        label=_("Analysens status"),
        choices=[
            ("", _("Gällande")),
            *Riskanalys.Status.choices,
            ("alla", _("Alla, även ersatta")),
        ],
        required=False,
        widget=Select,
    )
    forsenade = forms.BooleanField(label=_("Bara risker med försenade åtgärder"), required=False)
    analys = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sannolikhet = forms.TypedChoiceField(
        choices=SKALA, coerce=int, required=False, empty_value=None, widget=forms.HiddenInput
    )
    konsekvens = forms.TypedChoiceField(
        choices=SKALA, coerce=int, required=False, empty_value=None, widget=forms.HiddenInput
    )
    sortera = forms.ChoiceField(
        label=_("Sortera efter"),
        choices=[
            ("niva", _("Risknivå (liv och hälsa först)")),
            ("titel", _("Risk")),
            ("organ", _("Organ")),
            ("oversyn", _("Nästa översyn")),
        ],
        required=False,
        widget=Select,
    )


def gallande(qs):
    """The current register: an analysis replaced by an approved revision is history, and a
    revision still in progress does not replace the approved version until it is approved."""
    return qs.exclude(riskanalys__revisioner__status=Riskanalys.Status.GODKAND).exclude(
        Q(riskanalys__revision_av__isnull=False) & ~Q(riskanalys__status=Riskanalys.Status.GODKAND)
    )


def register_queryset(user, data: dict, *, med_cell: bool = True):
    """The visible risks matching the cleaned filter data, in the chosen order, with what
    a list row needs. `med_cell=False` leaves out the matrix cell (for the matrix itself)."""
    idag = timezone.localdate()
    qs = risker_visible_to(user)
    status = data.get("status")
    if status == "alla":
        pass
    elif status:
        qs = qs.filter(riskanalys__status=status)
    else:
        qs = gallande(qs)
    for falt in ("organ", "omrade", "niva"):
        if data.get(falt) is not None:
            qs = qs.filter(**{falt: data[falt]})
    if data.get("analys"):
        qs = qs.filter(riskanalys_id=data["analys"])
    if med_cell:
        if data.get("sannolikhet"):
            qs = qs.filter(sannolikhet=data["sannolikhet"])
        if data.get("konsekvens"):
            qs = qs.filter(konsekvens=data["konsekvens"])
    # A subquery per row rather than a join and GROUP BY over every matching risk: the
    # paginator's count then needs no grouping either (docs/performance.md).
    forsenade = (
        Atgard.objects.filter(risk=OuterRef("pk"), status__in=Atgard.OPPNA, forfallodatum__lt=idag)
        .order_by()
        .values("risk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = qs.annotate(antal_forsenade=Coalesce(Subquery(forsenade, output_field=IntegerField()), 0))
    if data.get("forsenade"):
        qs = qs.filter(antal_forsenade__gt=0)
    return qs.select_related("riskanalys", "organ", "omrade").order_by(
        *SORTERINGAR.get(data.get("sortera") or "niva", levels.ORDNING)
    )


def matris(qs) -> list[dict]:
    """Rows of the 5×5 matrix, highest likelihood first, counted in the database.

    Grouped on `qs` itself rather than on `pk IN (qs)`, which read the risks twice: every
    condition of the register is on the risk, its analysis (one row each) or a subquery,
    so no risk is counted twice."""
    antal = {
        (r["sannolikhet"], r["konsekvens"]): r["n"]
        for r in qs.order_by().values("sannolikhet", "konsekvens").annotate(n=Count("pk"))
    }
    rader = []
    for s in range(5, 0, -1):
        celler = []
        for k in range(1, 6):
            niva = levels.niva_for_poang(s * k)
            celler.append(
                {
                    "s": s,
                    "k": k,
                    "antal": antal.get((s, k), 0),
                    "niva": niva,
                    "css": levels.css(niva),
                }
            )
        rader.append({"s": s, "celler": celler})
    return rader


# --- The rendered register and matrix, cached ---
#
# Rendering a page of the register (count, rows, table, filter form) costs more CPU than
# everything else in the request together (docs/performance.md). What these pages show
# depends only on which analyses the user sees (policy.selectors.scope_key), the query string, the
# language, today's date (overdue åtgärder) and the data, so the rendered part of the page
# is kept in the cache under exactly those.
#
# The data: every save or delete of a risk, analysis, åtgärd, body or area (services, the
# admin, imports) gives the register a new version (lib.versioner), at once
# and again when the transaction commits, so the next request renders anew. Writes that bypass save() (bulk loads such as
# seed_volume) are seen when the entry expires, after at most CACHE_SEKUNDER; nothing in
# the running application writes these tables that way. Without Redis (LocMemCache)
# each process has its own cache and versions, which is fine for one development server.

VERSION = "risker:register:version"
CACHE_SEKUNDER = 300


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save and post_delete (risker.apps)."""
    versioner.data_andrad(VERSION)


def versionerad(grund: tuple, berakna):
    """`berakna()`, kept in the cache under `grund` until the register's data changes (or
    CACHE_SEKUNDER pass). `grund` must hold everything the value depends on besides the
    data: who sees what (policy.selectors.scope_key), the language, the date."""
    return versioner.versionerad(VERSION, grund, berakna, CACHE_SEKUNDER)


def cachad(user, sida: str, fragestrang: str, rendera) -> str:
    """The HTML of `sida` for this user and query string: from the cache, or `rendera()`."""
    if synlighet(user) is None:  # sees nothing: nothing worth keeping
        return rendera()
    grund = (sida, scope_key(user), fragestrang, get_language(), timezone.localdate())
    # rendera() escapes what it renders; the cache keeps it as a plain string.
    return mark_safe(versionerad(grund, lambda: str(rendera())))
