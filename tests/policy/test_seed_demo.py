"""The seed_demo command: demo data once, the logins printed, never in production by mistake."""

import io

import pytest
from django.core.management import CommandError, call_command

from policy.models import Enhet, Organ, PolicyVersion, Styrdokument, User


def _run(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _antal():
    return (
        Organ.objects.count(),
        Enhet.objects.count(),
        User.objects.count(),
        Styrdokument.objects.count(),
        PolicyVersion.objects.count(),
    )


def test_it_creates_the_demo_data_and_prints_a_login_per_role(db, settings):
    settings.DEBUG = True
    out = _run()
    assert User.objects.filter(username="sakerhet").exists()
    assert Styrdokument.objects.values("omrade").distinct().count() == 10
    assert "lösenord för alla: demo1234" in out
    for username in [
        "medarbetare",
        "chef",
        "namnd",
        "sakerhet",
        "sakerhetschef",
        "ks",
        "extern",
        "admin",
    ]:
        assert f" {username}\n" in out, username


def test_a_second_run_duplicates_nothing(db, settings):
    settings.DEBUG = True
    _run()
    fore = _antal()
    _run()
    assert _antal() == fore


def test_it_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG är av"):
        _run()
    assert not User.objects.exists()


def test_it_runs_in_production_only_when_told_to(db, settings):
    settings.DEBUG = False
    _run("--allow-production")
    assert User.objects.filter(username="admin").exists()


def test_it_skips_an_app_without_a_demo_module(db, settings, monkeypatch):
    from policy.management.commands import seed_demo

    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "APP_DEMOS", ["finns_inte.demo"])
    assert "Hoppar över finns_inte.demo" in _run()
