"""The access log of what is protected (incidenter.Atkomstlogg) is written by one service,
incidenter.services.atkomst_log: every page, download and PDF that opens a skyddad
incident, a skyddad activation, the säkerhetsskydd registers or a register extract logs
each opening once, and what is not protected is not logged."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from incidenter.models import Atkomstlogg, Incident
from krisberedskap import services as kris
from tests.incidenter.factories import bilaga_factory, incident_factory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def incidenter(medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    skyddad = incident_factory(
        rapportor=medarbetare, konfidentialitet=Incident.Konfidentialitet.SKYDDAD
    )
    normal = incident_factory(rapportor=medarbetare)
    for incident in (skyddad, normal):
        bilaga_factory(incident, medarbetare, filnamn="bild.png")
    return skyddad, normal


def _oppningar(incident):
    return {
        Atkomstlogg.Handling.VISNING: incident.get_absolute_url(),
        Atkomstlogg.Handling.BILAGA: incident.bilagor.get().get_absolute_url(),
        Atkomstlogg.Handling.PDF: f"/rapporter/incident/{incident.referens}.pdf",
    }


def _loggas_en_gang(client, url, **vad):
    fore = Atkomstlogg.objects.count()
    assert client.get(url).status_code == 200, url
    nya = list(Atkomstlogg.objects.order_by("pk")[fore:])
    assert len(nya) == 1, url
    for falt, varde in vad.items():
        assert getattr(nya[0], falt) == varde, (url, falt)
    return nya[0]


def test_each_opening_of_a_skyddad_incident_is_logged_once(incidenter, sakerhetschef, client_as):
    skyddad, _normal = incidenter
    c = client_as(sakerhetschef)
    for handling, url in _oppningar(skyddad).items():
        for _gang in range(2):
            _loggas_en_gang(c, url, incident=skyddad, anvandare=sakerhetschef, handling=handling)


def test_opening_a_normal_incident_is_not_logged(incidenter, sakerhetsavdelning, client_as):
    _skyddad, normal = incidenter
    c = client_as(sakerhetsavdelning)
    for url in _oppningar(normal).values():
        assert c.get(url).status_code == 200, url
    assert not Atkomstlogg.objects.exists()


def test_each_register_extract_is_logged_once(sakerhetschef, client_as):
    c = client_as(sakerhetschef)
    for data in ({"namn": "Anna Andersson"}, {"namn": "Anna Andersson", "format": "csv"}):
        fore = Atkomstlogg.objects.count()
        assert c.post("/incidenter/registerutdrag/", data).status_code == 200
        (logg,) = Atkomstlogg.objects.order_by("pk")[fore:]
        assert (logg.handling, logg.detalj) == ("registerutdrag", "Anna Andersson")


def test_each_opening_of_a_skyddad_activation_is_logged_once(sakerhetschef, client_as):
    def aktivering(skyddad):
        return kris.aktivering_create(
            user=sakerhetschef,
            titel="Hot mot vattenverket",
            beslutad_av="ordforande",
            beslutad_av_namn="Elin Ordförande",
            beslutad=timezone.now() - datetime.timedelta(hours=2),
            skal="Hot.",
            skyddad=skyddad,
        )

    skyddad, vanlig = aktivering(True), aktivering(False)
    c = client_as(sakerhetschef)
    bas = f"/krisberedskap/krisledning/{skyddad.pk}/"
    _loggas_en_gang(c, bas, handling=Atkomstlogg.Handling.VISNING, incident=None)
    _loggas_en_gang(c, f"{bas}rapport-till-kf.pdf", handling=Atkomstlogg.Handling.PDF)
    fore = Atkomstlogg.objects.count()
    assert c.get(f"/krisberedskap/krisledning/{vanlig.pk}/").status_code == 200
    assert Atkomstlogg.objects.count() == fore


def test_each_opening_of_the_sakerhetsskydd_registers_is_logged_once(sakerhetschef, client_as):
    logg = _loggas_en_gang(
        client_as(sakerhetschef),
        "/informationssakerhet/sakerhetsskydd/",
        handling=Atkomstlogg.Handling.VISNING,
        incident=None,
    )
    assert logg.detalj.startswith("säkerhetsskydd:")


def test_only_the_one_service_writes_the_access_log():
    """Anything else that wrote Atkomstlogg rows could forget a rule of the log (which
    incidents, how long a detail): the pages and PDFs call incidenter.services.atkomst_log."""
    skriver = re.compile(
        r"Atkomstlogg\.objects\.(create|bulk_create|get_or_create)|(?<!class )Atkomstlogg\("
    )
    paket = [p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    traffar = [
        str(path.relative_to(ROOT))
        for mapp in paket
        for path in mapp.rglob("*.py")
        if "migrations" not in path.parts and skriver.search(path.read_text(encoding="utf-8"))
    ]
    assert traffar == ["incidenter/services.py"]
