import csv
import datetime
import io
import zoneinfo

import pytest
from openpyxl import load_workbook

from lib import exports


@pytest.mark.parametrize(
    "farlig", ["=1+1", "+46 70", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")']
)
def test_it_neutralises_cells_that_would_run_as_formulas(farlig):
    assert exports.neutralise(farlig) == "'" + farlig


@pytest.mark.parametrize(
    "farlig",
    [
        "\uff1d1+1",
        "\u200b=1+1",
        "\ufeff=cmd",
        "\u2060+46",
        "\u00ad@SUM(A1)",
        "\uff0b1",
        "\u200d\uff1dx",
    ],
)
def test_it_neutralises_formulas_hidden_behind_full_width_or_invisible_characters(farlig):
    assert exports.neutralise(farlig) == "'" + farlig


@pytest.mark.parametrize("ofarlig", ["Stöld i förråd", "1+1=2", "", " =x", 5, None])
def test_it_leaves_ordinary_values_alone(ofarlig):
    assert exports.neutralise(ofarlig) == ofarlig


def test_it_writes_csv_with_semicolons_a_bom_and_neutralised_cells():
    data = exports.csv_bytes(["Rubrik", "Antal"], [["=2+5", 3], ["Åsa; Öberg", None]])
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Rubrik", "Antal"], ["'=2+5", "3"], ["Åsa; Öberg", ""]]


def test_it_writes_dates_in_local_time():
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    utc = datetime.datetime(2026, 11, 24, 13, 5, tzinfo=datetime.UTC)
    text = exports.csv_bytes(["När"], [[utc]]).decode("utf-8")
    assert utc.astimezone(stockholm).strftime("%Y-%m-%d %H:%M") in text


def test_it_writes_excel_without_formulas_or_broken_characters():
    data = exports.xlsx_bytes(
        ["Rubrik", "Antal", "När"],
        [
            ["=cmd|' /C calc'!A0", 7, datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)],
            ["kontroll\x00\x07tecken", -1, None],
        ],
        title="Incidenter: lista",
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws.title == "Incidenter lista"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Rubrik", "Antal", "När")
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert ws.cell(row=2, column=1).data_type == "s"
    assert rows[1][1] == 7
    assert rows[2][0] == "kontrolltecken"
    assert rows[2][1] == -1


def test_it_answers_with_an_attachment(settings):
    resp = exports.csv_response("incidenter 2026.csv", ["A"], [["x"]])
    assert resp["Content-Disposition"] == 'attachment; filename="incidenter2026.csv"'
    assert b"".join(resp.streaming_content).decode("utf-8").lstrip("\ufeff") == "A\r\nx\r\n"
    resp = exports.xlsx_response("lista.xlsx", ["A"], [["x"]], title="Lista")
    assert resp["Content-Type"] == exports.XLSX_TYP
    assert resp["Content-Disposition"] == 'attachment; filename="lista.xlsx"'
