import datetime
import io

import pytest
from pypdf import PdfReader

from krisberedskap import reports, services
from krisberedskap.models import Andring, Rsa, RsaAvsnitt
from tests.risker.factories import bedomning, riskanalys_factory

HEMLIGT = "Reservkraftaggregatet vid vattenverket saknar bränsle för mer än sex timmar"
OPPET = "Köpings kommun ligger vid Mälarens västra del"


def _pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def ifylld_rsa(rsa, sakerhetsavdelning):
    avsnitt = {a.typ: a for a in rsa.avsnitt.all()}
    services.rsa_avsnitt_update(
        user=sakerhetsavdelning,
        avsnitt=avsnitt["beskrivning"],
        text=OPPET,
        sekretess=False,
        sekretessgrund="",
    )
    services.rsa_avsnitt_update(
        user=sakerhetsavdelning,
        avsnitt=avsnitt["beroenden"],
        text=HEMLIGT,
        sekretess=True,
        sekretessgrund="OSL 18 kap. 13 §",
    )
    services.verksamhet_create(
        user=sakerhetsavdelning,
        rsa=rsa,
        namn="Dricksvattenförsörjning",
        agartyp="kommunal",
        agare_organ=rsa.period.dokument.first().beslutande_organ,
        formaga="viss_brist",
        formaga_text="Reservkraft saknas.",
        beroenden=["el", "drivmedel"],
    )
    return rsa


def test_it_leaves_every_trace_of_a_marked_section_out_of_the_open_extract(
    ifylld_rsa, sakerhetsavdelning
):
    utdrag = _pdf_text(reports.rsa_pdf(anvandare=sakerhetsavdelning, rsa=ifylld_rsa, oppen=True))
    hela = _pdf_text(reports.rsa_pdf(anvandare=sakerhetsavdelning, rsa=ifylld_rsa, oppen=False))
    # The full RSA has the secret section, its heading, its legal ground and its table.
    for spar in ("Reservkraftaggregatet", "Kritiska beroenden", "18 kap. 13", "Drivmedel"):
        assert spar in hela
    # The open extract has none of it, but keeps the open sections.
    for spar in ("Reservkraftaggregatet", "Kritiska beroenden", "18 kap. 13", "Drivmedel"):
        assert spar not in utdrag
    assert "Mälarens västra del" in utdrag
    assert "Dricksvattenförsörjning" in utdrag  # section 3 is open
    assert "öppet utdrag" in utdrag


def test_it_shows_a_reader_without_secrecy_rights_only_the_open_extract(
    ifylld_rsa, namndforetradare, kommunledning, client_as
):
    url = f"/krisberedskap/rsa/{ifylld_rsa.pk}/"
    sida = client_as(namndforetradare).get(url).content.decode()
    assert OPPET in sida and HEMLIGT not in sida
    assert client_as(namndforetradare).get(url + "rsa.pdf").status_code == 403
    assert HEMLIGT in client_as(kommunledning).get(url).content.decode()


def test_it_shows_the_registers_risks_as_they_are_now(
    rsa, sakerhetsavdelning, namndforetradare, client_as
):
    from risker import services as risk_services

    analys = riskanalys_factory(
        namndforetradare,
        organ="bun",
        risker=[bedomning(2, titel="Elavbrott i skolkök")],
        status="ater",  # submitted once (the compiler sees it) and open to change
    )
    risk = analys.risker.get()
    services.rsa_set_risker(user=sakerhetsavdelning, rsa=rsa, risker=[risk])
    assert list(reports.rsa_risker(sakerhetsavdelning, rsa)) == [risk]
    # The register changes: the RSA shows the change, since it holds a link, not a copy.
    risk_services.risk_update(
        user=namndforetradare, risk=risk, titel="Långvarigt elavbrott i skolkök"
    )
    sida = client_as(namndforetradare).get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "Långvarigt elavbrott i skolkök" in sida
    assert rsa.risker.get().pk == risk.pk


def test_it_links_only_risks_the_compiler_may_see(rsa, sakerhetsavdelning, namndforetradare):
    from django.core.exceptions import ValidationError

    utkast = riskanalys_factory(namndforetradare, organ="bun", risker=[bedomning(2)])
    with pytest.raises(ValidationError):
        services.rsa_set_risker(user=sakerhetsavdelning, rsa=rsa, risker=list(utkast.risker.all()))


