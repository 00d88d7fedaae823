"""
Writes of the reminders: create a notice, deliver its e-mail exactly once, send the daily
digest, mark a notice read, change the delivery choice.

Exactly once: a notice is unique on (mottagare, nyckel), so a reminder is created once;
its e-mail is claimed with one conditional UPDATE before sending and recorded as sent
after, so a retried, repeated or concurrent task finds nothing to do. A claim older than
EPOST_CLAIM_TIMEOUT belongs to a worker that died and may be taken over.

The attempt is recorded before sending, with the Message-ID the e-mail will carry. When the
database fails after the mail server took the e-mail, the service raises
`SkickadEjRegistrerad` with that id and the task retries only the recording
(`skickat_som=`), so the e-mail does not go twice. What remains at-least-once: a worker
that dies (or a database that stays down through every retry) between handing the e-mail
to the mail server and recording it. After EPOST_CLAIM_TIMEOUT the sweep sends it again,
with the same Message-ID, which mail clients use to show it once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from . import epost
from .models import Installning, Notis, Sammanstallning
from .texter import Text

logger = logging.getLogger(__name__)

EPOST_CLAIM_TIMEOUT = timedelta(minutes=10)


class SkickadEjRegistrerad(Exception):
    """The e-mail went, recording it failed (a database error): retry the recording only,
    with `skickat_som=meddelande_id`."""

    def __init__(self, meddelande_id: str):
        super().__init__(f"Skickad som {meddelande_id} men inte registrerad")
        self.meddelande_id = meddelande_id


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


def _notis_registrera_skickad(notis_id: int, meddelande_id: str) -> bool:
    return bool(
        Notis.objects.filter(pk=notis_id, meddelande_id=meddelande_id, skickad__isnull=True).update(
            skickad=timezone.now(), fel=""
        )
    )


def notis_epost_send(*, notis_id: int, skickat_som: str = "") -> bool:
    """Send the e-mail of one notice unless it is sent, claimed by a live worker or part of
    a digest. Returns True when this call sent it. Mail errors propagate after the claim
    is released, so the caller can retry; a database error after sending raises
    `SkickadEjRegistrerad`, and the retry with `skickat_som` only records it."""
    if skickat_som:
        return _notis_registrera_skickad(notis_id, skickat_som)
    now = timezone.now()
    claimed = (
        Notis.objects.filter(pk=notis_id, skickad__isnull=True, sammanstallning__isnull=True)
        .filter(Q(hamtad__isnull=True) | Q(hamtad__lt=_claim_cutoff()))
        .update(hamtad=now, forsok=F("forsok") + 1)
    )
    if not claimed:
        return False
    # The attempt's Message-ID, recorded before sending (kept by every later attempt).
    Notis.objects.filter(pk=notis_id, meddelande_id="").update(
        meddelande_id=epost.nytt_meddelande_id()
    )
    notis = Notis.objects.select_related("mottagare").get(pk=notis_id)
    if not notis.mottagare.email:
        Notis.objects.filter(pk=notis_id, hamtad=now).update(hamtad=None)
        return False
    try:
        epost.send_paminnelse(notis)
    except Exception as error:
        Notis.objects.filter(pk=notis_id, hamtad=now).update(hamtad=None, fel=str(error)[:2000])
        raise
    try:
        _notis_registrera_skickad(notis_id, notis.meddelande_id)
    except DatabaseError as error:
        raise SkickadEjRegistrerad(notis.meddelande_id) from error
    return True


def notiser_att_skicka():
    """Notices whose single e-mail is due and not sent (for the sweep), the oldest first:
    after an outage the sweep takes a batch at a time, and the one waiting longest goes
    first."""
    return (
        Notis.objects.filter(skickad__isnull=True, sammanstallning__isnull=True)
        .filter(Q(hamtad__isnull=True) | Q(hamtad__lt=_claim_cutoff()))
        .exclude(mottagare__email="")
        .exclude(mottagare__is_active=False)
        .exclude(mottagare__paminnelseinstallning__leverans=Installning.Leverans.SAMMANSTALLNING)
        .order_by("skapad", "id")
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


def _sammanstallning_registrera_skickad(sammanstallning_id: int, meddelande_id: str) -> bool:
    sent = timezone.now()
    with transaction.atomic():
        if not Sammanstallning.objects.filter(
            pk=sammanstallning_id, meddelande_id=meddelande_id, skickad__isnull=True
        ).update(skickad=sent, fel=""):
            return False
        Notis.objects.filter(sammanstallning_id=sammanstallning_id, skickad__isnull=True).update(
            skickad=sent
        )
    return True


def sammanstallning_send(*, mottagare_id: int, datum=None, skickat_som: str = "") -> bool:
    """Send a user's digest of the day: all notices not yet e-mailed, in one message, at
    most one digest per user and day. Returns True when this call sent it. As for a single
    notice, a database error after sending raises `SkickadEjRegistrerad` and the retry
    with `skickat_som` only records it."""
    datum = datum or timezone.localdate()
    if skickat_som:
        sammanstallning = Sammanstallning.objects.filter(
            mottagare_id=mottagare_id, datum=datum
        ).first()
        return sammanstallning is not None and _sammanstallning_registrera_skickad(
            sammanstallning.pk, skickat_som
        )
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
    Sammanstallning.objects.filter(pk=sammanstallning.pk, meddelande_id="").update(
        meddelande_id=epost.nytt_meddelande_id()
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
    try:
        _sammanstallning_registrera_skickad(sammanstallning.pk, sammanstallning.meddelande_id)
    except DatabaseError as error:
        raise SkickadEjRegistrerad(sammanstallning.meddelande_id) from error
    return True


def notis_mark_read(*, notis: Notis) -> None:
    if notis.last is None:
        Notis.objects.filter(pk=notis.pk, last__isnull=True).update(last=timezone.now())


def notiser_mark_all_read(*, user) -> int:
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
