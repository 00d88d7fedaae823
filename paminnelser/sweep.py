"""
The periodic sweep: find what is due, create its reminders (once, by key), and send every
e-mail that has not gone out (after a broker or mail-server outage, too).
"""

import logging
from datetime import time

from django.utils import timezone

logger = logging.getLogger(__name__)


def _enqueue_or_send(notis_id: int) -> None:
    from .services import notis_epost_send
    from .tasks import notis_skicka_epost

    try:
        notis_skicka_epost.delay(notis_id)
    except Exception:  # noqa: BLE001 - no broker: send here, in this process
        try:
            notis_epost_send(notis_id=notis_id)
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
    from .tasks import sammanstallning_send

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
            sammanstallning_send.delay(mottagare_id)
        except Exception:  # noqa: BLE001 - no broker: the next sweep tries again
            logger.warning("Kunde inte köa sammanställning till %s", mottagare_id)
    return len(ids)


def run_reminders() -> int:
    """Create every reminder that is due now. Returns how many notices were created."""
    from . import reminders

    return reminders.create_all()


# What other apps catch up on in the sweep: `steg("namn")(fn)` in the app's
# AppConfig.ready(), where fn() returns what the sweep reports under that name (incidents
# whose notification never went out, annual reports ordered while the broker was down). With
# `forst`, before the reminders are made and the waiting e-mails sent, so the notices it
# makes go out in the same sweep. The apps depend on this module, never the other way round.
STEG: dict[str, tuple] = {}


def steg(namn: str, *, forst: bool = False):
    def registrera(fn):
        STEG[namn] = (fn, forst)
        return fn

    return registrera


def run_sweep() -> dict:
    result = {}
    for name, step in (
        *((namn, fn) for namn, (fn, forst) in STEG.items() if forst),
        ("paminnelser", run_reminders),
        ("skickade", skicka_vantande),
        ("sammanstallningar", sammanstallningar_i_efterhand),
        *((namn, fn) for namn, (fn, forst) in STEG.items() if not forst),
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
