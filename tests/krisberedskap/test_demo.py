from krisberedskap import demo
from krisberedskap.models import Aktivering, Loggpost, Mandatperiod, SamhallsviktigVerksamhet
from risker import demo as risk_demo


def test_it_loads_kopings_period_rsa_and_past_activation_once(people):
    risk_demo.create()
    forsta = demo.create()
    demo.create()
    period = Mandatperiod.objects.get()
    assert str(period) == "2023–2026" and period.dokument.count() == 6
    rsa = forsta["rsa"]
    assert rsa.status == "utkast"
    assert SamhallsviktigVerksamhet.objects.filter(rsa=rsa, beroenden__typ="el").count() == 4
    assert set(rsa.risker.values_list("titel", flat=True)) == {
        "Värmebölja på äldreboende",
        "Avbrott i trygghetslarm",
    }
    aktivering = Aktivering.objects.get()
    assert not aktivering.ar_pagaende and "elavbrott" in aktivering.titel.lower()
    assert (
        Loggpost.objects.count() == 6 and aktivering.beslut.filter(ordforandebeslut=True).exists()
    )
