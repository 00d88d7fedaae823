"""
With a real Celery worker against the real Redis and PostgreSQL (the second CI pass): the
worker is a subprocess on the test database pytest-django created, on a private queue,
with an e-mail backend that writes files this test reads.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from koping_sakerhet import celery_app
from paminnelser import services, tasks
from paminnelser.models import Notis

from .mailbackend import read_mails

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.xdist_group("celery_worker"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for(condition, timeout=12.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def queue():
    """A private queue for this test, so two test processes never share a worker."""
    name = f"test-paminnelser-{uuid.uuid4().hex[:10]}"
    before = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = name
    yield name
    celery_app.conf.task_default_queue = before
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete(name)


@pytest.fixture
def mail_dir(tmp_path):
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def start_worker(require_postgres, require_redis, queue, mail_dir):
    processes = []

    def start(fail_first=0):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.paminnelser.worker_settings",
            "KOPING_TEST_DB_NAME": connection.settings_dict["NAME"],
            "KOPING_TEST_QUEUE": queue,
            "PAMINNELSE_MAIL_DIR": str(mail_dir),
            "PAMINNELSE_MAIL_FAIL_FIRST": str(fail_first),
            "PYTHONPATH": str(ROOT),
        }
        node = f"{queue}@localhost"
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("celery")),
                "-A",
                "koping_sakerhet",
                "worker",
                "-Q",
                queue,
                "-n",
                node,
                "--concurrency",
                "2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(process)
        ready = wait_for(
            lambda: celery_app.control.ping(destination=[node], timeout=0.5),
            timeout=15,
            interval=0.1,
        )
        assert ready, "Celery-workern startade inte"
        return process

    yield start
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _use_broker(url):
    # Kombu keeps a connection and producer pool per broker URL; forget the app's.
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _mails_to(mail_dir, user, word=""):
    return [m for m in read_mails(mail_dir) if m["to"] == [user.email] and word in m["subject"]]


def test_it_delivers_a_due_atgard_once_when_two_sweeps_run_at_the_same_time(
    start_worker, mail_dir, atgard_for, medarbetare
):
    atgard = atgard_for(timezone.localdate())
    start_worker()
    tasks.svep.delay()
    tasks.svep.delay()
    assert wait_for(lambda: _mails_to(mail_dir, medarbetare, "Åtgärd"))
    # Give a duplicate time to appear, if there were one.
    time.sleep(1.5)
    assert len(_mails_to(mail_dir, medarbetare, "Åtgärd")) == 1
    [notis] = Notis.objects.filter(mottagare=medarbetare, typ="atgard")
    assert notis.nyckel == f"atgard:{atgard.pk}:idag:{atgard.forfallodatum}"
    assert notis.skickad is not None


def test_it_retries_a_failing_mail_server_and_then_delivers_once(
    start_worker, mail_dir, medarbetare
):
    start_worker(fail_first=2)
    notis = services.notis_create(
        mottagare=medarbetare,
        typ="test",
        nyckel="test:retry",
        rubrik="Påminnelse trots strul",
        lank="/risker/",
    )
    assert wait_for(lambda: _mails_to(mail_dir, medarbetare), timeout=15)
    time.sleep(1)
    assert len(_mails_to(mail_dir, medarbetare)) == 1
    notis.refresh_from_db()
    assert notis.skickad is not None and notis.forsok == 3


def test_it_accepts_a_notice_with_the_broker_down_and_delivers_it_when_it_is_back(
    require_postgres, require_redis, start_worker, mail_dir, medarbetare
):
    url = celery_app.conf.broker_url
    _use_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        started = time.monotonic()
        notis = services.notis_create(
            mottagare=medarbetare,
            typ="test",
            nyckel="test:broker",
            rubrik="Påminnelse utan broker",
            lank="/risker/",
        )
        assert notis is not None
        assert time.monotonic() - started < 10
    finally:
        _use_broker(url)
    notis.refresh_from_db()
    assert notis.skickad is None
    start_worker()
    tasks.svep.delay()
    assert wait_for(lambda: _mails_to(mail_dir, medarbetare))
    notis.refresh_from_db()
    assert notis.skickad is not None
    assert len(_mails_to(mail_dir, medarbetare)) == 1


def test_it_accepts_an_incident_report_with_the_broker_down_and_notifies_when_it_is_back(
    require_postgres, require_redis, start_worker, mail_dir, medarbetare, chef
):
    from incidenter.models import Incident
    from incidenter.services import incident_create

    url = celery_app.conf.broker_url
    _use_broker("redis://127.0.0.1:1/0")
    try:
        incident = incident_create(
            user=medarbetare,
            rubrik="Stulen cykel vid entrén",
            beskrivning="Cykeln var låst.",
            intraffade=timezone.now(),
            enhet=medarbetare.enhet,
        )
    finally:
        _use_broker(url)
    assert Incident.objects.filter(pk=incident.pk, notifierad__isnull=True).exists()
    assert _mails_to(mail_dir, chef) == []
    # The sweep leaves a fresh report to its own task for two minutes; this one is older.
    Incident.objects.filter(pk=incident.pk).update(
        rapporterad=timezone.now() - timedelta(minutes=3)
    )
    start_worker()
    tasks.svep.delay()
    assert wait_for(lambda: _mails_to(mail_dir, chef, incident.referens))
    time.sleep(1)
    assert len(_mails_to(mail_dir, chef, incident.referens)) == 1
