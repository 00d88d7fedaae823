"""This app's part of "Vårt ansvar": the body's concrete duties per area with their live
status and evidence, and its self-assessment of the year."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lib import versioner

from . import selectors, status


def organ_panel(user, organ) -> dict | None:
    rader = status.rader_cachade([organ])[organ.pk]
    egen = selectors.egenbedomningar_visible_to(user).filter(organ=organ).first()
    if not rader and egen is None:
        return None
    kan_kvittera = selectors.kan_kvittera(user, organ)
    return {
        "organ": organ,
        "summa": status.sammanfattning(rader),
        "egenbedomning": egen,
        "tabeller": _tabeller(organ, rader, kan_kvittera),
    }


def _tabeller(organ, rader, kan_kvittera: bool) -> str:
    """The duty tables, drawn once per body, day, language and whether the reader may sign
    off, and kept until a duty or its evidence changes (status.VERSION): the same for
    everyone who may open the body's page, and the largest part of it."""

    def rita() -> str:
        omraden = []
        for r in rader:
            namn = r.skyldighet.omrade.namn if r.skyldighet.omrade else ""
            if not omraden or omraden[-1][0] != namn:
                omraden.append((namn, []))
            omraden[-1][1].append(r)
        return render_to_string(
            "uppfoljning/_skyldighetstabeller.html",
            {"ctx": {"organ": organ, "omraden": omraden, "kan_kvittera": kan_kvittera}},
        )

    grund = ("uppfoljning:tabeller", organ.pk, kan_kvittera, timezone.localdate(), get_language())
    return mark_safe(versioner.versionerad(status.VERSION, grund, rita, status.CACHE_SEKUNDER))
