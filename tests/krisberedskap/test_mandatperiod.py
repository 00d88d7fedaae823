import datetime

import pytest
from django.core.exceptions import PermissionDenied

from krisberedskap import services
from krisberedskap.models import Mandatperiod, Perioddokument, rsa_frist_for
from policy.models import Organ


@pytest.mark.parametrize(
    "valar, frist",
    [(2026, datetime.date(2027, 10, 31)), (2022, datetime.date(2023, 10, 31))],
)
def test_it_computes_the_rsa_deadline_from_the_election_year(valar, frist):
    assert rsa_frist_for(valar) == frist


def test_it_gives_a_new_period_its_years_deadline_documents_and_rsa(period):
    assert str(period) == "2027–2030"
    assert period.rsa_frist == datetime.date(2027, 10, 31)
    typer = set(period.dokument.values_list("typ", flat=True))
    assert {"styrdokument", "rsa", "plan", "ovningsplan", "reglemente"} <= typer
    assert period.rsa.avsnitt.count() == 7


def test_it_keeps_a_deadline_an_administrator_corrected(sakerhetsavdelning, organisation):
    p = services.mandatperiod_create(
        user=sakerhetsavdelning, valar=2030, rsa_frist=datetime.date(2031, 11, 15)
    )
    assert Mandatperiod.objects.get(pk=p.pk).rsa_frist == datetime.date(2031, 11, 15)


def test_it_takes_the_deciding_body_from_the_data_of_each_document(
    period, sakerhetsavdelning, client_as
):
    ks = Organ.objects.get(slug="ks")
    dok = period.dokument.get(typ=Perioddokument.Typ.STYRDOKUMENT)
    assert dok.beslutande_organ.slug == "kf"
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/dokument/{dok.pk}/andra/",
        {
            "titel": dok.titel,
            "status": "faststalld",
            "beslutande_organ": ks.pk,
            "paragraf": "§ 17",
            "beslutsdatum": "2027-03-02",
            "diarienummer": "KS 2027/44",
            "forfallodatum": "2027-10-31",
        },
    )
    assert svar.status_code == 302
    dok.refresh_from_db()
    assert dok.beslutande_organ == ks
    sida = client_as(sakerhetsavdelning).get(f"/krisberedskap/period/{period.pk}/").content.decode()
    rad = sida[sida.index(dok.titel) :].split("</tr>")[0]
    assert "Kommunstyrelsen" in rad and "§ 17" in rad and "KS 2027/44" in rad
    # Another document of the same period still names KF: nothing is hard-wired per type.
    plan = period.dokument.get(typ=Perioddokument.Typ.PLAN)
    assert plan.beslutande_organ.slug == "kf"


def test_it_refuses_to_adopt_a_document_without_body_and_date(
    period, sakerhetsavdelning, client_as
):
    dok = period.dokument.get(typ=Perioddokument.Typ.PLAN)
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/dokument/{dok.pk}/andra/",
        {"titel": dok.titel, "status": "faststalld"},
    )
    assert svar.status_code == 400
    assert "beslutande organ och beslutsdatum" in svar.content.decode()


def test_it_lets_only_the_security_unit_create_periods(kommunledning, medarbetare):
    for user in (kommunledning, medarbetare):
        with pytest.raises(PermissionDenied):
            services.mandatperiod_create(user=user, valar=2034)


def test_it_reminds_once_before_a_document_is_due(period, sakerhetsavdelning):
    from django.utils import timezone

    from paminnelser import reminders
    from paminnelser.models import Notis

    dok = period.dokument.get(typ=Perioddokument.Typ.OVNINGSPLAN)
    dok.forfallodatum = timezone.localdate() + datetime.timedelta(days=10)
    dok.ansvarig = sakerhetsavdelning
    dok.save()
    reminders.create_all()
    reminders.create_all()
    notiser = Notis.objects.filter(mottagare=sakerhetsavdelning, typ="krisberedskap_dokument")
    assert notiser.count() == 1
    assert dok.titel in notiser.get().rubrik
