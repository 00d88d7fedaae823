from datetime import timedelta

import pytest
from django.utils import timezone

from incidenter import queries
from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from incidenter.selectors import incidents_visible_to
from policy.models import Enhet, Omrade

from .factories import grant, incident_factory, kategori, skyddad_incident

URL = "/incidenter/"


def refs(response) -> set[str]:
    return {i["referens"] for i in response.context["sida"].object_list}


@pytest.fixture
def ullvi(medarbetare):
    return medarbetare.enhet


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
def test_it_opens_the_list_only_to_those_who_follow_up_incidents(roll, status, request, client_as):
    user = request.getfixturevalue(roll)
    assert client_as(user).get(URL).status_code == status


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_it_shows_a_chef_only_the_incidents_of_their_own_units(
    chef, medarbetare, annan_medarbetare, client_as
):
    egen = incident_factory(rapportor=medarbetare)
    annan = incident_factory(rapportor=annan_medarbetare)
    response = client_as(chef).get(URL)
    assert refs(response) == {egen.referens}
    assert annan.referens not in response.content.decode()


def test_it_hides_a_skyddad_incident_from_everyone_not_granted_it(
    sakerhetsavdelning, sakerhetschef, chef, kommunledning, medarbetare, client_as
):
    vanlig = incident_factory(rapportor=medarbetare, rubrik="Stöld av dator")
    skyddad = skyddad_incident(rapportor=medarbetare, rubrik="Stöld hot mot rektor")
    for user in (sakerhetsavdelning, chef, kommunledning):
        client = client_as(user)
        response = client.get(URL)
        assert refs(response) == {vanlig.referens}, user
        assert response.context["sida"].paginator.count == 1
        assert skyddad.referens not in response.content.decode()
        # Not found by search either, not even by its own reference number.
        assert refs(client.get(URL, {"q": "Stöld"})) == {vanlig.referens}
        assert refs(client.get(URL, {"q": skyddad.referens})) == set()
    assert refs(client_as(sakerhetschef).get(URL)) == {vanlig.referens, skyddad.referens}
    grant(sakerhetsavdelning, skyddad)
    response = client_as(sakerhetsavdelning).get(URL, {"q": "rektor"})
    assert refs(response) == {skyddad.referens}
    assert "Skyddad" in response.content.decode()


def test_it_flags_prioritised_incidents_in_words_and_lists_them_first(
    sakerhetsavdelning, medarbetare, client_as
):
    nu = timezone.now()
    aldre = incident_factory(
        rapportor=medarbetare, personskada_eller_fara=True, rapporterad=nu - timedelta(days=3)
    )
    nyare = incident_factory(rapportor=medarbetare, rapporterad=nu - timedelta(days=1))
    response = client_as(sakerhetsavdelning).get(URL)
    rader = [i["referens"] for i in response.context["sida"].object_list]
    assert rader == [aldre.referens, nyare.referens]
    html = response.content.decode()
    assert html.count("Prioriterad: liv och hälsa") == 1
    assert "<td>Rapporterad</td>" in html  # the status, as get_status_display shows it
    nyast = client_as(sakerhetsavdelning).get(URL, {"sortera": "nyast"}).context["sida"]
    assert nyast[0]["referens"] == nyare.referens


def test_it_filters_by_status_area_category_unit_body_and_priority(
    sakerhetsavdelning, medarbetare, annan_medarbetare, client_as
):
    stold = incident_factory(rapportor=medarbetare, kategori=kategori("Stöld"))
    natfiske = incident_factory(
        rapportor=medarbetare, kategori=kategori("Nätfiske"), status=Incident.Status.AVSLUTAD
    )
    oklassad = incident_factory(rapportor=annan_medarbetare, kategori=None, omrade=None)
    hot = incident_factory(
        rapportor=annan_medarbetare, kategori=kategori("Hot"), personskada_eller_fara=True
    )
    client = client_as(sakerhetsavdelning)
    it = Omrade.objects.get(pk=natfiske.omrade_id)
    assert refs(client.get(URL, {"status": "avslutad"})) == {natfiske.referens}
    assert refs(client.get(URL, {"status": "oppna"})) == {
        stold.referens,
        oklassad.referens,
        hot.referens,
    }
    assert refs(client.get(URL, {"omrade": it.pk})) == {natfiske.referens}
    assert refs(client.get(URL, {"omrade": "ingen"})) == {oklassad.referens}
    assert refs(client.get(URL, {"kategori": stold.kategori_id})) == {stold.referens}
    assert refs(client.get(URL, {"enhet": medarbetare.enhet_id})) == {
        stold.referens,
        natfiske.referens,
    }
    assert refs(client.get(URL, {"organ": annan_medarbetare.enhet.organ_id})) == {
        oklassad.referens,
        hot.referens,
    }
    assert refs(client.get(URL, {"prioriterad": "on"})) == {hot.referens}


