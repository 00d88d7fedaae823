"""This app's part of an area page and of "Vårt ansvar": the area's recent incidents and a
body's incidents this year. Everything starts from incidents_visible_to(user), and only
those allowed to see incident statistics get a panel at all."""

import datetime

from django.db.models import Count
from django.utils import timezone

from .filters import period
from .lista import far_se_listan
from .models import Incident
from .selectors import incidents_visible_to

ANTAL = 10


def _far_se(user) -> bool:
    return user.is_authenticated and user.has_perm("incidenter.view_incident_statistics")


def _arets_borjan() -> datetime.date:
    return timezone.localdate().replace(month=1, day=1)


def omrade_panel(user, omrade) -> dict | None:
    """The area's latest incidents the user may see, or None when there are none to show."""
    if not _far_se(user):
        return None
    qs = incidents_visible_to(user).filter(omrade=omrade)
    antal = qs.count()
    if not antal:
        return None
    fran = _arets_borjan()
    return {
        "omrade": omrade,
        "antal": antal,
        "antal_i_ar": period(qs, fran, None).count(),
        "fran": fran,
        "incidenter": list(
            qs.select_related("enhet__organ", "kategori").order_by("-rapporterad", "-pk")[:ANTAL]
        ),
        "lista": far_se_listan(user),
    }


def organ_panel(user, organ) -> dict | None:
    """The body's incidents this year by status, and its open incidents (prioritised
    first); None when the user sees none."""
    if not _far_se(user):
        return None
    qs = incidents_visible_to(user).filter(enhet__organ=organ)
    fran = _arets_borjan()
    antal = {
        r["status"]: r["n"]
        for r in period(qs, fran, None).order_by().values("status").annotate(n=Count("pk"))
    }
    oppna = qs.filter(status__in=Incident.OPPNA)
    antal_oppna = oppna.count()
    if not antal and not antal_oppna:
        return None
    return {
        "organ": organ,
        "fran": fran,
        "per_status": [
            {"status": s, "namn": namn, "antal": antal[s]}
            for s, namn in Incident.Status.choices
            if antal.get(s)
        ],
        "antal_i_ar": sum(antal.values()),
        "oppna": list(
            oppna.select_related("enhet", "kategori").order_by(
                "-personskada_eller_fara", "-rapporterad", "-pk"
            )[:ANTAL]
        ),
        "antal_oppna": antal_oppna,
        "lista": far_se_listan(user),
    }
