"""
Checks on uploaded files. The type is read from the file's content, never trusted from its
name or the browser; the name is only kept as a label and cleaned of paths and control
characters. Files are stored under random names and only served as downloads.
"""

import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
