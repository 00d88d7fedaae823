"""
Derived texts: an incident's words copied outside the incident (notices, e-mails, lists,
exports, statistics, report previews, PDFs, the start page and its cached figures) are
filtered by the reader's access when shown, not when written. Every report starts as
normal; when the säkerhetschef makes it skyddad afterwards, nobody without access may find
its title anywhere.
"""

import datetime
import io
import zipfile

from django.core import mail
from django.utils import timezone

from incidenter import services as incident_services
from incidenter.models import Incident
from paminnelser.models import Notis
from risker.services import atgard_create
from tests.incidenter.test_rapportera import _data

TITEL = "Hot mot rektor Zebulon"
HEMLIG = "Zebulon"


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):  # xlsx: every sheet and string of the workbook
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return body.decode("utf-8", "replace")


def _platser(incident) -> list[str]:
    ar = timezone.localdate().year
    return [
        "/",
        "/paminnelser/",
        "/incidenter/",
        "/incidenter/mina/",
        "/incidenter/statistik/",
        "/incidenter/export/csv/",
        "/incidenter/export/xlsx/",
        "/incidenter/?q=rektor",
        "/risker/",
        f"/rapporter/arsrapport/forhandsvisning/{ar}/",
        f"/incidenter/{incident.referens}/",
        f"/rapporter/incident/{incident.referens}.pdf",
        "/konto/behorigheter/",
        "/admin/",
    ]


def test_it_shows_a_title_made_skyddad_afterwards_to_nobody_without_access(
    client_as,
    medarbetare,
    chef,
    namndforetradare,
    sakerhetsavdelning,
    sakerhetschef,
    kommunledning,
    sysadmin,
    annan_chef,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(medarbetare).post(
            "/incidenter/rapportera/", _data(medarbetare, rubrik=TITEL)
        )
    assert response.status_code == 302
    incident = Incident.objects.get(rubrik=TITEL)
    # Handled as a normal incident for a while: an åtgärd for the chef, lists seen (and
    # their shared figures cached) by everyone who may.
    atgard_create(
        user=sakerhetsavdelning,
        beskrivning="Samtal med rektorn",
        ansvarig=chef,
        organ=incident.enhet.organ,
        forfallodatum=timezone.localdate() - datetime.timedelta(days=30),
        incident=incident,
    )
    lasare = [chef, namndforetradare, sakerhetsavdelning, kommunledning, sysadmin, annan_chef]
    clients = {u.username: client_as(u) for u in lasare}
    sett_fore = set()
    for user in lasare:
        for url in _platser(incident):
            if HEMLIG in _text(clients[user.username].get(url)):
                sett_fore.add(user.username)
    # The test can see a title where it is shown: before, the chef and Säkerhetsavdelningen do.
    assert {chef.username, sakerhetsavdelning.username} <= sett_fore

    incident_services.incident_triage(
        user=sakerhetschef, incident=incident, konfidentialitet=Incident.Konfidentialitet.SKYDDAD
    )

    fel = []
    for user in lasare:
        for url in _platser(incident):
            response = clients[user.username].get(url)
            if HEMLIG in _text(response):
                fel.append(f"{user.username} {url}")
    assert not fel, "Rubriken syns för den som inte får se incidenten:\n" + "\n".join(fel)
    # E-mails never carried it, to anyone.
    assert mail.outbox
    for message in mail.outbox:
        alternativ = "".join(a[0] for a in getattr(message, "alternatives", []))
        assert HEMLIG not in message.subject + message.body + alternativ
    # Who may see it still does: the reporter and the säkerhetschef (in the notice too).
    assert TITEL in _text(client_as(medarbetare).get("/incidenter/mina/"))
    assert Notis.objects.filter(mottagare=sakerhetschef, incident=incident).exists()
    assert TITEL in _text(client_as(sakerhetschef).get("/paminnelser/"))


def test_it_shows_a_notice_in_the_readers_language(client_as, chef, medarbetare, settings):
    from paminnelser.services import notis_create
    from paminnelser.texter import Text

    # Written by a worker in Swedish, read by a chef who chose English.
    notis_create(
        mottagare=chef,
        typ="test",
        nyckel="test:sprak",
        rubrik=Text("Åtgärd ska vara klar i dag"),
        lank="/",
    )
    assert Notis.objects.get(mottagare=chef).rubrik == "Åtgärd ska vara klar i dag"
    client = client_as(chef)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/paminnelser/").content.decode()
    assert "Action due today" in html and "Åtgärd ska vara klar i dag" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert "Åtgärd ska vara klar i dag" in client.get("/paminnelser/").content.decode()
