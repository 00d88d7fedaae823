"""
Finding and following up incidents: the handlers' list, its CSV and Excel export, the
statistics with drill-down into the list, and the säkerhetschef's register extract.

Every view starts from `incidents_visible_to(request.user)` (the register extract excepted,
see there), and the list, the exports and the statistics share one filter (filters.py, its
form; queries.py, its query), so a count never differs from the rows its link shows.
"""

import calendar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lib import exports

from . import filters, queries
from . import registerutdrag as utdrag
from . import statistik as stat
from .models import Incident
from .selectors import far_se_listan, incidents_visible_to

PER_SIDA = 50
FORMAT = ("csv", "xlsx")


def _krav_lista(user):
    if not far_se_listan(user):
        raise PermissionDenied(
            _("Incidentlistan är till för dem som hanterar och följer upp incidenter.")
        )


def _sidnummer(varde) -> int:
    """A page number from the request; anything but a positive integer is page 1."""
    try:
        n = int(varde)
    except (TypeError, ValueError):
        return 1
    return n if n >= 1 else 1


def _params(request, *utan) -> str:
    params = request.GET.copy()
    for nyckel in ("sida", *utan):
        params.pop(nyckel, None)
    return params.urlencode()


# The table's columns and the order each sorts by (queries.SORTERINGAR), with its direction
# for screen readers (aria-sort). "Rapporterad" toggles between newest and oldest first.
# gettext_lazy by its own name: makemessages finds it and _, never another alias.
KOLUMNER = [
    (gettext_lazy("Incident"), "referens", "descending"),
    (gettext_lazy("Status"), "status", "ascending"),
    (gettext_lazy("Säkerhetsområde och kategori"), "omrade", "ascending"),
    (gettext_lazy("Enhet"), "enhet", "ascending"),
    (gettext_lazy("Rapporterad"), "nyast", "descending"),
]


def _kolumner(request, data: dict) -> list[dict]:
    """The column headings as links that sort the list by them, the filters kept."""
    nu = data.get("sortera") or queries.STANDARDSORTERING
    bas = _params(request, "sortera")
    kolumner = []
    for namn, nyckel, riktning in KOLUMNER:
        aria = riktning if nu == nyckel else None
        if nyckel == "nyast" and nu == "nyast":
            nyckel = "aldst"
        elif nyckel == "nyast" and nu == "aldst":
            aria = "ascending"
        fraga = f"{bas}&sortera={nyckel}" if bas else f"sortera={nyckel}"
        kolumner.append({"namn": namn, "href": f"?{fraga}", "aria_sort": aria})
    return kolumner


# One reverse() for the whole page: the rows' links differ only in the reference number.
_MALLREFERENS = "INC-0000-0000"


def _rader(rader: list[dict]) -> list[dict]:
    """What the table shows, from queries.sida's plain values: Django's templates find a
    dict key several times faster than an attribute chain or a method on a model instance
    (50 rows: 9.5 ms to render from instances, 4.7 ms this way; bench/pages.py)."""
    mall = reverse("incidenter:detalj", args=[_MALLREFERENS])
    # Each label translated once, not on every row (a lazy label is translated each time
    # the template touches it).
    status = {varde: str(etikett) for varde, etikett in Incident.Status.choices}
    return [
        {
            "url": mall.replace(_MALLREFERENS, r["referens"]),
            "referens": r["referens"],
            "rubrik": r["rubrik"],
            "prioriterad": r["personskada_eller_fara"],
            "skyddad": r["konfidentialitet"] == Incident.Konfidentialitet.SKYDDAD,
            "forsenad": r["forsenad_klocka"],
            "status": status[r["status"]],
            "omrade": r["omrade__namn"] or "",
            "kategori": r["kategori__namn"] or "",
            "enhet": r["enhet__namn"],
            "organ": r["enhet__organ__kortnamn"] or r["enhet__organ__namn"],
            "rapporterad": r["rapporterad"],
        }
        for r in rader
    ]


@login_required
@require_GET
def lista(request):
    _krav_lista(request.user)
    form = filters.IncidentFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "incidenter/lista.html", {"form": form}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    synliga = incidents_visible_to(request.user)
    sida = queries.sida(
        synliga,
        data,
        _sidnummer(request.GET.get("sida")),
        per_sida=PER_SIDA,
        antal=queries.antal(request.user, synliga, data),
    )
    return render(
        request,
        "incidenter/lista.html",
        {
            "form": form,
            "sida": sida,
            "rader": _rader(sida.object_list),
            "params": _params(request),
            "kolumner": _kolumner(request, data),
            "far_exportera": request.user.has_perm("incidenter.export_incident"),
        },
    )


EXPORTRUBRIKER = [
    "Referensnummer",
    "Rubrik",
    "Status",
    "Prioriterad (liv och hälsa)",
    "Säkerhetsområde",
    "Kategori",
    "Organ",
    "Enhet",
    "Plats",
    "Hände",
    "Kommunen fick kännedom",
    "Rapporterad",
    "Allvarlighetsgrad",
    "Konfidentialitet",
    "Handläggare",
    "Diarienummer",
    "Sekretessmarkering",
    "Försenad rapportering till myndighet",
]


