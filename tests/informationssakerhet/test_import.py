"""The Excel import of an existing register: all rows or none, with a row report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from informationssakerhet.excel import IMPORTKOLUMNER
from informationssakerhet.models import Informationstillgang, System

pytestmark = pytest.mark.django_db


def _fil(*rader):
    wb = Workbook()
    ws = wb.active
    ws.append([k[0] for k in IMPORTKOLUMNER])
    for rad in rader:
        ws.append(list(rad))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("register.xlsx", buf.getvalue())


GOD = (
    "BUN",
    "Skolplattformen",
    "Skolsystem AB",
    "Moln",
    "Betyg",
    "Personuppgifter",
    2,
    4,
    2,
    "2027-06-30",
)
GOD2 = ("BUN", "Skolplattformen", "Skolsystem AB", "Moln", "Schema", "", 1, 2, 3, "2027-06-30")


def test_it_imports_assets_and_groups_them_into_systems(client_as, chef):
    svar = client_as(chef).post("/informationssakerhet/import/", {"fil": _fil(GOD, GOD2)})
    assert svar.status_code == 302
    s = System.objects.get()
    assert sorted(s.tillgangar.values_list("namn", flat=True)) == ["Betyg", "Schema"]
    k = {r["falt"]: r for r in s.harledd_klassning()}
    assert k["riktighet"]["niva"].niva == 4 and k["riktighet"]["tillgang"].namn == "Betyg"
    assert Informationstillgang.objects.get(namn="Betyg").klassad_av == chef


def test_one_bad_row_imports_nothing_and_reports_every_error(client_as, chef):
    dalig = ("SN", "Journalsystem", "", "", "Journaler", "hemliga", 9, 2, 2, "")
    svar = client_as(chef).post("/informationssakerhet/import/", {"fil": _fil(GOD, dalig)})
    assert svar.status_code == 400
    sida = svar.content.decode()
    assert "är inget organ vars register du för" in sida
    assert "är inget slag av personuppgifter" in sida
    assert "är ingen nivå på skalan" in sida
    assert not Informationstillgang.objects.exists() and not System.objects.exists()


def test_a_file_that_is_not_excel_is_refused(client_as, chef):
    svar = client_as(chef).post(
        "/informationssakerhet/import/", {"fil": SimpleUploadedFile("x.xlsx", b"inte excel")}
    )
    assert svar.status_code == 400
    assert "kunde inte läsas" in svar.content.decode()


def test_the_template_downloads(client_as, chef):
    svar = client_as(chef).get("/informationssakerhet/import/mall/")
    assert svar.status_code == 200 and svar["Content-Type"].startswith("application/vnd.openxml")
