from datetime import datetime

import pytest
from django.utils import timezone

from incidenter import statistik
from incidenter.models import Incident
from incidenter.selectors import incidents_visible_to
from policy.models import Omrade

from .factories import grant, incident_factory, kategori, skyddad_incident

URL = "/incidenter/statistik/"


def dag(ar, manad, d=15, h=12):
    return datetime(ar, manad, d, h, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def incidenter(medarbetare, annan_medarbetare):
    """2026: two thefts (one prioritised, Jan and Mar), a phishing in Mar, one unclassified
    in another body in Dec; 2025: one theft in Mar. And one from 2024 that is never counted."""
    return {
        "stold_jan": incident_factory(
            rapportor=medarbetare,
            kategori=kategori("Stöld"),
            rapporterad=dag(2026, 1, 1, 0),
            personskada_eller_fara=True,
        ),
        "stold_mar": incident_factory(
            rapportor=medarbetare, kategori=kategori("Stöld"), rapporterad=dag(2026, 3)
        ),
        "natfiske": incident_factory(
            rapportor=medarbetare, kategori=kategori("Nätfiske"), rapporterad=dag(2026, 3)
        ),
        "oklassad": incident_factory(
            rapportor=annan_medarbetare,
            kategori=None,
            omrade=None,
            rapporterad=dag(2026, 12, 31, 23),
        ),
        "fjol": incident_factory(
            rapportor=medarbetare, kategori=kategori("Stöld"), rapporterad=dag(2025, 3)
        ),
        "gammal": incident_factory(
            rapportor=medarbetare, kategori=kategori("Stöld"), rapporterad=dag(2024, 3)
        ),
    }


def rad(rader, namn):
    return next(r for r in rader if r["namn"] == namn)


@pytest.mark.parametrize(
    "roll, status",
    [
        ("medarbetare", 403),
        ("extern", 403),
        ("sysadmin", 403),
        ("chef", 200),
        ("namndforetradare", 200),
        ("kommunledning", 200),
        ("sakerhetsavdelning", 200),
        ("sakerhetschef", 200),
    ],
)
def test_it_shows_statistics_only_to_those_allowed(roll, status, request, client_as):
    user = request.getfixturevalue(roll)
    assert client_as(user).get(URL).status_code == status


def test_it_counts_per_area_category_body_unit_and_month_beside_the_year_before(
    incidenter, sakerhetsavdelning
):
    qs = incidents_visible_to(sakerhetsavdelning)
    omraden = statistik.per_omrade(qs, 2026)
    assert len(omraden) == Omrade.objects.count() + 1  # every area, then "Ej klassat"
    assert rad(omraden, "Internt skydd") == {
        "id": kategori("Stöld").omrade_id,
        "namn": "Internt skydd",
        "antal": 2,
        "foregaende": 1,
    }
    assert rad(omraden, "IT-säkerhet")["antal"] == 1
    assert rad(omraden, "Ej klassat") == {
        "id": None,
        "namn": "Ej klassat",
        "antal": 1,
        "foregaende": 0,
    }
    assert rad(omraden, "Elsäkerhet")["antal"] == 0
    kategorier = statistik.per_kategori(qs, 2026)
    assert [(r["namn"], r["antal"], r["foregaende"]) for r in kategorier] == [
        ("Nätfiske", 1, 0),
        ("Stöld", 2, 1),
        ("Ej klassad", 1, 0),
    ]
    organ = {r["namn"]: (r["antal"], r["foregaende"]) for r in statistik.per_organ(qs, 2026)}
    assert organ == {"Barn- och utbildningsnämnden": (3, 1), "Socialnämnden": (1, 0)}
    enheter = statistik.per_enhet(qs, 2026)
    assert [(r["namn"], r["antal"]) for r in enheter] == [
        ("Ullvigymnasiet (BUN)", 3),
        ("Hemtjänsten Centrum (SN)", 1),
    ]
    manader = statistik.per_manad(qs, 2026)
    assert [r["antal"] for r in manader] == [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert [r["foregaende"] for r in manader] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert manader[0]["namn"] == "januari"
    assert statistik.totalt(qs, 2026) == {"antal": 4, "foregaende": 1}


def test_it_shows_the_page_with_accessible_tables(incidenter, sakerhetsavdelning, client_as):
    response = client_as(sakerhetsavdelning).get(URL, {"ar": "2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>Incidenter per säkerhetsområde, 2026 och 2025</caption>" in html
    assert '<th scope="col" class="num">2025</th>' in html
    assert '<th scope="row">Internt skydd</th>' in html
    assert "2026: 4 incidenter. 2025: 1 incidenter." in html


def test_it_links_every_number_to_a_list_with_exactly_those_incidents(
    incidenter, sakerhetsavdelning, client_as
):
    client = client_as(sakerhetsavdelning)
    response = client.get(URL, {"ar": "2026", "status": "oppna"})
    tabeller = [rader for _, _, rader in response.context["tabeller"]]
    tabeller.append(response.context["manader"])
    kontrollerade = 0
    for rader in tabeller:
        for r in rader:
            for lank, antal in ((r["lank"], r["antal"]), (r["lank_foregaende"], r["foregaende"])):
                assert "status=oppna" in lank
                lista = client.get(lank)
                assert lista.status_code == 200, lank
                assert lista.context["sida"].paginator.count == antal, lank
                kontrollerade += 1
    assert kontrollerade > 40


def test_it_applies_the_lists_filters(incidenter, sakerhetsavdelning, client_as):
    response = client_as(sakerhetsavdelning).get(URL, {"ar": "2026", "prioriterad": "on"})
    assert response.context["totalt"] == {"antal": 1, "foregaende": 0}
    response = client_as(sakerhetsavdelning).get(URL, {"ar": "2026", "q": "INC"})
    assert response.context["totalt"] == {"antal": 4, "foregaende": 1}


def test_it_counts_a_skyddad_incident_only_for_those_who_may_open_it(
    incidenter, sakerhetsavdelning, sakerhetschef, kommunledning, medarbetare, client_as
):
    skyddad = skyddad_incident(rapportor=medarbetare, rapporterad=dag(2026, 5))
    for user in (sakerhetsavdelning, kommunledning):
        response = client_as(user).get(URL, {"ar": "2026"})
        assert response.context["totalt"]["antal"] == 4
        assert response.context["manader"][4]["antal"] == 0
    assert client_as(sakerhetschef).get(URL, {"ar": "2026"}).context["totalt"]["antal"] == 5
    grant(kommunledning, skyddad)
    response = client_as(kommunledning).get(URL, {"ar": "2026"})
    assert response.context["manader"][4]["antal"] == 1
    lista = client_as(kommunledning).get(response.context["manader"][4]["lank"])
    assert [i["referens"] for i in lista.context["sida"]] == [skyddad.referens]


def test_it_shows_a_chef_only_their_units_numbers(incidenter, chef, client_as):
    response = client_as(chef).get(URL, {"ar": "2026"})
    assert response.context["totalt"] == {"antal": 3, "foregaende": 1}
    namn = [r["namn"] for r in response.context["tabeller"][2][2]]
    assert namn == ["Barn- och utbildningsnämnden"]


@pytest.mark.parametrize("ar", ["abc", "-1", "1999", "99999999999", "2026.5"])
def test_it_answers_a_bad_year_with_400(ar, sakerhetsavdelning, client_as):
    response = client_as(sakerhetsavdelning).get(URL, {"ar": ar})
    assert response.status_code == 400
    assert "Det finns fel i formuläret" in response.content.decode()


def test_it_counts_in_a_fixed_number_of_queries(
    sakerhetsavdelning, medarbetare, client_as, django_assert_max_num_queries
):
    for n in range(40):
        incident_factory(
            rapportor=medarbetare,
            kategori=kategori(["Stöld", "Nätfiske", "Brand", "Hot"][n % 4]),
            status=Incident.Status.MOTTAGEN,
        )
    client = client_as(sakerhetsavdelning)
    client.get(URL)
    with django_assert_max_num_queries(21):
        response = client.get(URL)
    assert response.context["totalt"]["antal"] == 40
