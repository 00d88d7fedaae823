"""
Celery tasks of the reminders: thin, they take ids and call the services.

Mail-server errors are retried with exponential backoff; the delivery record in the
services makes a retried or repeated task harmless. In-process (no REDIS_URL, eager mode)
a failure is not retried on the spot: the periodic sweep sends it later.
"""

import logging
import smtplib

from celery import shared_task

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(bind=True, acks_late=True, max_retries=6)
def notis_skicka_epost(self, notis_id: int) -> bool:
    from .services import notis_epost_skicka

    try:
        return notis_epost_skicka(notis_id=notis_id)
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            logger.warning("E-post för notis %s misslyckades: %s", notis_id, error)
            return False
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@shared_task(bind=True, acks_late=True, max_retries=6)
def sammanstallning_skicka(self, mottagare_id: int, datum: str | None = None) -> bool:
    from datetime import date

    from .services import sammanstallning_skicka as skicka

    try:
        return skicka(mottagare_id=mottagare_id, datum=date.fromisoformat(datum) if datum else None)
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            logger.warning("Sammanställning till %s misslyckades: %s", mottagare_id, error)
            return False
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@shared_task(acks_late=True)
def sammanstallningar_skicka() -> int:
    """Daily (07:00 Europe/Stockholm): one digest to each user who chose it."""
    from .services import mottagare_med_sammanstallning

    ids = list(mottagare_med_sammanstallning())
    for mottagare_id in ids:
        sammanstallning_skicka.delay(mottagare_id)
    return len(ids)


@shared_task(acks_late=True)
def svep() -> dict:
    """Every 15 minutes: create the reminders that are due and send what is not sent."""
    from .sweep import run_sweep

    return run_sweep()


@shared_task(acks_late=True)
def arshjul_svep() -> int:
    """Daily: the reminders of årshjulet."""
    from .sweep import run_arshjul

    return run_arshjul()


@shared_task(acks_late=True)
def gallring() -> None:
    """Nightly: removal of personal data in old incidents, when incidenter provides it, and
    of the named participants of old trainings (verksamhet.gallring)."""
    from policy.paneler import import_if_present

    verksamhet = import_if_present("verksamhet.gallring")
    if verksamhet is not None:
        verksamhet.deltagare_gallra()
    try:
        from incidenter import tasks as incident_tasks
    except ImportError:
        return
    purge = getattr(incident_tasks, "incidents_purge_personal_data", None)
    if purge is not None:
        purge()


def _backoff(retries: int) -> int:
    # 30 s, 60 s, 2 min, 4 min, 8 min, 16 min (PAMINNELSE_EPOST_BACKOFF is the first step).
    from django.conf import settings

    first = getattr(settings, "PAMINNELSE_EPOST_BACKOFF", 30)
    return min(first * 2**retries, 30 * 60)
