"""
Backup and restore of what the portal keeps: the database, then the uploaded files and
stored PDFs (MEDIA_ROOT), into one directory (`manage.py backup`, `manage.py restore`;
`make backup`, `make restore`; README "Backup and restore").

    <katalog>/databas.dump       pg_dump --format=custom (PostgreSQL), or
    <katalog>/databas.sqlite3    SQLite's own online backup
    <katalog>/media/...          a copy of MEDIA_ROOT
    <katalog>/manifest.json      when, which database, every file with its SHA-256

The database first, then the files: files are only ever added (a new attachment, a new
PDF), so the copy taken after the dump holds every file a row in the dump names. (A file
removed by gallring between the two leaves its row without its file: the row's download
then says the file is missing.)

Not in the backup, on purpose: `.env` with SECRET_KEY and the passwords (keep it with the
server's other secrets; without the same SECRET_KEY, sessions and signed links are void,
nothing else), and Redis, which holds only what is also in PostgreSQL or is computed again
(sessions, cached figures, rate-limit counters, the Celery queue, which the sweep refills).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.dispatch import Signal
from django.utils import timezone

DUMP_PG = "databas.dump"
DUMP_SQLITE = "databas.sqlite3"
MANIFEST = "manifest.json"

# Sent by the restore command after a restore (`manifest`), so that each app puts right what
# restored data leaves behind: incidenter moves its reference series (incidenter/apps.py).
aterstalld = Signal()


class SakerhetskopiaFel(Exception):
    """A backup or restore that cannot go on; the message says why, in Swedish."""


def _databas():
    return settings.DATABASES["default"]


def _ar_postgres() -> bool:
    return "postgresql" in _databas()["ENGINE"]


def _pg_miljo() -> dict:
    db = _databas()
    miljo = dict(os.environ)
    for nyckel, varde in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
    ):
        if varde:
            miljo[nyckel] = str(varde)
    return miljo


def _kor(kommando: list[str]) -> None:
    try:
        subprocess.run(kommando, env=_pg_miljo(), check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise SakerhetskopiaFel(
            f"{kommando[0]} saknas: installera PostgreSQL-klienten (postgresql-client)."
        ) from None
    except subprocess.CalledProcessError as fel:
        raise SakerhetskopiaFel(f"{kommando[0]} misslyckades: {fel.stderr.strip()}") from None


def _kontrollsumma(sokvag: Path) -> str:
    summa = hashlib.sha256()
    with open(sokvag, "rb") as f:
        for bit in iter(lambda: f.read(1024 * 1024), b""):
            summa.update(bit)
    return summa.hexdigest()


def _filer(rot: Path) -> dict[str, str]:
    return {
        p.relative_to(rot).as_posix(): _kontrollsumma(p)
        for p in sorted(rot.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    }


def backup(katalog: Path) -> dict:
    """Write a backup into `katalog` (which must not exist or be empty). Returns the
    manifest."""
    katalog = Path(katalog)
    if katalog.exists() and any(katalog.iterdir()):
        raise SakerhetskopiaFel(f"Katalogen {katalog} är inte tom.")
    katalog.mkdir(parents=True, exist_ok=True)
    # 1. The database.
    if _ar_postgres():
        _kor(["pg_dump", "--format=custom", "--no-owner", "--file", str(katalog / DUMP_PG)])
        databas = "postgresql"
    else:
        kalla = sqlite3.connect(_databas()["NAME"])
        mal = sqlite3.connect(katalog / DUMP_SQLITE)
        try:
            kalla.backup(mal)
        finally:
            mal.close()
            kalla.close()
        databas = "sqlite"
    # 2. The files, after the database.
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, katalog / "media", ignore=shutil.ignore_patterns("*.tmp"))
    else:
        (katalog / "media").mkdir()
    manifest = {
        "skapad": timezone.now().isoformat(),
        "databas": databas,
        "filer": _filer(katalog / "media"),
    }
    (katalog / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _tom_databas() -> bool:
    with connections["default"].cursor() as cursor:
        return "django_migrations" not in connections["default"].introspection.table_names(cursor)


def restore(katalog: Path, *, skriv_over: bool = False) -> dict:
    """Restore the backup in `katalog` into the configured database (a fresh one, unless
    `skriv_over`) and MEDIA_ROOT. Returns the manifest. The restore command then sends
    `aterstalld`."""
    katalog = Path(katalog)
    try:
        manifest = json.loads((katalog / MANIFEST).read_text())
    except (OSError, ValueError):
        raise SakerhetskopiaFel(f"{katalog} innehåller ingen läsbar {MANIFEST}.") from None
    # The files are checked before anything is written.
    filer = _filer(katalog / "media")
    trasiga = sorted(n for n, s in manifest["filer"].items() if filer.get(n) != s)
    if trasiga:
        raise SakerhetskopiaFel(
            "Filerna stämmer inte med kontrollsummorna: " + ", ".join(trasiga[:10])
        )
    if manifest["databas"] != ("postgresql" if _ar_postgres() else "sqlite"):
        raise SakerhetskopiaFel(
            f"Kopian är från {manifest['databas']}, men DATABASE_URL pekar på en annan sorts "
            "databas."
        )
    if not skriv_over and not _tom_databas():
        raise SakerhetskopiaFel(
            "Databasen är inte tom. Återställ till en ny databas, eller ange --skriv-over."
        )
    connections.close_all()
    # 1. The database.
    if _ar_postgres():
        kommando = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if skriv_over:
            kommando += ["--clean", "--if-exists"]
        _kor([*kommando, "--dbname", str(_databas()["NAME"]), str(katalog / DUMP_PG)])
    else:
        kalla = sqlite3.connect(katalog / DUMP_SQLITE)
        mal = sqlite3.connect(_databas()["NAME"])
        try:
            kalla.backup(mal)
        finally:
            mal.close()
            kalla.close()
    # 2. The files. (3., what the apps put right, is `aterstalld`'s: lib knows no app.)
    shutil.copytree(katalog / "media", Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
