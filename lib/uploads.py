"""
Checks on uploaded files. The type is read from the file's content, never trusted from its
name or the browser; the name is only kept as a label and cleaned of paths and control
characters. Files are stored under random names and only served as downloads.

Storing goes in two steps, so that a full disk or a failed request leaves nothing behind:
`lagra_efter_commit` writes the file under a temporary name beside its own (removing what it
wrote if the write fails) and moves it into place when the transaction commits; inside
`tillfalliga_filer()`, anything that raises removes the temporary files written in it. The
row that names the file may thus exist a moment before the file: a download in that moment
(or after a failed move) gets a clear message, never a 500.
"""

import contextvars
import logging
import os
import re
import secrets
import unicodedata
from contextlib import contextmanager

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Content type -> the file name endings that may carry it.
TILLATNA = {
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "image/heic": {"heic", "heif"},
    "application/pdf": {"pdf"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.ms-powerpoint": {"ppt"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
}


def validate(fil) -> str:
    """The file's real content type, or a ValidationError in Swedish."""
    if fil.size > settings.MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("Filen %(namn)s är för stor. Största tillåtna storlek är %(max)s.")
            % {"namn": safe_name(fil.name), "max": filesizeformat(settings.MAX_ATTACHMENT_SIZE)}
        )
    fil.seek(0)
    huvud = fil.read(8192)
    fil.seek(0)
    typ = filetype.guess_mime(huvud)
    andelse = safe_name(fil.name).rsplit(".", 1)[-1].lower() if "." in fil.name else ""
    if typ not in TILLATNA or andelse not in TILLATNA[typ]:
        raise ValidationError(
            _(
                "Filen %(namn)s är inte en tillåten filtyp, eller så stämmer innehållet inte "
                "med filnamnet. Tillåtet: bilder (JPEG, PNG, GIF, WebP, HEIC), PDF och "
                "kontorsdokument (Word, Excel, PowerPoint, OpenDocument)."
            )
            % {"namn": safe_name(fil.name)}
        )
    return typ


def safe_name(name: str) -> str:
    """A file name fit to show and to put in a Content-Disposition header."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'["<>:|?*;]', "_", name).strip(" .")
    return name[:150] or "bilaga"


# The temporary files of the innermost `tillfalliga_filer()` block: (storage, name).
_skrivna: contextvars.ContextVar[list | None] = contextvars.ContextVar("skrivna", default=None)


def _ta_bort(storage, namn: str) -> None:
    try:
        storage.delete(namn)
    except OSError:
        logger.exception("Kunde inte ta bort den tillfälliga filen %s", namn)


@contextmanager
def tillfalliga_filer():
    """Remove the temporary files written inside the block when it raises, also when the
    transaction's commit is what failed (put this outside `transaction.atomic()`). Files of
    an inner block that succeeded are removed too if an outer one fails."""
    skrivna: list = []
    token = _skrivna.set(skrivna)
    try:
        yield
    except BaseException:
        for storage, namn in skrivna:
            _ta_bort(storage, namn)
        raise
    finally:
        _skrivna.reset(token)
    yttre = _skrivna.get()
    if yttre is not None:
        yttre.extend(skrivna)


def _flytta(storage, tillfallig: str, namn: str) -> None:
    try:
        os.replace(storage.path(tillfallig), storage.path(namn))
    except OSError:
        # The row is saved; its download says the file is missing. Never fail the request.
        logger.exception("Kunde inte flytta %s till %s", tillfallig, namn)


def lagra_efter_commit(storage, namn: str, fil) -> str:
    """Store `fil` as `namn` (or a free name like it, returned) once the transaction
    commits. Written now under a temporary name in the same directory, so the move is a
    rename; an OSError while writing (a full disk) removes the partial file and is raised
    for the caller to decide."""
    namn = storage.get_available_name(namn)
    tillfallig = f"{namn}.{secrets.token_hex(6)}.tmp"
    try:
        fil.seek(0)
        tillfallig = storage.save(tillfallig, fil)
    except BaseException:
        _ta_bort(storage, tillfallig)
        raise
    skrivna = _skrivna.get()
    if skrivna is not None:
        skrivna.append((storage, tillfallig))
    transaction.on_commit(lambda: _flytta(storage, tillfallig, namn))
    return namn


def rensa_tillfalliga(rot, *, aldre_an_sekunder: int = 24 * 3600) -> int:
    """Remove temporary files under `rot` older than a day: left by a process killed
    between writing an attachment and its commit (nothing else can remove them). Returns
    the number removed."""
    import time
    from pathlib import Path

    grans = time.time() - aldre_an_sekunder
    antal = 0
    for sokvag in Path(rot).rglob("*.tmp"):
        try:
            if sokvag.is_file() and sokvag.stat().st_mtime < grans:
                sokvag.unlink()
                antal += 1
        except OSError:
            logger.exception("Kunde inte ta bort den tillfälliga filen %s", sokvag)
    return antal
