"""
Writes of the reports: order an annual follow-up, build it (in a Celery task, or in the
process when there is no Redis), and the one place where a PDF is made and stored.
"""

import hashlib
import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib import pdf

from . import arenden, arsrapport
from .models import Arsrapport
from .selectors import kan_bestalla_arsrapport

logger = logging.getLogger(__name__)

FORSTA_AR = 2000


def giltigt_ar(ar) -> int:
    try:
        ar = int(ar)
    except (TypeError, ValueError):
        raise ValidationError(_("Ange ett år med fyra siffror.")) from None
    if not FORSTA_AR <= ar <= timezone.localdate().year:
        raise ValidationError(
            _("Året måste vara mellan %(fran)s och %(till)s.")
            % {"fran": FORSTA_AR, "till": timezone.localdate().year}
        )
    return ar


def arsrapport_pdf(*, anvandare, ar: int) -> tuple[bytes, dict]:
    """The annual follow-up for `ar` as `anvandare` sees it: (PDF bytes, context)."""
    with translation.override("sv"):
        ctx = arsrapport.context(anvandare, ar)
        data = pdf.render_pdf("rapporter/arsrapport.html", ctx, titel=ctx["titel"])
    return data, ctx


def arsrapport_order(*, anvandare, ar) -> Arsrapport:
    """Order a new version of the annual follow-up. The PDF is built by a task sent when
    the transaction commits; a broker that is down leaves the row "beställd" for the
    periodic sweep (`tasks.arsrapport_pending`)."""
    if not kan_bestalla_arsrapport(anvandare):
        raise PermissionDenied(_("Du får inte skapa årsrapporter."))
    ar = giltigt_ar(ar)
    # A year KS has decided keeps the PDF it decided on.
    arenden.kontrollera_ej_last(ar)
    rapport = Arsrapport(ar=ar, skapad_av=anvandare)
    rapport.full_clean()
    rapport.save()
    transaction.on_commit(lambda: _skicka(rapport.pk))
    return rapport


def _skicka(pk: int) -> None:
    from .tasks import arsrapport_build

    try:
        arsrapport_build.delay(pk)
    except Exception:  # noqa: BLE001 - a broker that is down never fails the request
        logger.warning("Kunde inte köa årsrapport %s; svepet tar den senare", pk)


# How often a worker rendering a report says it is alive, and how long a silence means it
# died (the sweep, `tasks.arsrapport_pending`, then lets another worker try).
HJARTSLAG_SEKUNDER = 20
DOD_EFTER = timedelta(minutes=2)


@contextmanager
def _hjartslag(slag, sekunder: float):
    """Call `slag()` every `sekunder` in a thread while the block runs: the rendering holds
    its claim on the row for as long as the worker lives, and no longer."""
    stopp = threading.Event()

    def slå():
        try:
            while not stopp.wait(sekunder):
                try:
                    slag()
                except Exception:  # noqa: BLE001 - a missed beat is taken for a death later
                    logger.warning("Livstecknet för årsrapporten kunde inte skrivas", exc_info=True)
        finally:
            connections.close_all()

    trad = threading.Thread(target=slå, name="arsrapport-hjartslag", daemon=True)
    trad.start()
    try:
        yield
    finally:
        stopp.set()
        trad.join()


