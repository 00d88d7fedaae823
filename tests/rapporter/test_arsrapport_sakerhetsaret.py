"""The annual report shows the security year and the registers: the goals with their
indicators, each area's self-assessment answers and duties, every body's duties; for
Krisberedskap och civilt försvar the period's documents, the RSA, the year's activations
(a skyddad one only to those who may open it) and the RSA's open åtgärder; for every area
the year's plan of exercises, training and inspections, its anmärkningar and the training
coverage. The number of queries does not grow with the registers."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from krisberedskap import services as kris
from krisberedskap.models import Perioddokument
from lib import pdf
from policy.models import Enhet, Omrade, User
from rapporter import arsrapport
from risker.models import Atgard, Riskanalys
from tests.uppfoljning.factories import analys, atgard, risk
from tests.verksamhet.factories import aktivitet, lokal
from verksamhet.models import Aktivitet, Aktivitetstyp, Kontrollsvar, Utbildningsdeltagande

AR = 2026
IDAG = datetime.date(AR, 12, 2)
SKYDDAD_TITEL = "Hot mot vattenverket Kungsörn"


def _html(user) -> str:
    return pdf.render_html("rapporter/arsrapport.html", arsrapport.context(user, AR, idag=IDAG))


def _omrade(html: str, nummer: int) -> str:
    return html.split(f'id="omrade-{nummer}"', 1)[1].split('<section id="omrade-', 1)[0]


def _krisberedskap(sakerhetschef, sakerhetsavdelning) -> None:
    period = kris.mandatperiod_create(user=sakerhetsavdelning, valar=2022)
    dok = period.dokument.get(typ=Perioddokument.Typ.REGLEMENTE)
    kris.perioddokument_update(
        user=sakerhetsavdelning,
        dokument=dok,
        status=Perioddokument.Status.FASTSTALLD,
        beslutsdatum=datetime.date(2023, 3, 1),
        paragraf="§ 12",
    )
    rsa_analys = analys(
        sakerhetsavdelning,
        "ks",
        fran=datetime.date(2023, 1, 1),
        till=datetime.date(2026, 12, 31),
        typ=Riskanalys.Typ.RSA,
    )
    r = risk(rsa_analys, s=4, lh=4)
    a = atgard(r, sakerhetsavdelning)
    Atgard.objects.filter(pk=a.pk).update(beskrivning="Reservkraft till vattenverket")
    kris.rsa_set_risker(user=sakerhetsavdelning, rsa=period.rsa, risker=[r])
    for titel, skyddad, ar in (
        ("Långvarigt elavbrott i Köping", False, AR),
        (SKYDDAD_TITEL, True, AR),
        ("Storm förra året", False, AR - 1),
    ):
        kris.aktivering_create(
            user=sakerhetschef,
            titel=titel,
            beslutad_av="ordforande",
            beslutad_av_namn="Elin Ordförande",
            beslutad=timezone.make_aware(datetime.datetime(ar, 2, 3, 8)),
            skal="Extraordinär händelse.",
            skyddad=skyddad,
        )


def test_it_shows_the_goals_and_every_bodys_duties(sakerhetsavdelning, people):
    ctx = arsrapport.context(sakerhetsavdelning, AR, idag=IDAG)
    assert [m["ordning"] for m in ctx["mal"]["mal"]] == [1, 2, 3, 4]
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    mal = html.split('<section id="mal"', 1)[1].split("</section>\n\n", 1)[0]
    assert "Indikatorer för mål 1" in mal and "Ej bedömt" in mal
    assert "Skyldigheter: " in _omrade(html, 4)  # each area: its duties
    bun = next(d for d in ctx["organdelar"] if d["organ"].slug == "bun")
    organ = html.split('id="organ"', 1)[1]
    assert "Skyldigheter och egenbedömning per organ" in organ
    rad = organ.split("Skyldigheter och egenbedömning per organ", 1)[1]
    rad = rad.split(f'<th scope="row">{bun["organ"].namn}</th>', 1)[1].split("</tr>", 1)[0]
    assert f'<td class="tal">{bun["uppfoljning"]["klar"]}</td>' in rad
    assert bun["uppfoljning"]["totalt"] > 0


def test_area_one_shows_the_period_the_rsa_and_the_years_activations(
    sakerhetschef, sakerhetsavdelning, medarbetare
):
    _krisberedskap(sakerhetschef, sakerhetsavdelning)
    omrade = _omrade(_html(sakerhetschef), 1)
    assert "Mandatperiodens dokument, 2023–2026" in omrade
    assert "Krisledningsnämndens reglemente 2023–2026" in omrade and "§ 12" in omrade
    assert "1 av 5 dokument fastställda, 4 försenade" in omrade
    assert "Ska vara rapporterad till Länsstyrelsen senast 31 okt 2023" in omrade
    assert "Öppna åtgärder ur risk- och sårbarhetsanalysen: 1" in omrade
    assert "Reservkraft till vattenverket" in omrade
    assert "Långvarigt elavbrott i Köping" in omrade
    assert "Storm förra året" not in omrade  # another year
    assert SKYDDAD_TITEL in omrade  # the säkerhetschef may open it
    # Säkerhetsavdelningen keeps the period but may not open a skyddad activation.
    html = _html(sakerhetsavdelning)
    assert "Långvarigt elavbrott i Köping" in _omrade(html, 1)
    assert SKYDDAD_TITEL not in html
    # A reader without krisberedskap sees none of it; the other areas have no such part.
    html = _html(medarbetare)
    assert "Mandatperiodens dokument" not in html and "Långvarigt elavbrott" not in html
    assert "Mandatperiodens dokument" not in _omrade(_html(sakerhetschef), 4)


def _verksamhet(chef) -> None:
    lok = lokal()
    rond = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    gjord = aktivitet(
        lok,
        chef,
        typ=rond,
        datum=datetime.date(AR, 3, 2),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=datetime.date(AR, 3, 2),
    )
    for i, resultat in enumerate(("ok", "anmarkning", "anmarkning", "ej_kontrollerat")):
        Kontrollsvar.objects.create(
            aktivitet=gjord, ordning=i, punkt=f"Punkt {i}", resultat=resultat
        )
    aktivitet(lok, chef, typ=rond, datum=datetime.date(AR, 6, 1))  # overdue
    aktivitet(lok, chef, typ=rond, datum=datetime.date(AR, 12, 14))  # ahead
    aktivitet(lok, chef, typ=rond, datum=datetime.date(AR - 1, 9, 1))  # another year
    utbildning = Aktivitetstyp.objects.filter(
        slag=Aktivitetstyp.Slag.UTBILDNING, omraden__nummer=4
    ).first()
    kurs = aktivitet(
        lok,
        chef,
        typ=utbildning,
        datum=datetime.date(AR, 4, 1),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=datetime.date(AR, 4, 1),
    )
    Utbildningsdeltagande.objects.create(aktivitet=kurs, enhet=lok.enheter.first(), antal=1)
    aktivitet(  # an exercise of area 1, which also shows the body's exercise duty done
        lok,
        chef,
        typ=Aktivitetstyp.objects.get(namn="Krisledningsövning"),
        datum=datetime.date(AR, 10, 1),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=datetime.date(AR, 10, 1),
    )


def test_every_area_shows_its_plan_its_findings_and_training_coverage(
    chef, sakerhetsavdelning, annan_medarbetare, people
):
    _verksamhet(chef)
    ctx = arsrapport.context(sakerhetsavdelning, AR, idag=IDAG)
    brand = next(d for d in ctx["omraden"] if d["omrade"].nummer == 4)["verksamhet"]
    assert {k: brand[k] for k in ("totalt", "genomforda", "planerade", "forsenade")} == {
        "totalt": 4,
        "genomforda": 2,
        "planerade": 1,
        "forsenade": 1,
    }
    assert brand["anmarkningar"] == 2
    enhet = Enhet.objects.get(organ__slug="bun", namn="Ullvigymnasiet")
    personal = User.objects.filter(is_active=True, enhet__typ=Enhet.Typ.ENHET).count()
    assert User.objects.filter(is_active=True, enhet=enhet).exists()
    assert brand["tackning"]["utbildade"] == 1 and brand["tackning"]["personal"] == personal
    omrade = _omrade(pdf.render_html("rapporter/arsrapport.html", ctx), 4)
    assert "Årets plan 2026" in omrade and "Anmärkningar" in omrade
    assert "Utbildningstäckning:" in omrade
    # A medarbetare of another nämnd sees none of these activities.
    for d in arsrapport.context(annan_medarbetare, AR, idag=IDAG)["omraden"]:
        assert d["verksamhet"]["totalt"] == 0 and d["verksamhet"]["anmarkningar"] == 0


def _fragor(user) -> int:
    user = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as fragor:
        pdf.render_html("rapporter/arsrapport.html", arsrapport.context(user, AR, idag=IDAG))
    return len(fragor)


def test_the_registers_keep_the_reports_query_count_flat(
    chef, sakerhetschef, sakerhetsavdelning, people
):
    _krisberedskap(sakerhetschef, sakerhetsavdelning)
    _verksamhet(chef)
    for u in (sakerhetschef, sakerhetsavdelning):
        _fragor(u)
    fa = {u.pk: _fragor(u) for u in (sakerhetschef, sakerhetsavdelning)}
    _verksamhet_mer(chef)
    for i in range(5):
        kris.aktivering_create(
            user=sakerhetschef,
            titel=f"Aktivering {i}",
            beslutad_av="ordforande",
            beslutad_av_namn="Elin Ordförande",
            beslutad=timezone.make_aware(datetime.datetime(AR, 5, 1 + i, 8)),
            skal="Övning.",
            skyddad=bool(i % 2),
        )
    for u in (sakerhetschef, sakerhetsavdelning):
        assert _fragor(u) == fa[u.pk]


def _verksamhet_mer(chef) -> None:
    lok = lokal(namn="Karlbergsskolan")
    for omrade in Omrade.objects.all():
        for typ in Aktivitetstyp.objects.filter(omraden=omrade)[:2]:
            a = aktivitet(
                lok,
                chef,
                typ=typ,
                datum=datetime.date(AR, 5, 5),
                status=Aktivitet.Status.GENOMFORD,
                genomford_datum=datetime.date(AR, 5, 5),
            )
            Kontrollsvar.objects.create(aktivitet=a, ordning=1, punkt="P", resultat="anmarkning")
