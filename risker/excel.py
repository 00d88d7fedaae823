"""
The register as CSV and Excel, the Excel import of an existing register into a draft
analysis, and the import template.

Exports neutralise formula injection: a cell that begins with = + - @ or a tab gets a
leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

import datetime
import io
import math
import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from koping_sakerhet.lib import exports
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


@dataclass
class Importfel:
    rad: int
    kolumn: str
    fel: str

    def __str__(self):
        return _("Rad %(rad)s, kolumn ”%(kolumn)s”: %(fel)s") % {
            "rad": self.rad,
            "kolumn": self.kolumn,
            "fel": self.fel,
        }


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
    if isinstance(varde, str):
        varde = varde.strip()
    tom = varde is None or varde == ""
    if typ == "text":
        return ("" if tom else str(varde)), None
    if typ == "kravtext":
        return (None, _("får inte vara tom")) if tom else (str(varde)[:200], None)
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
    if typ == "datum":
        if tom:
            return None, None
        if isinstance(varde, datetime.datetime):
            return varde.date(), None
        if isinstance(varde, datetime.date):
            return varde, None
        try:
            return datetime.date.fromisoformat(str(varde)), None
        except ValueError:
            return None, _("”%(v)s” är inget datum (ÅÅÅÅ-MM-DD)") % {"v": varde}
    raise ValueError(typ)


def importera(*, user, riskanalys: Riskanalys, fil) -> tuple[int, list[Importfel]]:
    """Validate every row; import all of them, or none. Returns (imported, errors)."""
    try:
        wb = load_workbook(fil, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook.
        return 0, [Importfel(0, _("fil"), _("filen kunde inte läsas som en Excelfil (.xlsx)"))]
    ws = wb.worksheets[0]
    try:
        rader = _las_rader(ws)
    except _ForStor as e:
        return 0, [Importfel(0, _("fil"), str(e))]
    if not rader:
        return 0, [Importfel(1, _("rubrikrad"), _("filen är tom"))]
    rubriker = [str(c).strip().lower() if c is not None else "" for c in rader[0]]
    index, fel = {}, []
    for rubrik, falt, _typ in IMPORTKOLUMNER:
        if rubrik.lower() in rubriker:
            index[falt] = rubriker.index(rubrik.lower())
        elif _typ in ("kravtext", "omrade", "skala"):
            fel.append(Importfel(1, rubrik, _("kolumnen saknas")))
    if fel:
        return 0, fel
    omraden = {}
    for o in Omrade.objects.all():
        omraden[o.namn.lower()] = o
        omraden[str(o.nummer)] = o
    tolkade = []
    for radnr, rad in enumerate(rader[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in rad):
            continue
        data = {}
        for rubrik, falt, typ in IMPORTKOLUMNER:
            if falt not in index:
                continue
            cell = rad[index[falt]] if index[falt] < len(rad) else None
            varde, meddelande = _tolka(cell, typ, omraden)
            if meddelande:
                fel.append(Importfel(radnr, rubrik, meddelande))
            else:
                data[falt] = varde
        if bool(data.get("rest_sannolikhet")) != bool(data.get("rest_konsekvens")):
            fel.append(
                Importfel(
                    radnr,
                    "Konsekvens efter åtgärder",
                    _("ange både sannolikhet och konsekvens efter åtgärder, eller ingen"),
                )
            )
        tolkade.append((radnr, data))
    if not tolkade and not fel:
        fel.append(Importfel(2, _("Risk"), _("filen innehåller inga risker")))
    if fel:
        return 0, fel
    try:
        with transaction.atomic():
            for radnr, data in tolkade:
                try:
                    services.risk_create(user=user, riskanalys=riskanalys, **data)
                except ValidationError as e:
                    rubrik = {falt: r for r, falt, _typ in IMPORTKOLUMNER}
                    for falt, meddelanden in e.message_dict.items():
                        fel.append(Importfel(radnr, rubrik.get(falt, falt), " ".join(meddelanden)))
            if fel:
                raise _Avbryt
    except _Avbryt:
        return 0, fel
    return len(tolkade), []


class _Avbryt(Exception):
    """Rolls back a half-done import."""


# A register is a few hundred risks with a dozen columns. A sheet may declare any size
# (A1:XFD1048576 made the reader pad 17 billion empty cells): read at most this much.
MAX_RADER = 2000
MAX_KOLUMNER = 40
MAX_SEKUNDER = 20


class _ForStor(Exception):
    pass


def _las_rader(ws) -> list[tuple]:
    """The sheet's rows, up to MAX_RADER risks and MAX_KOLUMNER columns, within
    MAX_SEKUNDER; a larger sheet is refused with a message, never read to its end."""
    # The declared dimension is not to be trusted: read only the cells that exist.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    start = time.monotonic()
    rader = []
    for rad in ws.iter_rows(max_col=MAX_KOLUMNER, values_only=True):
        if len(rader) > MAX_RADER:
            if any(c is not None and str(c).strip() != "" for c in rad):
                raise _ForStor(
                    _("filen har fler än %(n)d rader; dela upp den i flera filer")
                    % {"n": MAX_RADER}
                )
        else:
            rader.append(rad)
        if time.monotonic() - start > MAX_SEKUNDER:
            raise _ForStor(_("filen tar för lång tid att läsa; spara den igen i Excel och försök på nytt"))
    return rader
