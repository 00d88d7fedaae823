"""What the annual follow-up gets of the security year: the goals, the areas and the bodies
as dicts, drawn by plain tables with every column labelled."""

import datetime
import re

from django.template.loader import render_to_string
from django.utils import timezone

from policy.models import Mal, Omrade, Organ
from uppfoljning import rapport, services
from uppfoljning.models import Fraga, Malbedomning


def _oppna_och_svara(sakerhet, namnd):
    idag = timezone.localdate()
    arsrad = services.uppfoljningsar_open(
        user=sakerhet, ar=idag.year, sista_dag=idag + datetime.timedelta(days=10)
    )
    e = arsrad.egenbedomningar.get(organ__slug="bun")
    services.egenbedomning_answer(
        user=namnd,
        egenbedomning=e,
        svar={
            f.pk: {"svar": "nej" if f.omrade.nummer == 4 else "ja", "kommentar": "Pågår"}
            for f in Fraga.objects.select_related("omrade")
        },
    )
    services.egenbedomning_submit(user=namnd, egenbedomning=e)
    return idag.year


def test_it_gives_each_goal_its_indicators_and_assessment(sakerhetsavdelning):
    ar = timezone.localdate().year
    ctx = rapport.mal_context(sakerhetsavdelning, ar)
    assert [m["ordning"] for m in ctx["mal"]] == [1, 2, 3, 4]
    forsta = ctx["mal"][0]
    services.malbedomning_save(
        user=sakerhetsavdelning,
        mal=Mal.objects.get(pk=forsta["id"]),
        ar=ar,
        bedomning=Malbedomning.Bedomning.DELVIS,
        text="Två sena.",
    )
    forsta = rapport.mal_context(sakerhetsavdelning, ar)["mal"][0]
    assert forsta["bedomning"]["etikett"] == "Delvis uppfyllt"
    assert forsta["bedomning"]["text"] == "Två sena."
    alla = [i for m in ctx["mal"] for i in m["indikatorer"]]
    assert {"namn", "definition", "varde", "varde_text", "enhet", "kalla"} <= set(alla[0])
    assert not any(i["saknar_kalla"] for i in alla)


def test_it_gives_each_area_the_answers_and_its_duties(sakerhetsavdelning, namndforetradare):
    ar = _oppna_och_svara(sakerhetsavdelning, namndforetradare)
    ctx = rapport.omraden_context(sakerhetsavdelning, ar)
    brand = ctx[Omrade.objects.get(nummer=4).pk]
    assert brand["svar_summa"]["nej"] == Fraga.objects.filter(omrade__nummer=4).count()
    assert {s["organ"] for s in brand["svar"]} == {"Barn- och utbildningsnämnden"}
    titlar = {d["titel"] for d in brand["skyldigheter"]}
    assert "Egenkontroller av brandskyddet i alla lokaler" in titlar
    # One row per nämnd and bolag.
    assert sum(brand["skyldigheter_summa"].values()) == len(brand["skyldigheter"]) == 7


def test_it_gives_each_body_its_duties_and_self_assessment(sakerhetsavdelning, namndforetradare):
    ar = _oppna_och_svara(sakerhetsavdelning, namndforetradare)
    ctx = rapport.organ_context(sakerhetsavdelning, ar)
    bun, ks = Organ.objects.get(slug="bun"), Organ.objects.get(slug="ks")
    assert ctx[bun.pk]["egenbedomning"]["status_text"] == "Inlämnad"
    assert ctx[ks.pk]["egenbedomning"] is None
    d = ctx[bun.pk]
    assert d["klar"] + d["kommande"] + d["forsenad"] + d["saknar_kalla"] == d["totalt"] > 0
    assert len(d["forsenade"]) == d["forsenad"]


def test_it_draws_plain_tables_with_every_column_labelled(sakerhetsavdelning, namndforetradare):
    ar = _oppna_och_svara(sakerhetsavdelning, namndforetradare)
    html = render_to_string(
        "uppfoljning/_rapport_mal.html", {"mal_ctx": rapport.mal_context(sakerhetsavdelning, ar)}
    )
    omraden = rapport.omraden_context(sakerhetsavdelning, ar)
    for omrade_ctx in omraden.values():
        html += render_to_string("uppfoljning/_rapport_omrade.html", {"omrade_ctx": omrade_ctx})
    assert "<script" not in html and "style=" not in html
    for tabell in re.findall(r"<table>.*?</table>", html, re.S):
        assert "<caption" in tabell
        huvud = re.search(r"<thead>(.*?)</thead>", tabell, re.S).group(1)
        kolumner = re.findall(r'<th scope="col">([^<]+)</th>', huvud)
        assert kolumner and all(k.strip() for k in kolumner)
        for rad in re.findall(r"<tbody>(.*?)</tbody>", tabell, re.S):
            for tr in re.findall(r"<tr>(.*?)</tr>", rad, re.S):
                celler = len(re.findall(r"<t[hd][ >]", tr))
                assert celler == len(kolumner) or "colspan" in tr
    assert "Har egenkontroller av brandskyddet gjorts i alla lokaler?" in html