def test_it_filters_by_the_reporting_period_in_local_days(
    sakerhetsavdelning, medarbetare, client_as
):
    tz = timezone.get_current_timezone()
    from datetime import datetime

    jan = incident_factory(
        rapportor=medarbetare, rapporterad=datetime(2026, 1, 31, 23, 30, tzinfo=tz)
    )
    feb = incident_factory(
        rapportor=medarbetare, rapporterad=datetime(2026, 2, 1, 0, 30, tzinfo=tz)
    )
    client = client_as(sakerhetsavdelning)
    assert refs(client.get(URL, {"fran": "2026-02-01"})) == {feb.referens}
    assert refs(client.get(URL, {"till": "2026-01-31"})) == {jan.referens}
    response = client.get(URL, {"fran": "2026-03-01", "till": "2026-01-01"})
    assert response.status_code == 400
    assert "Från-datumet är senare än till-datumet" in response.content.decode()


def test_it_finds_overdue_reporting_clocks(sakerhetsavdelning, medarbetare, client_as):
    nu = timezone.now()
    imy = Plikttyp.objects.get(kod="imy")
    forsenad = incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(hours=73))
    i_tid = incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(hours=10))
    utford = incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(days=5))
    for incident in (forsenad, i_tid, utford):
        Rapporteringsplikt.objects.create(
            incident=incident,
            typ=imy,
            mottagare=imy.mottagare,
            frist=imy.frist,
            frist_manader=imy.frist_manader,
            utford=nu - timedelta(days=4) if incident is utford else None,
        )
    # The cyber final report runs a month from when the notification was made.
    anmalan, slut = (
        Plikttyp.objects.get(kod="csirt-anmalan"),
        Plikttyp.objects.get(kod="csirt-slut"),
    )
    cyber = incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(days=40))
    Rapporteringsplikt.objects.create(
        incident=cyber,
        typ=anmalan,
        mottagare="CERT-SE",
        frist=anmalan.frist,
        frist_manader=anmalan.frist_manader,
        utford=nu - timedelta(days=31),
    )
    Rapporteringsplikt.objects.create(
        incident=cyber,
        typ=slut,
        mottagare="CERT-SE",
        frist=slut.frist,
        frist_manader=slut.frist_manader,
    )
    cyber_i_tid = incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(days=40))
    Rapporteringsplikt.objects.create(
        incident=cyber_i_tid,
        typ=anmalan,
        mottagare="CERT-SE",
        frist=anmalan.frist,
        frist_manader=anmalan.frist_manader,
        utford=nu - timedelta(days=3),
    )
    Rapporteringsplikt.objects.create(
        incident=cyber_i_tid,
        typ=slut,
        mottagare="CERT-SE",
        frist=slut.frist,
        frist_manader=slut.frist_manader,
    )
    client = client_as(sakerhetsavdelning)
    response = client.get(URL, {"forsenade": "on"})
    assert refs(response) == {forsenad.referens, cyber.referens}
    assert "Försenad rapportering till myndighet" in response.content.decode()
    # Unfiltered, the rows with an overdue clock say so and the others do not.
    rader = client.get(URL).content.decode().split("<tr")
    markerade = {
        r
        for r in (forsenad, i_tid, utford, cyber, cyber_i_tid)
        for rad in rader
        if r.referens in rad and "Försenad rapportering till myndighet" in rad
    }
    assert markerade == {forsenad, cyber}


