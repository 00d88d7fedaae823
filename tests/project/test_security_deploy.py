"""Production settings: `check --deploy` is clean, cookies are secure, HSTS and the SSL
redirect work behind the proxy header, two-factor is required, sessions end when idle,
templates are compiled once per process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OTP_", "SECURE_", "SESSION_", "OIDC_", "DJANGO_SETTINGS"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="sakerhet.koping.se",
        CSRF_TRUSTED_ORIGINS="https://sakerhet.koping.se",
        SITE_URL="https://sakerhet.koping.se",
        DJANGO_SETTINGS_MODULE="koping_sakerhet.settings",
        **extra,
    )
    return env


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "DEBUG", "OTP_REQUIRED", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_AGE", "SESSION_RENEW_SECONDS", "SESSION_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS", "OIDC_ENABLED", "AUTHENTICATION_BACKENDS",
    "OTP_ADMIN_HIDE_SENSITIVE_DATA", "TRUSTED_PROXIES"]}))
"""


def settings_under(env) -> dict:
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return settings_under(production_env())


def test_it_passes_check_deploy_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_hardens_cookies_hsts_and_the_ssl_redirect_in_production(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"]
    assert production["SECURE_SSL_REDIRECT"]
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert production["X_FRAME_OPTIONS"] == "DENY"


def test_it_requires_two_factor_in_production_and_not_in_development(production):
    assert production["OTP_REQUIRED"] is True
    development = settings_under({**production_env(), "DEBUG": "1"})
    assert development["OTP_REQUIRED"] is False
    # It cannot be forgotten, only turned off on purpose.
    assert settings_under(production_env(OTP_REQUIRED="0"))["OTP_REQUIRED"] is False


TEMPLATE_LOADERS = """
import django
django.setup()
from django.template import engines
print(",".join(type(loader).__module__ for loader in engines["django"].engine.template_loaders))
"""


def test_it_keeps_compiled_templates_in_production():
    """Pages and form widgets are drawn with Django's templates, compiled once per process
    by the cached loader (Django's default when TEMPLATES sets no loaders)."""
    result = run(["-c", TEMPLATE_LOADERS], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.template.loaders.cached"


def test_it_hides_authenticator_secrets_and_trusts_only_local_proxies(production):
    assert production["OTP_ADMIN_HIDE_SENSITIVE_DATA"] is True
    assert production["TRUSTED_PROXIES"] == ["127.0.0.0/8", "::1/128", "172.16.0.0/12"]
    bad = run(["-c", PRINT_SETTINGS], production_env(TRUSTED_PROXIES="inte-ett-nät"))
    assert bad.returncode != 0 and "TRUSTED_PROXIES" in bad.stderr


def test_it_ends_idle_sessions_after_thirty_minutes(production):
    assert production["SESSION_COOKIE_AGE"] == 30 * 60
    # Activity renews it, at most a minute late.
    assert production["SESSION_RENEW_SECONDS"] == 60


def test_it_refuses_to_start_without_a_secret_key_in_production():
    env = production_env()
    env.pop("SECRET_KEY")
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_enables_sso_only_when_configured(production):
    assert production["OIDC_ENABLED"] is False
    assert not any("oidc" in b.lower() for b in production["AUTHENTICATION_BACKENDS"])
    # A half configuration is an error, not a silently broken login button.
    result = run(["-c", PRINT_SETTINGS], production_env(OIDC_RP_CLIENT_ID="portal"))
    assert result.returncode != 0 and "OIDC_OP_TOKEN_ENDPOINT" in result.stderr
    full = settings_under(
        production_env(
            OIDC_RP_CLIENT_ID="portal",
            OIDC_RP_CLIENT_SECRET="hemligt",
            OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.koping.se/authorize",
            OIDC_OP_TOKEN_ENDPOINT="https://idp.koping.se/token",
            OIDC_OP_USER_ENDPOINT="https://idp.koping.se/userinfo",
            OIDC_OP_JWKS_ENDPOINT="https://idp.koping.se/jwks",
        )
    )
    assert full["OIDC_ENABLED"] is True
    assert "konton.oidc.KommunOIDCBackend" in full["AUTHENTICATION_BACKENDS"]
    # Local login remains.
    assert "konton.backends.Behorigheter" in full["AUTHENTICATION_BACKENDS"]


# --- The same settings at work in a request ---


def test_it_redirects_plain_http_to_https_but_trusts_the_proxy_header(settings, client, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/logga-in/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/logga-in/"
    response = client.get("/logga-in/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_it_sends_secure_httponly_session_cookies(settings, client, medarbetare):
    settings.SESSION_COOKIE_SECURE = True
    client.post(
        "/logga-in/",
        {"username": "medarbetare", "password": "demo1234"},
        HTTP_X_FORWARDED_PROTO="https",
    )
    cookie = client.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_it_logs_out_after_thirty_idle_minutes_and_not_while_active(
    own_cache, client_as, medarbetare
):
    with time_machine.travel("2026-11-24 09:00", tick=False) as traveller:
        client = client_as(medarbetare)
        assert client.get("/").status_code == 200
        traveller.shift(25 * 60)
        assert client.get("/").status_code == 200  # activity renews the session
        traveller.shift(25 * 60)
        assert client.get("/").status_code == 200
        traveller.shift(31 * 60)
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_it_renews_an_active_session_at_most_once_a_minute(own_cache, client_as, medarbetare):
    from django.contrib.sessions.models import Session

    def expiry(client):
        return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date

    with time_machine.travel("2026-11-24 09:00", tick=False) as traveller:
        client = client_as(medarbetare)
        client.get("/")
        first = expiry(client)
        traveller.shift(30)
        client.get("/")
        assert expiry(client) == first  # no database write for every page
        traveller.shift(40)
        client.get("/")
        assert expiry(client) > first  # a minute on: renewed
        # The cookie carries the renewed age too, so the browser keeps it as long.
        assert client.cookies["sessionid"]["max-age"] == 30 * 60


def test_it_documents_every_environment_variable_in_env_example():
    import re

    read = set(
        re.findall(
            r'env(?:str|bool|int|list)\("([A-Z_]+)"',
            (ROOT / "koping_sakerhet/settings.py").read_text(),
        )
    )
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "inga miljövariabler hittades"
    assert not read - documented, f"saknas i .env.example: {sorted(read - documented)}"
