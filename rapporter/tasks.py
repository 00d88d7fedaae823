"""
Celery tasks of the reports: thin, they take ids and call the services.

`arsrapport_pending()` is for the periodic sweep: it sends again what a down broker or a
dead worker left behind. A worker is dead when its heartbeat stops
(`services.arsrapport_aterstall_doda`), never merely because the order is old: a live worker
may take long over a large report.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# A row still "beställd" this long after the order was never sent (broker down).
BESTALLD_EFTER = timedelta(minutes=2)


@shared_task(acks_late=True)
def arsrapport_build(rapport_id: int) -> bool:
    from .services import arsrapport_build as skapa

    return skapa(rapport_id=rapport_id) is not None


@shared_task
def arsrapport_pending() -> int:
    """Send again every annual report that is waiting: ordered but never sent, failed
    fewer than Arsrapport.MAX_FORSOK times, or claimed by a worker whose heartbeat stopped.
    Returns the number sent."""
    from .models import Arsrapport
    from .services import arsrapporter_reset_stale

    nu = timezone.now()
    arsrapporter_reset_stale(nu=nu)
    ids = list(
        Arsrapport.objects.filter(
            Q(status=Arsrapport.Status.BESTALLD, skapad__lt=nu - BESTALLD_EFTER)
            | Q(status=Arsrapport.Status.MISSLYCKAD, forsok__lt=Arsrapport.MAX_FORSOK)
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            arsrapport_build.delay(pk)
        except Exception:  # noqa: BLE001 - the next sweep tries again
            logger.warning("Kunde inte köa årsrapport %s", pk)
    return len(ids)