def arsrapport_build(*, rapport_id: int) -> Arsrapport | None:
    """Build one ordered report. The attempt is claimed and counted in one conditional
    UPDATE before rendering, so a repeated or concurrent task does nothing, and a worker
    that dies while rendering has still used an attempt. While rendering the worker writes
    a heartbeat (`livstecken`); the result is stored only if the claim is still this
    attempt's, so a worker taken for dead that wakes up again keeps no file and changes
    nothing. A failure is stored on the row as a message."""
    claimed = Arsrapport.objects.filter(
        pk=rapport_id,
        status__in=[Arsrapport.Status.BESTALLD, Arsrapport.Status.MISSLYCKAD],
        forsok__lt=Arsrapport.MAX_FORSOK,
    ).update(
        status=Arsrapport.Status.SKAPAS,
        felmeddelande="",
        forsok=F("forsok") + 1,
        livstecken=timezone.now(),
    )
    if not claimed:
        return None
    rapport = Arsrapport.objects.select_related("skapad_av").get(pk=rapport_id)
    egen = Arsrapport.objects.filter(
        pk=rapport_id, status=Arsrapport.Status.SKAPAS, forsok=rapport.forsok
    )
    try:
        with _hjartslag(lambda: egen.update(livstecken=timezone.now()), HJARTSLAG_SEKUNDER):
            data, ctx = arsrapport_pdf(anvandare=rapport.skapad_av, ar=rapport.ar)
    except Exception as exc:
        logger.exception("Årsrapport %s kunde inte skapas", rapport_id)
        egen.update(
            status=Arsrapport.Status.MISSLYCKAD,
            felmeddelande=_("PDF:en kunde inte skapas (%(fel)s).") % {"fel": type(exc).__name__},
            livstecken=None,
        )
        raise
    lagring = rapport.fil.storage
    namn = lagring.save(
        rapport.fil.field.generate_filename(rapport, rapport.filnamn), ContentFile(data)
    )
    try:
        with transaction.atomic():
            lagrad = egen.update(
                status=Arsrapport.Status.KLAR,
                fil=namn,
                sha256=hashlib.sha256(data).hexdigest(),
                storlek=len(data),
                med_skyddade=ctx["med_skyddade"],
                klar=timezone.now(),
                livstecken=None,
            )
    except BaseException:
        lagring.delete(namn)
        raise
    if not lagrad:
        # Taken for dead and given to another attempt meanwhile: that one's file counts.
        lagring.delete(namn)
        logger.warning(
            "Årsrapport %s: försök %s kom för sent, filen togs bort", rapport_id, rapport.forsok
        )
        return None
    rapport.refresh_from_db()
    _avisera(rapport)
    return rapport


def arsrapport_retry(*, anvandare, rapport: Arsrapport) -> None:
    """ "Försök igen" on a failed report: the attempts start over and the same order (a
    final report keeps its row, and with it its place in the ärende) is sent again when the
    transaction commits. A report that has not failed is not made again."""
    if not kan_bestalla_arsrapport(anvandare):
        raise PermissionDenied(_("Du får inte skapa årsrapporter."))
    igen = Arsrapport.objects.filter(pk=rapport.pk, status=Arsrapport.Status.MISSLYCKAD).update(
        status=Arsrapport.Status.BESTALLD, forsok=0, felmeddelande="", livstecken=None
    )
    if not igen:
        raise ValidationError(_("PDF:en har inte misslyckats; den behöver inte göras om."))
    pk = rapport.pk
    transaction.on_commit(lambda: _skicka(pk))


def arsrapporter_reset_stale(*, nu=None) -> int:
    """Rows "skapas" whose worker has been silent for DOD_EFTER: the worker died (its
    attempt is already counted). Another attempt is allowed while there are attempts left;
    otherwise the report is "misslyckad" and waits for "Försök igen". Returns the number."""
    nu = nu or timezone.now()
    doda = Arsrapport.objects.filter(
        Q(livstecken__lt=nu - DOD_EFTER) | Q(livstecken__isnull=True, skapad__lt=nu - DOD_EFTER),
        status=Arsrapport.Status.SKAPAS,
    )
    antal = doda.filter(forsok__lt=Arsrapport.MAX_FORSOK).update(
        status=Arsrapport.Status.BESTALLD, livstecken=None
    )
    antal += doda.update(
        status=Arsrapport.Status.MISSLYCKAD,
        livstecken=None,
        felmeddelande=_("Arbetet som skapade PDF:en avbröts."),
    )
    return antal


def _avisera(rapport: Arsrapport) -> None:
    """Tell the person who ordered it."""
    from paminnelser.services import notis_create

    try:
        notis_create(
            mottagare=rapport.skapad_av,
            typ="rapport",
            nyckel=f"arsrapport:{rapport.pk}",
            rubrik=_("Årlig uppföljning %(ar)s är klar som PDF") % {"ar": rapport.ar},
            lank=reverse("rapporter:status", args=[rapport.pk]),
        )
    except Exception:  # noqa: BLE001 - the report is ready even if the notice fails
        logger.exception("Kunde inte avisera om årsrapport %s", rapport.pk)
