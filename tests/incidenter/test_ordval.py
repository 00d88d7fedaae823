"""The words on the incident pages: one word for each thing, no code or English in the
Swedish pages, Swedish terms translated on the English ones, and no line said twice."""

import re
from pathlib import Path

from django.utils import translation

from incidenter import services
from tests.incidenter.factories import incident_factory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_it_says_ladda_ned_everywhere(client_as, sakerhetschef):
    ner = [str(p) for p in TEMPLATES.rglob("*.html") if "Ladda ner" in p.read_text()]
    assert not ner, ner
    page = client_as(sakerhetschef).get("/incidenter/registerutdrag/").content.decode()
    assert "Ladda ned som Excel" in page and "Ladda ned som CSV" in page


def test_it_says_ring_112_once_on_the_form(client_as, medarbetare):
    page = client_as(medarbetare).get("/incidenter/rapportera/").content.decode()
    assert page.count("ring 112") == 1


def test_it_asks_for_a_k_nummer_only_on_a_police_duty(client_as, sakerhetsavdelning, medarbetare):
    incident = incident_factory(rapportor=medarbetare)
    services.incident_triage(
        user=sakerhetsavdelning,
        incident=incident,
        brott=True,
        personuppgiftsincident=True,
        betydande_cyberincident=True,
    )
    page = client_as(sakerhetsavdelning).get(incident.get_absolute_url()).content.decode()
    etiketter = re.findall(r'<label for="referens-\d+">([^<]+)</label>', page)
    # The police, IMY and CERT-SE (notification and final report): a K-nummer only for the police.
    assert len(etiketter) >= 3, etiketter
    assert etiketter.count("Polisens K-nummer") == 1, etiketter
    assert etiketter.count("Mottagarens referens (till exempel diarienummer)") == len(etiketter) - 1


def test_it_names_the_sakerhetschef_who_calls_back(client_as, medarbetare):
    page = client_as(medarbetare).get("/incidenter/rapportera/sakerhetsskydd/").content.decode()
    assert "Säkerhetschefen ringer upp." in page
    assert "hur säkerhetschefen når dig" in page


def test_it_translates_the_list_columns_into_english(client_as, sakerhetsavdelning, medarbetare):
    incident_factory(rapportor=medarbetare)
    client = client_as(sakerhetsavdelning)
    client.cookies["django_language"] = "en"
    # The request leaves English active in this thread: the override puts Swedish back after.
    with translation.override("sv"):
        page = client.get("/incidenter/").content.decode()
    assert "Security area and category" in page
    assert "Säkerhetsområde och kategori" not in page