def test_it_searches_the_event_but_never_the_people_involved(
    sakerhetsavdelning, medarbetare, client_as
):
    incident = incident_factory(
        rapportor=medarbetare,
        rubrik="Inbrott",
        beskrivning="Fönster krossat i matsalen",
        plats="Hus B",
        inblandade_personer="Anna Andersson",
        kontaktperson="Bertil Berg",
    )
    client = client_as(sakerhetsavdelning)
    for text in ("inbrott", "MATSALEN", "hus b", incident.referens.lower()):
        assert refs(client.get(URL, {"q": text})) == {incident.referens}, text
    for text in ("Andersson", "Bertil"):
        assert refs(client.get(URL, {"q": text})) == set(), text


@pytest.mark.parametrize("sida", ["-1", "0", "abc", "1e5", "", "99999999999999999999"])
def test_it_never_fails_on_a_bad_page_number(sida, sakerhetsavdelning, medarbetare, client_as):
    incident_factory(rapportor=medarbetare)
    response = client_as(sakerhetsavdelning).get(URL, {"sida": sida})
    assert response.status_code == 200
    assert response.context["sida"].number == 1


@pytest.mark.parametrize(
    "params",
    [
        {"status": "okänd"},
        {"omrade": "999999"},
        {"kategori": "'; DROP TABLE incidenter_incident; --"},
        {"fran": "2026-13-45"},
        {"q": "nolltecken\x00"},
        {"q": "x" * 500},
        {"sortera": "rubrik; DELETE"},
    ],
)
def test_it_answers_bad_filters_in_swedish_with_400(params, sakerhetsavdelning, client_as):
    response = client_as(sakerhetsavdelning).get(URL, params)
    assert response.status_code == 400
    assert "Det finns fel i formuläret" in response.content.decode()


def test_it_pages_fifty_at_a_time_with_the_filters_kept(sakerhetsavdelning, medarbetare, client_as):
    for _ in range(55):
        incident_factory(rapportor=medarbetare, status=Incident.Status.MOTTAGEN)
    client = client_as(sakerhetsavdelning)
    forsta = client.get(URL, {"status": "mottagen"})
    assert len(forsta.context["sida"].object_list) == 50
    assert "status=mottagen&amp;sida=2" in forsta.content.decode()
    andra = client.get(URL, {"status": "mottagen", "sida": "2"})
    assert len(andra.context["sida"].object_list) == 5
    assert client.get(URL, {"sida": "7"}).context["sida"].number == 2


@pytest.mark.parametrize("sortering", sorted(queries.SORTERINGAR))
def test_it_shows_every_incident_once_on_some_page_in_every_order(
    sortering, sakerhetsavdelning, medarbetare
):
    # Ties in every column an order starts with; pages in the latter half are read from
    # the other end (queries.sida), which only agrees when each order is total.
    nu = timezone.now()
    enheter = list(Enhet.objects.filter(typ=Enhet.Typ.ENHET)[:3])
    for n in range(13):
        incident_factory(
            rapportor=medarbetare,
            enhet=enheter[n % 3],
            kategori=None if n % 4 == 0 else kategori("Stöld"),
            rubrik=f"Händelse {n % 2}",
            status=[Incident.Status.MOTTAGEN, Incident.Status.AVSLUTAD][n % 2],
            personskada_eller_fara=n % 5 == 0,
            rapporterad=nu - timedelta(days=n % 3),
        )
    data = {"sortera": sortering}
    synliga = incidents_visible_to(sakerhetsavdelning)
    i_ordning = list(queries.sortera(synliga, data).values_list("referens", flat=True))

    sidor = [queries.sida(synliga, data, n, per_sida=3) for n in range(1, 6)]

    assert [rad["referens"] for s in sidor for rad in s.object_list] == i_ordning
    assert [len(s.object_list) for s in sidor] == [3, 3, 3, 3, 1]


@pytest.mark.parametrize("antal", [5, 60])
def test_it_reads_the_list_in_a_fixed_number_of_queries(
    antal,
    sakerhetsavdelning,
    medarbetare,
    annan_medarbetare,
    client_as,
    django_assert_max_num_queries,
):
    enheter = list(Enhet.objects.filter(typ=Enhet.Typ.ENHET)[:4])
    for n in range(antal):
        incident_factory(
            rapportor=medarbetare, enhet=enheter[n % 4], personskada_eller_fara=n % 3 == 0
        )
    client = client_as(sakerhetsavdelning)
    client.get(URL)  # session and permission caches are not what is measured
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["sida"].object_list) == min(antal, 50)