def test_it_counts_down_to_the_deadline_and_records_how_it_was_sent(
    rsa, sakerhetsavdelning, client_as
):
    client = client_as(sakerhetsavdelning)
    sida = client.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "31 okt 2027" in sida and "dagar kvar" in sida
    svar = client.post(
        f"/krisberedskap/rsa/{rsa.pk}/skickad/",
        {"skickad": "2027-10-20", "skickad_hur": "Länsstyrelsens e-tjänst, dnr 450-1234-27"},
    )
    assert svar.status_code == 302
    rsa.refresh_from_db()
    assert rsa.status == Rsa.Status.RAPPORTERAD
    assert rsa.skickad == datetime.date(2027, 10, 20)
    sida = client.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "dnr 450-1234-27" in sida and "dagar kvar" not in sida


def test_it_asks_for_the_legal_ground_of_a_secret_section(rsa, sakerhetsavdelning, client_as):
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/rsa/{rsa.pk}/avsnitt/beroenden/", {"text": "x", "sekretess": "on"}
    )
    assert svar.status_code == 400
    assert "OSL 2009:400" in svar.content.decode()


def test_it_copies_the_previous_rsa_with_change_markers(
    ifylld_rsa, sakerhetsavdelning, organisation
):
    ny_period = services.mandatperiod_create(user=sakerhetsavdelning, valar=2030)
    ny = services.rsa_copy(user=sakerhetsavdelning, rsa=ifylld_rsa, period=ny_period)
    assert ny.kopierad_fran == ifylld_rsa
    avsnitt = {a.typ: a for a in ny.avsnitt.all()}
    assert avsnitt["beroenden"].text == HEMLIGT and avsnitt["beroenden"].sekretess
    assert avsnitt["beskrivning"].andring == Andring.OFORANDRAD
    services.rsa_avsnitt_update(
        user=sakerhetsavdelning,
        avsnitt=avsnitt["beskrivning"],
        text=OPPET + " Invånarna är nu 27 000.",
        sekretess=False,
        sekretessgrund="",
    )
    assert RsaAvsnitt.objects.get(pk=avsnitt["beskrivning"].pk).andring == Andring.ANDRAD
    verksamhet = ny.verksamheter.get()
    assert verksamhet.andring == Andring.OFORANDRAD
    assert set(verksamhet.beroenden.values_list("typ", flat=True)) == {"el", "drivmedel"}
    ny_v = services.verksamhet_create(
        user=sakerhetsavdelning,
        rsa=ny,
        namn="Fjärrvärme",
        agartyp="annan",
        agare_annan="Mälarenergi",
    )
    assert ny_v.andring == Andring.NY
    # The original is untouched.
    assert ifylld_rsa.verksamheter.get().andring == ""


def test_it_adds_a_samhallsviktig_verksamhet_with_its_dependencies(
    rsa, sakerhetsavdelning, client_as
):
    client = client_as(sakerhetsavdelning)
    sida = client.get(f"/krisberedskap/rsa/{rsa.pk}/verksamhet/ny/").content.decode()
    assert (
        "---------" not in sida[sida.index('name="agartyp"') - 300 : sida.index("id_agare_organ")]
    )
    svar = client.post(
        f"/krisberedskap/rsa/{rsa.pk}/verksamhet/ny/",
        {
            "namn": "Fjärrvärme",
            "agartyp": "annan",
            "agare_annan": "Mälarenergi AB",
            "formaga": "god",
            "beroenden": ["el", "drivmedel"],
        },
    )
    assert svar.status_code == 302
    v = rsa.verksamheter.get()
    assert v.agare == "Mälarenergi AB"
    assert set(v.beroenden.values_list("typ", flat=True)) == {"el", "drivmedel"}
    # A kommunal verksamhet without its nämnd is refused with a message, not a 500.
    svar = client.post(
        f"/krisberedskap/rsa/{rsa.pk}/verksamhet/ny/", {"namn": "Skolor", "agartyp": "kommunal"}
    )
    assert svar.status_code == 400
    assert "Välj den nämnd eller det bolag" in svar.content.decode()
