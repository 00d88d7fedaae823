"""
Ordering the annual report: the list page, "Skapa PDF", the task (in-process here), the
status page, the stored file with who/when/checksum, the download, and what happens when
the broker is down.
"""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfReader

from koping_sakerhet.celery import app
from rapporter import services, tasks
from rapporter.models import Arsrapport

AR = timezone.localdate().year


@pytest.fixture
def eager(settings, tmp_path):
    """Tasks run in the process (as without Redis), files in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    tidigare = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = tidigare


@pytest.fixture
def snabb_pdf(monkeypatch):
    """A stand-in for the rendering where the test is about the flow, not the PDF."""

    def falsk(*, anvandare, ar):
        return b"%PDF-1.7 test " + str(ar).encode(), {"med_skyddade": anvandare.ar_sakerhetschef}

    monkeypatch.setattr(services, "arsrapport_pdf", falsk)


@pytest.mark.parametrize("roll", ["medarbetare", "chef", "namndforetradare", "extern", "sysadmin"])
def test_it_forbids_the_list_to_others(request, client_as, roll):
    user = request.getfixturevalue(roll)
    assert client_as(user).get("/rapporter/").status_code == 403
    assert client_as(user).post("/rapporter/arsrapport/skapa/", {"ar": AR}).status_code == 403
    assert Arsrapport.objects.count() == 0


@pytest.mark.parametrize("roll", ["kommunledning", "sakerhetsavdelning", "sakerhetschef"])
def test_it_shows_the_list_with_the_create_button(request, client_as, roll):
    svar = client_as(request.getfixturevalue(roll)).get("/rapporter/")
    assert svar.status_code == 200
    assert "Skapa PDF" in svar.content.decode()


def test_it_makes_stores_and_serves_the_pdf(
    grunddata, client_as, eager, django_capture_on_commit_callbacks
):
    from policy.models import User

    ks = User.objects.get(username="ks")
    klient = client_as(ks)
    with django_capture_on_commit_callbacks(execute=True):
        svar = klient.post("/rapporter/arsrapport/skapa/", {"ar": AR})
    rapport = Arsrapport.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/rapporter/arsrapport/{rapport.pk}/"
    assert rapport.status == Arsrapport.Status.KLAR
    assert rapport.skapad_av == ks and rapport.klar

    sida = klient.get(svar["Location"]).content.decode()
    assert "PDF:en är klar." in sida and rapport.sha256 in sida

    fil = klient.get(f"/rapporter/arsrapport/{rapport.pk}/pdf/")
    assert fil.status_code == 200
    assert fil["Content-Type"] == "application/pdf"
    assert fil["Content-Disposition"].startswith("attachment;")
    data = b"".join(fil.streaming_content)
    assert hashlib.sha256(data).hexdigest() == rapport.sha256
    assert len(data) == rapport.storlek
    assert "Årlig uppföljning" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # The file has no public URL and lies under MEDIA_ROOT/rapporter.
    with pytest.raises(ValueError):
        _ = rapport.fil.url
    assert "/rapporter/arsrapporter/" in rapport.fil.path

    # The person who ordered it is told, when the reminders app is there.
    try:
        from paminnelser.models import Notis
    except ImportError:
        return
    notis = Notis.objects.get(mottagare=ks, nyckel=f"arsrapport:{rapport.pk}")
    assert notis.lank == f"/rapporter/arsrapport/{rapport.pk}/"

    # The list shows the version with who made it and its checksum.
    lista = klient.get("/rapporter/").content.decode()
    assert rapport.sha256 in lista and str(ks) in lista


def test_it_keeps_the_order_when_the_broker_is_down(
    kommunledning, client_as, eager, snabb_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    class Nere:
        def delay(self, *args, **kwargs):
            raise OSError("broker nere")

    riktig = tasks.arsrapport_build
    monkeypatch.setattr(tasks, "arsrapport_build", Nere())
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_as(kommunledning).post("/rapporter/arsrapport/skapa/", {"ar": AR})
    assert svar.status_code == 302
    rapport = Arsrapport.objects.get()
    assert rapport.status == Arsrapport.Status.BESTALLD
    sida = client_as(kommunledning).get(svar["Location"]).content.decode()
    assert "Beställd. Väntar på att skapas." in sida and "Steg 1 av 3" in sida

    # The sweep leaves a fresh order alone, and sends one that has waited.
    monkeypatch.setattr(tasks, "arsrapport_build", riktig)
    assert tasks.arsrapport_pending() == 0
    Arsrapport.objects.filter(pk=rapport.pk).update(
        skapad=timezone.now() - tasks.BESTALLD_EFTER * 2
    )
    assert tasks.arsrapport_pending() == 1
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.KLAR and rapport.sha256


def test_it_does_nothing_when_a_task_runs_twice(kommunledning, eager, snabb_pdf):
    rapport = Arsrapport.objects.create(ar=AR, skapad_av=kommunledning)
    assert services.arsrapport_build(rapport_id=rapport.pk) is not None
    assert services.arsrapport_build(rapport_id=rapport.pk) is None
    rapport.refresh_from_db()
    assert rapport.forsok == 1


def test_it_hides_a_report_with_skyddade_incidents_from_others(
    sakerhetschef, kommunledning, sakerhetsavdelning, client_as, eager, snabb_pdf
):
    rapport = services.arsrapport_order(anvandare=sakerhetschef, ar=AR)
    services.arsrapport_build(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.med_skyddade
    for user in (kommunledning, sakerhetsavdelning):
        klient = client_as(user)
        assert klient.get(f"/rapporter/arsrapport/{rapport.pk}/pdf/").status_code == 404
        assert klient.get(f"/rapporter/arsrapport/{rapport.pk}/").status_code == 404
        assert (
            f"/rapporter/arsrapport/{rapport.pk}/" not in klient.get("/rapporter/").content.decode()
        )
    assert (
        client_as(sakerhetschef).get(f"/rapporter/arsrapport/{rapport.pk}/pdf/").status_code == 200
    )


def test_it_shares_a_report_without_skyddade_incidents(
    kommunledning, sakerhetsavdelning, client_as, eager, snabb_pdf
):
    rapport = services.arsrapport_order(anvandare=kommunledning, ar=AR)
    services.arsrapport_build(rapport_id=rapport.pk)
    svar = client_as(sakerhetsavdelning).get(f"/rapporter/arsrapport/{rapport.pk}/pdf/")
    assert svar.status_code == 200


@pytest.mark.parametrize("ar", ["", "abc", "1999", str(AR + 1)])
def test_it_refuses_a_bad_year_with_a_message(kommunledning, client_as, ar):
    svar = client_as(kommunledning).post("/rapporter/arsrapport/skapa/", {"ar": ar}, follow=True)
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "Ange ett år med fyra siffror." in text or "Året måste vara mellan" in text
    assert Arsrapport.objects.count() == 0


def test_it_previews_the_report_in_the_browser(grunddata, client_as):
    from policy.models import User

    klient = client_as(User.objects.get(username="sakerhet"))
    svar = klient.get(f"/rapporter/arsrapport/forhandsvisning/{AR}/")
    assert svar.status_code == 200
    text = svar.content.decode()
    assert f"Årlig uppföljning av säkerhetsarbetet {AR}" in text
    assert "10. Personsäkerhet" in text and "<svg" in text
    assert 'style="' not in text  # The strict CSP: no inline styles.
    assert klient.get("/rapporter/arsrapport/forhandsvisning/1800/").status_code == 400


def test_it_forbids_the_preview_to_others(namndforetradare, client_as):
    assert (
        client_as(namndforetradare).get(f"/rapporter/arsrapport/forhandsvisning/{AR}/").status_code
        == 403
    )


def test_it_refuses_an_unknown_user_in_the_command(db, tmp_path):
    with pytest.raises(CommandError, match="Ingen aktiv användare"):
        call_command(
            "arsrapport", str(AR), "--out", str(tmp_path / "x.pdf"), "--anvandare", "nobody"
        )
    with pytest.raises(CommandError, match="Året måste vara"):
        call_command("arsrapport", "1800", "--out", str(tmp_path / "x.pdf"))


def test_it_tells_the_status_page_where_the_order_stands(
    kommunledning, client_as, eager, snabb_pdf
):
    rapport = Arsrapport.objects.create(ar=AR, skapad_av=kommunledning)
    klient = client_as(kommunledning)
    url = f"/rapporter/arsrapport/{rapport.pk}/lage/"
    lage = klient.get(url).json()
    assert (lage["status"], lage["steg"], lage["pagar"], lage["klar"]) == (
        "bestalld",
        1,
        True,
        False,
    )
    sida = klient.get(f"/rapporter/arsrapport/{rapport.pk}/").content.decode()
    # The script from static/ follows the order; no inline script under the CSP.
    assert 'src="/static/js/arsrapport-status.js"' in sida and "<script>" not in sida
    assert f'data-url="{url}"' in sida and "data-pagar" in sida

    services.arsrapport_build(rapport_id=rapport.pk)
    lage = klient.get(url).json()
    assert (
        lage["klar"]
        and not lage["pagar"]
        and lage["pdf"] == f"/rapporter/arsrapport/{rapport.pk}/pdf/"
    )
    assert "data-pagar" not in klient.get(f"/rapporter/arsrapport/{rapport.pk}/").content.decode()


def test_it_shows_a_failed_pdf_with_forsok_igen(
    kommunledning, client_as, eager, monkeypatch, django_capture_on_commit_callbacks
):
    def trasig(*, anvandare, ar):
        raise RuntimeError("WeasyPrint föll")

    monkeypatch.setattr(services, "arsrapport_pdf", trasig)
    rapport = Arsrapport.objects.create(ar=AR, skapad_av=kommunledning)
    with pytest.raises(RuntimeError):
        services.arsrapport_build(rapport_id=rapport.pk)
    klient = client_as(kommunledning)
    assert klient.get(f"/rapporter/arsrapport/{rapport.pk}/lage/").json()["misslyckad"]
    sida = klient.get(f"/rapporter/arsrapport/{rapport.pk}/").content.decode()
    assert "PDF:en kunde inte skapas." in sida and "Försök igen" in sida

    monkeypatch.setattr(
        services,
        "arsrapport_pdf",
        lambda *, anvandare, ar: (b"%PDF-1.7 igen", {"med_skyddade": False}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        svar = klient.post(f"/rapporter/arsrapport/{rapport.pk}/forsok-igen/")
    assert svar.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == Arsrapport.Status.KLAR and Arsrapport.objects.count() == 1
    # Others' reports are not theirs to retry.
    assert client_as(kommunledning).get("/rapporter/arsrapport/999999/lage/").status_code == 404
