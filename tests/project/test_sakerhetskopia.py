"""
Backup and restore (`manage.py backup`, `manage.py restore`, lib/
sakerhetskopia.py): a restore into a fresh database opens the same attachment and the same
stored PDF (checksums match) and gives out no reference number twice; a row whose file is
missing says so instead of failing.

The full round trip needs PostgreSQL (`.ci/run`'s second pass): it makes its own database
with a unique name and drops it after.
"""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from incidenter import services
from incidenter.models import Incident, Referensserie
from rapporter import services as rapport_services
from rapporter.models import Arsrapport

from ..incidenter.factories import PNG, bilaga_factory, incident_factory


def _anmal(user, filer=()):
    return services.incident_create(
        user=user,
        filer=list(filer),
        rubrik="Stöld av dator",
        intraffade=timezone.now() - timedelta(hours=1),
        enhet=user.enhet,
    )


def test_it_moves_the_reference_series_past_the_highest_number(medarbetare):
    forsta = _anmal(medarbetare)
    # Numbers given out that the series does not know of (data from a restore or import).
    incident_factory(rapportor=medarbetare, ar=forsta.ar, lopnummer=7)
    assert services.referensserier_efter_aterstallning() == {forsta.ar: 7}
    assert Referensserie.objects.get(ar=forsta.ar).senaste == 7
    assert _anmal(medarbetare).referens == f"INC-{forsta.ar}-0008"
    # Moved already: nothing more to do.
    assert services.referensserier_efter_aterstallning() == {}


def test_it_says_an_attachment_file_is_missing(client_as, medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    incident = incident_factory(rapportor=medarbetare)
    bilaga = bilaga_factory(incident, medarbetare, filnamn="kvitto.png")
    os.remove(bilaga.fil.path)
    svar = client_as(medarbetare).get(f"/incidenter/{incident.referens}/bilagor/{bilaga.pk}/")
    assert svar.status_code == 404
    html = svar.content.decode()
    assert "Filen saknas" in html and "kvitto.png" in html


def test_it_says_a_stored_pdf_is_missing(client_as, kommunledning, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rapport = Arsrapport.objects.create(
        ar=2025,
        skapad_av=kommunledning,
        status=Arsrapport.Status.KLAR,
        fil="rapporter/arsrapporter/2025/borta.pdf",
        sha256="0" * 64,
        storlek=10,
    )
    svar = client_as(kommunledning).get(f"/rapporter/arsrapport/{rapport.pk}/pdf/")
    assert svar.status_code == 404
    assert "Filen saknas" in svar.content.decode()


# --- The round trip on PostgreSQL ---------------------------------------------------


def _url(db: dict, namn: str) -> str:
    anvandare = db.get("USER") or "postgres"
    losen = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{anvandare}{losen}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{namn}"


def _manage(*args, database_url: str, media: str, check=True) -> str:
    miljo = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": media}
    miljo.pop("REDIS_URL", None)  # The restored copy is checked alone, tasks in-process.
    svar = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=miljo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and svar.returncode != 0:
        pytest.fail(f"manage.py {args[0]}: {svar.stderr[-2000:]}", pytrace=False)
    return svar.stdout if check else svar.stderr


# Run inside the restored copy: download the attachment and the PDF as their users would,
# and report a new incident.
KONTROLL = """
import hashlib, json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from incidenter import services
from incidenter.models import Bilaga
from rapporter.models import Arsrapport
from tests.conftest import login

bilaga = Bilaga.objects.select_related("incident", "incident__rapportor").get()
klient = login(Client(), bilaga.incident.rapportor)
svar = klient.get(f"/incidenter/{bilaga.incident.referens}/bilagor/{bilaga.pk}/")
fil = b"".join(svar.streaming_content)
rapport = Arsrapport.objects.select_related("skapad_av").get()
klient = login(Client(), rapport.skapad_av)
svar = klient.get(f"/rapporter/arsrapport/{rapport.pk}/pdf/")
pdf = b"".join(svar.streaming_content)
ny = services.incident_create(
    user=bilaga.incident.rapportor, rubrik="Efter återställningen",
    intraffade=timezone.now() - timedelta(hours=1), enhet=bilaga.incident.rapportor.enhet,
)
print(json.dumps({
    "bilaga": hashlib.sha256(fil).hexdigest(),
    "pdf": hashlib.sha256(pdf).hexdigest(),
    "pdf_rad": rapport.sha256,
    "ny": ny.referens,
}))
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_restores_a_backup_into_a_fresh_database(
    require_postgres, settings, tmp_path, monkeypatch, medarbetare, kommunledning
):
    import psycopg2

    settings.MEDIA_ROOT = tmp_path / "media"
    incident = _anmal(medarbetare, [SimpleUploadedFile("foto.png", PNG, "image/png")])
    # A number the series does not know of: without the restore's step, the next report
    # would be given INC-…-0002 a second time.
    incident_factory(rapportor=medarbetare, ar=incident.ar, lopnummer=2)
    monkeypatch.setattr(
        rapport_services,
        "arsrapport_pdf",
        lambda *, anvandare, ar: (b"%PDF-1.7 arsrapport " * 50, {"med_skyddade": False}),
    )
    rapport = rapport_services.arsrapport_build(
        rapport_id=Arsrapport.objects.create(ar=2025, skapad_av=kommunledning).pk
    )
    assert rapport.status == Arsrapport.Status.KLAR

    db = connection.settings_dict
    kopia = tmp_path / "kopia"
    _manage(
        "backup",
        "--till",
        str(kopia),
        database_url=_url(db, db["NAME"]),
        media=str(tmp_path / "media"),
    )
    manifest = json.loads((kopia / "manifest.json").read_text())
    assert manifest["databas"] == "postgresql" and len(manifest["filer"]) == 2

    ny_databas = f"aterstallning_test_{uuid.uuid4().hex[:12]}"
    admin = dict(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        dbname="postgres",
    )

    def admin_sql(sql):
        pg = psycopg2.connect(**admin)
        pg.autocommit = True
        try:
            with pg.cursor() as cursor:
                cursor.execute(sql)
        finally:
            pg.close()

    admin_sql(f'CREATE DATABASE "{ny_databas}"')
    try:
        url = _url(db, ny_databas)
        media = str(tmp_path / "media-aterstalld")
        _manage("restore", str(kopia), database_url=url, media=media)
        # A second restore over it is refused: it is no longer a fresh database.
        fel = _manage("restore", str(kopia), database_url=url, media=media, check=False)
        assert "Databasen är inte tom" in fel
        resultat = json.loads(
            _manage("shell", "-c", KONTROLL, database_url=url, media=media).strip().splitlines()[-1]
        )
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{ny_databas}" WITH (FORCE)')

    assert resultat["bilaga"] == hashlib.sha256(PNG).hexdigest()
    assert resultat["pdf"] == resultat["pdf_rad"] == rapport.sha256
    assert resultat["ny"] == f"INC-{incident.ar}-0003"
    assert Incident.objects.filter(referens=resultat["ny"]).count() == 0  # Only in the copy.
