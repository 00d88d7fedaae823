""" "När upptäcktes det?": asked on the report (default now), corrected by the handler, and
the start of every legal clock. Neither before the event nor in the future."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from incidenter import services
from incidenter.models import Incident

from .factories import incident_factory


def _tid(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _data(user, **extra):
    nu = timezone.now()
    return {
        "personskada_eller_fara": "False",
        "rubrik": "Felskickad e-post med elevuppgifter",
        "beskrivning": "Ett e-postmeddelande med elevuppgifter gick till fel mottagare.",
        "intraffade": _tid(nu - timedelta(days=4)),
        "enhet": user.enhet_id,
        "omrade": "",
        "kategori": "",
        **extra,
    }


def test_the_form_asks_when_it_was_discovered_and_suggests_now(client_as, medarbetare):
    html = client_as(medarbetare).get("/incidenter/rapportera/").content.decode()
    assert "När upptäcktes det?" in html
    assert f'value="{_tid(timezone.now())[:13]}' in html  # today, this hour
    skydd = client_as(medarbetare).get("/incidenter/rapportera/sakerhetsskydd/").content.decode()
    assert "När upptäcktes det?" in skydd


def test_a_late_report_keeps_the_discovery_time_and_the_clock_runs_from_it(
    client_as, medarbetare, sakerhetsavdelning
):
    upptackt = timezone.now().replace(second=0, microsecond=0) - timedelta(days=3)
    resp = client_as(medarbetare).post(
        "/incidenter/rapportera/", _data(medarbetare, upptackt=_tid(upptackt))
    )
    assert resp.status_code == 302
    incident = Incident.objects.get()
    assert incident.upptackt == upptackt
    assert incident.rapporterad - incident.upptackt > timedelta(days=2)

    services.incident_triage(
        user=sakerhetsavdelning, incident=incident, personuppgiftsincident=True
    )
    imy = incident.plikter.get(typ__kod="imy")
    # 72 hours from discovery: already past, although the report came in a moment ago.
    assert imy.deadline() == upptackt + timedelta(hours=72)
    assert imy.ar_forsenad()


def test_an_empty_discovery_time_is_the_time_of_the_report(client_as, medarbetare):
    assert (
        client_as(medarbetare)
        .post("/incidenter/rapportera/", _data(medarbetare, upptackt=""))
        .status_code
        == 302
    )
    incident = Incident.objects.get()
    assert incident.upptackt == incident.rapporterad


@pytest.mark.parametrize(
    "upptackt, fel",
    [
        (timedelta(days=5), "Det kan inte ha upptäckts innan det hände."),
        (-timedelta(days=1), "kan inte ligga i framtiden"),
    ],
)
def test_it_refuses_a_discovery_before_the_event_or_in_the_future(
    client_as, medarbetare, upptackt, fel
):
    nar = timezone.now() - upptackt
    resp = client_as(medarbetare).post(
        "/incidenter/rapportera/", _data(medarbetare, upptackt=_tid(nar))
    )
    assert resp.status_code == 400
    assert fel in resp.content.decode()
    assert not Incident.objects.exists()


def test_the_security_report_takes_the_discovery_time_too(client_as, medarbetare):
    upptackt = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=30)
    resp = client_as(medarbetare).post(
        "/incidenter/rapportera/sakerhetsskydd/",
        {
            "intraffade": _tid(upptackt - timedelta(hours=2)),
            "upptackt": _tid(upptackt),
            "enhet": medarbetare.enhet_id,
            "kontaktperson": "Mia, 0221-123 45",
            "bekraftelse": "on",
        },
    )
    assert resp.status_code == 302
    incident = Incident.objects.get()
    plikt = incident.plikter.get(typ__kod="sapo")
    assert plikt.deadline() == upptackt + plikt.frist


def test_the_handler_corrects_it_but_not_to_before_the_event(sakerhetsavdelning, medarbetare):
    incident = incident_factory(rapportor=medarbetare)
    with pytest.raises(ValidationError, match="innan det hände"):
        services.incident_triage(
            user=sakerhetsavdelning,
            incident=incident,
            upptackt=incident.intraffade - timedelta(minutes=1),
        )
    with pytest.raises(ValidationError, match="efter att det rapporterades"):
        services.incident_triage(
            user=sakerhetsavdelning,
            incident=incident,
            upptackt=incident.rapporterad + timedelta(minutes=1),
        )
    tidigare = incident.intraffade + timedelta(minutes=5)
    services.incident_triage(user=sakerhetsavdelning, incident=incident, upptackt=tidigare)
    incident.refresh_from_db()
    assert incident.upptackt == tidigare
