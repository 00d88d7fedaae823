"""
The pages of the benchmark (bench/run) ask the database the same number of questions
whatever the number of rows behind them: a page is rendered with a small volume of data and
again with five times as much (seed_volume, the benchmark's own data, at a tiny scale), and
the query counts must not grow. A count that grows is an N+1 query: a list row, a panel or a
timeline line that asks for its own related object.

The incident detail page is measured on one incident whose timeline, åtgärder and history
grow between the two renders, so the rows the page itself lists grow too.
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.management.commands.seed_volume import Command as SeedVolume
from incidenter.models import Handelse, Incident
from policy.models import Roll, User
from risker.models import Atgard

SMALL = {"incidents": 20, "risks": 20}
LARGE = {"incidents": 100, "risks": 100}

# (name, role, path; None: the detail page of the incident under test)
PAGES = [
    ("start", Roll.SAKERHETSAVDELNING, "/"),
    ("incidentlista", Roll.SAKERHETSAVDELNING, "/incidenter/"),
    ("incidentlista_filtrerad", Roll.SAKERHETSAVDELNING, "/incidenter/?status=oppna"),
    ("incidentlista_sista_sidan", Roll.SAKERHETSAVDELNING, "/incidenter/?sortera=aldst&sida=999"),
    ("incidentdetalj", Roll.SAKERHETSAVDELNING, None),
    ("rapportera", Roll.MEDARBETARE, "/incidenter/rapportera/"),
    ("riskregister", Roll.SAKERHETSAVDELNING, "/risker/"),
    ("riskmatris_koncern", Roll.KOMMUNLEDNING, "/risker/matris/"),
    ("policy", Roll.MEDARBETARE, "/policy/"),
    ("vart_ansvar", Roll.NAMNDFORETRADARE, "/policy/ansvar/bun/"),
]


def _seed(volume):
    call_command(
        SeedVolume(), users=12, years=2, seed=7, allow_production=True, stdout=_Null(), **volume
    )


class _Null:
    def write(self, *args, **kwargs):
        pass


def _queries(client, path) -> int:
    client.get(path)  # caches that are filled once per process (permissions, ContentTypes)
    # The pages' own caches (the risk register, the panels, the filter's options) are
    # emptied: a page read from the cache asks nothing, and an N+1 would hide behind it.
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


def _grow_incident(incident: Incident, users: list[User], antal: int = 5) -> None:
    """More timeline, åtgärder and history lines on the incident under test, each by another
    person, so an N+1 on the person shows."""
    organ = incident.enhet.organ
    for n, user in enumerate(users[:antal]):
        Handelse.objects.create(
            incident=incident, typ=Handelse.Typ.KOMMENTAR, text=f"Kommentar {n}", anvandare=user
        )
        Atgard.objects.create(
            beskrivning=f"Åtgärd {n}",
            ansvarig=user,
            organ=organ,
            forfallodatum=timezone.localdate() + datetime.timedelta(days=n),
            incident=incident,
            skapad_av=user,
        )
        incident.rubrik = f"{incident.rubrik[:180]} ({n})"
        incident._history_user = user
        incident.save()


@pytest.mark.parametrize("name,role,path", PAGES, ids=[p[0] for p in PAGES])
def test_it_asks_no_more_queries_with_five_times_the_rows(name, role, path, people, client_as, db):
    _seed(SMALL)
    user = people[role]
    client = client_as(user)
    incident = None
    if path is None:
        incident = (
            Incident.objects.filter(konfidentialitet=Incident.Konfidentialitet.NORMAL)
            .order_by("pk")
            .first()
        )
        path = incident.get_absolute_url()
        # One line of each to begin with: the page asks for a list only when it has rows.
        _grow_incident(incident, [user], antal=1)
    small = _queries(client, path)

    _seed(LARGE)
    if incident is not None:
        _grow_incident(incident, list(User.objects.filter(username__startswith="vol-")))
    large = _queries(client, path)

    assert Incident.objects.count() >= LARGE["incidents"]
    assert large <= small, f"{name}: {small} frågor med lite data, {large} med fem gånger så mycket"


def test_it_saves_a_report_in_the_same_number_of_queries_at_any_volume(people, client_as, db):
    _seed(SMALL)
    user = people[Roll.MEDARBETARE]
    client = client_as(user)
    omrade_kategori = Incident.objects.filter(kategori__isnull=False).first().kategori

    def submit() -> int:
        data = {
            "personskada_eller_fara": "False",
            "rubrik": "Nätfiskemejl",
            "beskrivning": "Ett mejl bad om lösenord.",
            "intraffade": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "enhet": str(user.enhet_id),
            "kategori": str(omrade_kategori.pk),
        }
        with CaptureQueriesContext(connection) as ctx:
            response = client.post("/incidenter/rapportera/", data)
        assert response.status_code == 302, response.content[:500]
        return len(ctx.captured_queries)

    submit()
    small = submit()
    _seed(LARGE)
    large = submit()
    assert large <= small


def test_it_builds_the_annual_report_in_the_same_number_of_queries(people, db):
    from rapporter.arsrapport import context

    ar = timezone.localdate().year
    user = people[Roll.KOMMUNLEDNING]
    _seed(SMALL)
    context(user, ar)
    with CaptureQueriesContext(connection) as ctx:
        context(user, ar)
    small = len(ctx.captured_queries)
    _seed(LARGE)
    with CaptureQueriesContext(connection) as ctx:
        context(user, ar)
    assert len(ctx.captured_queries) <= small
