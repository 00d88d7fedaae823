"""
The atomic Excel import with a row report, for any register that is filled in from a
spreadsheet (risks, premises). Every row is read and checked first; if any cell or any
row is wrong, nothing is saved and the user gets every error at once, by row and column.
Only when all rows pass are they saved, in one transaction, through the app's service;
an error the service finds rolls the whole import back.
"""

import datetime
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook


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


class _Avbryt(Exception):
    """Rolls back a half-done import."""


# A register is a few hundred rows with a dozen columns. A sheet may declare any size
# (A1:XFD1048576 made the reader pad 17 billion empty cells): read at most this much.
MAX_RADER = 2000
MAX_KOLUMNER = 40
MAX_SEKUNDER = 20


class _ForStor(Exception):
    pass


def _las_arket(ws) -> list[tuple]:
    """The sheet's rows, up to MAX_RADER and MAX_KOLUMNER columns, within MAX_SEKUNDER; a
    larger sheet is refused with a message, never read to its end."""
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
            raise _ForStor(
                _("filen tar för lång tid att läsa; spara den igen i Excel och försök på nytt")
            )
    return rader


def tolka_text(varde, *, kravs: bool = False, max_langd: int | None = None):
    """(value, error message or None) for a text cell."""
    if isinstance(varde, str):
        varde = varde.strip()
    if varde is None or varde == "":
        return (None, _("får inte vara tom")) if kravs else ("", None)
    text = str(varde)
    return (text[:max_langd] if max_langd else text), None


def tolka_datum(varde):
    """(date or None, error message or None) for an optional date cell (ÅÅÅÅ-MM-DD)."""
    if isinstance(varde, str):
        varde = varde.strip()
    if varde is None or varde == "":
        return None, None
    if isinstance(varde, datetime.datetime):
        return varde.date(), None
    if isinstance(varde, datetime.date):
        return varde, None
    try:
        return datetime.date.fromisoformat(str(varde)), None
    except ValueError:
        return None, _("”%(v)s” är inget datum (ÅÅÅÅ-MM-DD)") % {"v": varde}


def las_rader(
    fil,
    kolumner: Sequence[tuple[str, str, str]],
    tolka: Callable,
    *,
    obligatoriska: set[str],
    tom: str,
    forsta_kolumn: str,
    kontrollera_rad: Callable | None = None,
) -> tuple[list[tuple[int, dict]], list[Importfel]]:
    """Read the first sheet of `fil`. `kolumner` are (heading, field, kind); a column whose
    kind is in `obligatoriska` must be present. `tolka(cell, kind)` returns (value, error or
    None); `kontrollera_rad(radnr, data)` returns errors across cells. Returns the rows as
    (row number, data) and every error; a file with no rows is an error saying `tom`."""
    try:
        wb = load_workbook(fil, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook.
        return [], [Importfel(0, _("fil"), _("filen kunde inte läsas som en Excelfil (.xlsx)"))]
    try:
        rader = _las_arket(wb.worksheets[0])
    except _ForStor as e:
        return [], [Importfel(0, _("fil"), str(e))]
    if not rader:
        return [], [Importfel(1, _("rubrikrad"), _("filen är tom"))]
    rubriker = [str(c).strip().lower() if c is not None else "" for c in rader[0]]
    index, fel = {}, []
    for rubrik, falt, typ in kolumner:
        if rubrik.lower() in rubriker:
            index[falt] = rubriker.index(rubrik.lower())
        elif typ in obligatoriska:
            fel.append(Importfel(1, rubrik, _("kolumnen saknas")))
    if fel:
        return [], fel
    tolkade = []
    for radnr, rad in enumerate(rader[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in rad):
            continue
        data = {}
        for rubrik, falt, typ in kolumner:
            if falt not in index:
                continue
            cell = rad[index[falt]] if index[falt] < len(rad) else None
            varde, meddelande = tolka(cell, typ)
            if meddelande:
                fel.append(Importfel(radnr, rubrik, meddelande))
            else:
                data[falt] = varde
        if kontrollera_rad is not None:
            fel.extend(kontrollera_rad(radnr, data))
        tolkade.append((radnr, data))
    if not tolkade and not fel:
        fel.append(Importfel(2, forsta_kolumn, tom))
    return tolkade, fel


def spara_alla(
    tolkade: list[tuple[int, dict]], skapa: Callable, kolumner: Sequence[tuple[str, str, str]]
) -> list[Importfel]:
    """Save every row with `skapa(data)` in one transaction; a ValidationError on any row
    rolls all of them back and is reported by row and column."""
    rubrik = {falt: r for r, falt, _typ in kolumner}
    fel: list[Importfel] = []
    try:
        with transaction.atomic():
            for radnr, data in tolkade:
                try:
                    skapa(data)
                except ValidationError as e:
                    per_falt = e.message_dict if hasattr(e, "error_dict") else {"": e.messages}
                    for falt, meddelanden in per_falt.items():
                        fel.append(Importfel(radnr, rubrik.get(falt, falt), " ".join(meddelanden)))
            if fel:
                raise _Avbryt
    except _Avbryt:
        return fel
    return []
