"""
Writes of the reports: order an annual follow-up, build it (in a Celery task, or in the
process when there is no Redis), and the one place where a PDF is made and stored.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koping_sakerhet.lib import pdf

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


def arsrapport_bestall(*, anvandare, ar) -> Arsrapport:
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
    from .tasks import arsrapport_skapa

    try:
        arsrapport_skapa.delay(pk)
    except Exception:  # noqa: BLE001 - a broker that is down never fails the request
        logger.warning("Kunde inte köa årsrapport %s; svepet tar den senare", pk)


def arsrapport_skapa(*, rapport_id: int) -> Arsrapport | None:
    """Build one ordered report. Claims the row with a conditional UPDATE, so a repeated
    or concurrent task does nothing; a failure is stored on the row as a message."""
    claimed = Arsrapport.objects.filter(
        pk=rapport_id, status__in=[Arsrapport.Status.BESTALLD, Arsrapport.Status.MISSLYCKAD]
    ).update(status=Arsrapport.Status.SKAPAS, felmeddelande="")
    if not claimed:
        return None
    rapport = Arsrapport.objects.select_related("skapad_av").get(pk=rapport_id)
    rapport.forsok += 1
    try:
        data, ctx = arsrapport_pdf(anvandare=rapport.skapad_av, ar=rapport.ar)
    except Exception as exc:
        logger.exception("Årsrapport %s kunde inte skapas", rapport_id)
        rapport.status = Arsrapport.Status.MISSLYCKAD
        rapport.felmeddelande = _("PDF:en kunde inte skapas (%(fel)s).") % {
            "fel": type(exc).__name__
        }
        rapport.save(update_fields=["status", "felmeddelande", "forsok"])
        raise
    rapport.fil.save(rapport.filnamn, ContentFile(data), save=False)
    rapport.sha256 = hashlib.sha256(data).hexdigest()
    rapport.storlek = len(data)
    rapport.med_skyddade = ctx["med_skyddade"]
    rapport.status = Arsrapport.Status.KLAR
    rapport.klar = timezone.now()
    rapport.save()
    _avisera(rapport)
    return rapport


def _avisera(rapport: Arsrapport) -> None:
    """Tell the person who ordered it, through the reminders app when it is installed."""
    try:
        from koping_sakerhet.paminnelser.services import notis_create
    except ImportError:
        return
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


def arsrapport_forsok_igen(*, anvandare, rapport: Arsrapport) -> Arsrapport:
    """"Försök igen" on a failed PDF: the same order is sent again (a final report keeps
    its row, and with it its place in the ärende)."""
    if not kan_bestalla_arsrapport(anvandare):
        raise PermissionDenied(_("Du får inte skapa årsrapporter."))
    andrade = Arsrapport.objects.filter(
        pk=rapport.pk, status=Arsrapport.Status.MISSLYCKAD
    ).update(status=Arsrapport.Status.BESTALLD, felmeddelande="")
    if not andrade:
        raise ValidationError(_("PDF:en har inte misslyckats; den behöver inte göras om."))
    transaction.on_commit(lambda: _skicka(rapport.pk))
    rapport.refresh_from_db()
    return rapport
