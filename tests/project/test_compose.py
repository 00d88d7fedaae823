"""No Docker engine runs here, so the production compose file is checked by reading it:
every service's command must point at something that exists in this project."""

import importlib
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _import_target(dotted: str):
    module, _, attr = dotted.partition(":")
    obj = importlib.import_module(module)
    return getattr(obj, attr) if attr else obj


def _argv(command) -> list[str]:
    if isinstance(command, list):
        return command
    return shlex.split(command)


def test_it_has_the_five_production_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_it_gives_every_service_a_health_check(compose):
    for name, service in compose["services"].items():
        assert "healthcheck" in service, name


def test_it_keeps_postgres_data_and_uploads_in_volumes(compose):
    assert "pgdata" in compose["volumes"] and "media" in compose["volumes"]
    assert any(v.startswith("pgdata:") for v in compose["services"]["postgres"]["volumes"])
    for name in ("web", "worker", "beat"):
        assert any(v.startswith("media:") for v in compose["services"][name]["volumes"]), name


def test_it_migrates_and_serves_the_wsgi_app_with_gunicorn(compose, db):
    command = compose["services"]["web"]["command"]
    assert "migrate --noinput" in command
    # Every management command the web service runs exists.
    commands = get_commands()
    for part in command.split("&&"):
        argv = shlex.split(part.replace('sh -c "', "").strip(' "'))
        if argv[:2] == ["python", "manage.py"]:
            assert argv[2] in commands, argv[2]
        if argv[0] == "gunicorn":
            assert callable(_import_target(argv[1]))


def test_it_points_worker_and_beat_at_the_celery_app(compose):
    from celery import Celery

    for name in ("worker", "beat"):
        argv = _argv(compose["services"][name]["command"])
        assert argv[0] == "celery"
        app = _import_target(argv[argv.index("-A") + 1]).celery_app
        assert isinstance(app, Celery)
    beat = _argv(compose["services"]["beat"]["command"])
    assert _import_target(beat[beat.index("--scheduler") + 1])


def test_it_checks_web_health_on_a_real_url(compose):
    test = compose["services"]["web"]["healthcheck"]["test"]
    url = next(part for part in test if "/halsa/" in part)
    assert "/halsa/" in url
    assert resolve("/halsa/").url_name == "halsa"


def test_it_builds_an_image_that_runs_gunicorn_on_the_wsgi_app():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "koping_sakerhet.wsgi:application" in dockerfile
    assert _import_target("koping_sakerhet.wsgi:application")


def test_it_publishes_the_app_only_on_the_loopback(compose):
    """Only the proxy on the host reaches the app; nothing else is published at all."""
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert name == "web" and str(port).startswith("127.0.0.1:"), (name, port)


def test_it_ships_an_env_example_that_trusts_only_the_proxy():
    from django.conf import settings

    rader = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#") and "=" in line
    )
    assert rader.get("TRUSTED_PROXY_COUNT") == "1"
    # TRUSTED_PROXIES is left at its default: the loopback and Docker's networks only.
    assert "TRUSTED_PROXIES" not in rader
    import ipaddress

    natverk = [ipaddress.ip_network(p) for p in settings.TRUSTED_PROXIES]
    assert all(n.is_private or n.is_loopback for n in natverk)
