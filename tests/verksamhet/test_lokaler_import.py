"""The premises' Excel import: every row or none, with a report by row and column."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from verksamhet.excel import IMPORTKOLUMNER
from verksamhet.models import Lokal

RUBRIKER = [k[0] for k in IMPORTKOLUMNER]


def _xlsx(rader, rubriker=RUBRIKER):
    wb = Workbook()
    ws = wb.active
    ws.append(rubriker)
    for rad in rader:
        ws.append(rad)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("lokaler.xlsx", buf.getvalue())


def _rad(namn, agare="KS", enheter="Karlbergsskolan", ansvarig=""):
    return [namn, "Karlbergsvägen 1, Köping", "Skola", agare, enheter, ansvarig]


def test_it_imports_every_valid_row(sakerhetsavdelning, chef, client_as):
    fil = _xlsx(
        [
            _rad("Karlbergsskolan", ansvarig="chef"),
            _rad(
                "Nyhem",
                agare="Köpingbostäder AB",
                enheter="Äldreboendet Nyhem; Hemtjänsten Centrum",
            ),
        ]
    )
    resp = client_as(sakerhetsavdelning).post("/verksamhet/lokaler/import/", {"fil": fil})
    assert resp.status_code == 302
    nyhem = Lokal.objects.get(namn="Nyhem")
    assert nyhem.agare.slug == "kopingbostader"
    assert {e.namn for e in nyhem.enheter.all()} == {"Äldreboendet Nyhem", "Hemtjänsten Centrum"}
    assert Lokal.objects.get(namn="Karlbergsskolan").brandskyddsansvarig == chef


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_row(
    sakerhetsavdelning, client_as
):
    fil = _xlsx(
        [
            _rad("Karlbergsskolan"),
            _rad("Okänd", agare="Vattenverket AB"),
            _rad("Biblioteket", enheter="Finns inte"),
        ]
    )
    resp = client_as(sakerhetsavdelning).post("/verksamhet/lokaler/import/", {"fil": fil})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Ingenting importerades: 2 fel" in html
    assert "<td>3</td><td>Ägare</td>" in html
    assert "<td>4</td><td>Enheter</td><td>”Finns inte” är ingen enhet</td>" in html
    assert not Lokal.objects.exists()


def test_a_row_the_service_refuses_rolls_back_the_rows_before_it(sakerhetsavdelning, client_as):
    """Two rows with the same name pass the cell checks; the second is refused on saving,
    and the first is not kept either."""
    fil = _xlsx([_rad("Karlbergsskolan"), _rad("Karlbergsskolan")])
    resp = client_as(sakerhetsavdelning).post("/verksamhet/lokaler/import/", {"fil": fil})
    assert resp.status_code == 400
    assert "<td>3</td><td>Namn</td>" in resp.content.decode()
    assert not Lokal.objects.exists()


def test_it_reports_a_missing_column_and_a_file_that_is_not_excel(sakerhetsavdelning, client_as):
    client = client_as(sakerhetsavdelning)
    resp = client.post(
        "/verksamhet/lokaler/import/", {"fil": _xlsx([["Skolan"]], rubriker=["Namn"])}
    )
    assert resp.status_code == 400
    assert "<td>1</td><td>Adress</td><td>kolumnen saknas</td>" in resp.content.decode()
    fel = SimpleUploadedFile("lokaler.xlsx", b"inte en arbetsbok")
    resp = client.post("/verksamhet/lokaler/import/", {"fil": fel})
    assert resp.status_code == 400
    assert "kunde inte läsas som en Excelfil" in resp.content.decode()


def test_only_the_security_function_imports_premises(chef, client_as):
    resp = client_as(chef).post("/verksamhet/lokaler/import/", {"fil": _xlsx([_rad("Skolan")])})
    assert resp.status_code == 403
    assert not Lokal.objects.exists()
