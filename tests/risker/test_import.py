import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from risker.excel import IMPORTKOLUMNER

RUBRIKER = [k[0] for k in IMPORTKOLUMNER]


def _xlsx(rader):
    wb = Workbook()
    ws = wb.active
    ws.append(RUBRIKER)
    for rad in rader:
        ws.append(rad)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("register.xlsx", buf.getvalue())


def _rad(titel, omrade="Systematiskt brandskyddsarbete", s=2, lh=3):
    return [titel, "", "", omrade, s, lh, 1, 1, 2, 1, None, None, "2027-01-31"]


def test_it_imports_every_valid_row(bun_analys, namndforetradare, client_as, omrade):
    fil = _xlsx([_rad("Brand i kök"), _rad("Strömavbrott", omrade="4", s=4)])
    resp = client_as(namndforetradare).post(
        f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil}
    )
    assert resp.status_code == 302
    importerad = bun_analys.risker.get(titel="Strömavbrott")
    assert (importerad.sannolikhet, importerad.poang) == (4, 12)


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_row(
    bun_analys, namndforetradare, client_as, omrade
):
    fore = bun_analys.risker.count()
    fil = _xlsx([_rad("Brand i kök"), _rad("Översvämning", s=7), _rad("Stöld")])
    resp = client_as(namndforetradare).post(
        f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil}
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "<td>3</td><td>Sannolikhet</td><td>7 ligger utanför skalan 1–5</td>" in html
    assert bun_analys.risker.count() == fore


def test_it_reports_an_unknown_area_and_a_missing_title(
    bun_analys, namndforetradare, client_as, omrade
):
    fil = _xlsx([_rad("Brand i kök", omrade="Månlandning"), _rad(None)])
    html = (
        client_as(namndforetradare)
        .post(f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil})
        .content.decode()
    )
    assert "”Månlandning” är inget säkerhetsområde" in html
    assert "<td>3</td><td>Risk</td><td>får inte vara tom</td>" in html


def test_it_imports_only_into_a_draft_the_user_may_edit(
    bun_analys, annan_namndforetradare, chef, client_as
):
    fil = _xlsx([_rad("Brand i kök")])
    assert (
        client_as(annan_namndforetradare)
        .post(f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil})
        .status_code
        == 404
    )


def test_it_rejects_a_file_that_is_not_excel(bun_analys, namndforetradare, client_as):
    fil = SimpleUploadedFile("register.xlsx", b"inte excel")
    resp = client_as(namndforetradare).post(
        f"/risker/analyser/{bun_analys.pk}/import/", {"fil": fil}
    )
    assert resp.status_code == 400
    assert "kunde inte läsas som en Excelfil" in resp.content.decode()


def test_the_template_has_the_import_columns(client_as, namndforetradare, omrade):
    resp = client_as(namndforetradare).get("/risker/importmall.xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert [c.value for c in ws[1]] == RUBRIKER
