"""Login throttling: django-axes locks an account from an address after repeated failures
(in Swedish, logged), and rate limits (django-ratelimit) cap login attempts and reports,
counted by the client's address as axes sees it."""

import logging

import time_machine
from django.test import Client, RequestFactory

from lib.ratelimit import client_ip


def post_login(client, username, password, ip="10.1.1.1"):
    return client.post("/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_it_locks_the_account_after_five_failures_in_swedish(medarbetare, caplog):
    client = Client()
    for _ in range(4):
        assert post_login(client, "medarbetare", "fel").status_code == 200
    with caplog.at_level(logging.WARNING, logger="konton.sakerhet"):
        fifth = post_login(client, "medarbetare", "fel")
    assert fifth.status_code == 429
    assert "Kontot är tillfälligt låst" in fifth.content.decode()
    assert any(
        "spärrad" in r.getMessage() and "medarbetare" in r.getMessage() for r in caplog.records
    )

    # Even the right password is refused while the lock lasts.
    response = post_login(client, "medarbetare", "demo1234")
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_it_locks_only_that_account_from_that_address(medarbetare, chef):
    client = Client()
    for _ in range(5):
        post_login(client, "medarbetare", "fel", ip="10.1.1.2")
    assert post_login(Client(), "chef", "demo1234", ip="10.1.1.2").status_code == 302
    assert post_login(Client(), "medarbetare", "demo1234", ip="10.1.1.3").status_code == 302


def test_it_forgets_failures_after_a_successful_login(medarbetare):
    client = Client()
    for _ in range(4):
        post_login(client, "medarbetare", "fel", ip="10.1.1.4")
    assert post_login(client, "medarbetare", "demo1234", ip="10.1.1.4").status_code == 302
    client.post("/logga-ut/")
    for _ in range(4):
        assert post_login(client, "medarbetare", "fel", ip="10.1.1.4").status_code == 200


def test_it_rate_limits_login_attempts_with_a_swedish_429(settings, medarbetare):
    settings.LOGIN_RATE_LIMIT = 3
    client = Client()
    statuses = [post_login(client, "okand", "fel", ip="10.2.2.2").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = post_login(client, "okand", "fel", ip="10.2.2.2")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "För många försök" in response.content.decode()
    # Another user name from the same address is counted apart (up to the per-address cap).
    assert post_login(client, "medarbetare", "demo1234", ip="10.2.2.2").status_code == 302


def test_it_caps_attempts_per_address(settings, db):
    settings.LOGIN_RATE_LIMIT_PER_IP = 5
    client = Client()
    statuses = [post_login(client, f"anv{i}", "fel", ip="10.2.2.3").status_code for i in range(6)]
    assert statuses == [200] * 5 + [429]


def test_it_never_rate_limits_showing_the_login_page(settings, db):
    settings.LOGIN_RATE_LIMIT_PER_IP = 1
    client = Client()
    assert all(client.get("/logga-in/").status_code == 200 for _ in range(5))


def test_it_lets_the_address_try_again_in_the_next_minute(settings, db):
    settings.LOGIN_RATE_LIMIT = 2
    with time_machine.travel("2026-11-24 10:00:05", tick=False):
        statuses = [
            post_login(Client(), "okand", "fel", ip="10.3.3.3").status_code for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
        # Counted per address and user name: another address is not held back.
        assert post_login(Client(), "okand", "fel", ip="10.3.3.4").status_code == 200
    with time_machine.travel("2026-11-24 10:01:05", tick=False):
        assert post_login(Client(), "okand", "fel", ip="10.3.3.3").status_code == 200


def test_it_counts_the_report_forms_limit_per_person_and_only_what_is_sent(
    client_as, medarbetare, chef
):
    from incidenter.views import RAPPORT_GRANS

    assert RAPPORT_GRANS == {"key": "user_or_ip", "rate": "20/10m", "method": "POST"}
    anna = client_as(medarbetare)
    for _ in range(21):
        svar = anna.post("/incidenter/rapportera/", {"rubrik": ""})
    assert svar.status_code == 429 and svar["Retry-After"] == "60"
    assert "För många försök" in svar.content.decode()
    assert anna.get("/incidenter/rapportera/").status_code == 200
    assert client_as(chef).post("/incidenter/rapportera/", {"rubrik": ""}).status_code == 400


def test_it_finds_the_client_behind_the_trusted_proxy(settings):
    rf = RequestFactory()
    request = rf.get("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9")
    assert client_ip(request) == "172.18.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.9"
    # A second proxy counts only when it is trusted itself.
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "10.0.0.0/8"]
    assert client_ip(request) == "1.2.3.4"
    # A chain shorter than the count stops at the first address no proxy vouches for.
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "1.2.3.4"
    settings.TRUSTED_PROXY_COUNT = 1
    forged = rf.get("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="'; DROP TABLE x;--")
    assert client_ip(forged) == "172.18.0.2"


def test_it_survives_a_forged_forwarded_for_header_at_login(settings, medarbetare):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for _ in range(6):
        response = client.post(
            "/logga-in/",
            {"username": "medarbetare", "password": "fel"},
            HTTP_X_FORWARDED_FOR="<script>, inte-en-adress",
        )
        assert response.status_code in (200, 429)


def test_it_ignores_the_forwarded_for_header_of_a_client_that_is_not_the_proxy(
    settings, medarbetare
):
    """Published on the network by mistake, the app still takes the address from the
    connection: a new forged X-Forwarded-For per attempt does not escape the lockout."""
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    statuses = [
        client.post(
            "/logga-in/",
            {"username": "medarbetare", "password": "fel"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(6)
    ]
    assert statuses[4:] == [429, 429]
    response = client.post(
        "/logga-in/",
        {"username": "medarbetare", "password": "demo1234"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429
    # Through the proxy, the header names the client.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.5"
    )
    assert client_ip(request) == "198.51.100.5"
