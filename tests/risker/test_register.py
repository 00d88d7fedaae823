import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from risker import services
from risker.models import Riskanalys

from .factories import bedomning, godkann


def test_a_namnd_cannot_see_or_edit_another_namnds_draft(
    bun_analys, annan_namndforetradare, client_as, omrade
):
    c = client_as(annan_namndforetradare)
    assert c.get(f"/risker/analyser/{bun_analys.pk}/").status_code == 404
    risk = bun_analys.risker.first()
    assert c.get(f"/risker/risk/{risk.pk}/").status_code == 404
    assert c.get(f"/risker/risk/{risk.pk}/andra/").status_code == 404
    assert c.post(f"/risker/analyser/{bun_analys.pk}/lamna-in/").status_code == 404
    assert bun_analys.titel not in c.get("/risker/analyser/").content.decode()
    assert risk.titel not in c.get("/risker/?status=alla").content.decode()
    # Not through the services either.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.risk_update(user=annan_namndforetradare, risk=risk, sannolikhet=1)


def test_it_shows_the_own_draft_to_the_body_but_not_to_sakerhetsavdelningen_until_submitted(
    bun_analys, chef, medarbetare, sakerhetsavdelning, namndforetradare, client_as
):
    assert client_as(chef).get(f"/risker/analyser/{bun_analys.pk}/").status_code == 200
    assert client_as(medarbetare).get(f"/risker/analyser/{bun_analys.pk}/").status_code == 200
    assert (
        client_as(sakerhetsavdelning).get(f"/risker/analyser/{bun_analys.pk}/").status_code == 404
    )
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    assert (
        client_as(sakerhetsavdelning).get(f"/risker/analyser/{bun_analys.pk}/").status_code == 200
    )


def test_external_parties_see_nothing(bun_analys, extern, client_as):
    c = client_as(extern)
    assert c.get("/risker/").status_code == 403
    assert c.get(f"/risker/analyser/{bun_analys.pk}/").status_code == 403


def test_the_review_queue_is_for_sakerhetsavdelningen_oldest_first(
    skapa_analys, namndforetradare, sakerhetsavdelning, client_as
):
    gammal = skapa_analys(namndforetradare, titel="Äldre analys", risker=[bedomning()])
    ny = skapa_analys(namndforetradare, titel="Nyare analys", risker=[bedomning()])
    services.riskanalys_submit(user=namndforetradare, riskanalys=gammal)
    services.riskanalys_submit(user=namndforetradare, riskanalys=ny)
    assert client_as(namndforetradare).get("/risker/granskning/").status_code == 403
    page = client_as(sakerhetsavdelning).get("/risker/granskning/").content.decode()
    assert page.index("Äldre analys") < page.index("Nyare analys")


def _matris_antal(html: str) -> int:
    import re

    return sum(int(n) for n in re.findall(r"<strong>(\d+)</strong>", html))


def test_the_matrix_counts_match_the_list(bun_analys, client_as, namndforetradare, skapa_analys):
    skapa_analys(namndforetradare, titel="Andra", risker=[bedomning(4, lh=4), bedomning(1, f=5)])
    c = client_as(namndforetradare)
    matris = c.get("/risker/matris/").content.decode()
    assert '<th scope="row">' in matris
    lista = c.get("/risker/")
    assert _matris_antal(matris) == lista.context["sida"].paginator.count == 4
    # The cell 4×4 holds two risks, and its link shows exactly those two.
    assert "sannolikhet=4&amp;konsekvens=4" in matris
    cell = c.get("/risker/?sannolikhet=4&konsekvens=4")
    assert cell.context["sida"].paginator.count == 2
    # One analysis only.
    per_analys = c.get(f"/risker/matris/?analys={bun_analys.pk}").content.decode()
    assert _matris_antal(per_analys) == 2


