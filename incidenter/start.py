"""This app's part of the start page: the user's own reports, and for those who handle
incidents what waits for them and which reporting clocks have run out."""

from .filters import har_forsenad_klocka
from .lista import far_se_listan
from .models import Incident
from .selectors import incidents_to_handle, incidents_visible_to

SENASTE = 3


def context(user) -> dict:
    if not user.is_authenticated:
        return {}
    mina = incidents_visible_to(user).filter(rapportor=user)
    ctx = {
        "mina_antal": mina.count(),
        "mina_senaste": list(mina.order_by("-rapporterad", "-pk")[:SENASTE]),
    }
    if user.has_perm("incidenter.handle_incident") or user.ledda_enhet_ids:
        att_hantera = incidents_to_handle(user)
        vantande = att_hantera.filter(status=Incident.Status.RAPPORTERAD)
        ctx.update(
            hanterar=True,
            vantande=vantande.count(),
            vantande_prioriterade=vantande.filter(personskada_eller_fara=True).count(),
            forsenade=att_hantera.filter(har_forsenad_klocka()).count(),
            lista=far_se_listan(user),
        )
    return ctx
