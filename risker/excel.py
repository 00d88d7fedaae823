"""
The register as CSV and Excel, the Excel import of an existing register into a draft
analysis, and the import template.

Exports neutralise formula injection: a cell that begins with = + - @ or a tab gets a
leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

import io
import math

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lib import excelimport, exports
from lib.excelimport import Importfel
from policy.models import Omrade

from . import services
from .models import KONSEKVENSFALT, Dimension, Risk, Riskanalys


def exportrubriker() -> list[str]:
    return [
        _("Risk"),
        _("Riskanalys"),
        _("Status"),
        _("Ägare"),
        _("Säkerhetsområde"),
        _("Sannolikhet"),
        *[str(Dimension(d).label) for d in KONSEKVENSFALT],
        _("Riskvärde"),
        _("Risknivå"),
        _("Nästa översyn"),
        _("Accepterad"),
        _("Försenade åtgärder"),
    ]


def exportrad(risk: Risk) -> list:
    """One risk as cells; `risk` carries the annotation `antal_forsenade`."""
    return [
        risk.titel,
        risk.riskanalys.titel,
        risk.riskanalys.get_status_display(),
        risk.organ.namn,
        risk.omrade.namn,
        risk.sannolikhet,
        *[getattr(risk, f) for f in KONSEKVENSFALT.values()],
        risk.poang,
        risk.get_niva_display(),
        risk.nasta_oversyn.isoformat() if risk.nasta_oversyn else "",
        _("Ja") if risk.ar_accepterad else _("Nej"),
        getattr(risk, "antal_forsenade", 0),
    ]


def export_response(risker, fmt: str):
    """The register as a CSV or Excel download, through the shared writers that neutralise
    formula injection."""
    rows = (exportrad(risk) for risk in risker)
    if fmt == "csv":
        return exports.csv_response("riskregister.csv", exportrubriker(), rows)
    return exports.xlsx_response(
        "riskregister.xlsx", exportrubriker(), rows, title=_("Riskregister")
    )


# --- Import ---

# (column heading, field, kind); kind: text, required text, area, scale, optional scale, date
IMPORTKOLUMNER = [
    ("Risk", "titel", "kravtext"),
    ("Beskrivning", "beskrivning", "text"),
    ("Orsak eller hot", "orsak", "text"),
    ("Säkerhetsområde", "omrade", "omrade"),
    ("Sannolikhet", "sannolikhet", "skala"),
    ("Liv och hälsa", "kons_liv_halsa", "skala"),
    ("Verksamhet och samhällsviktig verksamhet", "kons_verksamhet", "skala"),
    ("Miljö", "kons_miljo", "skala"),
    ("Ekonomi och egendom", "kons_ekonomi", "skala"),
    ("Förtroende", "kons_fortroende", "skala"),
    ("Sannolikhet efter åtgärder", "rest_sannolikhet", "valfri_skala"),
    ("Konsekvens efter åtgärder", "rest_konsekvens", "valfri_skala"),
    ("Nästa översyn", "nasta_oversyn", "datum"),
]


def mall_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws.append([k[0] for k in IMPORTKOLUMNER])
    ws.append(
        [
            "Brand i skolkök",
            "Brand som sprids från köket",
            "Fettbrand",
            "Brandskydd",
            2,
            4,
            3,
            2,
            3,
            2,
            1,
            3,
            "2027-06-30",
        ]
    )
    info = wb.create_sheet("Anvisning")
    info.append(["Sannolikhet och konsekvenser anges som heltal 1–5 enligt kommunens skala."])
    info.append(
        [
            "Säkerhetsområde anges med namn eller nummer: "
            + ", ".join(f"{o.nummer} {o.namn}" for o in Omrade.objects.all())
        ]
    )
    info.append(["Datum skrivs ÅÅÅÅ-MM-DD. Ta bort exempelraden innan du importerar."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _tolka(varde, typ, omraden):
    """Return (value, error message or None) for one cell."""
    if typ == "text":
        return excelimport.tolka_text(varde)
    if typ == "kravtext":
        return excelimport.tolka_text(varde, kravs=True, max_langd=200)
    if typ == "datum":
        return excelimport.tolka_datum(varde)
    if isinstance(varde, str):
        varde = varde.strip()
    tom = varde is None or varde == ""
    if typ == "omrade":
        if tom:
            return None, _("får inte vara tom")
        o = omraden.get(str(varde).strip().lower())
        if o is None:
            return None, _("”%(v)s” är inget säkerhetsområde") % {"v": varde}
        return o, None
    if typ in ("skala", "valfri_skala"):
        if tom:
            return (None, None) if typ == "valfri_skala" else (None, _("får inte vara tom"))
        try:
            tal = float(str(varde).replace(",", "."))
        except ValueError:
            return None, _("”%(v)s” är inte en siffra 1–5") % {"v": varde}
        if not math.isfinite(tal):  # "nan", "inf"
            return None, _("”%(v)s” är inte en siffra 1–5") % {"v": varde}
        if tal != int(tal) or not 1 <= tal <= 5:
            return None, _("%(v)s ligger utanför skalan 1–5") % {"v": varde}
        return int(tal), None
    raise ValueError(typ)


def _kontrollera_rad(radnr, data) -> list[Importfel]:
    if bool(data.get("rest_sannolikhet")) != bool(data.get("rest_konsekvens")):
        return [
            Importfel(
                radnr,
                "Konsekvens efter åtgärder",
                _("ange både sannolikhet och konsekvens efter åtgärder, eller ingen"),
            )
        ]
    return []


def importera(*, user, riskanalys: Riskanalys, fil) -> tuple[int, list[Importfel]]:
    """Validate every row; import all of them, or none. Returns (imported, errors)."""
    omraden = {}
    for o in Omrade.objects.all():
        omraden[o.namn.lower()] = o
        omraden[str(o.nummer)] = o
    tolkade, fel = excelimport.las_rader(
        fil,
        IMPORTKOLUMNER,
        lambda cell, typ: _tolka(cell, typ, omraden),
        obligatoriska={"kravtext", "omrade", "skala"},
        tom=_("filen innehåller inga risker"),
        forsta_kolumn=_("Risk"),
        kontrollera_rad=_kontrollera_rad,
    )
    if fel:
        return 0, fel
    fel = excelimport.spara_alla(
        tolkade,
        lambda data: services.risk_create(user=user, riskanalys=riskanalys, **data),
        IMPORTKOLUMNER,
    )
    return (0, fel) if fel else (len(tolkade), [])
