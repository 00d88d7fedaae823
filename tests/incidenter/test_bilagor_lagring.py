"""
Attachments and a storage that fails (a full disk): the file is written under a temporary
name and moved into place when the row commits; a failed write leaves no partial file; a
report whose attachment the storage refuses is saved without it, and the reporter is told
to add it later, which they can from the report's page.
"""

import errno
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidenter import services
from incidenter.models import Bilaga, Incident

from .factories import PNG
from .test_rapportera import _data


def _filer(rot):
    return sorted(p.relative_to(rot).as_posix() for p in rot.rglob("*") if p.is_file())


@pytest.fixture
def full_disk(monkeypatch):
    """A disk that fills up halfway through writing a file."""
    riktig = FileSystemStorage._save

    def halvfull(self, name, content):
        path = self.path(name)
        import os

        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", halvfull)
    return riktig


def test_it_moves_the_file_into_place_only_when_the_report_commits(
    client_as, medarbetare, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_as(medarbetare).post(
            "/incidenter/rapportera/", {**_data(medarbetare), "bilagor": [bild]}
        )
        bilaga = Bilaga.objects.get()
        # Before the commit: only a temporary file beside the row's name.
        (tillfallig,) = _filer(tmp_path)
        assert tillfallig.startswith(bilaga.fil.name + ".") and tillfallig.endswith(".tmp")
    for callback in callbacks:
        callback()
    assert _filer(tmp_path) == [bilaga.fil.name]
    assert bilaga.fil.read() == PNG


def test_it_leaves_no_file_when_the_report_fails(medarbetare, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def trasig(*args, **kwargs):
        raise RuntimeError("databasen föll bort")

    monkeypatch.setattr(services.Handelse.objects, "create", trasig)
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    with pytest.raises(RuntimeError):
        services.incident_create(
            user=medarbetare,
            filer=[bild],
            rubrik="Stöld",
            intraffade=timezone.now() - timedelta(hours=1),
            enhet=medarbetare.enhet,
        )
    assert not Incident.objects.exists()
    assert _filer(tmp_path) == []


def test_it_saves_the_report_without_the_attachment_on_a_full_disk(
    client_as, medarbetare, settings, tmp_path, full_disk
):
    settings.MEDIA_ROOT = tmp_path
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/",
        {**_data(medarbetare, beskrivning="Allt jag skrev"), "bilagor": [bild]},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tack för din rapport" in html
    assert "bilagan foto.png kunde inte sparas just nu" in html
    assert "Lägg till den senare" in html
    incident = Incident.objects.get()
    assert incident.beskrivning == "Allt jag skrev"
    assert not Bilaga.objects.exists()
    # Nothing half-written is left behind.
    assert _filer(tmp_path) == []


def test_it_lets_the_reporter_add_the_attachment_later(
    client_as, medarbetare, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(medarbetare)
    client.post("/incidenter/rapportera/", _data(medarbetare))
    incident = Incident.objects.get()
    sida = client.get(f"/incidenter/{incident.referens}/").content.decode()
    assert "Lägg till bilagor" in sida
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(
            f"/incidenter/{incident.referens}/bilagor/ny/", {"bilagor": [bild]}, follow=True
        )
    assert "Bilagorna är sparade." in svar.content.decode()
    bilaga = Bilaga.objects.get(incident=incident)
    fil = client.get(f"/incidenter/{incident.referens}/bilagor/{bilaga.pk}/")
    assert b"".join(fil.streaming_content) == PNG


def test_it_tells_who_adds_an_attachment_on_a_full_disk(
    client_as, medarbetare, settings, tmp_path, full_disk
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(medarbetare)
    client.post("/incidenter/rapportera/", _data(medarbetare))
    incident = Incident.objects.get()
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    svar = client.post(
        f"/incidenter/{incident.referens}/bilagor/ny/", {"bilagor": [bild]}, follow=True
    )
    assert svar.status_code == 200
    assert "Bilagan foto.png kunde inte sparas just nu." in svar.content.decode()
    assert not Bilaga.objects.exists() and _filer(tmp_path) == []


def test_it_refuses_an_attachment_from_someone_who_only_reads(
    client_as, medarbetare, kommunledning, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client_as(medarbetare).post("/incidenter/rapportera/", _data(medarbetare))
    incident = Incident.objects.get()
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    svar = client_as(kommunledning).post(
        f"/incidenter/{incident.referens}/bilagor/ny/", {"bilagor": [bild]}
    )
    assert svar.status_code in (403, 404)
    assert not Bilaga.objects.exists()


def test_it_removes_temporary_files_a_killed_process_left_at_night(settings, tmp_path):
    import os
    import time

    from incidenter.tasks import incidents_purge_personal_data

    settings.MEDIA_ROOT = tmp_path
    mapp = tmp_path / "bilagor" / "2026"
    mapp.mkdir(parents=True)
    gammal, farsk, fil = (mapp / "a.1.tmp", mapp / "b.2.tmp", mapp / "c")
    for p in (gammal, farsk, fil):
        p.write_bytes(b"x")
    forr = time.time() - 2 * 24 * 3600
    os.utime(gammal, (forr, forr))
    os.utime(fil, (forr, forr))
    incidents_purge_personal_data()
    assert _filer(tmp_path) == ["bilagor/2026/b.2.tmp", "bilagor/2026/c"]
