"""
The premises' Excel import (all rows or none, with a row report: lib.
excelimport, the same machinery as the risk register's) and the activity list's export
(the shared writers, which neutralise formula injection).
"""

import io

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lib import excelimport, exports
from policy.models import Enhet, Organ, User

from . import services
from .models import Lokal

# (column heading, field, kind)
IMPORTKOLUMNER = [
    ("Namn", "namn", "kravtext"),
    ("Adress", "adress", "kravtext"),
    ("Kategori", "kategori", "kategori"),
    ("Ägare", "agare", "organ"),
    ("Enheter", "enheter", "enheter"),
    ("Brandskyddsansvarig", "brandskyddsansvarig", "person"),
]


def mall_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Lokaler"
    ws.append([k[0] for k in IMPORTKOLUMNER])
    ws.append(
        ["Karlbergsskolan", "Karlbergsvägen 1, 731 30 Köping", "Skola", "KS", "Karlbergsskolan", ""]
    )
    info = wb.create_sheet("Anvisning")
    info.append(["Kategori: " + ", ".join(str(k.label) for k in Lokal.Kategori)])
    info.append(["Ägare: kommunstyrelsen, en nämnd eller ett bolag, med namn eller kortnamn."])
    info.append(["Enheter: enheternas namn, åtskilda med semikolon."])
    info.append(["Brandskyddsansvarig: användarnamn eller e-postadress (frivilligt)."])
    info.append(["Ta bort exempelraden innan du importerar."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class _Uppslag:
    """The names a cell may use, read once per import."""

    def __init__(self):
        self.kategori = {}
        for k in Lokal.Kategori:
            self.kategori[str(k.label).lower()] = k.value
            self.kategori[k.value] = k.value
        self.organ = {}
        for o in Organ.objects.filter(typ__in=[Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG]):
            for namn in (o.namn, o.kortnamn, o.slug):
                if namn:
                    self.organ[namn.lower()] = o
        self.enheter: dict[str, list[Enhet]] = {}
        for e in Enhet.objects.all():
            self.enheter.setdefault(e.namn.lower(), []).append(e)


def _tolka(varde, typ, uppslag: _Uppslag):
    if typ == "kravtext":
        return excelimport.tolka_text(varde, kravs=True, max_langd=300)
    text, _fel = excelimport.tolka_text(varde)
    if typ == "kategori":
        if not text:
            return Lokal.Kategori.OVRIGT, None
        kategori = uppslag.kategori.get(text.lower())
        return (
            (kategori, None) if kategori else (None, _("”%(v)s” är ingen kategori") % {"v": text})
        )
    if typ == "organ":
        if not text:
            return None, _("får inte vara tom")
        organ = uppslag.organ.get(text.lower())
        if organ is None:
            return None, _("”%(v)s” är varken kommunstyrelsen, en nämnd eller ett bolag") % {
                "v": text
            }
        return organ, None
    if typ == "enheter":
        enheter = []
        for namn in (n.strip() for n in text.split(";")):
            if not namn:
                continue
            traffar = uppslag.enheter.get(namn.lower(), [])
            if len(traffar) != 1:
                return None, (
                    _("”%(v)s” är ingen enhet") if not traffar else _("”%(v)s” finns i flera organ")
                ) % {"v": namn}
            enheter.append(traffar[0])
        return enheter, None
    if typ == "person":
        if not text:
            return None, None
        person = User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text)).first()
        return (person, None) if person else (None, _("”%(v)s” är ingen användare") % {"v": text})
    raise ValueError(typ)


def importera(*, user, fil) -> tuple[int, list[excelimport.Importfel]]:
    """Validate every row; import all of them, or none. Returns (imported, errors)."""
    uppslag = _Uppslag()
    tolkade, fel = excelimport.las_rader(
        fil,
        IMPORTKOLUMNER,
        lambda cell, typ: _tolka(cell, typ, uppslag),
        obligatoriska={"kravtext", "organ"},
        tom=_("filen innehåller inga lokaler"),
        forsta_kolumn=_("Namn"),
    )
    if fel:
        return 0, fel
    fel = excelimport.spara_alla(
        tolkade, lambda data: services.lokal_save(user=user, **data), IMPORTKOLUMNER
    )
    return (0, fel) if fel else (len(tolkade), [])


# --- Export ---


def exportrubriker() -> list[str]:
    return [
        _("Datum"),
        _("Typ"),
        _("Slag"),
        _("Nämnd eller styrelse"),
        _("Lokal"),
        _("Enhet"),
        _("Ansvarig"),
        _("Status"),
        _("Genomförd"),
        _("Anmärkningar"),
    ]


def export_response(aktiviteter, idag):
    """`aktiviteter` carry the annotation `antal_anmarkningar`."""
    rows = (
        [
            a.datum,
            a.typ.namn,
            a.typ.get_slag_display(),
            a.organ.namn,
            a.lokal.namn if a.lokal else "",
            a.enhet.namn if a.enhet else "",
            str(a.ansvarig),
            _("Försenad") if a.ar_forsenad(idag) else a.get_status_display(),
            a.genomford_datum,
            a.antal_anmarkningar,
        ]
        for a in aktiviteter
    )
    return exports.xlsx_response(
        "aktiviteter.xlsx", exportrubriker(), rows, title=_("Övningar och kontroller")
    )
