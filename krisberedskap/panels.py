"""This app's part of the area page "Krisberedskap och civilt försvar" and of the start
page: the period's documents, the RSA's state and deadline, the year's activations and the
RSA's open åtgärder. Everything starts from the selectors."""

from django.db.models import Count, Q
from django.utils import timezone

from . import reports, selectors
from .models import Perioddokument

# The policy's first area. Areas are data; their numbers follow the adopted text.
OMRADE_NUMMER = 1


def oversikt(user) -> dict | None:
    """What KS and Säkerhetsavdelningen follow: None for those who do not read it."""
    if not selectors.kan_lasa(user):
        return None
    idag = timezone.localdate()
    period = selectors.aktuell_period(idag)
    ctx = {"period": period, "idag": idag}
    if period is not None:
        ctx["dokument"] = period.dokument.aggregate(
            antal=Count("pk"),
            faststallda=Count("pk", filter=Q(status=Perioddokument.Status.FASTSTALLD)),
            forsenade=Count(
                "pk",
                filter=Q(forfallodatum__lt=idag) & ~Q(status=Perioddokument.Status.FASTSTALLD),
            ),
        )
        rsa = selectors.rsa_visible_to(user).filter(period=period).select_related("period").first()
        ctx["rsa"] = rsa
        if rsa is not None:
            ctx["dagar_kvar"] = rsa.dagar_kvar(idag)
            ctx["oppna_atgarder"] = reports.rsa_oppna_atgarder(user, rsa).count()
    ctx["aktiveringar"] = list(
        selectors.aktiveringar_visible_to(user).filter(beslutad__year=idag.year)[:5]
    )
    return ctx


def omrade_panel(user, omrade) -> dict | None:
    if omrade.nummer != OMRADE_NUMMER:
        return None
    return oversikt(user)
