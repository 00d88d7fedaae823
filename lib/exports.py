"""
CSV and Excel writers for lists that leave the system.

Every text cell is neutralised against formula injection: a cell that begins with
= + - @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as
text instead of running it as a formula (OWASP "CSV injection"). The check reads the text as
a spreadsheet may: compatibility forms folded (NFKC: a full-width "＝" is "=") and
invisible (zero-width) characters ignored. Excel files also drop the
control characters that the file format cannot hold, so hostile text never breaks an export.
"""

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FARLIGA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYP = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Zero-width and other invisible characters a cell may start with.
OSYNLIGA = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u180e"))


def _som_kalkylbladet_laser(value: str) -> str:
    return unicodedata.normalize("NFKC", value).translate(OSYNLIGA)


def neutralise(value):
    """The value, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and (
        value.startswith(FARLIGA_START) or _som_kalkylbladet_laser(value).startswith(FARLIGA_START)
    ):
        return "'" + value
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return str(value)


class _Echo:
    """A file-like object whose write returns the line, for a streaming csv.writer."""

    def write(self, value):
        return value


def csv_rows(headers: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text line by line: semicolon-separated (as Swedish Excel expects), with a
    byte-order mark first so Excel reads å, ä and ö as UTF-8."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([neutralise(_text(h)) for h in headers])
    for row in rows:
        yield writer.writerow([neutralise(_text(c)) for c in row])


def csv_bytes(headers: Sequence, rows: Iterable[Sequence]) -> bytes:
    return "".join(csv_rows(headers, rows)).encode("utf-8")


def _cell(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value
    if isinstance(value, (datetime.date, int, float)) or value is None:
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", _text(value)))


def xlsx_bytes(headers: Sequence, rows: Iterable[Sequence], *, title: str = "Export") -> bytes:
    wb = Workbook(write_only=True)
    # A sheet title may not hold []:*?/\ and is at most 31 characters.
    ws = wb.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31] or "Export")
    ws.append([_cell(h) for h in headers])
    for row in rows:
        ws.append([_cell(c) for c in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _disposition(filename: str) -> str:
    safe = "".join(c for c in filename if c.isascii() and (c.isalnum() or c in "-_.")) or "export"
    return f'attachment; filename="{safe}"'


def csv_response(filename: str, headers: Sequence, rows: Iterable[Sequence]):
    """A streamed CSV download: rows are written as they are read from the database."""
    resp = StreamingHttpResponse(csv_rows(headers, rows), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = _disposition(filename)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def xlsx_response(filename: str, headers: Sequence, rows: Iterable[Sequence], *, title: str):
    resp = HttpResponse(xlsx_bytes(headers, rows, title=title), content_type=XLSX_TYP)
    resp["Content-Disposition"] = _disposition(filename)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