def _exportrad(i) -> list:
    # Personal data (people involved, contact person, the free-text description) never
    # leaves the system in a list export; the register extract is the one way out for it.
    return [
        i.referens,
        i.rubrik,
        i.get_status_display(),
        _("Ja") if i.personskada_eller_fara else _("Nej"),
        i.omrade.namn if i.omrade_id else "",
        i.kategori.namn if i.kategori_id else "",
        i.enhet.organ.namn,
        i.enhet.namn,
        i.plats,
        i.intraffade,
        i.upptackt,
        i.rapporterad,
        i.get_allvarlighet_display(),
        i.get_konfidentialitet_display(),
        str(i.handlaggare) if i.handlaggare_id else "",
        i.diarienummer,
        i.sekretess,
        _("Ja") if i.forsenad_klocka else _("Nej"),
    ]


@login_required
@require_GET
def export(request, fmt):
    _krav_lista(request.user)
    if not request.user.has_perm("incidenter.export_incident"):
        raise PermissionDenied(_("Du har inte behörighet att exportera incidentlistor."))
    if fmt not in FORMAT:
        raise Http404
    form = filters.IncidentFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            _("Ogiltigt filter."), status=400, content_type="text/plain; charset=utf-8"
        )
    qs = queries.lista(
        incidents_visible_to(request.user), form.cleaned_data if form.is_bound else {}
    )
    rader = (_exportrad(i) for i in qs.iterator(chunk_size=500))
    namn = f"incidenter-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return exports.csv_response(f"{namn}.csv", EXPORTRUBRIKER, rader)
    return exports.xlsx_response(f"{namn}.xlsx", EXPORTRUBRIKER, rader, title=_("Incidenter"))


def _lankar(rader, nyckel, bas: QueryDict, ar: int, lista_url: str):
    """Give every row links to the list showing exactly the incidents its numbers count:
    the page's filters, the row's value and the year (current and previous)."""
    for rad in rader:
        for falt, artal in (("lank", ar), ("lank_foregaende", ar - 1)):
            params = bas.copy()
            if nyckel == "manad":
                sista = calendar.monthrange(artal, rad["manad"])[1]
                params["fran"] = f"{artal}-{rad['manad']:02d}-01"
                params["till"] = f"{artal}-{rad['manad']:02d}-{sista:02d}"
            else:
                params[nyckel] = rad["id"] if rad["id"] is not None else filters.INGEN
                params["fran"], params["till"] = f"{artal}-01-01", f"{artal}-12-31"
            rad[falt] = f"{lista_url}?{params.urlencode()}"
    return rader


@login_required
@require_GET
def statistik(request):
    if not request.user.has_perm("incidenter.view_incident_statistics"):
        raise PermissionDenied(_("Du har inte behörighet att se incidentstatistik."))
    form = filters.StatistikFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "incidenter/statistik.html", {"form": form}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    ar = data.get("ar") or timezone.localdate().year
    qs = queries.filtrera(incidents_visible_to(request.user), data, med_period=False)
    bas = request.GET.copy()
    for nyckel in ("ar", "fran", "till", "sortera", "sida"):
        bas.pop(nyckel, None)
    url = reverse("incidenter:lista")
    tabeller = [
        (
            _("Incidenter per säkerhetsområde"),
            _("Säkerhetsområde"),
            "omrade",
            stat.per_omrade(qs, ar),
        ),
        (_("Incidenter per kategori"), _("Kategori"), "kategori", stat.per_kategori(qs, ar)),
        (_("Incidenter per organ"), _("Organ"), "organ", stat.per_organ(qs, ar)),
        (_("Incidenter per enhet"), _("Enhet"), "enhet", stat.per_enhet(qs, ar)),
    ]
    return render(
        request,
        "incidenter/statistik.html",
        {
            "form": form,
            "ar": ar,
            "foregaende": ar - 1,
            "totalt": stat.totalt(qs, ar),
            "tabeller": [
                (rubrik, kolumn, _lankar(rader, nyckel, bas, ar, url))
                for rubrik, kolumn, nyckel, rader in tabeller
            ],
            "manader": _lankar(stat.per_manad(qs, ar), "manad", bas, ar, url),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registerutdrag(request):
    if not request.user.has_perm("incidenter.register_extract"):
        raise PermissionDenied(_("Registerutdrag tas bara ut av säkerhetschefen."))
    form = utdrag.RegisterutdragForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "incidenter/registerutdrag.html", {"form": form}, status=status)
    traffar = utdrag.registerutdrag_create(anvandare=request.user, **form.cleaned_data)
    fmt = request.POST.get("format")
    if fmt in FORMAT:
        namn = f"registerutdrag-{timezone.localdate():%Y-%m-%d}"
        rader = utdrag.exportrader(traffar)
        if fmt == "csv":
            return exports.csv_response(f"{namn}.csv", utdrag.EXPORTRUBRIKER, rader)
        return exports.xlsx_response(
            f"{namn}.xlsx", utdrag.EXPORTRUBRIKER, rader, title=_("Registerutdrag")
        )
    return render(request, "incidenter/registerutdrag.html", {"form": form, "traffar": traffar})
