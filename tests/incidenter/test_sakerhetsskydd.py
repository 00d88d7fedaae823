"""A säkerhetsskyddshändelse: only that it happened, when, and a contact. The server refuses
free text and attachments whatever the page sends."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidenter.models import Incident, Kategori
from tests.incidenter.factories import PNG
from tests.incidenter.test_rapportera import _data


def _minimal(user, **extra):
    return {
        "intraffade": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "enhet": user.enhet_id,
        "kontaktperson": "Anna, 0221-12345",
        "bekraftelse": "on",
        **extra,
    }


def test_it_takes_the_minimal_report_and_routes_it_to_the_sakerhetschef(
    client_as, medarbetare, sakerhetschef, sakerhetsavdelning
):
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/sakerhetsskydd/", _minimal(medarbetare)
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.ar_sakerhetsskydd and incident.ar_skyddad
    assert incident.beskrivning == ""
    assert incident.plikter.get().typ.kod == "sapo"
    assert client_as(sakerhetschef).get(incident.get_absolute_url()).status_code == 200
    assert client_as(sakerhetsavdelning).get(incident.get_absolute_url()).status_code == 404


def test_it_refuses_free_text(client_as, medarbetare):
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/sakerhetsskydd/",
        _minimal(medarbetare, beskrivning="Detaljer om skyddsobjektet"),
    )
    assert response.status_code == 400
    assert "utan fritext och bilagor" in response.content.decode()
    assert not Incident.objects.exists()


def test_it_refuses_an_attachment(client_as, medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fil = SimpleUploadedFile("karta.png", PNG, content_type="image/png")
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/sakerhetsskydd/", {**_minimal(medarbetare), "bilagor": fil}
    )
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_it_refuses_the_category_in_the_ordinary_form(client_as, medarbetare):
    kategori = Kategori.objects.get(ar_sakerhetsskydd=True)
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/", _data(medarbetare, kategori=kategori.pk)
    )
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_it_refuses_free_text_in_the_service_too(medarbetare):
    import pytest
    from django.core.exceptions import ValidationError

    from incidenter.services import incident_create

    with pytest.raises(ValidationError):
        incident_create(
            user=medarbetare,
            kategori=Kategori.objects.get(ar_sakerhetsskydd=True),
            rubrik="",
            beskrivning="hemligt",
            intraffade=timezone.now(),
            enhet=medarbetare.enhet,
        )
    assert not Incident.objects.exists()


def test_it_requires_the_confirmation(client_as, medarbetare):
    data = _minimal(medarbetare)
    del data["bekraftelse"]
    response = client_as(medarbetare).post("/incidenter/rapportera/sakerhetsskydd/", data)
    assert response.status_code == 400


def test_it_refuses_an_attachment_added_later(
    client_as, medarbetare, sakerhetschef, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client_as(medarbetare).post("/incidenter/rapportera/sakerhetsskydd/", _minimal(medarbetare))
    incident = Incident.objects.get()
    import pytest
    from django.core.exceptions import PermissionDenied

    from incidenter.services import bilaga_add

    fil = SimpleUploadedFile("karta.png", PNG, content_type="image/png")
    with pytest.raises(PermissionDenied):
        bilaga_add(incident=incident, user=sakerhetschef, fil=fil)
    assert not incident.bilagor.exists()
    assert not list(tmp_path.rglob("*.png"))


def test_it_refuses_a_title_sent_past_the_form(client_as, medarbetare):
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/sakerhetsskydd/", _minimal(medarbetare, rubrik="Objekt X")
    )
    assert response.status_code == 400
    assert not Incident.objects.exists()
