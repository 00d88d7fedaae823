"""
A small factory for incidents in tests: `incident_factory(**fields)` fills in every required
field and hands out a unique reference number, so a test only names what it is about.

    from tests.incidenter.factories import incident_factory
    incident = incident_factory(rapportor=medarbetare, personskada_eller_fara=True)

The unit defaults to the reporter's unit; the area to the category's area.
`bilaga_factory(incident, user)` attaches a file (a one-pixel PNG unless told otherwise).
"""

import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidenter.models import Bilaga, Incident, Kategori
from policy.models import Enhet, User

_lopnummer = itertools.count(9001)

# A valid one-pixel PNG: the smallest picture the upload checks accept.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def kategori(namn: str) -> Kategori:
    return Kategori.objects.select_related("omrade").get(namn=namn)


def _default_rapportor() -> User:
    user, _ = User.objects.get_or_create(
        username="factory-rapportor",
        defaults={"enhet": Enhet.objects.filter(typ=Enhet.Typ.ENHET).order_by("pk").first()},
    )
    return user


def incident_factory(**fields) -> Incident:
    now = timezone.now()
    if "kategori" not in fields:
        fields["kategori"] = kategori("Stöld")
    if fields["kategori"] is not None and "omrade" not in fields:
        fields["omrade"] = fields["kategori"].omrade
    rapportor = fields.setdefault("rapportor", _default_rapportor())
    if "enhet" not in fields:
        fields["enhet"] = rapportor.enhet or Enhet.objects.order_by("pk").first()
    fields.setdefault("rapporterad", now)
    fields.setdefault("intraffade", fields["rapporterad"] - timedelta(hours=2))
    fields.setdefault("upptackt", fields["rapporterad"] - timedelta(hours=1))
    ar = fields.setdefault("ar", fields["rapporterad"].year)
    if "lopnummer" not in fields:
        # Skip numbers a test (or another factory call) already took.
        while True:
            n = next(_lopnummer)
            if not Incident.objects.filter(ar=ar, lopnummer=n).exists():
                break
        fields["lopnummer"] = n
    fields.setdefault("referens", f"INC-{ar}-{fields['lopnummer']:04d}")
    fields.setdefault("rubrik", f"Incident {fields['referens']}")
    return Incident.objects.create(**fields)


def skyddad_incident(**fields) -> Incident:
    fields.setdefault("konfidentialitet", Incident.Konfidentialitet.SKYDDAD)
    fields.setdefault("rubrik", "Hot mot namngiven handläggare")
    return incident_factory(**fields)


def grant(user, incident) -> None:
    """Open one skyddad incident to a named person, as the säkerhetschef does."""
    from guardian.shortcuts import assign_perm

    assign_perm("incidenter.view_incident", user, incident)


def bilaga_factory(
    incident, user, *, filnamn="foto.png", innehall=PNG, innehallstyp="image/png"
) -> Bilaga:
    return Bilaga.objects.create(
        incident=incident,
        fil=SimpleUploadedFile(filnamn, innehall),
        filnamn=filnamn,
        innehallstyp=innehallstyp,
        storlek=len(innehall),
        uppladdad_av=user,
    )
