"""
The annual follow-up as an ärende to kommunstyrelsen: Säkerhetsavdelningen writes the
tjänsteskrivelse and a text per area in the portal (with history), the report prints them
first with its own figures, and once KS's decision is recorded the ärende and its PDF are
final: nothing changes, and the stored PDF keeps its checksum.
"""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from koping_sakerhet.celery import app
from lib import pdf
from policy.models import Omrade, User
from rapporter import arenden, arsrapport, services
from rapporter.models import Arende, Arsrapport

AR = timezone.localdate().year

TEXTER = {
    "diarienummer": "KS 2026/412",
    "datum": "2026-11-20",
    "handlaggare": "Sara Säker, säkerhetschef",
    "forslag_till_beslut": "Kommunstyrelsen lägger uppföljningen till handlingarna.",
    "sammanfattning": "Året präglades av arbetet med informationssäkerheten.",
    "bakgrund": "Enligt säkerhetspolicyn följs arbetet upp varje år.",
    "bedomning": "Säkerhetsavdelningen bedömer att arbetet går framåt.",
    "beslutsunderlag": "Riskanalyser 2026",
    "skickas_till": "Samtliga nämnder\nKöpingbostäder AB",
}


@pytest.fixture
def eager(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tidigare = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = tidigare


def _skriv(klient, **extra):
    kris = Omrade.objects.get(nummer=1)
    return klient.post(
        f"/rapporter/arende/{AR}/",
        {**TEXTER, f"omrade_{kris.pk}": "Elavbrottet i mars övades skarpt.", **extra},
    )


def _sidor(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def test_it_lets_sakerhetsavdelningen_write_the_arende_with_history(grunddata, client_as):
    sakerhet = User.objects.get(username="sakerhet")
    svar = _skriv(client_as(sakerhet))
    assert svar.status_code == 302 and svar["Location"] == f"/rapporter/arende/{AR}/"
    arende = Arende.objects.get(ar=AR)
    assert arende.diarienummer == "KS 2026/412"
    assert arende.berattelser.get().text == "Elavbrottet i mars övades skarpt."

    # A second save that changes one text adds one line of history; one that changes
    # nothing adds none.
    fore = arende.history.count()
    _skriv(client_as(sakerhet), bedomning="Arbetet går framåt men riskanalyserna dröjer.")
    _skriv(client_as(sakerhet), bedomning="Arbetet går framåt men riskanalyserna dröjer.")
    assert arende.history.count() == fore + 1
    assert arende.history.first().bedomning == "Arbetet går framåt men riskanalyserna dröjer."
    assert arende.berattelser.get().history.count() == 1
    sida = client_as(sakerhet).get(f"/rapporter/arende/{AR}/").content.decode()
    assert "Ändringshistorik" in sida and str(sakerhet) in sida


def test_it_lets_kommunstyrelsen_read_but_not_write_the_arende(grunddata, client_as):
    _skriv(client_as(User.objects.get(username="sakerhet")))
    ks = client_as(User.objects.get(username="ks"))
    sida = ks.get(f"/rapporter/arende/{AR}/")
    assert sida.status_code == 200
    assert "Kommunstyrelsen lägger uppföljningen till handlingarna." in sida.content.decode()
    assert "Spara ärendet" not in sida.content.decode()
    assert _skriv(ks, diarienummer="KS 1/1").status_code == 403
    assert Arende.objects.get(ar=AR).diarienummer == "KS 2026/412"


def test_it_prints_the_tjansteskrivelse_first_with_the_figures_filled_in(grunddata, client_as):
    _skriv(client_as(User.objects.get(username="sakerhet")))
    ctx = arsrapport.context(User.objects.get(username="ks"), AR)
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    tjansteskrivelse = html.index("Tjänsteskrivelse</h2>")
    assert tjansteskrivelse < html.index('id="innehall-rubrik"')
    for rubrik in (
        "Ärende", "Diarienummer", "Datum", "Handläggare", "Förslag till beslut",
        "Sammanfattning", "Bakgrund", "Bedömning", "Beslutsunderlag", "Beslutet skickas till",
    ):  # fmt: skip
        assert rubrik in html[tjansteskrivelse:], rubrik
    assert "KS 2026/412" in html and "20 nov 2026" in html
    assert f"rapporterades {ctx['siffror']['totalt']} incidenter" in html
    assert "Elavbrottet i mars övades skarpt." in html
    assert "<li>Köpingbostäder AB</li>" in html
    assert "Det här behöver beslut" in html


def test_it_locks_the_arende_and_its_pdf_when_the_decision_is_recorded(
    grunddata, client_as, eager, django_capture_on_commit_callbacks
):
    sakerhet = User.objects.get(username="sakerhet")
    ks = User.objects.get(username="ks")
    _skriv(client_as(sakerhet))
    with django_capture_on_commit_callbacks(execute=True):
        utkast = services.arsrapport_order(anvandare=ks, ar=AR)
    utkast.refresh_from_db()
    assert all("Utkast" in s for s in _sidor(utkast.fil.read()))

    with django_capture_on_commit_callbacks(execute=True):
        svar = client_as(ks).post(
            f"/rapporter/arende/{AR}/beslut/",
            {"paragraf": "§ 187", "datum": timezone.localdate().isoformat()},
        )
    assert svar.status_code == 302
    arende = Arende.objects.get(ar=AR)
    assert arende.last and arende.beslut_registrerat_av == ks
    slutlig = arende.slutlig_rapport
    assert slutlig.status == Arsrapport.Status.KLAR
    data = slutlig.fil.read()
    assert hashlib.sha256(data).hexdigest() == slutlig.sha256
    sidor = _sidor(data)
    assert not any("Utkast" in s for s in sidor)
    assert "§ 187" in sidor[0]

    # Nothing changes any more: the texts, the decision, a new PDF for the year, a rerun.
    with pytest.raises(ValidationError):
        arenden.arende_spara(anvandare=sakerhet, ar=AR, texter={"bedomning": "Ny"}, berattelser={})
    klient = client_as(sakerhet)
    svar = _skriv(klient, bedomning="Ny")
    assert svar.status_code == 302
    assert "beslutat och låst" in klient.get(svar["Location"]).content.decode()
    with pytest.raises(ValidationError):
        arenden.arende_besluta(anvandare=ks, ar=AR, paragraf="§ 1", datum=timezone.localdate())
    with pytest.raises(ValidationError):
        services.arsrapport_order(anvandare=ks, ar=AR)
    assert services.arsrapport_build(rapport_id=slutlig.pk) is None
    with pytest.raises(ValidationError):
        services.arsrapport_retry(anvandare=ks, rapport=slutlig)
    sida = client_as(ks).post("/rapporter/arsrapport/skapa/", {"ar": AR}, follow=True)
    assert "beslutad av kommunstyrelsen och låst" in sida.content.decode()

    slutlig.refresh_from_db()
    arende.refresh_from_db()
    assert arende.bedomning == TEXTER["bedomning"]
    assert hashlib.sha256(slutlig.fil.read()).hexdigest() == slutlig.sha256
    assert Arsrapport.objects.filter(ar=AR).count() == 2
    sida = client_as(sakerhet).get(f"/rapporter/arende/{AR}/").content.decode()
    assert "Spara ärendet" not in sida and "Registrera beslutet" not in sida


def test_it_refuses_a_decision_before_the_arende_is_written(grunddata, client_as):
    ks = User.objects.get(username="ks")
    svar = client_as(ks).post(
        f"/rapporter/arende/{AR}/beslut/", {"paragraf": "§ 1", "datum": timezone.localdate()}
    )
    assert svar.status_code == 400
    assert "Skriv diarienummer och förslag till beslut" in svar.content.decode()
    assert not arenden.ar_last(AR)
    morgon = timezone.localdate() + datetime.timedelta(days=1)
    _skriv(client_as(User.objects.get(username="sakerhet")))
    svar = client_as(ks).post(
        f"/rapporter/arende/{AR}/beslut/", {"paragraf": "§ 1", "datum": morgon}
    )
    assert svar.status_code == 400 and "framtiden" in svar.content.decode()
    assert not arenden.ar_last(AR)


def test_it_keeps_skyddade_incidents_out_of_the_final_pdf(grunddata, client_as):
    _skriv_direkt = arenden.arende_spara
    _skriv_direkt(
        anvandare=User.objects.get(username="sakerhet"),
        ar=AR,
        texter={k: v for k, v in TEXTER.items() if k != "datum"},
        berattelser={},
    )
    with pytest.raises(ValidationError, match="skyddade incidenter"):
        arenden.arende_besluta(
            anvandare=User.objects.get(username="sakerhetschef"),
            ar=AR,
            paragraf="§ 2",
            datum=timezone.localdate(),
        )
    assert not arenden.ar_last(AR)
    sida = client_as(User.objects.get(username="sakerhetschef")).get(f"/rapporter/arende/{AR}/")
    text = sida.content.decode()
    assert (
        "Registrera beslutet" not in text and "Kommunledningen eller säkerhetsavdelningen" in text
    )
