"""
Celery tasks of the reminders: thin, they take ids and call the services.

Mail-server errors are retried with exponential backoff; the delivery record in the
services makes a retried or repeated task harmless. In-process (no REDIS_URL, eager mode)
a mail-server failure is not retried on the spot: the periodic sweep sends it later.

Database errors are retried too (bounded, with a shorter backoff), not left for the sweep.
When the e-mail had already gone (`SkickadEjRegistrerad`), the retry carries its
Message-ID and only records it: the e-mail does not go twice.
"""

import logging
import smtplib

from celery import shared_task
from django.db import DatabaseError

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def _databasfel(task, error: Exception, **kwargs):
    """Retry after a database error, soon and a bounded number of times; `kwargs` replace
    the task's own (the Message-ID of an e-mail that went)."""
    logger.warning("E-postuppgiften %s möttes av ett databasfel: %s", task.name, error)
    return task.retry(exc=error, countdown=_db_backoff(task.request.retries), **kwargs)


@shared_task(bind=True, acks_late=True, max_retries=6)
def notis_skicka_epost(self, notis_id: int, skickat_som: str = "") -> bool:
    from .services import SkickadEjRegistrerad, notis_epost_send

    try:
        return notis_epost_send(notis_id=notis_id, skickat_som=skickat_som)
    except SkickadEjRegistrerad as sent:
        raise _databasfel(
            self, sent, args=(), kwargs={"notis_id": notis_id, "skickat_som": sent.meddelande_id}
        ) from sent
    except DatabaseError as error:
        raise _databasfel(
            self, error, args=(), kwargs={"notis_id": notis_id, "skickat_som": skickat_som}
        ) from error
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            logger.warning("E-post för notis %s misslyckades: %s", notis_id, error)
            return False
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@shared_task(bind=True, acks_late=True, max_retries=6)
def sammanstallning_send(
    self, mottagare_id: int, datum: str | None = None, skickat_som: str = ""
) -> bool:
    from datetime import date

    from django.utils import timezone

    from .services import SkickadEjRegistrerad
    from .services import sammanstallning_send as skicka

    # The day is fixed at the first attempt, so a retry after midnight records that day's.
    dag = date.fromisoformat(datum) if datum else timezone.localdate()
    try:
        return skicka(mottagare_id=mottagare_id, datum=dag, skickat_som=skickat_som)
    except SkickadEjRegistrerad as sent:
        raise _databasfel(
            self,
            sent,
            args=(),
            kwargs={
                "mottagare_id": mottagare_id,
                "datum": dag.isoformat(),
                "skickat_som": sent.meddelande_id,
            },
        ) from sent
    except DatabaseError as error:
        raise _databasfel(
            self,
            error,
            args=(),
            kwargs={
                "mottagare_id": mottagare_id,
                "datum": dag.isoformat(),
                "skickat_som": skickat_som,
            },
        ) from error
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
        sammanstallning_send.delay(mottagare_id)
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


# The parts of the nightly gallring: `gallras("namn")(fn)` in the app's AppConfig.ready()
# (incidenter: personal data in old incidents; verksamhet: the named participants of old
# trainings). The apps depend on this module, never the other way round.
GALLRING: dict[str, object] = {}


def gallras(namn: str):
    def registrera(fn):
        GALLRING[namn] = fn
        return fn

    return registrera


@shared_task(acks_late=True)
def gallring() -> None:
    """Nightly: every app's gallring (GALLRING)."""
    for fn in GALLRING.values():
        fn()


def _db_backoff(retries: int) -> int:
    # 5 s, 10 s, 20 s, 40 s, 80 s, 160 s: a database that restarts is back within these.
    return min(5 * 2**retries, 5 * 60)


def _backoff(retries: int) -> int:
    # 30 s, 60 s, 2 min, 4 min, 8 min, 16 min (PAMINNELSE_EPOST_BACKOFF is the first step).
    from django.conf import settings

    first = getattr(settings, "PAMINNELSE_EPOST_BACKOFF", 30)
    return min(first * 2**retries, 30 * 60)