def test_it_offers_a_new_category_in_the_filter_within_a_minute(
    sakerhetsavdelning, client_as, medarbetare
):
    import time_machine

    from incidenter.models import Kategori

    omrade = Omrade.objects.order_by("nummer").first()
    with time_machine.travel("2026-11-24 09:00", tick=False) as traveller:
        client = client_as(sakerhetsavdelning)
        assert "Drönare över reningsverket" not in client.get(URL).content.decode()
        ny = Kategori.objects.create(omrade=omrade, namn="Drönare över reningsverket")
        incident_factory(rapportor=medarbetare, omrade=omrade, kategori=ny)
        traveller.shift(61)
        response = client.get(URL)
        assert f'<option value="{ny.pk}">Drönare över reningsverket</option>' in response.text
        # ... and choosing it filters the list.
        assert len(refs(client.get(URL, {"kategori": ny.pk}))) == 1


def test_it_sorts_by_a_column_heading_and_marks_the_order_for_screen_readers(
    sakerhetsavdelning, medarbetare, client_as
):
    import re

    nu = timezone.now()
    omrade = kategori("Stöld").omrade
    avslutad = incident_factory(
        rapportor=medarbetare, status=Incident.Status.AVSLUTAD, rapporterad=nu - timedelta(days=2)
    )
    ny = incident_factory(rapportor=medarbetare, rapporterad=nu - timedelta(days=1))
    client = client_as(sakerhetsavdelning)

    def rubriker(response) -> dict[str, tuple[str | None, str]]:
        """Column name -> (aria-sort, link) of each heading."""
        return {
            namn: (aria or None, href.replace("&amp;", "&"))
            for aria, href, namn in re.findall(
                r'<th scope="col"(?: aria-sort="(\w+)")?><a href="([^"]+)">([^<]+)<',
                response.content.decode(),
            )
        }

    # Filters are kept, the page number is not; no heading claims the default order.
    forsta = rubriker(client.get(URL, {"omrade": omrade.pk, "sida": 2}))
    assert forsta["Status"] == (None, f"?omrade={omrade.pk}&sortera=status")
    assert all(aria is None for aria, _ in forsta.values())

    response = client.get(URL + forsta["Status"][1])
    assert [i["referens"] for i in response.context["sida"]] == [ny.referens, avslutad.referens]
    assert rubriker(response)["Status"][0] == "ascending"

    # "Rapporterad" goes from newest first to oldest first and back.
    nyast = client.get(URL, {"sortera": "nyast"})
    assert rubriker(nyast)["Rapporterad"] == ("descending", "?sortera=aldst")
    aldst = client.get(URL + "?sortera=aldst")
    assert [i["referens"] for i in aldst.context["sida"]] == [avslutad.referens, ny.referens]
    assert rubriker(aldst)["Rapporterad"] == ("ascending", "?sortera=nyast")


def test_it_counts_at_once_what_is_reported_or_reclassified_and_skyddade_per_person(
    sakerhetsavdelning, kommunledning, medarbetare, client_as
):
    """The normal incidents' count is shared between those who see all of them and kept
    until an incident changes (queries.antal); what each person sees of the skyddade is
    their own."""
    from incidenter import services
    from tests.conftest import _person

    stold = kategori("Stöld")
    omrade = {"omrade": stold.omrade.pk}
    kollega = _person("kollega", "sakerhetsavdelning", sakerhetsavdelning.enhet)
    incident_factory(rapportor=medarbetare, kategori=stold)
    skyddad = skyddad_incident(rapportor=medarbetare, kategori=stold)
    grant(sakerhetsavdelning, skyddad)

    def antal(user, params=omrade) -> int:
        return client_as(user).get(URL, params).context["sida"].paginator.count

    assert (antal(sakerhetsavdelning), antal(kollega), antal(kommunledning)) == (2, 1, 1)
    ny = services.incident_create(
        user=medarbetare,
        rubrik="Cykel stulen",
        beskrivning="Vid entrén.",
        kategori=stold,
        enhet=medarbetare.enhet,
        intraffade=timezone.now() - timedelta(hours=1),
        plats="Ullvi",
    )
    assert (antal(sakerhetsavdelning), antal(kollega), antal(kommunledning)) == (3, 2, 2)
    services.incident_triage(user=sakerhetsavdelning, incident=ny, kategori=kategori("Brand"))
    assert (antal(sakerhetsavdelning), antal(kollega), antal(kommunledning)) == (2, 1, 1)
    assert antal(kollega, {"omrade": kategori("Brand").omrade.pk}) == 1


