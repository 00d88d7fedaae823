"""
A small factory for incidents in tests: `incident_factory(**fields)` fills in every required
field and hands out a unique reference number, so a test only names what it is about.

    from tests.incidenter.factories import incident_factory
    incident = incident_factory(rapportor=medarbetare, personskada_eller_fara=True)

The unit defaults to the reporter's unit; the area to the category's area.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from incidenter.models import Incident, Kategori
from policy.models import Enhet, User

_lopnummer = itertools.count(9001)


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
