"""
Incident statistics as aggregate queries: per area, category, body, unit and month, for a
year and the year before. The statistics page and the annual report both use these.

Each function takes a queryset that already comes from `incidents_visible_to(user)` (and,
on the statistics page, the list's filters) and returns plain data:

    [{"id": 5, "namn": "Informationssäkerhet", "antal": 12, "foregaende": 9}, ...]

`antal` counts incidents reported in `ar`, `foregaende` those reported in `ar - 1` (local
time). An incident not yet classified has `id` None.
"""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from policy.models import Omrade

MANADER = [
    gettext_lazy("januari"),
    gettext_lazy("februari"),
    gettext_lazy("mars"),
    gettext_lazy("april"),
    gettext_lazy("maj"),
    gettext_lazy("juni"),
    gettext_lazy("juli"),
    gettext_lazy("augusti"),
    gettext_lazy("september"),
    gettext_lazy("oktober"),
    gettext_lazy("november"),
    gettext_lazy("december"),
]


def _arets_borjan(ar: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(ar, 1, 1))


def _tva_ar(qs, ar: int):
    """The incidents of `ar` and the year before, with the two counts as filtered
    aggregates, so every table is a single GROUP BY query."""
    start = _arets_borjan(ar)
    qs = qs.filter(rapporterad__gte=_arets_borjan(ar - 1), rapporterad__lt=_arets_borjan(ar + 1))
    return qs.order_by(), {
        "antal": Count("pk", filter=Q(rapporterad__gte=start)),
        "foregaende": Count("pk", filter=Q(rapporterad__lt=start)),
    }


def _grupperat(qs, ar: int, *falt: str):
    qs, antal = _tva_ar(qs, ar)
    return list(qs.values(*falt).annotate(**antal))


def totalt(qs, ar: int) -> dict:
    qs, antal = _tva_ar(qs, ar)
    return qs.aggregate(**antal)


def per_omrade(qs, ar: int) -> list[dict]:
    """Every security area in the policy's order (zeros included), then the incidents not
    yet classified if there are any."""
    rader = {r["omrade_id"]: r for r in _grupperat(qs, ar, "omrade_id")}
    tabell = []
    for omrade in Omrade.objects.order_by("nummer"):
        r = rader.get(omrade.pk, {})
        tabell.append(
            {
                "id": omrade.pk,
                "namn": omrade.namn,
                "antal": r.get("antal", 0),
                "foregaende": r.get("foregaende", 0),
            }
        )
    if None in rader:
        r = rader[None]
        tabell.append(
            {
                "id": None,
                "namn": _("Ej klassat"),
                "antal": r["antal"],
                "foregaende": r["foregaende"],
            }
        )
    return tabell


def _tabell(rader, id_falt, namn, ordning) -> list[dict]:
    tabell = [
        {
            "id": r[id_falt],
            "namn": namn(r) if r[id_falt] is not None else _("Ej klassad"),
            "antal": r["antal"],
            "foregaende": r["foregaende"],
            "_ordning": ordning(r) if r[id_falt] is not None else (1,),
        }
        for r in rader
    ]
    tabell.sort(key=lambda r: r.pop("_ordning"))
    return tabell


def per_kategori(qs, ar: int) -> list[dict]:
    """The categories that have incidents in either year, in the areas' order."""
    rader = _grupperat(qs, ar, "kategori_id", "kategori__namn", "kategori__omrade__nummer")
    return _tabell(
        rader,
        "kategori_id",
        lambda r: r["kategori__namn"],
        lambda r: (0, r["kategori__omrade__nummer"], r["kategori__namn"]),
    )


def per_organ(qs, ar: int) -> list[dict]:
    rader = _grupperat(qs, ar, "enhet__organ_id", "enhet__organ__namn")
    return _tabell(
        rader,
        "enhet__organ_id",
        lambda r: r["enhet__organ__namn"],
        lambda r: (0, r["enhet__organ__namn"]),
    )


def per_enhet(qs, ar: int) -> list[dict]:
    rader = _grupperat(
        qs, ar, "enhet_id", "enhet__namn", "enhet__organ__namn", "enhet__organ__kortnamn"
    )
    return _tabell(
        rader,
        "enhet_id",
        lambda r: f"{r['enhet__namn']} ({r['enhet__organ__kortnamn'] or r['enhet__organ__namn']})",
        lambda r: (0, r["enhet__organ__namn"], r["enhet__namn"]),
    )


def per_manad(qs, ar: int) -> list[dict]:
    """Twelve rows, January to December, zeros included."""
    rader = {
        r["manad"]: r
        for r in _grupperat(qs.annotate(manad=ExtractMonth("rapporterad")), ar, "manad")
    }
    return [
        {
            "manad": m,
            "namn": str(MANADER[m - 1]),
            "antal": rader.get(m, {}).get("antal", 0),
            "foregaende": rader.get(m, {}).get("foregaende", 0),
        }
        for m in range(1, 13)
    ]
