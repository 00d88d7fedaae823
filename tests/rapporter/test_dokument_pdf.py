"""The PDFs people file: one risk analysis, one incident with its timeline, and a body's
"Vårt ansvar". Each is reached through its app's access helper."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from incidenter.models import Atkomstlogg, Handelse
from policy.models import User
from risker.models import Riskanalys

from .conftest import SKYDDAD_RUBRIK, skapa_incidenter, skapa_skyddad


def _text(svar) -> str:
    assert svar.status_code == 200, svar.status_code
    assert svar["Content-Type"] == "application/pdf"
    assert svar["Content-Disposition"].startswith("attachment;")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(svar.content)).pages)
    return re.sub(r"\s+", " ", text)


def _i(fras: str, text: str) -> bool:
    """The phrase is in the text, whatever line breaks and hyphenation did to it."""

    def platt(s):
        return re.sub(r"[\s\-\u00ad\u2010]", "", s)

    return platt(fras) in platt(text)


def test_it_prints_a_risk_analysis_with_its_risks_matrix_and_atgarder(grunddata, client_as):
    analys = Riskanalys.objects.get(organ__slug="bun", status=Riskanalys.Status.GODKAND)
    text = _text(
        client_as(User.objects.get(username="namnd")).get(f"/rapporter/riskanalys/{analys.pk}.pdf")
    )
    assert analys.titel in text
    assert "Riskmatris" in text
    for risk in analys.risker.all():
        assert _i(risk.titel, text)
    assert _i("Utbilda all personal i hot- och våldsprevention", text)


def test_it_refuses_a_risk_analysis_to_those_who_may_not_see_it(grunddata, client_as):
    analys = Riskanalys.objects.get(organ__slug="bun", status=Riskanalys.Status.GODKAND)
    for username in ("extern",):
        svar = client_as(User.objects.get(username=username)).get(
            f"/rapporter/riskanalys/{analys.pk}.pdf"
        )
        assert svar.status_code == 404


def test_it_prints_an_incident_with_its_timeline(grunddata, client_as):
    incident = skapa_incidenter(1)[0]
    Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.KOMMENTAR,
        text="Fastighetsjouren kontaktad",
        anvandare=User.objects.get(username="sakerhet"),
    )
    text = _text(
        client_as(User.objects.get(username="sakerhet")).get(
            f"/rapporter/incident/{incident.referens}.pdf"
        )
    )
    assert incident.referens in text and incident.rubrik in text
    assert "Tidslinje" in text and _i("Fastighetsjouren kontaktad", text)
    assert not Atkomstlogg.objects.exists()  # Only a skyddad incident's PDF is logged.


def test_it_prints_a_skyddad_incident_only_for_those_allowed_and_logs_it(grunddata, client_as):
    skyddad = skapa_skyddad()
    url = f"/rapporter/incident/{skyddad.referens}.pdf"
    for username in ("ks", "sakerhet", "namnd", "medarbetare"):
        assert client_as(User.objects.get(username=username)).get(url).status_code == 404
    assert not Atkomstlogg.objects.exists()

    chef = User.objects.get(username="sakerhetschef")
    text = _text(client_as(chef).get(url))
    assert _i(SKYDDAD_RUBRIK, text) and "Skyddad incident." in text
    logg = Atkomstlogg.objects.get()
    assert (logg.incident, logg.anvandare, logg.handling) == (
        skyddad,
        chef,
        Atkomstlogg.Handling.PDF,
    )


def test_it_prints_var_ansvar_for_the_bodys_own_people(grunddata, client_as):
    text = _text(
        client_as(User.objects.get(username="namnd")).get("/rapporter/vart-ansvar/bun.pdf")
    )
    assert "Vårt ansvar: Barn- och utbildningsnämnden" in text
    assert "Vårt ansvar enligt policyn" in text
    assert _i("Hot och våld mot personal", text)  # The body's own risk.
    ks = client_as(User.objects.get(username="ks")).get("/rapporter/vart-ansvar/bun.pdf")
    assert ks.status_code == 200


@pytest.mark.parametrize("slug", ["sn", "finns-inte"])
def test_it_refuses_var_ansvar_of_another_body(grunddata, client_as, slug):
    svar = client_as(User.objects.get(username="namnd")).get(f"/rapporter/vart-ansvar/{slug}.pdf")
    assert svar.status_code in (403, 404)
    assert svar["Content-Type"] != "application/pdf"


def test_it_counts_a_skyddad_incident_in_var_ansvar_only_for_those_who_see_it(grunddata, client_as):
    skapa_skyddad(ar=timezone.localdate().year)  # Socialnämnden, personsäkerhet, this year.
    url = "/rapporter/vart-ansvar/sn.pdf"
    ks = _text(client_as(User.objects.get(username="ks")).get(url))
    assert "Inga incidenter i år eller i fjol." in ks
    assert not _i(SKYDDAD_RUBRIK, ks)
    chef = _text(client_as(User.objects.get(username="sakerhetschef")).get(url))
    assert re.search(r"Personsäkerhet 1 0", chef)
