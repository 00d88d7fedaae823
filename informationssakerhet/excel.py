"""
The Excel import of an existing register (all rows or none, with a row report:
lib.excelimport, the machinery of the risk register and the premises).
One row per information asset; the rows naming the same system of the same body make one
system holding those assets. Classification levels are the scale's numbers.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lib import excelimport
from policy.models import Organ

from . import selectors, services
from .models import Informationstillgang, Klassningsniva, System

# (column heading, field, kind)
IMPORTKOLUMNER = [
    ("Organ", "organ", "organ"),
    ("System", "system", "text"),
    ("Leverantör", "leverantor", "text"),
    ("Drift", "drift", "text"),
    ("Tillgång", "namn", "kravtext"),
    ("Personuppgifter", "personuppgifter", "personuppgifter"),
    ("Konfidentialitet", "konfidentialitet", "niva"),
    ("Riktighet", "riktighet", "niva"),
    ("Tillgänglighet", "tillganglighet", "niva"),
    ("Nästa översyn", "nasta_oversyn", "datum"),
]
NIVAFALT = ("konfidentialitet", "riktighet", "tillganglighet")


def mall_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append([k[0] for k in IMPORTKOLUMNER])
    ws.append(
        [
            "BUN",
            "Skolplattformen",
            "Skolsystem AB",
            "Leverantörens moln",
            "Betyg",
            "Personuppgifter",
            2,
            4,
            2,
            f"{timezone.localdate().year + 1}-06-30",
        ]
    )
    info = wb.create_sheet("Anvisning")
    info.append(
        [
            "Personuppgifter: "
            + ", ".join(str(p.label) for p in Informationstillgang.Personuppgifter)
        ]
    )
    info.append(["Nivåer: " + ", ".join(str(n) for n in Klassningsniva.objects.all())])
    info.append(
        ["En rad per informationstillgång. Rader med samma system och organ blir ett system."]
    )
    info.append(["Ta bort exempelraden innan du importerar."])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class _Uppslag:
    def __init__(self, user):
        ids = selectors.andringsbara_organ_ids(user)
        qs = Organ.objects.all() if ids is None else Organ.objects.filter(pk__in=ids)
        self.organ = {}
        for o in qs:
            for namn in (o.namn, o.kortnamn, o.slug):
                if namn:
                    self.organ[namn.lower()] = o
        self.nivaer = {n.niva: n for n in Klassningsniva.objects.all()}
        self.personuppgifter = {}
        for p in Informationstillgang.Personuppgifter:
            self.personuppgifter[str(p.label).lower()] = p.value
            self.personuppgifter[p.value] = p.value


def _tolka(varde, typ, u: _Uppslag):
    if typ == "kravtext":
        return excelimport.tolka_text(varde, kravs=True, max_langd=200)
    if typ == "datum":
        return excelimport.tolka_datum(varde)
    text, _fel = excelimport.tolka_text(varde, max_langd=200)
    if typ == "text":
        return text, None
    if typ == "organ":
        organ = u.organ.get(text.lower()) if text else None
        if organ is None:
            return None, _("”%(v)s” är inget organ vars register du för") % {"v": text}
        return organ, None
    if typ == "personuppgifter":
        if not text:
            return Informationstillgang.Personuppgifter.INGA, None
        varde = u.personuppgifter.get(text.lower())
        return (
            (varde, None)
            if varde
            else (None, _("”%(v)s” är inget slag av personuppgifter") % {"v": text})
        )
    if typ == "niva":
        if not text:
            return None, None
        try:
            return u.nivaer[int(float(text))], None
        except (ValueError, KeyError):
            return None, _("”%(v)s” är ingen nivå på skalan") % {"v": text}
    raise ValueError(typ)


def _kontrollera(radnr, data):
    nivaer = [data.get(f) for f in NIVAFALT]
    if any(nivaer) and not all(nivaer):
        return [
            excelimport.Importfel(
                radnr, _("Konfidentialitet"), _("ange alla tre nivåerna eller ingen")
            )
        ]
    if all(nivaer) and not data.get("nasta_oversyn"):
        return [
            excelimport.Importfel(
                radnr, _("Nästa översyn"), _("en klassad tillgång behöver ett datum för översyn")
            )
        ]
    return []


def importera(*, user, fil) -> tuple[int, list[excelimport.Importfel]]:
    """Validate every row; import all of them, or none. Returns (imported assets, errors)."""
    uppslag = _Uppslag(user)
    tolkade, fel = excelimport.las_rader(
        fil,
        IMPORTKOLUMNER,
        lambda cell, typ: _tolka(cell, typ, uppslag),
        obligatoriska={"kravtext", "organ"},
        tom=_("filen innehåller inga informationstillgångar"),
        forsta_kolumn=_("Organ"),
        kontrollera_rad=_kontrollera,
    )
    if fel:
        return 0, fel
    system: dict[tuple[int, str], System] = {}

    def skapa(data):
        organ = data["organ"]
        tillgang = services.tillgang_save(
            user=user,
            namn=data["namn"],
            organ=organ,
            personuppgifter=data["personuppgifter"],
            personuppgiftsansvarig=organ if data["personuppgifter"] != "inga" else None,
        )
        if data.get("konfidentialitet"):
            tillgang.konfidentialitet = data["konfidentialitet"]
            tillgang.riktighet = data["riktighet"]
            tillgang.tillganglighet = data["tillganglighet"]
            tillgang.klassad_av = user
            tillgang.klassad_datum = timezone.localdate()
            tillgang.nasta_oversyn = data["nasta_oversyn"]
            tillgang.full_clean()
            tillgang.save()
        if data.get("system"):
            nyckel = (organ.pk, data["system"].lower())
            if nyckel not in system:
                system[nyckel] = services.system_save(
                    user=user,
                    namn=data["system"],
                    organ=organ,
                    leverantor=data.get("leverantor", ""),
                    drift=data.get("drift", ""),
                )
            system[nyckel].tillgangar.add(tillgang)

    fel = excelimport.spara_alla(tolkade, skapa, IMPORTKOLUMNER)
    return (0, fel) if fel else (len(tolkade), [])
