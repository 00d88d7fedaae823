"""Who may add an åtgärd, and change its status, is the service's rule
(risker.services.atgard_check_create, kan_andra_atgard): the pages ask it before they show
a form, and a refusal is the service's own, with its Swedish message."""

import datetime

import pytest
from django.utils import timezone

from risker import services
from risker.models import Atgard
from tests.incidenter.factories import incident_factory


def _data(ansvarig, organ):
    return {
        "beskrivning": "Larmknappar i receptionen",
        "ansvarig": ansvarig.pk,
        "organ": organ.pk,
        "forfallodatum": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }


def _nekas(client, url, data, meddelande):
    for svar in (client.get(url), client.post(url, data)):
        assert svar.status_code == 403, url
        # The 403 page is the same for every refusal; the refusal is the service's.
        assert svar.context["exception"] == meddelande
    assert not Atgard.objects.exists()


@pytest.fixture
def risk(bun_analys):
    return bun_analys.risker.first()


def test_an_atgard_for_a_risk_is_added_only_by_those_who_may_follow_it_up(
    risk, medarbetare, namndforetradare, client_as
):
    url = f"/risker/risk/{risk.pk}/ny-atgard/"
    data = _data(namndforetradare, risk.organ)
    # A colleague in the body sees the risk, but does not answer for its analysis.
    assert client_as(medarbetare).get(f"/risker/risk/{risk.pk}/").status_code == 200
    _nekas(client_as(medarbetare), url, data, "Du kan inte lägga till åtgärder för den här risken.")
    c = client_as(namndforetradare)
    assert c.get(url).status_code == 200
    svar = c.post(url, data, follow=True)
    assert "Åtgärden är sparad." in svar.content.decode()
    assert Atgard.objects.get().risk == risk


def test_an_atgard_for_an_incident_is_added_only_by_those_who_handle_it(
    medarbetare, namndforetradare, sakerhetsavdelning, client_as
):
    incident = incident_factory(rapportor=medarbetare)
    url = f"/risker/incident/{incident.referens}/ny-atgard/"
    data = _data(medarbetare, incident.enhet.organ)
    # The nämndföreträdare reads the body's incidents, and handles none of them.
    assert client_as(namndforetradare).get(incident.get_absolute_url()).status_code == 200
    _nekas(
        client_as(namndforetradare), url, data, "Bara den som hanterar incidenten kan göra detta."
    )
    svar = client_as(sakerhetsavdelning).post(url, data, follow=True)
    assert "Åtgärden är sparad." in svar.content.decode()
    assert Atgard.objects.get().incident == incident


def test_the_status_form_is_shown_to_exactly_those_the_service_lets_change_it(
    risk, medarbetare, chef, namndforetradare, client_as
):
    """The colleague answers for one; the chef and the nämndföreträdare follow the risk up."""

    def atgard(ansvarig):
        return services.atgard_create(
            user=namndforetradare,
            beskrivning=f"Åtgärd för {ansvarig.username}",
            ansvarig=ansvarig,
            organ=risk.organ,
            forfallodatum=timezone.localdate(),
            risk=risk,
        )

    egen, annans = atgard(medarbetare), atgard(namndforetradare)
    formular = {a: f'action="/risker/atgard/{a.pk}/status/"' for a in (egen, annans)}
    for user in (medarbetare, chef, namndforetradare):
        sida = client_as(user).get(f"/risker/risk/{risk.pk}/").content.decode()
        for a, form in formular.items():
            assert (form in sida) == services.kan_andra_atgard(user, a), (user, a)
    # A colleague in the body who answers for neither is refused by the service.
    svar = client_as(medarbetare).post(f"/risker/atgard/{annans.pk}/status/", {"status": "klar"})
    assert svar.status_code == 403
    assert svar.context["exception"] == "Du kan inte ändra status på den här åtgärden."
    annans.refresh_from_db()
    assert annans.status == Atgard.Status.PLANERAD
