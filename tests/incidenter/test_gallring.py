from datetime import timedelta

import pytest
from django.utils import timezone

from incidenter import gallring, statistik, tasks
from incidenter.models import Bilaga, Gallringslogg, Handelse, Incident
from incidenter.selectors import incidents_visible_to

from .factories import bilaga_factory, incident_factory, kategori

NAMN = "Anna Andersson"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def gammal(medarbetare, **fields):
    """An incident reported four years ago (past the default 36 months), full of names."""
    fields.setdefault("rapporterad", timezone.now() - timedelta(days=4 * 365))
    return incident_factory(
        rapportor=medarbetare,
        inblandade_personer=f"{NAMN}, elev i 2B",
        kontaktperson="Bertil Berg, 070-123 45 67",
        beskrivning=f"{NAMN} blev hotad i korridoren",
        omedelbara_atgarder=f"Pratade med {NAMN}s vårdnadshavare",
        status=Incident.Status.AVSLUTAD,
        **fields,
    )


def bilaga(incident, user) -> Bilaga:
    return bilaga_factory(
        incident,
        user,
        filnamn="intyg.pdf",
        innehall=b"%PDF-1.4 namn och personnummer",
        innehallstyp="application/pdf",
    )


def test_it_removes_personal_data_past_retention_and_logs_it(medarbetare):
    incident = gammal(medarbetare)
    assert gallring.incidents_purge_personal_data() == 1
    incident.refresh_from_db()
    assert incident.inblandade_personer == ""
    assert incident.kontaktperson == ""
    assert incident.beskrivning == "[Gallrad]"
    assert incident.omedelbara_atgarder == "[Gallrad]"
    assert incident.personuppgifter_gallrade is not None
    assert incident.gallras() is None
    logg = Gallringslogg.objects.get(incident=incident)
    assert logg.falt == "inblandade_personer, kontaktperson, beskrivning, omedelbara_atgarder"
    handelse = Handelse.objects.get(incident=incident, typ=Handelse.Typ.GALLRING)
    assert "36 månader" in handelse.text


def test_it_keeps_what_the_statistics_need(medarbetare, sakerhetsavdelning):
    incident = gammal(medarbetare, kategori=kategori("Hot"))
    fore = {
        f: getattr(incident, f)
        for f in (
            "omrade_id",
            "kategori_id",
            "enhet_id",
            "status",
            "rapporterad",
            "intraffade",
            "upptackt",
            "personskada_eller_fara",
            "rubrik",
            "referens",
        )
    }
    ar = incident.rapporterad.year
    qs = incidents_visible_to(sakerhetsavdelning)
    statistik_fore = (statistik.per_omrade(qs, ar), statistik.per_manad(qs, ar))
    gallring.incidents_purge_personal_data()
    incident.refresh_from_db()
    assert {f: getattr(incident, f) for f in fore} == fore
    assert (statistik.per_omrade(qs, ar), statistik.per_manad(qs, ar)) == statistik_fore


def test_it_respects_a_legal_hold_and_the_retention_period(medarbetare):
    stopp = gammal(medarbetare, gallringsstopp=True)
    ny = gammal(medarbetare, rapporterad=timezone.now() - timedelta(days=2 * 365))
    assert gallring.incidents_purge_personal_data() == 0
    for incident in (stopp, ny):
        incident.refresh_from_db()
        assert NAMN in incident.inblandade_personer
        assert incident.personuppgifter_gallrade is None
    assert not Gallringslogg.objects.exists()


def test_it_follows_the_categorys_retention_period(medarbetare):
    kort = kategori("Klotter")
    kort.gallringstid_manader = 12
    kort.save()
    nu = timezone.now()
    due = gammal(medarbetare, kategori=kort, rapporterad=nu - timedelta(days=400))
    inte_an = gammal(medarbetare, kategori=kort, rapporterad=nu - timedelta(days=300))
    assert gallring.incidents_purge_personal_data(now=nu) == 1
    due.refresh_from_db()
    inte_an.refresh_from_db()
    assert due.personuppgifter_gallrade == nu
    assert inte_an.personuppgifter_gallrade is None
    # The day it falls due, it goes.
    assert gallring.incidents_purge_personal_data(now=inte_an.gallras()) == 1


