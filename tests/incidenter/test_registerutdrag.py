import csv
import io

import pytest
from openpyxl import load_workbook

from incidenter.models import Atkomstlogg, Handelse

from .factories import incident_factory, skyddad_incident

URL = "/incidenter/registerutdrag/"


@pytest.mark.parametrize(
    "roll",
    [
        "medarbetare",
        "chef",
        "namndforetradare",
        "sakerhetsavdelning",
        "kommunledning",
        "extern",
        "sysadmin",
    ],
)
def test_it_is_for_the_sakerhetschef_only(roll, request, client_as):
    user = request.getfixturevalue(roll)
    client = client_as(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"namn": "Maja Medarbetare"}).status_code == 403
    assert not Atkomstlogg.objects.exists()


def test_it_finds_the_person_as_reporter_handler_and_named_in_the_incident(
    sakerhetschef, sakerhetsavdelning, medarbetare, annan_medarbetare, client_as
):
    # Maja Medarbetare is the demo medarbetare.
    rapporterad = incident_factory(rapportor=medarbetare, rubrik="Majas egen rapport")
    handlagd = incident_factory(
        rapportor=annan_medarbetare, handlaggare=medarbetare, rubrik="Maja handlägger"
    )
    inblandad = skyddad_incident(
        rapportor=annan_medarbetare,
        inblandade_personer="Olle Ohlsson och maja medarbetare",
        rubrik="Hot i korridoren",
    )
    kontakt = incident_factory(
        rapportor=annan_medarbetare, kontaktperson="Maja Medarbetare", rubrik="Stöld"
    )
    annat = incident_factory(
        rapportor=annan_medarbetare, inblandade_personer="Någon annan", rubrik="Inget med Maja"
    )
    response = client_as(sakerhetschef).post(URL, {"namn": "Maja  Medarbetare"})
    assert response.status_code == 200
    traffar = {t.incident.referens: t.roller for t in response.context["traffar"]}
    assert traffar == {
        rapporterad.referens: ["Rapportör"],
        handlagd.referens: ["Handläggare"],
        inblandad.referens: ["Inblandad person"],
        kontakt.referens: ["Kontaktperson"],
    }
    html = response.content.decode()
    assert "Olle Ohlsson och maja medarbetare" in html
    assert annat.referens not in html


def test_it_finds_by_username_email_and_timeline_entries(
    sakerhetschef, medarbetare, annan_medarbetare, client_as
):
    kommenterad = incident_factory(rapportor=annan_medarbetare)
    Handelse.objects.create(
        incident=kommenterad, typ=Handelse.Typ.KOMMENTAR, text="Jag såg det", anvandare=medarbetare
    )
    epost = incident_factory(
        rapportor=annan_medarbetare, beskrivning=f"Mejlade {medarbetare.email} om saken"
    )
    response = client_as(sakerhetschef).post(
        URL, {"namn": "M. Medarbetare", "epost": medarbetare.email, "anvandarnamn": "MEDARBETARE"}
    )
    traffar = {t.incident.referens: t.roller for t in response.context["traffar"]}
    assert traffar == {
        kommenterad.referens: ["Antecknad i tidslinjen"],
        epost.referens: ["Nämnd i fritext"],
    }


def test_it_logs_every_extract_with_the_name_searched_for(sakerhetschef, client_as):
    client = client_as(sakerhetschef)
    assert client.get(URL).status_code == 200
    assert not Atkomstlogg.objects.exists()
    client.post(URL, {"namn": "Anna Andersson"})
    client.post(URL, {"namn": "Anna Andersson", "format": "csv"})
    loggar = list(Atkomstlogg.objects.order_by("pk"))
    assert [(a.handling, a.detalj, a.anvandare) for a in loggar] == [
        ("registerutdrag", "Anna Andersson", sakerhetschef),
        ("registerutdrag", "Anna Andersson", sakerhetschef),
    ]


def test_it_downloads_the_extract_as_csv_and_excel(sakerhetschef, annan_medarbetare, client_as):
    incident = incident_factory(
        rapportor=annan_medarbetare, inblandade_personer="=Anna Andersson", kontaktperson="Anna"
    )
    client = client_as(sakerhetschef)
    response = client.post(URL, {"namn": "Anna Andersson", "format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="registerutdrag-')
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rader = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rader[0][:5] == [
        "Referensnummer",
        "Rubrik",
        "Rapporterad",
        "Status",
        "Personens roll i ärendet",
    ]
    assert rader[1][0] == incident.referens
    assert "'=Anna Andersson" in rader[1]
    response = client.post(URL, {"namn": "Anna Andersson", "format": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=2, column=1).value == incident.referens
    assert ws.cell(row=2, column=8).value == "'=Anna Andersson"


@pytest.mark.parametrize("namn", ["", " ", "a", "x" * 201, "nolltecken\x00"])
def test_it_answers_a_bad_name_in_swedish_and_logs_nothing(namn, sakerhetschef, client_as):
    response = client_as(sakerhetschef).post(URL, {"namn": namn, "epost": "inte-en-adress"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns fel i formuläret" in html
    assert "Fyll i en giltig e-postadress" in html
    assert not Atkomstlogg.objects.exists()