def test_the_register_filters_by_level_and_overdue(bun_analys, client_as, namndforetradare):
    risk = bun_analys.risker.get(titel="Risk 2")
    services.atgard_create(
        user=namndforetradare,
        beskrivning="Byt lås",
        ansvarig=namndforetradare,
        organ=bun_analys.organ,
        forfallodatum=datetime.date(2020, 1, 1),
        risk=risk,
    )
    c = client_as(namndforetradare)
    rows = c.get("/risker/?forsenade=on").context["sida"].object_list
    assert [r.titel for r in rows] == ["Risk 2"]
    rows = c.get("/risker/?niva=4").context["sida"].object_list
    assert [r.titel for r in rows] == ["Risk 1"]
    assert c.get("/risker/?niva=9").status_code == 400


def test_an_export_opens_in_openpyxl_with_the_rows_the_user_sees(
    bun_analys, skapa_analys, annan_namndforetradare, namndforetradare, client_as
):
    skapa_analys(annan_namndforetradare, titel="SN:s analys", risker=[bedomning()])
    services.risk_update(
        user=namndforetradare, risk=bun_analys.risker.get(titel="Risk 2"), titel="=HYPERLINK(1)"
    )
    c = client_as(namndforetradare)
    resp = c.get("/risker/export/?format=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    sedda = [r.titel for r in c.get("/risker/").context["sida"].object_list]
    assert [r[0] for r in rows[1:]] == ["'" + t if t.startswith("=") else t for t in sedda]
    assert "'=HYPERLINK(1)" in [r[0] for r in rows]
    assert rows[0][0] == "Risk"
    csv = b"".join(c.get("/risker/export/?format=csv").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv and "SN:s analys" not in csv


@pytest.mark.parametrize(
    "url", ["/risker/", "/risker/analyser/", "/risker/matris/", "/risker/granskning/"]
)
def test_list_pages_do_not_grow_queries_with_rows(
    url, skapa_analys, namndforetradare, sakerhetschef, client_as
):
    def antal_fragor(n):
        a = skapa_analys(
            namndforetradare, titel=f"Analys {n}", risker=[bedomning(i % 5 + 1) for i in range(n)]
        )
        a.status = Riskanalys.Status.INLAMNAD
        a.save()
        c = client_as(sakerhetschef)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert antal_fragor(3) == antal_fragor(30)


def test_the_analysis_page_does_not_grow_queries_with_risks(
    skapa_analys, namndforetradare, client_as
):
    def antal_fragor(n):
        a = skapa_analys(namndforetradare, titel=f"A{n}", risker=[bedomning() for _ in range(n)])
        for r in a.risker.all():
            services.atgard_create(
                user=namndforetradare,
                beskrivning="x",
                ansvarig=namndforetradare,
                organ=a.organ,
                forfallodatum=datetime.date(2030, 1, 1),
                risk=r,
            )
        c = client_as(namndforetradare)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/risker/analyser/{a.pk}/").status_code == 200
        return len(ctx.captured_queries)

    assert antal_fragor(3) == antal_fragor(30)


def test_the_register_shows_one_current_version_of_each_risk(
    bun_analys, namndforetradare, sakerhetsavdelning, client_as
):
    services.riskanalys_submit(user=namndforetradare, riskanalys=bun_analys)
    godkann(bun_analys, sakerhetsavdelning, namndforetradare)
    ny = services.riskanalys_new_revision(user=namndforetradare, riskanalys=bun_analys)
    c = client_as(namndforetradare)

    def analyser():
        return {r.riskanalys_id for r in c.get("/risker/").context["sida"].object_list}

    # The revision in progress does not replace the approved version yet …
    assert analyser() == {bun_analys.pk}
    services.riskanalys_submit(user=namndforetradare, riskanalys=ny)
    godkann(ny, sakerhetsavdelning, namndforetradare)
    # … and once approved, the old version is history.
    assert analyser() == {ny.pk}
    assert c.get("/risker/?status=alla").context["sida"].paginator.count == 4
