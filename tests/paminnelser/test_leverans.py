"""E-mail delivery of notices: exactly once, digest, and nothing lost when the mail
server or the broker is down (tasks in-process here; test_worker.py has a real worker)."""

import smtplib
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone
from kombu.exceptions import OperationalError

from paminnelser import services, tasks
from paminnelser.models import Installning, Notis
from paminnelser.sweep import run_sweep

from .conftest import t

pytestmark = pytest.mark.django_db


class DownBackend:
    """A mail server that does not answer."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Servern svarar inte")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _notis(user, n=1):
    return services.notis_create(
        mottagare=user,
        typ="test",
        nyckel=f"test:{n}",
        rubrik=f"Påminnelse nummer {n}",
        lank="/risker/",
    )


def test_it_keeps_the_notice_when_the_mail_server_is_down_and_sends_it_once_later(
    commit, medarbetare, settings
):
    settings.EMAIL_BACKEND = "tests.paminnelser.test_leverans.DownBackend"
    with commit():
        notis = _notis(medarbetare)
    notis.refresh_from_db()
    assert notis.skickad is None and notis.forsok == 1 and "svarar inte" in notis.fel
    assert mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with commit():
        run_sweep()
    with commit():
        run_sweep()
    assert [m.subject for m in mail.outbox] == ["Säkerhetsportalen: Påminnelse nummer 1"]


def test_it_keeps_the_notice_when_the_broker_is_down(commit, medarbetare, monkeypatch):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.notis_skicka_epost, "delay", broker_down)
    with commit():
        notis = _notis(medarbetare)
    assert Notis.objects.filter(pk=notis.pk, skickad__isnull=True).exists()
    assert mail.outbox == []
    monkeypatch.undo()
    with commit():
        run_sweep()
    assert len(mail.outbox) == 1


def test_it_leaves_a_notice_claimed_by_a_live_worker_and_takes_over_from_a_dead_one(
    commit, medarbetare, monkeypatch
):
    monkeypatch.setattr(tasks.notis_skicka_epost, "delay", lambda *a: None)
    with commit():
        notis = _notis(medarbetare)
    monkeypatch.undo()
    Notis.objects.filter(pk=notis.pk).update(hamtad=timezone.now() - timedelta(minutes=1))
    assert services.notis_epost_send(notis_id=notis.pk) is False
    with commit():
        run_sweep()
    assert mail.outbox == []
    Notis.objects.filter(pk=notis.pk).update(hamtad=timezone.now() - timedelta(minutes=11))
    with commit():
        run_sweep()
    assert len(mail.outbox) == 1


def test_it_retries_a_failing_mail_server_with_backoff(medarbetare, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.paminnelser.test_leverans.DownBackend"
    notis = Notis.objects.create(mottagare=medarbetare, typ="t", nyckel="t:1", rubrik="R", lank="/")
    retried = {}

    def retry(exc=None, countdown=None, **kwargs):
        retried.update(exc=exc, countdown=countdown)
        raise RuntimeError("retry")

    monkeypatch.setattr(tasks.notis_skicka_epost, "retry", retry)
    tasks.notis_skicka_epost.push_request(is_eager=False, retries=2)
    try:
        with pytest.raises(RuntimeError):
            tasks.notis_skicka_epost.run(notis.pk)
    finally:
        tasks.notis_skicka_epost.pop_request()
    assert isinstance(retried["exc"], smtplib.SMTPException)
    assert retried["countdown"] == 120
    notis.refresh_from_db()
    assert notis.hamtad is None and notis.skickad is None


def test_it_sends_a_digest_user_one_email_for_several_reminders(commit, medarbetare):
    services.installning_update(user=medarbetare, leverans=Installning.Leverans.SAMMANSTALLNING)
    with commit():
        for n in (1, 2, 3):
            _notis(medarbetare, n)
        run_sweep()
    assert mail.outbox == []
    with commit():
        tasks.sammanstallningar_skicka()
        tasks.sammanstallningar_skicka()
    [message] = mail.outbox
    assert message.to == [medarbetare.email]
    for n in (1, 2, 3):
        assert f"Påminnelse nummer {n}" in message.body
    assert not Notis.objects.filter(mottagare=medarbetare, skickad__isnull=True).exists()
    # A notice later the same day waits for tomorrow's digest.
    with commit():
        _notis(medarbetare, 4)
        tasks.sammanstallningar_skicka()
    assert len(mail.outbox) == 1
    assert services.sammanstallning_send(
        mottagare_id=medarbetare.pk, datum=timezone.localdate() + timedelta(days=1)
    )
    assert len(mail.outbox) == 2 and "Påminnelse nummer 4" in mail.outbox[1].body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_delivers_once_when_two_sweeps_run_at_the_same_time(
    require_postgres, atgard_for, medarbetare
):
    atgard = atgard_for(timezone.localdate())
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait(timeout=10)
            run_sweep()
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    notiser = Notis.objects.filter(mottagare=medarbetare, typ="atgard")
    assert [n.nyckel for n in notiser] == [f"atgard:{atgard.pk}:idag:{atgard.forfallodatum}"]
    assert len([m for m in mail.outbox if m.to == [medarbetare.email]]) == 1
    assert notiser[0].skickad is not None


def test_it_sends_a_missed_morning_digest_from_the_sweep_once(commit, medarbetare):
    services.installning_update(user=medarbetare, leverans=Installning.Leverans.SAMMANSTALLNING)
    with time_machine.travel(t(2026, 11, 24, 16, 0), tick=False), commit():
        _notis(medarbetare, 1)
    # Beat was down at 07:00 on 25 November.
    with time_machine.travel(t(2026, 11, 25, 7, 15), tick=False), commit():
        run_sweep()
    assert mail.outbox == []
    for minute in (30, 45):
        with time_machine.travel(t(2026, 11, 25, 7, minute), tick=False), commit():
            run_sweep()
    [message] = mail.outbox
    assert "Påminnelse nummer 1" in message.body
    # A notice during the day waits for the next morning.
    with time_machine.travel(t(2026, 11, 25, 10, 0), tick=False), commit():
        _notis(medarbetare, 2)
        run_sweep()
    assert len(mail.outbox) == 1
