"""
Writes of the reminders: create a notice, deliver its e-mail exactly once, send the daily
digest, mark a notice read, change the delivery choice.

Exactly once: a notice is unique on (mottagare, nyckel), so a reminder is created once;
its e-mail is claimed with one conditional UPDATE before sending and recorded as sent
after, so a retried, repeated or concurrent task finds nothing to do. A claim older than
EPOST_CLAIM_TIMEOUT belongs to a worker that died and may be taken over.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from . import epost
from .models import Installning, Notis, Sammanstallning
from .texter import Text

logger = logging.getLogger(__name__)

EPOST_CLAIM_TIMEOUT = timedelta(minutes=10)


def leverans_for(user) -> str:
    installning = Installning.objects.filter(anvandare=user).only("leverans").first()
    return installning.leverans if installning else Installning.Leverans.ENSKILD


def notis_create(
    *,
    mottagare,
    typ: str,
    nyckel: str,
    rubrik: "str | Text",
    lank: str,
    text: "str | Text" = "",
    incident=None,
) -> Notis | None:
    """Create a notice for one person and arrange its e-mail. Returns None (and delivers
    nothing) when that person already has a notice with this key.

    `rubrik` and `text` given as `texter.Text` are shown in the reader's language. A notice
    about an incident names it with `incident` and never with its words: the title is
    shown when read, to a reader who may see the incident then, and the e-mail carries
    only the reference and the link."""
    if Notis.objects.filter(mottagare=mottagare, nyckel=nyckel).exists():
        return None
    mall = {}
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(rubrik, Text):
            mall["rubrik"] = rubrik.som_json()
        if isinstance(text, Text):
            mall["text"] = text.som_json()
        rubrik, text = str(rubrik), str(text)
    notis = Notis(
        mottagare=mottagare,
        typ=typ,
        nyckel=nyckel[:200],
        rubrik=rubrik[:300],
        text=text,
        lank=lank,
        incident=incident,
        mall=mall,
    )
    notis.full_clean(validate_constraints=False)
    try:
        # A savepoint, so a lost race does not break the caller's transaction.
        with transaction.atomic():
            notis.save()
    except IntegrityError:
        return None
    if mottagare.email and leverans_for(mottagare) == Installning.Leverans.ENSKILD:
        notis_pk = notis.pk
        transaction.on_commit(lambda: _enqueue_notis_epost(notis_pk))
    return notis


def _enqueue_notis_epost(notis_pk: int) -> None:
    from .tasks import notis_skicka_epost

    try:
        notis_skicka_epost.delay(notis_pk)
    except Exception:  # noqa: BLE001 - a broker that is down never fails the request
        logger.warning("Kunde inte köa e-post för notis %s; svepet skickar den senare", notis_pk)


def _claim_cutoff():
    return timezone.now() - EPOST_CLAIM_TIMEOUT


def notis_epost_skicka(*, notis_id: int) -> bool:
    """Send the e-mail of one notice unless it is sent, claimed by a live worker or part of
    a digest. Returns True when this call sent it. Mail errors propagate after the claim
    is released, so the caller can retry."""
    now = timezone.now()
    claimed = (
        Notis.objects.filter(pk=notis_id, skickad__isnull=True, sammanstallning__isnull=True)
        .filter(Q(hamtad__isnull=True) | Q(hamtad__lt=_claim_cutoff()))
        .update(hamtad=now, forsok=F("forsok") + 1)
    )
    if not claimed:
        return False
    notis = Notis.objects.select_related("mottagare").get(pk=notis_id)
    if not notis.mottagare.email:
        Notis.objects.filter(pk=notis_id, hamtad=now).update(hamtad=None)
        return False
    try:
        epost.send_paminnelse(notis)
    except Exception as error:
        Notis.objects.filter(pk=notis_id, hamtad=now).update(hamtad=None, fel=str(error)[:2000])
        raise
    Notis.objects.filter(pk=notis_id, hamtad=now).update(skickad=timezone.now(), fel="")
    return True


def notiser_att_skicka():
    """Notices whose single e-mail is due and not sent (for the sweep)."""
    return (
        Notis.objects.filter(skickad__isnull=True, sammanstallning__isnull=True)
        .filter(Q(hamtad__isnull=True) | Q(hamtad__lt=_claim_cutoff()))
        .exclude(mottagare__email="")
        .exclude(mottagare__is_active=False)
        .exclude(mottagare__paminnelseinstallning__leverans=Installning.Leverans.SAMMANSTALLNING)
    )


def mottagare_med_sammanstallning(*, skapade_fore=None):
    """Ids of users with a digest choice and at least one notice not yet e-mailed (created
    before `skapade_fore`, when given)."""
    notiser = Notis.objects.filter(
        skickad__isnull=True,
        mottagare__paminnelseinstallning__leverans=Installning.Leverans.SAMMANSTALLNING,
        mottagare__is_active=True,
    )
    if skapade_fore is not None:
        notiser = notiser.filter(skapad__lt=skapade_fore)
    return notiser.exclude(mottagare__email="").values_list("mottagare_id", flat=True).distinct()


def sammanstallning_skicka(*, mottagare_id: int, datum=None) -> bool:
    """Send a user's digest of the day: all notices not yet e-mailed, in one message, at
    most one digest per user and day. Returns True when this call sent it."""
    datum = datum or timezone.localdate()
    try:
        with transaction.atomic():
            sammanstallning, _ = Sammanstallning.objects.get_or_create(
                mottagare_id=mottagare_id, datum=datum
            )
    except IntegrityError:
        sammanstallning = Sammanstallning.objects.get(mottagare_id=mottagare_id, datum=datum)
    now = timezone.now()
    claimed = (
        Sammanstallning.objects.filter(pk=sammanstallning.pk, skickad__isnull=True)
        .filter(Q(hamtad__isnull=True) | Q(hamtad__lt=_claim_cutoff()))
        .update(hamtad=now, forsok=F("forsok") + 1)
    )
    if not claimed:
        return False
    # Gather the notices into this digest (also those a dead run had gathered).
    cutoff = _claim_cutoff()
    ledig_sammanstallning = (
        Q(sammanstallning__isnull=True)
        | Q(
            sammanstallning__skickad__isnull=True,
            sammanstallning__hamtad__isnull=True,
        )
        | Q(sammanstallning__skickad__isnull=True, sammanstallning__hamtad__lt=cutoff)
    )
    Notis.objects.filter(mottagare_id=mottagare_id, skickad__isnull=True).filter(
        ledig_sammanstallning
    ).filter(Q(hamtad__isnull=True) | Q(hamtad__lt=cutoff)).exclude(
        sammanstallning=sammanstallning
    ).update(sammanstallning=sammanstallning)
    notiser = list(
        Notis.objects.filter(sammanstallning=sammanstallning, skickad__isnull=True).order_by(
            "skapad", "id"
        )
    )
    sammanstallning = Sammanstallning.objects.select_related("mottagare").get(pk=sammanstallning.pk)
    if not notiser:
        Sammanstallning.objects.filter(pk=sammanstallning.pk, hamtad=now).update(hamtad=None)
        return False
    try:
        epost.send_sammanstallning(sammanstallning, notiser)
    except Exception as error:
        Sammanstallning.objects.filter(pk=sammanstallning.pk, hamtad=now).update(
            hamtad=None, fel=str(error)[:2000]
        )
        raise
    sent = timezone.now()
    with transaction.atomic():
        Sammanstallning.objects.filter(pk=sammanstallning.pk, hamtad=now).update(
            skickad=sent, fel=""
        )
        Notis.objects.filter(pk__in=[n.pk for n in notiser]).update(skickad=sent)
    return True


def notis_markera_last(*, notis: Notis) -> None:
    if notis.last is None:
        Notis.objects.filter(pk=notis.pk, last__isnull=True).update(last=timezone.now())


def notiser_markera_alla_lasta(*, user) -> int:
    return Notis.objects.filter(mottagare=user, last__isnull=True).update(last=timezone.now())


def installning_update(*, user, leverans: str) -> Installning:
    installning, _ = Installning.objects.get_or_create(anvandare=user)
    installning.leverans = leverans
    installning.full_clean()
    installning.save()
    return installning


def kan_redigera_arshjul(user) -> bool:
    return user.is_authenticated and user.ar_sakerhetsfunktion


def arshjulspunkt_save(*, user, punkt):
    """Create or change a date in årshjulet: Säkerhetsavdelningen only."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if not kan_redigera_arshjul(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen kan ändra årshjulet."))
    punkt.full_clean()
    punkt.save()
    return punkt
