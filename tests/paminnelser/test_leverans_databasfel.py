"""
E-mail delivery when the database fails between sending and recording: the attempt is
recorded first with the Message-ID the e-mail carries, the task retries the recording
(not the sending) on a database error, and the sweep sends the oldest notice first.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError, connection
from django.utils import timezone

from paminnelser import services, tasks
from paminnelser.models import Installning, Notis, Sammanstallning
from paminnelser.sweep import run_sweep

pytestmark = pytest.mark.django_db

# How many of the next UPDATEs fail, as when PostgreSQL goes away just after sending.
_trasiga = {"uppdateringar": 0}


class SkickarSedanFallerDatabasen(EmailBackend):
    """The mail server takes the e-mail; then the database fails for a moment."""

    def send_messages(self, messages):
        antal = super().send_messages(messages)
        _trasiga["uppdateringar"] = 2
        return antal


def _databasen(execute, sql, params, many, context):
    if _trasiga["uppdateringar"] and sql.lstrip().upper().startswith("UPDATE"):
        _trasiga["uppdateringar"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


@pytest.fixture
def databasfel(settings):
    settings.EMAIL_BACKEND = (
        "tests.paminnelser.test_leverans_databasfel.SkickarSedanFallerDatabasen"
    )
    _trasiga["uppdateringar"] = 0
    with connection.execute_wrapper(_databasen):
        yield
    _trasiga["uppdateringar"] = 0


def _notis(user, n=1, **falt):
    return Notis.objects.create(
        mottagare=user, typ="test", nyckel=f"test:{n}", rubrik=f"Påminnelse {n}", lank="/", **falt
    )


# A failed query inside the test's own transaction would break it: these run committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_sends_once_when_the_database_fails_after_sending(databasfel, medarbetare):
    notis = _notis(medarbetare)
    tasks.notis_skicka_epost.apply(args=[notis.pk])
    notis.refresh_from_db()
    assert len(mail.outbox) == 1
    # Recorded by the task's own retry, not left for the sweep.
    assert notis.skickad is not None
    assert notis.meddelande_id and mail.outbox[0].extra_headers["Message-ID"] == notis.meddelande_id
    # Long after, the sweep finds nothing to send again.
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        run_sweep()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_sends_a_digest_once_when_the_database_fails_after_sending(databasfel, medarbetare):
    Installning.objects.create(anvandare=medarbetare, leverans=Installning.Leverans.SAMMANSTALLNING)
    _notis(medarbetare, 1)
    _notis(medarbetare, 2)
    tasks.sammanstallning_send.apply(args=[medarbetare.pk])
    assert len(mail.outbox) == 1
    sammanstallning = Sammanstallning.objects.get()
    assert sammanstallning.skickad is not None
    assert mail.outbox[0].extra_headers["Message-ID"] == sammanstallning.meddelande_id
    assert not Notis.objects.filter(skickad__isnull=True).exists()
    tasks.sammanstallning_send.apply(args=[medarbetare.pk])
    assert len(mail.outbox) == 1


def test_it_keeps_the_message_id_when_a_dead_attempt_is_sent_again(medarbetare):
    notis = _notis(medarbetare)

    class Dog(BaseException):
        pass

    def dor(notis):
        raise Dog

    original = services.epost.send_paminnelse
    services.epost.send_paminnelse = dor
    try:
        with pytest.raises(Dog):
            services.notis_epost_send(notis_id=notis.pk)
    finally:
        services.epost.send_paminnelse = original
    notis.refresh_from_db()
    # The attempt was recorded before sending.
    assert notis.forsok == 1 and notis.hamtad and notis.meddelande_id
    with time_machine.travel(timezone.now() + services.EPOST_CLAIM_TIMEOUT * 2):
        run_sweep()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == notis.meddelande_id


def test_it_retries_a_database_error_before_sending(medarbetare, monkeypatch):
    notis = _notis(medarbetare)
    riktig = services.notis_epost_send
    anrop = []

    def forst_fel(**kwargs):
        anrop.append(kwargs)
        if len(anrop) == 1:
            raise OperationalError("the database system is starting up")
        return riktig(**kwargs)

    monkeypatch.setattr(services, "notis_epost_send", forst_fel)
    assert tasks.notis_skicka_epost.apply(args=[notis.pk]).get() is True
    assert len(anrop) == 2 and len(mail.outbox) == 1


def test_it_sweeps_the_oldest_notice_first(medarbetare):
    nu = timezone.now()
    for n, dagar in ((1, 1), (2, 5), (3, 3)):
        _notis(medarbetare, n, skapad=nu - timedelta(days=dagar))
    run_sweep()
    assert [m.subject.rsplit(" ", 1)[-1] for m in mail.outbox] == ["2", "3", "1"]
