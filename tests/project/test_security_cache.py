"""What a logged-in person is shown (pages, exports, attachments) is never kept in a
browser's or a proxy's cache: Cache-Control private, no-store, as on the PDFs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidenter import services as incident_services
from tests.incidenter.factories import incident_factory


def _ingen_cache(response):
    varden = {v.strip() for v in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= varden


@pytest.mark.parametrize(
    "url", ["/", "/incidenter/", "/incidenter/mina/", "/paminnelser/", "/risker/", "/policy/"]
)
def test_it_keeps_pages_out_of_caches(client_as, sakerhetsavdelning, url):
    response = client_as(sakerhetsavdelning).get(url)
    assert response.status_code == 200
    assert _ingen_cache(response), response.get("Cache-Control")


@pytest.mark.parametrize(
    "url", ["/incidenter/export/csv/", "/incidenter/export/xlsx/", "/risker/export/?format=csv"]
)
def test_it_keeps_exports_out_of_caches(client_as, sakerhetsavdelning, url):
    response = client_as(sakerhetsavdelning).get(url)
    assert response.status_code == 200
    assert _ingen_cache(response), response.get("Cache-Control")


def test_it_keeps_attachments_out_of_caches(
    client_as, medarbetare, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    incident = incident_factory(rapportor=medarbetare)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    # The file is moved into place when the row commits.
    with django_capture_on_commit_callbacks(execute=True):
        bilaga = incident_services.bilaga_add(
            incident=incident,
            user=medarbetare,
            fil=SimpleUploadedFile("foto.pdf", pdf, "application/pdf"),
            check=False,
        )
    response = client_as(medarbetare).get(f"/incidenter/{incident.referens}/bilagor/{bilaga.pk}/")
    assert response.status_code == 200
    assert _ingen_cache(response), response.get("Cache-Control")


def test_it_leaves_the_public_pages_to_the_defaults(client):
    assert "no-store" not in client.get("/tillganglighet/").get("Cache-Control", "")
