"""Who sees which activities: a person without access to a body sees none of its
inspections, their photos or their åtgärder, in the list, the export, the page or by id."""

import datetime
import io

from openpyxl import load_workbook

from verksamhet import services
from verksamhet.models import Kontrollsvar

from . import factories


def _inspektion_med_foto(ansvarig, chef):
    lok = factories.lokal(
        namn="Hemtjänstens lokal", enhet=("sn", "Hemtjänsten Centrum"), kategori="kontor"
    )
    rond = factories.aktivitet(lok, ansvarig, datum=datetime.date.today())
    punkter = rond.typ.punkter
    svar = [{"resultat": "ok"} for _ in punkter]
    svar[0] = {
        "resultat": "anmarkning",
        "kommentar": "Nödutgången är låst.",
        "foto": factories.foto(),
    }
    services.kontroll_register(
        user=ansvarig,
        aktivitet=rond,
        genomford_datum=datetime.date.today(),
        svar=svar,
        atgard_ansvarig=chef,
        atgard_forfallodatum=datetime.date.today() + datetime.timedelta(days=30),
    )
    return rond, rond.svar.get(resultat=Kontrollsvar.Resultat.ANMARKNING)


def test_a_person_of_another_body_sees_none_of_its_inspections_or_photos(
    annan_chef, annan_medarbetare, medarbetare, chef, namndforetradare, client_as
):
    rond, svar = _inspektion_med_foto(annan_medarbetare, annan_chef)
    foto_url = f"/verksamhet/aktivitet/{rond.pk}/foto/{svar.pk}/"
    for user in (medarbetare, chef, namndforetradare):
        client = client_as(user)
        assert client.get(f"/verksamhet/aktivitet/{rond.pk}/").status_code == 404
        assert client.get(foto_url).status_code == 404
        # The premises themselves are known to all staff (the filter names them); the
        # inspection is not listed.
        lista = client.get("/verksamhet/").content.decode()
        assert f"/verksamhet/aktivitet/{rond.pk}/" not in lista
        assert "0 aktiviteter" in lista
        export = load_workbook(io.BytesIO(client.get("/verksamhet/export/").content))
        assert all(
            "Hemtjänstens lokal" not in (c or "")
            for rad in export.active.iter_rows(values_only=True)
            for c in rad
            if isinstance(c, str)
        )
        assert "Nödutgången är låst" not in client.get("/").content.decode()


def test_the_body_and_the_security_function_see_the_photo_as_a_download(
    annan_chef, annan_medarbetare, sakerhetsavdelning, kommunledning, client_as
):
    rond, svar = _inspektion_med_foto(annan_medarbetare, annan_chef)
    for user in (annan_medarbetare, annan_chef, sakerhetsavdelning, kommunledning):
        client = client_as(user)
        resp = client.get(f"/verksamhet/aktivitet/{rond.pk}/foto/{svar.pk}/")
        assert resp.status_code == 200
        assert resp["Content-Disposition"].startswith("attachment")
        assert resp["Content-Type"] == "image/png"
        assert b"".join(resp.streaming_content) == factories.PNG
    # The chef of the unit sees the åtgärd on the start page.
    assert "Nödutgången är låst" in client_as(annan_chef).get("/").content.decode()


def test_a_photo_of_another_inspection_is_not_reached_through_a_visible_one(
    annan_chef, annan_medarbetare, chef, client_as
):
    _rond, svar = _inspektion_med_foto(annan_medarbetare, annan_chef)
    egen = factories.aktivitet(factories.lokal(), chef)
    resp = client_as(chef).get(f"/verksamhet/aktivitet/{egen.pk}/foto/{svar.pk}/")
    assert resp.status_code == 404


def test_an_external_party_sees_no_activities(extern, client_as):
    client = client_as(extern)
    assert client.get("/verksamhet/").status_code == 403
    assert client.get("/verksamhet/lokaler/").status_code == 403
