"""This app's part of the start page: the user's own reports, and for those who handle
incidents what waits for them and which reporting clocks have run out."""

from django.db.models import Count, Q, Window

from .filters import har_forsenad_klocka
from .lista import far_se_listan
from .models import Incident
from .selectors import incidents_to_handle, incidents_visible_to

SENASTE = 3


def context(user) -> dict:
    if not user.is_authenticated:
        return {}
    # The latest few and how many in all in one query: the total is a window count over
    # every match, taken before the LIMIT.
    mina = list(
        incidents_visible_to(user)
        .filter(rapportor=user)
        .annotate(antal_totalt=Window(Count("pk")))
        .order_by("-rapporterad", "-pk")[:SENASTE]
    )
    ctx = {
        "mina_antal": mina[0].antal_totalt if mina else 0,
        "mina_senaste": mina,
    }
    if user.has_perm("incidenter.handle_incident") or user.ledda_enhet_ids:
        att_hantera = incidents_to_handle(user)
        # Both figures of the waiting incidents in one pass. The overdue clocks stay a
        # query of their own: as a FILTER their EXISTS would run once per open incident,
        # where alone PostgreSQL starts from the few duties instead.
        vantande = att_hantera.filter(status=Incident.Status.RAPPORTERAD).aggregate(
            alla=Count("pk"), prioriterade=Count("pk", filter=Q(personskada_eller_fara=True))
        )
        ctx.update(
            hanterar=True,
            vantande=vantande["alla"],
            vantande_prioriterade=vantande["prioriterade"],
            forsenade=att_hantera.filter(har_forsenad_klocka()).count(),
            lista=far_se_listan(user),
        )
    return ctx
