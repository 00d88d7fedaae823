from krisberedskap import demo, selectors
from krisberedskap.models import Aktivering, Loggpost, Mandatperiod, RsaBidrag
from risker import demo as risk_demo


def test_it_loads_kopings_period_rsa_and_past_activation_once(people):
    risk_demo.create()
    forsta = demo.create()
    demo.create()
    period = Mandatperiod.objects.get()
    assert str(period) == "2023–2026" and period.dokument.count() == 6
    rsa = forsta["rsa"]
    assert rsa.status == "utkast"
    kompilerade = selectors.sammanstallda_verksamheter(rsa)
    assert kompilerade.filter(beroenden__typ="el").count() == 4
    assert set(rsa.risker.values_list("titel", flat=True)) == {
        "Värmebölja på äldreboende",
        "Avbrott i trygghetslarm",
    }
    # The contributions: BUN's being written, SN's submitted, TN's accepted (its
    # verksamhet now the compiled one), Köpingbostäder's late.
    bidrag = {b.organ.slug: b for b in RsaBidrag.objects.filter(rsa=rsa)}
    assert {slug: b.status for slug, b in bidrag.items()} == {
        "bun": "begart",
        "sn": "inlamnat",
        "tn": "godkant",
        "kopingbostader": "begart",
    }
    assert [slug for slug, b in bidrag.items() if b.ar_sent()] == ["kopingbostader"]
    assert kompilerade.get(namn="Dricksvattenförsörjning").bidrag == bidrag["tn"]
    assert kompilerade.get(namn="Äldreboenden och hemtjänst").bidrag is None
    assert bidrag["sn"].verksamheter.get().namn == "Äldreboenden och hemtjänst"
    aktivering = Aktivering.objects.get()
    assert not aktivering.ar_pagaende and "elavbrott" in aktivering.titel.lower()
    assert (
        Loggpost.objects.count() == 6 and aktivering.beslut.filter(ordforandebeslut=True).exists()
    )
