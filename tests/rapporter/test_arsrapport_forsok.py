"""
The annual PDF when rendering fails or its worker dies: an attempt counts when it starts, a
bounded number of attempts, a stuck order is taken back only when its worker's heartbeat has
stopped (never just because the order is old), a late worker keeps no file, and the person
sees "Misslyckad" with "Försök igen".
"""

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from rapporter import services, tasks
from rapporter.models import Arsrapport

from .test_arsrapport_flode import AR, eager, snabb_pdf  # noqa: F401 - fixtures


class WorkerDog(BaseException):
    """What a killed worker looks like from the inside: nothing after it runs, not even
    `except Exception`."""


@pytest.fixture
def dodande_pdf(monkeypatch):
    def dor(*, anvandare, ar):
        raise WorkerDog

    monkeypatch.setattr(services, "arsrapport_pdf", dor)


def _tyst(rapport, minuter=5):
    """The worker of `rapport` has said nothing for `minuter` minutes."""
    Arsrapport.objects.filter(pk=rapport.pk).update(
        livstecken=timezone.now() - timedelta(minutes=minuter)
    )


@pytest.mark.usefixtures("eager")
def test_it_counts_an_attempt_whose_worker_dies_and_stops_after_three(
    kommunledning,
    client_as,
    dodande_pdf,
):
    rapport = Arsrapport.objects.create(
        ar=AR, skapad_av=kommunledning, skapad=timezone.now() - timedelta(hours=1)
    )
    for forsok in range(1, Arsrapport.MAX_FORSOK + 1):
        with pytest.raises(WorkerDog):
            services.arsrapport_build(rapport_id=rapport.pk)
        rapport.refresh_from_db()
        assert rapport.status == Arsrapport.Status.SKAPAS
        assert rapport.forsok == forsok
        # The sweep takes it back once the heartbeat has stopped; the last time for good.
        _tyst(rapport)
        if forsok < Arsrapport.MAX_FORSOK:
            assert services.arsrapporter_reset_stale() == 1
            rapport.refresh_from_db()
            assert rapport.status == Arsrapport.Status.BESTALLD
    # Used up: the sweep marks it failed and sends it no more.
    assert tasks.arsrapport_pending() == 0
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.MISSLYCKAD
    assert rapport.forsok == Arsrapport.MAX_FORSOK
    assert tasks.arsrapport_pending() == 0

    sida = client_as(kommunledning).get(f"/rapporter/arsrapport/{rapport.pk}/").content.decode()
    assert "PDF:en kunde inte skapas." in sida and "avbröts" in sida
    assert "Försök igen" in sida and "försöker igen automatiskt" not in sida
    assert "Försök igen" in client_as(kommunledning).get("/rapporter/").content.decode()


@pytest.mark.usefixtures("eager", "snabb_pdf")
def test_it_renders_again_when_the_person_presses_try_again(
    kommunledning,
    client_as,
    django_capture_on_commit_callbacks,
):
    rapport = Arsrapport.objects.create(
        ar=AR,
        skapad_av=kommunledning,
        status=Arsrapport.Status.MISSLYCKAD,
        forsok=Arsrapport.MAX_FORSOK,
        felmeddelande="PDF:en kunde inte skapas (MemoryError).",
    )
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_as(kommunledning).post(f"/rapporter/arsrapport/{rapport.pk}/forsok-igen/")
    assert svar.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.KLAR and rapport.forsok == 1
    assert rapport.sha256 and rapport.fil


@pytest.mark.usefixtures("eager", "snabb_pdf")
def test_it_leaves_a_slow_but_living_render_alone(kommunledning):
    # Ordered two hours ago, still rendering, its worker alive a moment ago.
    rapport = Arsrapport.objects.create(
        ar=AR,
        skapad_av=kommunledning,
        status=Arsrapport.Status.SKAPAS,
        forsok=1,
        skapad=timezone.now() - timedelta(hours=2),
        livstecken=timezone.now() - timedelta(seconds=10),
    )
    assert tasks.arsrapport_pending() == 0
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.SKAPAS and rapport.forsok == 1


@pytest.mark.usefixtures("eager")
def test_it_keeps_no_file_from_a_worker_that_was_taken_for_dead(
    kommunledning,
    settings,
    monkeypatch,
):
    rapport = Arsrapport.objects.create(
        ar=AR, skapad_av=kommunledning, skapad=timezone.now() - timedelta(hours=1)
    )
    renderingar = []

    def langsam(*, anvandare, ar):
        renderingar.append(len(renderingar) + 1)
        if len(renderingar) == 1:
            # The first worker stalls long enough to be taken for dead; the sweep gives the
            # report to a second worker, which finishes first.
            _tyst(rapport)
            assert tasks.arsrapport_pending() == 1
        return f"%PDF-1.7 rendering {len(renderingar)}".encode(), {"med_skyddade": False}

    monkeypatch.setattr(services, "arsrapport_pdf", langsam)
    assert services.arsrapport_build(rapport_id=rapport.pk) is None
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.KLAR and rapport.forsok == 2
    assert rapport.fil.read() == b"%PDF-1.7 rendering 2"
    filer = [p for p in (settings.MEDIA_ROOT / "rapporter").rglob("*") if p.is_file()]
    assert [p.name for p in filer] == [rapport.fil.name.rsplit("/", 1)[-1]]


def test_it_beats_while_the_block_runs_and_stops_after():
    slag = []
    klar = threading.Event()

    def slå():
        slag.append(1)
        if len(slag) >= 3:
            klar.set()

    with services._hjartslag(slå, 0.01):
        assert klar.wait(5)
    efter = len(slag)
    threading.Event().wait(0.05)
    assert len(slag) == efter
