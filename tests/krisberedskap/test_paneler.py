import datetime

from django.utils import timezone

from krisberedskap import selectors, services
from krisberedskap.models import Perioddokument, Samverkansaktivitet
from policy.models import Omrade


def test_it_shows_ks_the_periods_state_on_the_start_page(
    kommunledning, sakerhetsavdelning, aktivering_factory, client_as, organisation
):
    idag = timezone.localdate()
    period = services.mandatperiod_create(user=sakerhetsavdelning, valar=idag.year - 1)
    dok = period.dokument.get(typ=Perioddokument.Typ.PLAN)
    services.perioddokument_update(
        user=sakerhetsavdelning,
        dokument=dok,
        status="faststalld",
        beslutande_organ=dok.beslutande_organ,
        beslutsdatum=idag,
    )
    over = aktivering_factory(titel="Skyfall i centrum")
    over.avslutad = timezone.now()
    over.save()
    sida = client_as(kommunledning).get("/").content.decode()
    assert f"Mandatperioden {period}" in sida
    assert "1 av 5 dokument fastställda" in sida
    assert f"hos Länsstyrelsen {period.rsa_frist.day} okt {period.rsa_frist.year}" in sida
    assert "0 öppna åtgärder" in sida
    assert "Skyfall i centrum" in sida  # a past activation of the year


def test_it_shows_the_panel_on_the_area_page_of_krisberedskap_only(
    kommunledning, period, client_as
):
    client = client_as(kommunledning)
    forsta = Omrade.objects.get(nummer=1)
    andra = Omrade.objects.get(nummer=2)
    assert "panel-krisberedskap" in client.get(f"/policy/omraden/{forsta.slug}/").content.decode()
    assert (
        "panel-krisberedskap" not in client.get(f"/policy/omraden/{andra.slug}/").content.decode()
    )


def test_it_shows_a_medarbetare_nothing_but_their_running_activation(
    medarbetare, aktivering, sakerhetschef, client_as, period
):
    client = client_as(medarbetare)
    assert "start-krisberedskap" not in client.get("/").content.decode()
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=aktivering, deltagare=medarbetare, roll="ledamot"
    )
    sida = client.get("/").content.decode()
    assert "Krisledningsnämnden är aktiverad" in sida and aktivering.titel in sida
    assert "Mandatperioden" not in sida


def test_it_counts_the_samverkan_activities_of_a_year(db):
    for datum in (datetime.date(2026, 2, 1), datetime.date(2026, 11, 3), datetime.date(2025, 5, 5)):
        Samverkansaktivitet.objects.create(titel="Övning", typ="ovning", datum=datum)
    assert selectors.samverkansaktiviteter_under(2026) == 2
    assert selectors.samverkansaktiviteter_under(2024) == 0
