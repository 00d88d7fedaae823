"""This app's part of an area page and of "Vårt ansvar": the area's recent incidents and a
body's incidents this year. Everything starts from incidents_visible_to(user), and only
those allowed to see incident statistics get a panel at all."""

import datetime

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lib import versioner
from policy.models import Enhet

from .models import Incident
from .queries import LISTVERSION, LISTVERSION_SEKUNDER, _dagens_borjan, period
from .selectors import (
    far_se_listan,
    incidents_visible_to,
    ser_alla_normala_i,
    skyddade_visible_to,
)

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


# The open list's order (the incident list's default: life and health first) and what a
# row of it shows; the long texts stay in the database.
ORDNING = ("-personskada_eller_fara", "-rapporterad", "-pk")
RADFALT = ("referens", "rubrik", "status", "rapporterad", "personskada_eller_fara", "enhet__namn")


def _per_status(qs, fran) -> list[dict]:
    """Per status, this year's incidents and all of them (all of an open status are the
    open ones), in one pass. Only open incidents and this year's can count, so the pass
    reads just those instead of every incident the body ever had (~4× fewer rows)."""
    i_ar = Q(rapporterad__gte=_dagens_borjan(fran))
    return list(
        qs.filter(Q(status__in=Incident.OPPNA) | i_ar)
        .values("status")
        .annotate(i_ar=Count("pk", filter=i_ar), alla=Count("pk"))
        .order_by()
    )


def _enheter(organ) -> list[int]:
    # The body's units as a list of ids rather than a join: the planner can then read each
    # unit's incidents from its index instead of hashing the whole municipality's.
    return list(Enhet.objects.filter(organ=organ).values_list("pk", flat=True))


def _panel(organ, fran, rader, qs, lista) -> dict | None:
    """The panel from its figures per status (rows of _per_status, of one pass or several)
    and the incidents its open list is read from; None when there is nothing to show."""
    antal, antal_oppna = {}, 0
    for rad in rader:
        if rad["i_ar"]:
            antal[rad["status"]] = antal.get(rad["status"], 0) + rad["i_ar"]
        if rad["status"] in Incident.OPPNA:
            antal_oppna += rad["alla"]
    if not antal and not antal_oppna:
        return None
    return {
        "organ": organ,
        "fran": fran,
        # The labels as text: a lazy translation kept in the cache costs ~0.2 ms each to
        # unpickle.
        "per_status": [
            {"status": s, "namn": str(namn), "antal": antal[s]}
            for s, namn in Incident.Status.choices
            if antal.get(s)
        ],
        "antal_i_ar": sum(antal.values()),
        "oppna": list(
            qs.filter(status__in=Incident.OPPNA)
            .select_related("enhet")
            .only(*RADFALT)
            .order_by(*ORDNING)[:ANTAL]
        )
        if antal_oppna
        else [],
        "antal_oppna": antal_oppna,
        "lista": lista,
    }


def _normala(organ, fran, lista) -> dict:
    """The panel as everyone sees it who sees all the body's normal incidents and none of
    its skyddade: the body's units, their normal incidents' figures, the panel, and the
    panel drawn in the active language."""
    enheter = _enheter(organ)
    normala = Incident.objects.filter(
        enhet__in=enheter, konfidentialitet=Incident.Konfidentialitet.NORMAL
    )
    rader = _per_status(normala, fran)
    ctx = _panel(organ, fran, rader, normala, lista)
    html = ctx and str(render_to_string("incidenter/_organ_panel.html", {"ctx": ctx}))
    return {"enheter": enheter, "rader": rader, "ctx": ctx, "html": html}


def organ_panel(user, organ) -> dict | None:
    """The body's incidents this year by status, and its open incidents (prioritised
    first); None when the user sees none."""
    if not _far_se(user):
        return None
    fran = _arets_borjan()
    lista = far_se_listan(user)
    if not ser_alla_normala_i(user, organ):
        qs = incidents_visible_to(user).filter(enhet__in=_enheter(organ))
        return _panel(organ, fran, _per_status(qs, fran), qs, lista)
    # Everyone who sees all the body's normal incidents shares them: the body's units, the
    # figures and the panel drawn from them are kept until an incident or a unit is saved
    # or deleted (incidenter.apps; queries.LISTVERSION). What only this user sees
    # (skyddade: own, granted or by role) is counted live, and when there are any the
    # panel is made anew with them.
    delat = versioner.versionerad(
        LISTVERSION,
        ("organpanel", organ.pk, fran, lista, get_language()),
        lambda: _normala(organ, fran, lista),
        LISTVERSION_SEKUNDER,
    )
    skyddade = _per_status(skyddade_visible_to(user).filter(enhet__in=delat["enheter"]), fran)
    if skyddade:
        qs = incidents_visible_to(user).filter(enhet__in=delat["enheter"])
        return _panel(organ, fran, [*delat["rader"], *skyddade], qs, lista)
    if delat["ctx"] is None:
        return None
    return {**delat["ctx"], "organ": organ, "html": mark_safe(delat["html"])}
