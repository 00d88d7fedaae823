import datetime

from django.utils import timezone

from krisberedskap import selectors
from krisberedskap.models import Avtal, Partner
from paminnelser import reminders
from paminnelser.models import Notis


def test_it_registers_a_samverkan_activity_that_counts_for_the_year(
    sakerhetsavdelning, kommunledning, client_as
):
    lst = Partner.objects.create(namn="Länsstyrelsen Västmanland", typ="lansstyrelsen")
    svar = client_as(sakerhetsavdelning).post(
        "/krisberedskap/samverkan/ny-aktivitet/",
        {"titel": "Samverkanskonferens", "typ": "mote", "datum": "2026-03-04", "parter": [lst.pk]},
    )
    assert svar.status_code == 302
    assert selectors.samverkansaktiviteter_under(2026) == 1
    sida = client_as(kommunledning).get("/krisberedskap/samverkan/").content.decode()
    assert "Samverkanskonferens" in sida and "Länsstyrelsen Västmanland" in sida


def test_it_refuses_an_agreement_that_ends_before_it_starts(sakerhetsavdelning, client_as):
    part = Partner.objects.create(namn="Arboga kommun", typ="grannkommun")
    svar = client_as(sakerhetsavdelning).post(
        "/krisberedskap/samverkan/nytt-avtal/",
        {
            "partner": part.pk,
            "titel": "Avtal",
            "giltigt_fran": "2026-05-01",
            "giltigt_till": "2026-01-01",
        },
    )
    assert svar.status_code == 400
    assert "innan det börjar gälla" in svar.content.decode()


def test_it_reminds_once_before_an_agreement_expires(sakerhetsavdelning):
    part = Partner.objects.create(namn="Frivilliga Resursgruppen", typ="frivillig")
    Avtal.objects.create(
        partner=part,
        titel="FRG-avtal",
        giltigt_fran=datetime.date(2024, 1, 1),
        giltigt_till=timezone.localdate() + datetime.timedelta(days=20),
    )
    reminders.create_all()
    reminders.create_all()
    notis = Notis.objects.get(mottagare=sakerhetsavdelning, typ="krisberedskap_avtal")
    assert "FRG-avtal" in notis.rubrik


def test_it_reminds_of_the_rsa_deadline_until_it_is_sent(rsa, sakerhetsavdelning):
    from krisberedskap import services

    period = rsa.period
    period.rsa_frist = timezone.localdate() + datetime.timedelta(days=25)
    period.save()
    reminders.create_all()
    reminders.create_all()
    assert Notis.objects.filter(mottagare=sakerhetsavdelning, typ="krisberedskap_rsa").count() == 1
    services.rsa_record_sent(
        user=sakerhetsavdelning, rsa=rsa, skickad=timezone.localdate(), skickad_hur="E-tjänst"
    )
    period.rsa_frist = timezone.localdate() + datetime.timedelta(days=5)
    period.save()
    reminders.create_all()
    assert Notis.objects.filter(mottagare=sakerhetsavdelning, typ="krisberedskap_rsa").count() == 1
