"""Handling: each transition only for the roles that own it, recorded in the timeline."""

import pytest
from django.utils import timezone

from incidenter.models import Handelse, Incident
from tests.incidenter.factories import incident_factory

S = Incident.Status


@pytest.fixture
def incident(medarbetare):
    return incident_factory(rapportor=medarbetare)


def _post(client, incident, namn, **data):
    return client.post(f"/incidenter/{incident.referens}/status/{namn}/", data, follow=True)


def test_it_takes_an_incident_from_report_to_closed(client_as, sakerhetsavdelning, incident):
    client = client_as(sakerhetsavdelning)
    for namn, status in [
        ("ta_emot", S.MOTTAGEN),
        ("utred", S.UNDER_UTREDNING),
        ("atgarda", S.ATGARDAD),
        ("avsluta", S.AVSLUTAD),
    ]:
        response = _post(client, incident, namn)
        assert response.status_code == 200
        incident.refresh_from_db()
        assert incident.status == status
    # Who and when, for each step.
    steg = list(
        incident.handelser.filter(typ=Handelse.Typ.STATUS).values_list("till_status", "anvandare")
    )
    assert steg == [
        (s, sakerhetsavdelning.pk) for s in (S.MOTTAGEN, S.UNDER_UTREDNING, S.ATGARDAD, S.AVSLUTAD)
    ]
    # Receiving assigns the handler.
    assert incident.handlaggare == sakerhetsavdelning
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Tidslinje" in page and "Avslutad" in page


def test_it_lets_the_units_chef_handle_but_not_reject(client_as, chef, incident):
    client = client_as(chef)
    _post(client, incident, "ta_emot")
    incident.refresh_from_db()
    assert incident.status == S.MOTTAGEN
    response = client.post(f"/incidenter/{incident.referens}/status/avvisa/", {"text": "Dubblett"})
    assert response.status_code == 403
    incident.refresh_from_db()
    assert incident.status == S.MOTTAGEN


@pytest.mark.parametrize(
    "role", ["medarbetare", "extern", "namndforetradare", "kommunledning", "annan_chef"]
)
def test_it_refuses_transitions_to_roles_that_do_not_handle(request, client_as, incident, role):
    user = request.getfixturevalue(role)
    response = client_as(user).post(f"/incidenter/{incident.referens}/status/ta_emot/")
    assert response.status_code in (403, 404)
    incident.refresh_from_db()
    assert incident.status == S.RAPPORTERAD


def test_it_requires_a_reason_to_reject_and_lets_security_reopen(
    client_as, sakerhetsavdelning, incident
):
    client = client_as(sakerhetsavdelning)
    response = _post(client, incident, "avvisa", text="")
    assert "Skriv varför incidenten avvisas" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == S.RAPPORTERAD
    _post(client, incident, "avvisa", text="Dubblett av en annan rapport")
    incident.refresh_from_db()
    assert incident.status == S.AVVISAD and incident.avvisningsorsak.startswith("Dubblett")
    _post(client, incident, "ateroppna")
    incident.refresh_from_db()
    assert incident.status == S.UNDER_UTREDNING


def test_it_refuses_a_transition_from_the_wrong_status(client_as, sakerhetsavdelning, incident):
    response = _post(client_as(sakerhetsavdelning), incident, "avsluta")
    assert "kan inte ändras så" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == S.RAPPORTERAD


def test_it_answers_an_unknown_transition_with_a_message_not_a_500(
    client_as, sakerhetsavdelning, incident
):
    response = _post(client_as(sakerhetsavdelning), incident, "explodera")
    assert response.status_code == 200
    assert "Okänd statusändring" in response.content.decode()


def test_it_reclassifies_and_records_the_change(client_as, sakerhetsavdelning, incident):
    from incidenter.models import Kategori

    hot = Kategori.objects.get(namn="Hot")
    client = client_as(sakerhetsavdelning)
    response = client.post(
        f"/incidenter/{incident.referens}/klassning/",
        {
            "kategori": hot.pk,
            "allvarlighet": "hog",
            "handlaggare": sakerhetsavdelning.pk,
            "upptackt": timezone.localtime(incident.upptackt).strftime("%Y-%m-%dT%H:%M"),
            "konfidentialitet": "normal",
            "brott": "on",
            "diarienummer": "KS 2026/123",
            "sekretess": "OSL 18 kap. 8 §",
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.kategori == hot and incident.omrade == hot.omrade
    assert incident.diarienummer == "KS 2026/123"
    assert incident.handelser.filter(typ=Handelse.Typ.OMKLASSNING).exists()
    # A crime brings the police report duty, with a place for the K-nummer.
    assert incident.plikter.get().typ.kod == "polis"
    assert incident.history.count() >= 2


def test_it_keeps_comments_in_the_timeline(client_as, sakerhetsavdelning, incident):
    client = client_as(sakerhetsavdelning)
    client.post(f"/incidenter/{incident.referens}/kommentar/", {"text": "Ringt rapportören."})
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Ringt rapportören." in page


def test_it_hides_the_handling_from_the_reporter(
    client_as, medarbetare, sakerhetsavdelning, incident
):
    client_as(sakerhetsavdelning).post(
        f"/incidenter/{incident.referens}/kommentar/", {"text": "Intern notering"}
    )
    page = client_as(medarbetare).get(incident.get_absolute_url()).content.decode()
    assert incident.rubrik in page
    assert "Intern notering" not in page


def test_it_keeps_internal_comments_out_of_the_reporters_pdf(
    client_as, medarbetare, sakerhetsavdelning, incident
):
    import io

    from pypdf import PdfReader

    client_as(sakerhetsavdelning).post(
        f"/incidenter/{incident.referens}/kommentar/", {"text": "Intern notering om rektorn"}
    )

    def text(user):
        response = client_as(user).get(f"/rapporter/incident/{incident.referens}.pdf")
        assert response.status_code == 200
        data = b"".join(response.streaming_content) if response.streaming else response.content
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)

    assert "Intern notering" in text(sakerhetsavdelning)
    egen = text(medarbetare)
    assert incident.referens in egen and "Intern notering" not in egen


def test_it_labels_the_workflow_buttons_in_the_users_language(
    client_as, sakerhetsavdelning, incident
):
    client = client_as(sakerhetsavdelning)
    assert "Ta emot" in client.get(incident.get_absolute_url()).content.decode()
    client.post("/sprak/", {"language": "en", "next": "/"})
    page = client.get(incident.get_absolute_url()).content.decode()
    assert ">Receive<" in page and "Ta emot" not in page
    client.post("/sprak/", {"language": "sv", "next": "/"})
