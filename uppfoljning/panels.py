"""This app's part of "Vårt ansvar": the body's concrete duties per area with their live
status and evidence, and its self-assessment of the year."""

from . import selectors, status


def organ_panel(user, organ) -> dict | None:
    rader = status.rader_cachade([organ])[organ.pk]
    egen = selectors.egenbedomningar_visible_to(user).filter(organ=organ).first()
    if not rader and egen is None:
        return None
    omraden = []
    for r in rader:
        namn = r.skyldighet.omrade.namn if r.skyldighet.omrade else ""
        if not omraden or omraden[-1][0] != namn:
            omraden.append((namn, []))
        omraden[-1][1].append(r)
    return {
        "organ": organ,
        "omraden": omraden,
        "summa": status.sammanfattning(rader),
        "egenbedomning": egen,
        "kan_kvittera": selectors.kan_kvittera(user, organ),
    }
