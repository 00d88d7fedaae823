"""This app's part of the start page: the user's own reports, and for those who handle
incidents what waits for them and which reporting clocks have run out."""

import datetime

from django.core.cache import cache
from django.db.models import Count, Q, Window
from django.utils import timezone

from lib import versioner

from .models import Incident, Rapporteringsplikt
from .queries import LISTVERSION, LISTVERSION_SEKUNDER
from .selectors import (
    far_se_listan,
    incidents_to_handle,
    incidents_visible_to,
    ser_alla_normala,
    skyddade_visible_to,
)

SENASTE = 3

FORSENADE = "incidenter:start:forsenade"
FORSENADE_SEKUNDER = 60


def context(user) -> dict:
    if not user.is_authenticated:
        return {}
    # The latest few and how many in all in one query: the total is a window count over
    # every match, taken before the LIMIT. Only what a line shows is read.
    mina = list(
        incidents_visible_to(user)
        .filter(rapportor=user)
        .only("referens", "rubrik", "status", "rapporterad")
        .annotate(antal_totalt=Window(Count("pk")))
        .order_by("-rapporterad", "-pk")[:SENASTE]
    )
    ctx = {
        "mina_antal": mina[0].antal_totalt if mina else 0,
        "mina_senaste": mina,
    }
    if user.has_perm("incidenter.handle_incident") or user.ledda_enhet_ids:
        forsenade = _med_forsenad_klocka()
        if user.has_perm("incidenter.handle_incident") and ser_alla_normala(user):
            # Säkerhetsavdelningen handles every open incident it sees. The normal ones are
            # the same for all of them: counted once until an incident or unit is saved or
            # deleted (queries.LISTVERSION, at most LISTVERSION_SEKUNDER for writes that
            # bypass save()) or the set of overdue clocks changes; the skyddade each person
            # sees are counted live.
            normala = versioner.versionerad(
                LISTVERSION,
                ("start", sorted(forsenade)),
                lambda: _att_hantera(
                    Incident.objects.filter(
                        konfidentialitet=Incident.Konfidentialitet.NORMAL,
                        status__in=Incident.OPPNA,
                    ),
                    forsenade,
                ),
                LISTVERSION_SEKUNDER,
            )
            skyddade = _att_hantera(
                skyddade_visible_to(user).filter(status__in=Incident.OPPNA), forsenade
            )
            siffror = {k: normala[k] + skyddade[k] for k in normala}
        else:
            siffror = _att_hantera(incidents_to_handle(user), forsenade)
        ctx.update(siffror, hanterar=True, lista=far_se_listan(user))
    return ctx


def _att_hantera(qs, forsenade: set[int]) -> dict[str, int]:
    """What waits and what is overdue among `qs`, in one pass."""
    vantande = Q(status=Incident.Status.RAPPORTERAD)
    antal = {
        "vantande": Count("pk", filter=vantande),
        "vantande_prioriterade": Count("pk", filter=vantande & Q(personskada_eller_fara=True)),
    }
    rader = vantande
    if forsenade:
        antal["forsenade"] = Count("pk", filter=Q(pk__in=forsenade))
        rader |= Q(pk__in=forsenade)
    return {"forsenade": 0, **qs.filter(rader).aggregate(**antal)}


def _med_forsenad_klocka() -> set[int]:
    """The open incidents with a reporting clock that has run out, by the rule of
    Rapporteringsplikt.ar_forsenad (the same as the list's filter, queries.forsenad_klocka).

    The same for everyone (each person's count then goes through their own access rule),
    so it is kept for FORSENADE_SEKUNDER, and never past the moment the next running clock
    runs out: a clock runs out on time on the start page, while a duty just reported (or
    one that arises already overdue) may show there up to a minute late."""
    nu = timezone.now()
    sparat = cache.get(FORSENADE)
    if sparat is not None and nu < sparat[1]:
        return sparat[0]
    forsenade, nasta = _forsenade_och_nasta(nu)
    giltig_till = nu + datetime.timedelta(seconds=FORSENADE_SEKUNDER)
    if nasta is not None:
        giltig_till = min(giltig_till, nasta)
    cache.set(FORSENADE, (forsenade, giltig_till), FORSENADE_SEKUNDER)
    return forsenade


def _forsenade_och_nasta(nu) -> tuple[set[int], datetime.datetime | None]:
    """The open incidents whose clock has run out, and when the next running clock runs
    out, by the clocks' rule (RapporteringspliktQuerySet.klockor: the few running clocks).
    The rule as SQL in a count cost more to build and plan than to run (~4 ms)."""
    oppna = Rapporteringsplikt.objects.filter(incident__status__in=Incident.OPPNA)
    forsenade, nasta = set(), None
    for klocka in oppna.klockor(nu):
        if klocka.forsenad:
            forsenade.add(klocka.plikt.incident_id)
        elif klocka.deadline is not None:
            nasta = klocka.deadline if nasta is None else min(nasta, klocka.deadline)
    return forsenade, nasta