def test_it_counts_a_skyddad_incident_as_soon_as_it_is_granted_or_taken_back(
    sakerhetsavdelning, medarbetare, client_as
):
    from guardian.shortcuts import remove_perm

    skyddad = skyddad_incident(rapportor=medarbetare)
    client = client_as(sakerhetsavdelning)

    def lista():
        response = client.get(URL)
        return response.context["sida"].paginator.count, refs(response)

    assert lista() == (0, set())
    grant(sakerhetsavdelning, skyddad)
    assert lista() == (1, {skyddad.referens})
    remove_perm("incidenter.view_incident", sakerhetsavdelning, skyddad)
    assert lista() == (0, set())


def test_it_draws_the_filter_with_each_requests_own_choices_and_language(
    sakerhetsavdelning, kommunledning, client_as
):
    """The drawn filter form is kept for everyone with the same filters and language."""
    forsta, andra = Omrade.objects.order_by("nummer")[:2]
    client = client_as(sakerhetsavdelning)

    def vald(html: str) -> set[str]:
        import re

        start = html.index('class="filters"')
        filter_ = html[start : html.index("</form>", start)]
        return set(re.findall(r'<option value="([^"]+)" selected>', filter_))

    assert vald(client.get(URL, {"omrade": forsta.pk}).text) == {str(forsta.pk)}
    assert vald(client.get(URL, {"omrade": forsta.pk, "sida": 2}).text) == {str(forsta.pk)}
    assert vald(client_as(kommunledning).get(URL, {"omrade": andra.pk}).text) == {str(andra.pk)}
    assert vald(client.get(URL, {"omrade": forsta.pk, "status": "oppna"}).text) == {
        str(forsta.pk),
        "oppna",
    }
    assert vald(client.get(URL).text) == set()
    engelska = client.get(URL, {"omrade": forsta.pk}, HTTP_ACCEPT_LANGUAGE="en").text
    assert '<label for="id_status">Status</label>' in engelska
    assert "Säkerhetsområde</label>" not in engelska
    # A filter with errors is drawn with them, whatever was drawn before for the same text.
    fel = client.get(URL, {"omrade": forsta.pk, "fran": "2026-12-01", "till": "2026-11-01"})
    assert fel.status_code == 400
    assert "Från-datumet är senare än till-datumet." in fel.text


def test_it_takes_a_chosen_filter_from_the_options_and_a_brand_new_one_from_the_database(
    sakerhetsavdelning, medarbetare, client_as
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from incidenter.models import Kategori

    client = client_as(sakerhetsavdelning)
    stold = kategori("Stöld")
    incident_factory(rapportor=medarbetare, kategori=stold)

    def fragor(params) -> int:
        client.get(URL, params)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, params).status_code == 200
        return len(ctx.captured_queries)

    # Area, category, body and unit from the options the form shows: no lookup each.
    valda = {
        "omrade": stold.omrade.pk,
        "kategori": stold.pk,
        "organ": medarbetare.enhet.organ_id,
        "enhet": medarbetare.enhet_id,
    }
    assert fragor(valda) == fragor({"omrade": stold.omrade.pk})
    assert len(refs(client.get(URL, valda))) == 1
    # A category made after the options were read is found in the database at once.
    ny = Kategori.objects.create(omrade=stold.omrade, namn="Drönare")
    incident_factory(rapportor=medarbetare, kategori=ny)
    assert len(refs(client.get(URL, {"kategori": ny.pk}))) == 1
    assert client.get(URL, {"kategori": 999999}).status_code == 400
