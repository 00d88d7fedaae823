"""Risk analyses and risks for any test, built through the services as a nämnd builds them."""

import datetime

from policy.models import Omrade, Organ
from risker import services
from risker.models import Riskanalys


def standardomrade() -> Omrade:
    return Omrade.objects.get_or_create(
        nummer=4,
        defaults={
            "namn": "Systematiskt brandskyddsarbete",
            "slug": "systematiskt-brandskyddsarbete",
        },
    )[0]


def bedomning(s=2, lh=1, v=1, m=1, e=1, f=1, **extra) -> dict:
    """A risk's assessment: probability and the five consequences (1–4)."""
    return {
        "sannolikhet": s,
        "kons_liv_halsa": lh,
        "kons_verksamhet": v,
        "kons_miljo": m,
        "kons_ekonomi": e,
        "kons_fortroende": f,
        **extra,
    }


def riskanalys_factory(
    user,
    *,
    organ: str | Organ | None = None,
    titel: str = "Riskanalys 2026",
    omrade: Omrade | None = None,
    risker=(),
    status: str | None = None,
    period=(datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)),
) -> Riskanalys:
    """A draft analysis of `organ` (a body or its slug; the user's own by default) with one
    risk per assessment in `risker` (see bedomning; a "titel" in it names the risk).
    `status` is set directly, past the workflow, for tests that only need an analysis in
    that state."""
    if isinstance(organ, str):
        organ = Organ.objects.get(slug=organ)
    omrade = omrade or standardomrade()
    analys = services.riskanalys_create(
        user=user,
        organ=organ or user.enhet.organ,
        titel=titel,
        period_fran=period[0],
        period_till=period[1],
        omraden=[omrade],
    )
    for i, b in enumerate(risker):
        services.risk_create(
            user=user, riskanalys=analys, omrade=omrade, **{"titel": f"Risk {i + 1}", **b}
        )
    if status:
        Riskanalys.objects.filter(pk=analys.pk).update(status=status)
        analys.refresh_from_db()
    return analys


def godkann(analys: Riskanalys, granskare, namndforetradare) -> Riskanalys:
    """Approve a submitted analysis as the review does it: Säkerhetsavdelningen (granskare)
    starts the review, and the body's nämndföreträdare has accepted the residual risk of
    every Hög and Mycket hög risk that has no åtgärd, as approval requires."""
    for risk in analys.obehandlade_hoga_risker():
        services.risk_accept(user=namndforetradare, risk=risk, motivering="Godtagbar restrisk.")
    if analys.status == Riskanalys.Status.INLAMNAD:
        services.riskanalys_start_review(user=granskare, riskanalys=analys)
    return services.riskanalys_approve(user=granskare, riskanalys=analys)
