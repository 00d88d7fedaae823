"""
The annual follow-up's tables: every table of an area sums to the area's count (incidents
without a category are "Ej klassad"), the table of bodies has kommunstyrelsen and the bolag
and sums to the year's total, and the previous year's column is the statistics page's for
that year, or "uppgift saknas" where the portal has no data for it.
"""

import datetime

from django.utils import timezone

from incidenter.models import Incident
from lib import pdf
from policy.models import Enhet, Omrade, Organ, User
from rapporter import arsrapport

from .conftest import AR, skapa_incidenter


def _incident(omrade, *, kategori=None, ar=AR, n=1, enhet=None):
    nar = timezone.make_aware(datetime.datetime(ar, 5, 1 + n % 27, 10, 0))
    return Incident.objects.create(
        referens=f"INC-{ar}-{8000 + n}",
        ar=ar,
        lopnummer=8000 + n,
        rubrik=f"Oklassad {n}",
        intraffade=nar,
        upptackt=nar,
        rapporterad=nar,
        rapportor=User.objects.get(username="medarbetare"),
        enhet=enhet or Enhet.objects.filter(typ=Enhet.Typ.ENHET).order_by("pk").first(),
        omrade=omrade,
        kategori=kategori,
    )


def _omradet(ctx, nummer):
    return next(d for d in ctx["omraden"] if d["omrade"].nummer == nummer)


def test_it_counts_incidents_without_a_category_as_ej_klassad(grunddata):
    kris = Omrade.objects.get(nummer=1)
    kategori = kris.kategorier.order_by("pk").first()
    _incident(kris, kategori=kategori, n=1)
    _incident(kris, n=2)
    _incident(kris, n=3)
    ks = User.objects.get(username="ks")

    ctx = arsrapport.context(ks, AR)
    d = _omradet(ctx, 1)
    assert d["incidenter_ar"] == 3
    assert {r["namn"]: r["ar"] for r in d["kategorier"]} == {kategori.namn: 1, "Ej klassad": 2}
    assert d["kategorier_summa"]["ar"] == 3
    assert d["organ_summa"]["ar"] == 3
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    assert "Ej klassad" in html


def test_it_makes_every_area_table_sum_to_the_area_total(grunddata):
    skapa_incidenter(60)
    # A third of one area's incidents lose their category.
    fem = Omrade.objects.get(nummer=5)
    ids = list(Incident.objects.filter(omrade=fem).values_list("pk", flat=True))[::3]
    Incident.objects.filter(pk__in=ids).update(kategori=None)
    ctx = arsrapport.context(User.objects.get(username="ks"), AR)
    ej_klassad = [r for r in _omradet(ctx, 5)["kategorier"] if r["namn"] == "Ej klassad"]
    assert ej_klassad and ej_klassad[0]["ar"] + ej_klassad[0]["fg"] == len(ids)
    for d in ctx["omraden"]:
        for summa in (d["kategorier_summa"], d["organ_summa"]):
            assert summa == {"ar": d["incidenter_ar"], "fg": d["incidenter_fg"]}, d["omrade"]
    assert ctx["summa_ar"] == ctx["siffror"]["totalt"] == 60
    assert ctx["summa_fg"] == ctx["siffror"]["totalt_fg"] == 30


def test_it_lists_kommunstyrelsen_and_the_bolag_in_the_table_of_bodies(grunddata):
    skapa_incidenter(40)
    ks_enhet = Enhet.objects.filter(organ__typ=Organ.Typ.KS).order_by("pk").first()
    _incident(Omrade.objects.get(nummer=6), enhet=ks_enhet, n=5)
    ctx = arsrapport.context(User.objects.get(username="ks"), AR)
    namn = [d["organ"].namn for d in ctx["organdelar"]]
    assert namn[0] == "Kommunstyrelsen"
    assert "Köpingbostäder AB" in namn and "Köpings Hamn AB" in namn
    assert ctx["organdelar"][0]["incidenter_ar"] >= 1
    assert ctx["organsumma"]["incidenter_ar"] == ctx["siffror"]["totalt"] == 41
    assert ctx["organsumma"]["incidenter_fg"] == ctx["siffror"]["totalt_fg"] == 20


def test_it_shows_the_statistics_pages_figures_for_the_previous_year(grunddata, client_as):
    skapa_incidenter(90)
    ks = User.objects.get(username="ks")
    ctx = arsrapport.context(ks, AR)
    svar = client_as(ks).get("/incidenter/statistik/", {"ar": AR - 1})
    assert svar.status_code == 200
    tabeller = {kolumn: rader for _rubrik, kolumn, rader in svar.context["tabeller"]}
    sidan = {r["namn"]: r["antal"] for r in tabeller["Säkerhetsområde"]}
    rapporten = {r["namn"]: r["fg"] for r in ctx["omrade_rader"]}
    assert rapporten == sidan
    assert sum(sidan.values()) == ctx["summa_fg"] == 45 == svar.context["totalt"]["antal"]
    organ_sidan = {r["namn"]: r["antal"] for r in tabeller["Organ"]}
    organ_rapporten = {
        d["organ"].namn: d["incidenter_fg"] for d in ctx["organdelar"] if d["incidenter_fg"]
    }
    assert organ_rapporten == {k: v for k, v in organ_sidan.items() if v}
    manader = [r["antal"] for r in svar.context["manader"]]
    assert [m["fg"] for m in ctx["manader"]] == manader


def test_it_says_uppgift_saknas_for_a_year_without_data(grunddata):
    ks = User.objects.get(username="ks")
    _incident(Omrade.objects.get(nummer=4), n=1)
    ctx = arsrapport.context(ks, AR)
    assert ctx["fg_saknas"]
    assert ctx["siffror"]["totalt_fg"] is None and ctx["summa_fg"] is None
    assert all(d["incidenter_fg"] is None for d in ctx["omraden"])
    assert all(d["incidenter_fg"] is None for d in ctx["organdelar"])
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    assert "uppgift saknas" in html
    assert "(uppgift saknas för" in html

    # One incident reported the year before: the portal was in use, and 0 is a fact.
    _incident(Omrade.objects.get(nummer=4), ar=AR - 1, n=2)
    ctx = arsrapport.context(ks, AR)
    assert not ctx["fg_saknas"]
    assert ctx["siffror"]["totalt_fg"] == 1
    assert _omradet(ctx, 1)["incidenter_fg"] == 0
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    # An indicator without data for the year says so in the goals' chapter; the previous
    # year's columns everywhere else show the figures.
    fore_mal, mal_och_efter = html.split('<section id="mal"', 1)
    efter_mal = mal_och_efter.split('<section id="diagram"', 1)[1]
    assert "uppgift saknas" not in fore_mal + efter_mal
