"""
Redis down: the portal keeps working from the database. Sessions and cached figures degrade
to misses, rate limits count per process (lib.rediscache), `/halsa/` says
Redis is degraded, and a logged-in person can still file a report.

The last test runs against a real redis-server of its own (started on a free port, so the
shared one is never touched), hung and then killed while pages are being asked for; it runs
in `.ci/run`'s second pass, where REDIS_URL is set.
"""

import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
from django.test import Client

from incidenter.models import Incident
from lib import rediscache

from ..conftest import _service_missing, login
from ..incidenter.test_rapportera import _data


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_cache(settings, url):
    """The caches as koping_sakerhet/settings.py has them with a REDIS_URL, with key
    prefixes of this test's own."""
    prefix = f"test-{uuid.uuid4().hex}"
    redis = {
        "BACKEND": "lib.rediscache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    settings.CACHES = {
        "default": redis,
        "ratelimit": {
            **redis,
            "KEY_PREFIX": f"{prefix}-ratelimit",
            "RESERV": "django.core.cache.backends.locmem.LocMemCache",
        },
    }


@pytest.fixture(autouse=True)
def _glom_redis_fel():
    rediscache._nere_till.clear()
    yield
    rediscache._nere_till.clear()


@pytest.fixture
def stangd_redis(settings):
    """The cache (and so the sessions) on a port nobody listens on."""
    _redis_cache(settings, f"redis://127.0.0.1:{_ledig_port()}/0")


def test_it_lets_a_logged_in_person_file_a_report_with_redis_down(
    stangd_redis, client_as, medarbetare
):
    client = client_as(medarbetare)
    assert client.get("/").status_code == 200
    assert client.get("/incidenter/rapportera/").status_code == 200
    response = client.post("/incidenter/rapportera/", _data(medarbetare), follow=True)
    assert response.status_code == 200
    assert "Tack för din rapport" in response.content.decode()
    assert Incident.objects.get().rapportor == medarbetare
    # The session lives on in the database: the next page still knows who it is.
    assert client.get("/incidenter/mina/").status_code == 200
    assert Incident.objects.get().referens in client.get("/incidenter/mina/").content.decode()


def test_it_logs_in_and_shows_cached_pages_with_redis_down(stangd_redis, client, sakerhetschef):
    login(client, sakerhetschef)
    # The incident list keeps its filter in a cached fragment and counts in versioned
    # entries; the start page caches figures.
    assert client.get("/incidenter/").status_code == 200
    assert client.get("/").status_code == 200


def test_it_still_limits_the_rate_per_process_with_redis_down(stangd_redis, settings, db):
    settings.LOGIN_RATE_LIMIT = 3
    # An address of this test's own: the counts are in the process's memory.
    ip = f"10.7.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    svar = [
        Client().post("/logga-in/", {"username": "okand", "password": "fel"}, REMOTE_ADDR=ip)
        for _ in range(4)
    ]
    # The fourth: before django-axes would lock the name (after five failures).
    assert [s.status_code for s in svar] == [200, 200, 200, 429]
    assert "För många försök" in svar[-1].content.decode()


def test_it_reports_redis_as_degraded_in_the_health_check(stangd_redis, client, db):
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "redis": "nere"}


@pytest.fixture
def egen_redis(require_redis, settings, tmp_path):
    """A redis-server of this test's own on a free port, and the cache and the Celery
    broker pointed at it."""
    if not shutil.which("redis-server"):
        _service_missing("redis", "redis-server")
    port = _ledig_port()

    def starta():
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process
            except OSError:
                time.sleep(0.1)
        process.kill()
        pytest.fail("redis-server startade inte")

    url = f"redis://127.0.0.1:{port}/0"
    _redis_cache(settings, url)
    from koping_sakerhet.celery import app

    broker = app.conf.broker_url
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    processer = [starta()]
    try:
        yield processer, starta
    finally:
        app.conf.broker_url = broker
        app.conf.task_always_eager = True  # As tests/conftest.py had it.
        for process in processer:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
                process.wait()


def test_it_keeps_working_while_a_real_redis_hangs_and_dies_under_load(
    egen_redis, settings, monkeypatch, medarbetare, sakerhetschef
):
    import redis

    processer, starta = egen_redis
    monkeypatch.setattr(rediscache, "PAUS_SEKUNDER", 0.5)
    url = settings.CACHES["default"]["LOCATION"]
    ratt = redis.Redis.from_url(url)
    anna = login(Client(), medarbetare)
    chef = login(Client(), sakerhetschef)
    sidor = ["/", "/incidenter/mina/", "/incidenter/rapportera/"]

    def last(antal=8):
        for i in range(antal):
            assert anna.get(sidor[i % len(sidor)]).status_code == 200
            assert chef.get(["/", "/incidenter/"][i % 2]).status_code == 200

    last()
    assert ratt.dbsize() > 0  # Sessions and figures are in this Redis.
    assert Client().get("/halsa/").json() == {"status": "ok", "redis": "ok"}

    # Hung: every call would wait for its timeout. Pages still answer, a report is filed,
    # and a logout reaches only the database.
    processer[0].send_signal(signal.SIGSTOP)
    last(4)
    response = anna.post("/incidenter/rapportera/", _data(medarbetare), follow=True)
    assert "Tack för din rapport" in response.content.decode()
    gammal_kaka = chef.cookies["sessionid"].value
    chef.post("/logga-ut/")
    processer[0].send_signal(signal.SIGCONT)
    time.sleep(0.6)
    # Redis still held the logged-out session; it must not let the old cookie back in.
    aterkommen = Client()
    aterkommen.cookies["sessionid"] = gammal_kaka
    assert aterkommen.get("/incidenter/").status_code == 302
    assert anna.get("/incidenter/mina/").status_code == 200

    # Dead, under load: nothing fails, a report is filed, the health check says so.
    chef = login(Client(), sakerhetschef)
    last(2)
    processer[0].kill()
    processer[0].wait()
    last(4)
    response = anna.post("/incidenter/rapportera/", _data(medarbetare), follow=True)
    assert "Tack för din rapport" in response.content.decode()
    assert Incident.objects.count() == 2
    assert Client().get("/halsa/").json() == {"status": "degraded", "redis": "nere"}

    # Back again: used again, and the health check is green.
    processer.append(starta())
    time.sleep(0.6)
    last(2)
    assert Client().get("/halsa/").json() == {"status": "ok", "redis": "ok"}
    assert redis.Redis.from_url(url).dbsize() > 0
