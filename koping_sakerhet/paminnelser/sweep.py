"""
The periodic sweep: find what is due, create its reminders (once, by key), and send every
e-mail that has not gone out (after a broker or mail-server outage, too).
"""

import logging
from datetime import time

from django.utils import timezone

logger = logging.getLogger(__name__)


def _enqueue_or_send(notis_id: int) -> None:
    from .services import notis_epost_skicka
    from .tasks import notis_skicka_epost

    try:
        notis_skicka_epost.delay(notis_id)
    except Exception:  # noqa: BLE001 - no broker: send here, in this process
        try:
            notis_epost_skicka(notis_id=notis_id)
        except Exception as error:  # noqa: BLE001
            logger.warning("E-post för notis %s misslyckades: %s", notis_id, error)


def skicka_vantande() -> int:
    from .services import notiser_att_skicka

    ids = list(notiser_att_skicka().values_list("id", flat=True)[:500])
    for notis_id in ids:
        _enqueue_or_send(notis_id)
    return len(ids)


def sammanstallningar_i_efterhand() -> int:
    """Digests that the 07:00 task should have sent today and did not (beat or the broker
    was down): after 07:30, send them now. At most one digest per user and day still."""
    from .models import Sammanstallning
    from .services import mottagare_med_sammanstallning
    from .tasks import sammanstallning_skicka

    nu = timezone.localtime()
    if nu.time() < time(7, 30):
        return 0
    klockan_sju = nu.replace(hour=7, minute=0, second=0, microsecond=0)
    redan = Sammanstallning.objects.filter(datum=nu.date(), skickad__isnull=False).values(
        "mottagare_id"
    )
    ids = list(
        mottagare_med_sammanstallning(skapade_fore=klockan_sju).exclude(mottagare_id__in=redan)
    )
    for mottagare_id in ids:
        try:
            sammanstallning_skicka.delay(mottagare_id)
        except Exception:  # noqa: BLE001 - no broker: the next sweep tries again
            logger.warning("Kunde inte köa sammanställning till %s", mottagare_id)
    return len(ids)


def _incident_notify_pending():
    from incidenter.tasks import incident_notify_pending

    return incident_notify_pending()


def _arsrapport_pending():
    """Annual reports ordered while the broker was down, or whose worker died."""
    from koping_sakerhet.rapporter.tasks import arsrapport_pending

    return arsrapport_pending()


def run_reminders() -> int:
    """Create every reminder that is due now. Returns how many notices were created."""
    from . import reminders

    return reminders.create_all()


def run_sweep() -> dict:
    result = {}
    for name, step in (
        ("incidenter", _incident_notify_pending),
        ("paminnelser", run_reminders),
        ("skickade", skicka_vantande),
        ("sammanstallningar", sammanstallningar_i_efterhand),
        ("arsrapporter", _arsrapport_pending),
    ):
        try:
            result[name] = step()
        except Exception:  # one failing step must not stop the others
            logger.exception("Svepet: steget %s misslyckades", name)
            result[name] = "fel"
    return result


def run_arshjul() -> int:
    from . import reminders

    return reminders.create_arshjul()
