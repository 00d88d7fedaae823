"""Hostile input to the risk pages is a clear 400 with nothing saved, never a 500: an
åtgärd's "nasta" that is not a page of this site, "nan" in a 1–5 column of an Excel import,
a sheet that declares a million rows, a NUL character in a review comment."""

import io
import re
import time
import zipfile

import pytest
from django.utils import timezone

from lib import excelimport
from risker import excel, services
from risker.models import Atgard, Granskningskommentar, Riskanalys
from tests.risker.test_import import _rad, _xlsx


@pytest.fixture
def atgard(bun_analys, namndforetradare, chef):
    risk = bun_analys.risker.first()
    return services.atgard_create(
        user=namndforetradare,
        beskrivning="Rutin",
        ansvarig=chef,
        organ=risk.organ,
        forfallodatum=timezone.localdate(),
        risk=risk,
    )


@pytest.mark.parametrize("nasta", ["risker", "https://evil.example/", "//evil.example/", "/\\evil"])
def test_it_refuses_a_nasta_that_is_not_a_local_path_and_saves_nothing(
    atgard, chef, client_as, nasta
):
    resp = client_as(chef).post(
        f"/risker/atgard/{atgard.pk}/status/", {"status": "klar", "nasta": nasta}
    )
    assert resp.status_code == 400
    assert Atgard.objects.get(pk=atgard.pk).status == Atgard.Status.PLANERAD


def test_it_goes_on_to_a_local_nasta(atgard, chef, client_as):
    resp = client_as(chef).post(
        f"/risker/atgard/{atgard.pk}/status/", {"status": "klar", "nasta": "/risker/"}
    )
    assert resp.status_code == 302 and resp["Location"] == "/risker/"
    assert Atgard.objects.get(pk=atgard.pk).status == Atgard.Status.KLAR


@pytest.mark.parametrize("varde", ["nan", "NaN", "inf", "-inf"])
def test_it_refuses_nan_in_a_scale_column_in_swedish(
    bun_analys, namndforetradare, client_as, omrade, varde
):
    fore = bun_analys.risker.count()
    fil = _xlsx([_rad("Brand i kök", s=varde)])
    resp = client_as(namndforetradare).post(
        f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil}
    )
    assert resp.status_code == 400
    assert "är inte en siffra 1–5" in resp.content.decode()
    assert bun_analys.risker.count() == fore


def _med_dimension(fil, ref: str) -> bytes:
    """The workbook with its first sheet declaring another size than it has."""
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(fil.read())) as z, zipfile.ZipFile(ut, "w") as ny:
        for namn in z.namelist():
            data = z.read(namn)
            if namn == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
            ny.writestr(namn, data)
    return ut.getvalue()


def test_it_reads_a_sheet_that_declares_a_million_rows_quickly(
    bun_analys, namndforetradare, omrade
):
    data = _med_dimension(_xlsx([_rad("Brand i kök")]), "A1:XFD1048576")
    start = time.monotonic()
    antal, fel = excel.importera(user=namndforetradare, riskanalys=bun_analys, fil=io.BytesIO(data))
    assert time.monotonic() - start < 10
    assert (antal, fel) == (1, [])


def test_it_refuses_more_rows_than_a_register_has(
    bun_analys, namndforetradare, omrade, monkeypatch
):
    monkeypatch.setattr(excelimport, "MAX_RADER", 3)
    fore = bun_analys.risker.count()
    fil = _xlsx([_rad(f"Risk {i}") for i in range(5)])
    antal, fel = excel.importera(user=namndforetradare, riskanalys=bun_analys, fil=fil)
    assert antal == 0 and "fler än 3 rader" in fel[0].fel
    assert bun_analys.risker.count() == fore


def test_it_refuses_a_nul_character_in_a_review_comment(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    risk = bun_analys.risker.first()
    for data in (
        {f"kommentar_{risk.pk}": "Motivera\x00 sannolikheten."},
        {f"kommentar_{risk.pk}": "Motivera.", "overgripande": "Hej\x00"},
    ):
        resp = client_as(sakerhetsavdelning).post(
            f"/risker/analyser/{bun_analys.pk}/granska/", data
        )
        assert resp.status_code == 400
        assert "otillåtet tecken (NUL)" in resp.content.decode()
    assert not Granskningskommentar.objects.exists()
    assert Riskanalys.objects.get(pk=bun_analys.pk).status == Riskanalys.Status.INLAMNAD
