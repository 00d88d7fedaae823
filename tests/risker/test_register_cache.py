"""The register and the matrix are kept rendered in the cache (risker.register.cachad):
what one person sees must never reach another who may not see it, and a change must show
on the next load."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.management.commands.seed_volume import Command as SeedVolume
from policy.models import Organ
from risker import services
from risker.models import Riskanalys

from .factories import bedomning


def _matris(html: str) -> str:
    return re.search(r'<table class="riskmatris">.*?</table>', html, re.S).group(0)


def test_it_does_not_show_a_bodys_draft_to_another_body_that_loads_the_same_page_after(
    bun_analys, namndforetradare, annan_namndforetradare, client_as
):
    for url in ("/risker/", "/risker/?status=alla", "/risker/matris/"):
        egen = client_as(namndforetradare).get(url).content.decode()
        annan = client_as(annan_namndforetradare).get(url).content.decode()
        if url == "/risker/matris/":
            assert "<strong>" in egen and "<strong>" not in annan
        else:
            assert "Risk 1" in egen and "Risk 1" not in annan


def test_it_shows_the_draft_to_sakerhetsavdelningen_only_once_it_is_submitted(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as
):
    c = client_as(sakerhetsavdelning)
    assert "Risk 1" not in c.get("/risker/").content.decode()
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert "Risk 1" in c.get("/risker/").content.decode()


def test_it_shows_a_change_on_the_next_load(bun_analys, namndforetradare, client_as):
    c = client_as(namndforetradare)
    assert "Risk 1" in c.get("/risker/").content.decode()
    matris_fore = _matris(c.get("/risker/matris/").content.decode())
    risk = bun_analys.risker.get(titel="Risk 1")
    services.risk_update(user=namndforetradare, risk=risk, titel="Brand i arkivet", sannolikhet=1)
    lista = c.get("/risker/").content.decode()
    assert "Brand i arkivet" in lista and "Risk 1" not in lista
    assert _matris(c.get("/risker/matris/").content.decode()) != matris_fore


def test_it_shows_a_renamed_body_on_the_next_load(bun_analys, namndforetradare, client_as):
    """Also a change made outside the services, as in the admin."""
    c = client_as(namndforetradare)
    c.get("/risker/")
    organ = Organ.objects.get(pk=bun_analys.organ_id)
    organ.kortnamn = "Nytt kortnamn"
    organ.save()
    assert "Nytt kortnamn" in c.get("/risker/").content.decode()


def test_it_keeps_each_language_apart(bun_analys, namndforetradare, client_as):
    c = client_as(namndforetradare)
    assert "<h1>Riskregister</h1>" in c.get("/risker/").content.decode()
    engelska = c.get("/risker/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Riskregister</h1>" not in engelska


def test_it_keeps_each_filter_and_page_apart(skapa_analys, namndforetradare, client_as):
    skapa_analys(namndforetradare, risker=[bedomning(5, lh=5)] + [bedomning(1) for _ in range(29)])
    c = client_as(namndforetradare)
    forsta = c.get("/risker/").content.decode()
    andra = c.get("/risker/?sida=2").content.decode()
    assert "Sida 1 av 2" in forsta and "Sida 2 av 2" in andra
    assert c.get("/risker/?niva=4").context["sida"].paginator.count == 1


def test_it_does_not_ask_for_the_risks_again_until_something_changes(
    bun_analys, namndforetradare, client_as
):
    c = client_as(namndforetradare)
    c.get("/risker/")
    with CaptureQueriesContext(connection) as ctx:
        html = c.get("/risker/").content.decode()
    assert "Risk 1" in html
    assert not [q for q in ctx.captured_queries if "risker_risk" in q["sql"]]
    Riskanalys.objects.get(pk=bun_analys.pk).save()
    with CaptureQueriesContext(connection) as ctx:
        c.get("/risker/")
    assert [q for q in ctx.captured_queries if "risker_risk" in q["sql"]]


def test_it_renders_anew_after_the_write_commits(
    bun_analys, namndforetradare, client_as, django_capture_on_commit_callbacks
):
    """A page another worker rendered while the write's transaction was still open showed
    the data before it; the commit must make that rendering stale too."""
    c = client_as(namndforetradare)
    with django_capture_on_commit_callbacks() as efter_commit:
        services.risk_update(
            user=namndforetradare, risk=bun_analys.risker.get(titel="Risk 1"), titel="Ny titel"
        )
    c.get("/risker/")  # rendered and kept before the commit
    for callback in efter_commit:
        callback()
    with CaptureQueriesContext(connection) as ctx:
        c.get("/risker/")
    assert [q for q in ctx.captured_queries if "risker_risk" in q["sql"]]


def test_it_shows_risks_loaded_in_bulk_by_seed_volume_on_the_next_load(
    sakerhetsavdelning, client_as
):
    """Bulk inserts send no post_save; seed_volume says so itself."""
    from django.core.management import call_command

    def seed(risks):
        call_command(
            SeedVolume(),
            incidents=5,
            risks=risks,
            users=5,
            years=1,
            seed=3,
            allow_production=True,
            stdout=open("/dev/null", "w"),
        )

    c = client_as(sakerhetsavdelning)
    seed(30)
    fore = c.get("/risker/").context["sida"].paginator.count
    seed(60)
    assert c.get("/risker/").context["sida"].paginator.count > fore


def test_the_body_panel_shares_risks_only_between_those_who_see_the_same(
    bun_analys, namndforetradare, annan_namndforetradare, sakerhetsavdelning
):
    from risker import panels

    bun = Organ.objects.get(slug="bun")
    assert [r.titel for r in panels.organ_panel(namndforetradare, bun)["risker"]] == [
        "Risk 1",
        "Risk 2",
    ]
    # The draft is BUN's own: neither another nämnd nor Säkerhetsavdelningen sees it.
    assert panels.organ_panel(annan_namndforetradare, bun)["risker"] == []
    assert panels.organ_panel(sakerhetsavdelning, bun)["risker"] == []
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert len(panels.organ_panel(sakerhetsavdelning, bun)["risker"]) == 2


def test_the_body_panel_shows_each_person_the_overdue_atgarder_they_answer_for(
    bun_analys, namndforetradare, sakerhetsavdelning, sakerhetschef
):
    """Säkerhetsavdelningen and the säkerhetschef see the same analyses (one shared part of
    the panel), but an åtgärd on a draft is seen only by the one who answers for it."""
    import datetime

    from django.utils import timezone

    from risker import panels
    from risker.selectors import synlighet

    assert synlighet(sakerhetsavdelning) == synlighet(sakerhetschef)
    bun = Organ.objects.get(slug="bun")
    services.atgard_create(
        user=namndforetradare,
        beskrivning="Byt lås",
        ansvarig=sakerhetschef,
        organ=bun,
        forfallodatum=timezone.localdate() - datetime.timedelta(days=3),
        risk=bun_analys.risker.get(titel="Risk 1"),
    )
    assert [a.beskrivning for a in panels.organ_panel(sakerhetschef, bun)["forsenade"]] == [
        "Byt lås"
    ]
    assert list(panels.organ_panel(sakerhetsavdelning, bun)["forsenade"]) == []
