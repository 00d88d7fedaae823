"""The RSA's state rules, each in the service and only there: the decision steps one at a
time, "rapporterad" only with when and how it was sent, no copy into its own period. The
pages show the service's message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from krisberedskap import services
from krisberedskap.models import Andring, Rsa


def _status(client, rsa, status):
    return client.post(
        f"/krisberedskap/rsa/{rsa.pk}/status/", {"status": status}, follow=True
    ).content.decode()


def test_it_takes_the_decision_steps_in_order(rsa, sakerhetsavdelning, client_as):
    with pytest.raises(ValidationError, match="i tur och ordning"):
        services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="faststalld_kf")
    klient = client_as(sakerhetsavdelning)
    sida = _status(klient, rsa, "faststalld_kf")
    assert (
        "Stegen i beslutsgången tas i tur och ordning: först behandlad i kommunstyrelsen." in sida
    )
    rsa.refresh_from_db()
    assert rsa.status == Rsa.Status.UTKAST
    services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="behandlad_ks")
    services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="faststalld_kf")
    # Back, to correct a mistake.
    services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="behandlad_ks")
    assert Rsa.objects.get(pk=rsa.pk).status == Rsa.Status.BEHANDLAD_KS


def test_it_records_rapporterad_only_with_when_and_how(rsa, sakerhetsavdelning, client_as):
    with pytest.raises(ValidationError, match="när och hur"):
        services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="rapporterad")
    klient = client_as(sakerhetsavdelning)
    assert "Registrera när och hur analysen skickades" in _status(klient, rsa, "rapporterad")
    services.rsa_record_sent(
        user=sakerhetsavdelning, rsa=rsa, skickad=datetime.date(2027, 10, 1), skickad_hur="E-tjänst"
    )
    # Once reported, the status stays.
    assert "Dess status ändras inte längre" in _status(klient, rsa, "utkast")
    assert Rsa.objects.get(pk=rsa.pk).status == Rsa.Status.RAPPORTERAD


def test_it_refuses_to_copy_an_rsa_into_its_own_period(rsa, sakerhetsavdelning, client_as):
    with pytest.raises(ValidationError, match="annan mandatperiod"):
        services.rsa_copy(user=sakerhetsavdelning, rsa=rsa, period=rsa.period)
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/rsa/{rsa.pk}/kopiera/", {"period": rsa.period_id}, follow=True
    )
    assert "Välj en annan mandatperiod än analysens egen." in svar.content.decode()
    assert Rsa.objects.get(pk=rsa.pk).kopierad_fran_id is None


def test_it_marks_a_copied_part_changed_when_edited_on_its_page(
    rsa, sakerhetsavdelning, organisation, client_as
):
    services.verksamhet_create(
        user=sakerhetsavdelning,
        rsa=rsa,
        namn="Fjärrvärme",
        agartyp="annan",
        agare_annan="Mälarenergi",
    )
    ny = services.rsa_copy(
        user=sakerhetsavdelning,
        rsa=rsa,
        period=services.mandatperiod_create(user=sakerhetsavdelning, valar=2030),
    )
    klient = client_as(sakerhetsavdelning)
    avsnitt = ny.avsnitt.get(typ="beskrivning")
    klient.post(f"/krisberedskap/rsa/{ny.pk}/avsnitt/beskrivning/", {"text": "Ny beskrivning"})
    avsnitt.refresh_from_db()
    assert avsnitt.andring == Andring.ANDRAD
    v = ny.verksamheter.get()
    klient.post(
        f"/krisberedskap/rsa/{ny.pk}/verksamhet/{v.pk}/",
        {"namn": "Fjärrvärme", "agartyp": "annan", "agare_annan": "Mälarenergi AB"},
    )
    v.refresh_from_db()
    assert v.agare_annan == "Mälarenergi AB" and v.andring == Andring.ANDRAD
