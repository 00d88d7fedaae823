import csv
import io

import pytest
from openpyxl import load_workbook

from incidenter.models import Incident

from .factories import grant, incident_factory, kategori, skyddad_incident


def csv_rader(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rader(response) -> list[tuple]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return list(ws.iter_rows(values_only=True))


@pytest.mark.parametrize(
    "roll, status",
    [
        ("medarbetare", 403),
        ("extern", 403),
        ("sysadmin", 403),
        ("namndforetradare", 403),
        ("kommunledning", 403),
        ("chef", 200),
        ("sakerhetsavdelning", 200),
        ("sakerhetschef", 200),
    ],
)
def test_it_exports_only_for_those_allowed_to(roll, status, request, client_as):
    user = request.getfixturevalue(roll)
    assert client_as(user).get("/incidenter/export/csv/").status_code == status


def test_it_exports_the_filtered_rows_as_csv_with_swedish_headings(
    sakerhetsavdelning, medarbetare, client_as
):
    stold = incident_factory(
        rapportor=medarbetare, kategori=kategori("Stöld"), personskada_eller_fara=True
    )
    incident_factory(rapportor=medarbetare, kategori=kategori("Nätfiske"))
    response = client_as(sakerhetsavdelning).get(
        "/incidenter/export/csv/", {"kategori": stold.kategori_id}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="incidenter-')
    rader = csv_rader(response)
    assert rader[0][:4] == ["Referensnummer", "Rubrik", "Status", "Prioriterad (liv och hälsa)"]
    assert [r[0] for r in rader[1:]] == [stold.referens]
    assert rader[1][2] == "Rapporterad"
    assert rader[1][3] == "Ja"


def test_it_exports_excel_with_formulas_neutralised(sakerhetsavdelning, medarbetare, client_as):
    incident = incident_factory(
        rapportor=medarbetare, rubrik='=HYPERLINK("http://evil.example","Klicka")', plats="@SUM(1)"
    )
    response = client_as(sakerhetsavdelning).get("/incidenter/export/xlsx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rader = xlsx_rader(response)
    assert rader[0][0] == "Referensnummer"
    rad = rader[1]
    assert rad[0] == incident.referens
    assert rad[1] == '\'=HYPERLINK("http://evil.example","Klicka")'
    assert rad[8] == "'@SUM(1)"
    csv_text = "\n".join(
        ";".join(r) for r in csv_rader(client_as(sakerhetsavdelning).get("/incidenter/export/csv/"))
    )
    assert "'=HYPERLINK" in csv_text


def test_it_never_exports_the_people_involved(sakerhetsavdelning, medarbetare, client_as):
    incident_factory(
        rapportor=medarbetare,
        inblandade_personer="Anna Andersson, 19800101-1234",
        kontaktperson="Bertil Berg 070-123 45 67",
        beskrivning="Anna Andersson blev hotad",
    )
    client = client_as(sakerhetsavdelning)
    text = b"".join(client.get("/incidenter/export/csv/").streaming_content).decode("utf-8")
    xlsx = str(xlsx_rader(client.get("/incidenter/export/xlsx/")))
    for personuppgift in ("Andersson", "19800101", "Bertil", "070-123"):
        assert personuppgift not in text
        assert personuppgift not in xlsx


def test_it_leaves_skyddade_incidents_out_of_exports_unless_granted(
    sakerhetsavdelning, sakerhetschef, chef, medarbetare, client_as
):
    vanlig = incident_factory(rapportor=medarbetare)
    skyddad = skyddad_incident(rapportor=medarbetare)
    for user in (sakerhetsavdelning, chef):
        for fmt, rader in (("csv", csv_rader), ("xlsx", xlsx_rader)):
            refs = [r[0] for r in rader(client_as(user).get(f"/incidenter/export/{fmt}/"))[1:]]
            assert refs == [vanlig.referens], (user, fmt)
    for fmt, rader in (("csv", csv_rader), ("xlsx", xlsx_rader)):
        refs = {r[0] for r in rader(client_as(sakerhetschef).get(f"/incidenter/export/{fmt}/"))[1:]}
        assert refs == {vanlig.referens, skyddad.referens}
    grant(sakerhetsavdelning, skyddad)
    refs = {
        r[0] for r in csv_rader(client_as(sakerhetsavdelning).get("/incidenter/export/csv/"))[1:]
    }
    assert refs == {vanlig.referens, skyddad.referens}


def test_it_exports_a_chef_only_their_units_incidents(
    chef, medarbetare, annan_medarbetare, client_as
):
    egen = incident_factory(rapportor=medarbetare)
    incident_factory(rapportor=annan_medarbetare)
    rader = csv_rader(client_as(chef).get("/incidenter/export/csv/"))
    assert [r[0] for r in rader[1:]] == [egen.referens]


def test_it_refuses_unknown_formats_and_bad_filters(sakerhetsavdelning, client_as):
    client = client_as(sakerhetsavdelning)
    assert client.get("/incidenter/export/pdf/").status_code == 404
    response = client.get("/incidenter/export/csv/", {"status": "<script>"})
    assert response.status_code == 400
    assert "Ogiltigt filter" in response.content.decode()


def test_it_exports_in_a_fixed_number_of_queries(
    sakerhetsavdelning, medarbetare, client_as, django_assert_max_num_queries
):
    for _ in range(30):
        incident_factory(rapportor=medarbetare, status=Incident.Status.MOTTAGEN)
    client = client_as(sakerhetsavdelning)
    client.get("/incidenter/")
    with django_assert_max_num_queries(12):
        response = client.get("/incidenter/export/xlsx/")
        assert len(xlsx_rader(response)) == 31
