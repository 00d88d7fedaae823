"""The incident page: everyone it names in the right place, and the lists it asks for only
when the incident has rows in them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incidenter import services
from incidenter.models import Handelse
from risker.models import Atgard, Risk
from tests.incidenter.factories import bilaga_factory, incident_factory


@pytest.fixture
def incident(medarbetare, chef):
    return incident_factory(rapportor=medarbetare, handlaggare=chef)


def _atgard(incident, *, ansvarig, skapad_av, forfallodatum=None):
    return Atgard.objects.create(
        beskrivning="Byt lås",
        ansvarig=ansvarig,
        organ=incident.enhet.organ,
        forfallodatum=forfallodatum or timezone.localdate() + datetime.timedelta(days=7),
        incident=incident,
        skapad_av=skapad_av,
    )


def _page(client, incident) -> str:
    response = client.get(incident.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_it_names_each_person_where_they_acted(
    client_as, medarbetare, chef, sakerhetsavdelning, kommunledning, namndforetradare, incident
):
    Handelse.objects.create(
        incident=incident, typ=Handelse.Typ.KOMMENTAR, text="Ringt.", anvandare=kommunledning
    )
    Handelse.objects.create(incident=incident, typ=Handelse.Typ.KOMMENTAR, text="Påminnelse.")
    _atgard(incident, ansvarig=namndforetradare, skapad_av=chef)
    incident.rubrik = "Inbrott i förrådet"
    incident._history_user = sakerhetsavdelning
    incident.save()

    page = _page(client_as(sakerhetsavdelning), incident)
    assert f" av {medarbetare}</dd>" in page  # the reporter
    assert f"<dt>Handläggare</dt><dd>{chef}</dd>" in page
    assert f"Byt lås – {namndforetradare}, {incident.enhet.organ}," in page
    assert f", {kommunledning}:</span>" in page  # the comment's author
    assert ", systemet:</span>" in page  # an entry nobody wrote
    historik = page.split("Ändringshistorik")[1]
    assert f"av {sakerhetsavdelning}</li>" in historik and "av systemet</li>" in historik


def test_it_names_only_the_reporter_to_those_who_do_not_handle(
    client_as, medarbetare, chef, kommunledning, incident
):
    Handelse.objects.create(
        incident=incident, typ=Handelse.Typ.KOMMENTAR, text="Ringt.", anvandare=kommunledning
    )
    page = _page(client_as(medarbetare), incident)
    assert f" av {medarbetare}</dd>" in page
    assert str(chef) not in page and str(kommunledning) not in page


def test_it_shows_attachments_duties_and_risks_when_there_are_some(
    client_as, sakerhetsavdelning, medarbetare, incident, settings, tmp_path
):
    from risker import demo

    settings.MEDIA_ROOT = tmp_path
    demo.create()
    client = client_as(sakerhetsavdelning)
    tom = _page(client, incident)
    assert "Bilagor" not in tom and "Rapportering till myndigheter" not in tom
    assert "Ingen risk är kopplad." in tom

    bilaga_factory(incident, medarbetare)
    services.incident_triage(user=sakerhetsavdelning, incident=incident, brott=True)
    risk = Risk.objects.order_by("pk").first()
    risk.incidenter.add(incident)
    page = _page(client, incident)
    assert "<h2>Bilagor</h2>" in page and "foto.png" in page
    assert "Rapportering till myndigheter" in page and "Polisen" in page
    assert risk.titel in page and "Ingen risk är kopplad." not in page


def test_it_asks_for_attachments_duties_atgarder_and_risks_only_when_there_are_some(
    client_as, sakerhetsavdelning, medarbetare, incident, settings, tmp_path
):
    from risker import demo

    settings.MEDIA_ROOT = tmp_path
    demo.create()
    client = client_as(sakerhetsavdelning)

    def fragor() -> int:
        _page(client, incident)  # per-process caches (permissions, ContentTypes)
        with CaptureQueriesContext(connection) as ctx:
            _page(client, incident)
        return len(ctx.captured_queries)

    utan = fragor()
    bilaga_factory(incident, medarbetare)
    services.incident_triage(user=sakerhetsavdelning, incident=incident, brott=True)
    Risk.objects.order_by("pk").first().incidenter.add(incident)
    _atgard(incident, ansvarig=medarbetare, skapad_av=sakerhetsavdelning)
    assert fragor() == utan + 4  # one query for each list that has rows
    assert "Byt lås" in _page(client, incident)


@pytest.mark.parametrize("skyddad", [False, True])
def test_it_fills_its_forms_with_the_investigation_so_far(
    client_as, medarbetare, chef, sakerhetschef, skyddad
):
    from tests.incidenter.factories import skyddad_incident

    incident = (skyddad_incident if skyddad else incident_factory)(
        rapportor=medarbetare,
        handlaggare=chef,
        orsak='Dörren "stod" öppen <b>&</b>',
        lardomar="Lås\nalltid.",
    )
    html = client_as(sakerhetschef).get(incident.get_absolute_url()).content.decode()
    assert 'id="id_lardomar">\nLås\nalltid.</textarea>' in html
    assert "Dörren &quot;stod&quot; öppen &lt;b&gt;&amp;&lt;/b&gt;</textarea>" in html
    # Access to a skyddad incident is granted per person, on its own page.
    assert ("Ge behörighet</option>" in html) == skyddad


# A history line's kind in each language (django-simple-history's own words are English only).
TYP = {"sv": {"+": "Skapad", "~": "Ändrad"}, "en": {"+": "Created", "~": "Changed"}}


@pytest.mark.parametrize("sprak", ["sv", "en"])
def test_it_writes_its_dates_times_and_change_types_as_django_does(
    client_as, medarbetare, chef, sakerhetsavdelning, sprak
):
    from django.template.defaultfilters import date
    from django.utils import translation

    utc = datetime.UTC
    # 23:30 UTC is already the next day in Köping; 00:30 UTC on 29 March is summer time.
    incident = incident_factory(
        rapportor=medarbetare,
        handlaggare=chef,
        intraffade=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=utc),
        upptackt=datetime.datetime(2026, 3, 29, 0, 30, tzinfo=utc),
    )
    Handelse.objects.create(incident=incident, typ=Handelse.Typ.KOMMENTAR, text="Ringt.")
    services.incident_triage(user=sakerhetsavdelning, incident=incident, brott=True)
    _atgard(incident, ansvarig=medarbetare, skapad_av=chef, forfallodatum=datetime.date(2026, 5, 1))
    incident_factory(rapportor=chef)  # whose history is not this one's
    client = client_as(sakerhetsavdelning)
    client.cookies["django_language"] = sprak
    page = _page(client, incident)

    with translation.override(sprak):
        tider = [incident.intraffade, incident.upptackt, incident.rapporterad]
        tider += [h.tidpunkt for h in incident.handelser.all()]
        # A duty without a time limit has no deadline to show (localtime(None) would be now).
        tider += [d for p in incident.plikter.all() if (d := p.deadline()) is not None]
        for tid in tider:
            assert date(timezone.localtime(tid), "DATETIME_FORMAT") in page, tid
        for dag in (incident.gallras, datetime.date(2026, 5, 1)):
            assert date(dag, "DATE_FORMAT") in page, dag
        historik = page.split("<summary>")[1].split("</details>")[0]
        rader = [
            f"<li>{date(timezone.localtime(h.history_date), 'DATETIME_FORMAT')}: "
            f"{TYP[sprak][h.history_type]} "
            for h in incident.history.all()
        ]
        assert len(rader) == historik.count("<li>") == 2  # reported, then triaged
        platser = [historik.find(rad) for rad in rader]
        assert -1 not in platser and platser == sorted(platser)  # newest first
    assert "31 dec 2025" not in page.lower() and "1 jan 2026 00:30" in page.lower()
