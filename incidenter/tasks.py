"""Thin Celery tasks: they take ids and call the services."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

log = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def incident_notify(incident_id: int) -> None:
    from .models import Incident
    from .services import incident_notify_reported

    incident = Incident.objects.select_related("enhet", "rapportor").filter(pk=incident_id).first()
    if incident is not None and incident.notifierad is None:
        incident_notify_reported(incident)


def send_incident_notify(incident_id: int) -> None:
    """Queue the notification; a broker that is down must not fail the report (it is
    already saved), so the error is logged and `incident_notify_pending` catches up."""
    try:
        incident_notify.delay(incident_id)
    except Exception:
        log.exception(
            "Kunde inte köa avisering för incident %s; svepet tar den senare.", incident_id
        )


@shared_task
def incident_notify_pending() -> int:
    """The periodic sweep's part: incidents whose notification never went out."""
    from .models import Incident
    from .services import incident_notify_reported

    vantande = Incident.objects.filter(
        notifierad__isnull=True, rapporterad__lt=timezone.now() - timedelta(minutes=2)
    ).select_related("enhet", "rapportor")
    antal = 0
    for incident in vantande[:500]:
        incident_notify_reported(incident)
        antal += 1
    return antal


@shared_task(acks_late=True)
def incidents_purge_personal_data() -> int:
    """Nightly (paminnelser/schedule.py): gallring of personal data in
    incidents past their category's retention period; and the temporary attachment files of
    requests whose process was killed before they committed."""
    from django.conf import settings

    from lib.uploads import rensa_tillfalliga

    from .gallring import incidents_purge_personal_data as purge

    rensa_tillfalliga(f"{settings.MEDIA_ROOT}/bilagor")
    return purge()
