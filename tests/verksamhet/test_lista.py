"""The activity list: filters, pagination, the Excel export with neutralised cells, and a
number of queries that does not grow with the rows."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from bench.management.commands.seed_aktiviteter import Command as SeedAktiviteter
from lib import versioner
from verksamhet.models import Aktivitet, Aktivitetstyp
from verksamhet.selectors import VERSION

from . import factories

D = datetime.date


def _manga(lok, ansvarig, antal):
    start = D(2026, 1, 5)
    typ = factories.rond()
    enhet = lok.enheter.first()
    Aktivitet.objects.bulk_create(
        Aktivitet(
            typ=typ,
            organ=enhet.organ,
            lokal=lok,
            enhet=enhet,
            ansvarig=ansvarig,
            datum=start + datetime.timedelta(days=i),
        )
        for i in range(antal)
    )


def test_it_filters_by_type_status_premises_and_period(chef, sakerhetsavdelning, client_as):
    skola = factories.lokal()
    kontor = factories.lokal(namn="Stadshuset", enhet=("ks", "Kansliet"), kategori="kontor")
    forsenad = factories.aktivitet(skola, chef, datum=D(2026, 3, 2))
    factories.aktivitet(
        skola,
        chef,
        datum=D(2026, 3, 3),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=D(2026, 3, 3),
    )
    elrevision = factories.aktivitet(
        kontor, chef, typ=Aktivitetstyp.objects.get(namn="Elrevision"), datum=D(2026, 4, 15)
    )
    client = client_as(sakerhetsavdelning)

    def rader(query):
        html = client.get(f"/verksamhet/?{query}").content.decode()
        return html.count('<th scope="row"><a href="/verksamhet/aktivitet/')

    assert rader("") == 3
    assert rader("status=forsenad") == 2
    assert rader(f"status=forsenad&lokal={skola.pk}") == 1
    assert rader("status=genomford") == 1
    assert rader(f"typ={elrevision.typ_id}") == 1
    assert rader("omrade=" + str(elrevision.typ.omraden.first().pk)) == 1
    assert rader("fran=2026-03-03&till=2026-03-31") == 1
    assert rader(f"organ={forsenad.organ_id}") == 2
    # A filter that is not a choice is ignored, not a crash.
    assert client.get("/verksamhet/?typ=abc&fran=igår").status_code == 200


def test_it_exports_the_filtered_list_with_neutralised_cells(chef, sakerhetsavdelning, client_as):
    lok = factories.lokal(namn='=HYPERLINK("http://x")')
    factories.aktivitet(lok, chef, datum=D(2026, 3, 2))
    resp = client_as(sakerhetsavdelning).get("/verksamhet/export/?status=forsenad")
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment")
    rader = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rader[0][0] == "Datum"
    assert rader[1][4] == '\'=HYPERLINK("http://x")'
    assert rader[1][7] == "Försenad"


def test_the_list_pages_and_asks_as_many_queries_for_many_rows_as_for_few(
    chef, sakerhetsavdelning, client_as
):
    lok = factories.lokal()
    _manga(lok, chef, 3)
    client = client_as(sakerhetsavdelning)
    client.get("/verksamhet/")  # the session and the caches

    def fragor():
        # Drawn anew each time (the rows are kept until the activities change, and
        # bulk_create moves no version on).
        versioner.ny_version(VERSION)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/verksamhet/").status_code == 200
        return len(ctx.captured_queries)

    fa = fragor()
    _manga(factories.lokal(namn="Karlbergsskolan", enhet=("bun", "Karlbergsskolan")), chef, 120)
    assert fragor() == fa
    html = client.get("/verksamhet/?sida=3").content.decode()
    assert "Sida 3 av 3" in html


def test_the_benchmarks_pages_ask_as_many_queries_at_five_times_the_activities(
    people, sakerhetsavdelning, namndforetradare, client_as
):
    """The benchmark's data (seed_aktiviteter) at a small scale and five times as much."""
    from django.core.management import call_command

    def seed(antal):
        call_command(
            SeedAktiviteter(), aktiviteter=antal, allow_production=True, stdout=io.StringIO()
        )

    def fragor(client, path):
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    sidor = [
        (client_as(sakerhetsavdelning), "/verksamhet/"),
        (client_as(namndforetradare), "/verksamhet/?status=forsenad"),
        (client_as(namndforetradare), "/policy/ansvar/bun/"),
    ]
    seed(60)
    fore = [fragor(c, p) for c, p in sidor]
    seed(300)
    assert Aktivitet.objects.count() == 300
    assert [fragor(c, p) for c, p in sidor] == fore


def test_it_shows_a_changed_activity_at_once_though_the_rows_are_kept(
    chef, sakerhetsavdelning, client_as
):
    lok = factories.lokal()
    a = factories.aktivitet(lok, chef, datum=D(2026, 3, 2))
    client = client_as(sakerhetsavdelning)
    assert "Försenad" in client.get("/verksamhet/").content.decode()
    a.status = Aktivitet.Status.GENOMFORD
    a.genomford_datum = D(2026, 3, 2)
    a.save()
    html = client.get("/verksamhet/").content.decode()
    assert "Försenad" not in html.split("<tbody>")[1]
    factories.aktivitet(
        factories.lokal(namn="Karlbergsskolan", enhet=("bun", "Karlbergsskolan")), chef
    )
    assert "Karlbergsskolan" in client.get("/verksamhet/").content.decode().split("<tbody>")[1]