def test_it_removes_the_personal_data_from_the_history_too(medarbetare):
    incident = gammal(medarbetare)
    incident.inblandade_personer = f"{NAMN} och Cecilia Ceder"
    incident.save()
    incident.status = Incident.Status.AVSLUTAD
    incident.save()
    historik = Incident.history.model.objects.filter(id=incident.pk)
    assert historik.count() == 3
    assert historik.filter(inblandade_personer__contains="Cecilia").exists()
    gallring.incidents_purge_personal_data()
    for rad in historik.all():
        for falt in ("inblandade_personer", "kontaktperson", "beskrivning", "omedelbara_atgarder"):
            varde = getattr(rad, falt)
            assert "Andersson" not in varde and "Cecilia" not in varde and "Bertil" not in varde
        assert rad.status == Incident.Status.AVSLUTAD
    assert historik.count() == 4  # the removal itself is in the history, and no names


def test_it_deletes_attachments_files_and_rows(medarbetare, django_capture_on_commit_callbacks):
    incident = gammal(medarbetare)
    b = bilaga(incident, medarbetare)
    storage, namn = b.fil.storage, b.fil.name
    assert storage.exists(namn)
    with django_capture_on_commit_callbacks(execute=True):
        assert gallring.incidents_purge_personal_data() == 1
    assert not Bilaga.objects.filter(incident=incident).exists()
    assert not storage.exists(namn)
    assert Gallringslogg.objects.get(incident=incident).bilagor == 1


def test_it_runs_once_per_incident(medarbetare):
    gammal(medarbetare)
    assert gallring.incidents_purge_personal_data() == 1
    assert gallring.incidents_purge_personal_data() == 0
    assert Gallringslogg.objects.count() == 1


def test_it_runs_as_the_nightly_task(medarbetare):
    incident = gammal(medarbetare)
    assert tasks.incidents_purge_personal_data() == 1
    incident.refresh_from_db()
    assert incident.personuppgifter_gallrade is not None


def test_it_removes_every_free_text_a_person_wrote_also_in_the_timeline_and_history(
    medarbetare, sakerhetsavdelning
):
    incident = gammal(medarbetare)
    incident.orsak = f"{NAMN} hade bråkat med en klasskamrat"
    incident.lardomar = f"Rektor ska prata med {NAMN}s klass"
    incident.avvisningsorsak = f"Dubblett av {NAMN}s anmälan"
    incident.save()
    kommentar = Handelse.objects.create(
        incident=incident, typ=Handelse.Typ.KOMMENTAR, text=f"Ringde {NAMN}", anvandare=medarbetare
    )
    status = Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.STATUS,
        fran_status=Incident.Status.MOTTAGEN,
        till_status=Incident.Status.AVSLUTAD,
        text=f"Avslutad efter samtal med {NAMN}",
        anvandare=sakerhetsavdelning,
    )
    # What the system wrote itself is no one's personal data and stays.
    system = Handelse.objects.create(
        incident=incident, typ=Handelse.Typ.OMKLASSNING, text="Kategori: Stöld → Hot"
    )

    assert gallring.incidents_purge_personal_data() == 1
    incident.refresh_from_db()
    for falt in ("orsak", "lardomar", "avvisningsorsak"):
        assert getattr(incident, falt) == "[Gallrad]"
    for handelse in (kommentar, status):
        handelse.refresh_from_db()
        assert handelse.text == "[Gallrad]"
    system.refresh_from_db()
    assert system.text == "Kategori: Stöld → Hot"
    historik = Incident.history.filter(id=incident.pk)
    assert historik.count() > 1
    assert not any(NAMN in (h.orsak + h.lardomar + h.avvisningsorsak) for h in historik)
    logg = Gallringslogg.objects.get(incident=incident)
    assert "orsak" in logg.falt and "tidslinjen" in logg.falt


def test_it_keeps_an_uncategorised_incident_for_the_default_period_and_says_so(medarbetare):
    """One rule for the retention period: the incident's (Incident.gallringstid_manader),
    which the purge, its candidates and the timeline's text all read."""
    nu = timezone.now()
    due = gammal(medarbetare, kategori=None, rapporterad=nu - timedelta(days=36 * 31))
    inte_an = gammal(medarbetare, kategori=None, rapporterad=nu - timedelta(days=35 * 30))
    assert inte_an.gallras() > nu > due.gallras()
    assert gallring.incidents_purge_personal_data(now=nu) == 1
    handelse = Handelse.objects.get(incident=due, typ=Handelse.Typ.GALLRING)
    assert "36 månader" in handelse.text
