import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from incidenter.models import Atkomstlogg
from krisberedskap import reports, selectors, services
from policy.models import Organ


def _ser(client, aktivering) -> bool:
    svar = client.get(f"/krisberedskap/krisledning/{aktivering.pk}/")
    assert svar.status_code in (200, 404)
    return svar.status_code == 200


@pytest.mark.parametrize(
    "roll, pagaende, avslutad",
    [
        ("medarbetare", False, False),
        ("chef", False, False),
        ("namndforetradare", False, False),
        ("sakerhetsavdelning", True, True),
        ("sakerhetschef", True, True),
        ("kommunledning", False, True),
        ("extern", False, False),
        ("sysadmin", False, False),
    ],
)
def test_it_shows_an_activation_by_role(
    roll, pagaende, avslutad, request, aktivering, aktivering_factory, sakerhetschef, client_as
):
    over = aktivering_factory(titel="Storm")
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=over, deltagare=sakerhetschef, roll="ledamot"
    )
    services.aktivering_close(
        user=sakerhetschef,
        aktivering=over,
        avslutad=timezone.now(),
        avslutad_av_namn="Elin",
        skal="Över.",
    )
    client = client_as(request.getfixturevalue(roll))
    assert (_ser(client, aktivering), _ser(client, over)) == (pagaende, avslutad)


def test_it_opens_an_activation_to_its_members_and_staff_only(
    aktivering, stab, chef, annan_medarbetare, client_as
):
    assert _ser(client_as(stab), aktivering)
    assert not _ser(client_as(chef), aktivering)
    assert not _ser(client_as(annan_medarbetare), aktivering)
    assert list(selectors.aktiveringar_visible_to(stab)) == [aktivering]


def test_it_lets_only_the_security_chief_grant_a_role(
    aktivering, sakerhetsavdelning, chef, client_as
):
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/krisledning/{aktivering.pk}/deltagare/",
        {"anvandare": chef.pk, "roll": "stab"},
    )
    assert svar.status_code == 403
    assert not selectors.ar_deltagare(chef, aktivering)


def test_it_hides_a_skyddad_activation_and_logs_every_access(
    aktivering_factory, sakerhetschef, sakerhetsavdelning, kommunledning, medarbetare, client_as
):
    skyddad = aktivering_factory(titel="Hot mot vattenverket", skyddad=True)
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=skyddad, deltagare=medarbetare, roll="ledamot"
    )
    assert not _ser(client_as(sakerhetsavdelning), skyddad)
    assert not _ser(client_as(kommunledning), skyddad)
    assert _ser(client_as(medarbetare), skyddad)
    assert _ser(client_as(sakerhetschef), skyddad)
    client_as(medarbetare).get(f"/krisberedskap/krisledning/{skyddad.pk}/rapport-till-kf.pdf")
    logg = Atkomstlogg.objects.filter(detalj__startswith=f"krisledning:{skyddad.pk} ")
    assert sorted((r.anvandare.username, r.handling) for r in logg) == [
        ("medarbetare", "pdf"),
        ("medarbetare", "visning"),
        ("sakerhetschef", "visning"),
    ]


def test_it_logs_nothing_for_an_ordinary_activation(aktivering, stab, client_as):
    before = Atkomstlogg.objects.count()
    client_as(stab).get(f"/krisberedskap/krisledning/{aktivering.pk}/")
    assert Atkomstlogg.objects.count() == before


def test_it_records_the_chairs_decision_takeover_and_handback(aktivering, stab, client_as):
    client = client_as(stab)
    url = f"/krisberedskap/krisledning/{aktivering.pk}/"
    nu = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(
        url + "beslut/",
        {
            "tidpunkt": nu,
            "beslutsfattare": "ordforande",
            "beslutsfattare_namn": "Elin Ordförande",
            "text": "Hyra reservaggregat till Nyhem.",
            "ordforandebeslut": "on",
        },
    )
    beslut = aktivering.beslut.get()
    assert beslut.ordforandebeslut and beslut.registrerat_av == stab
    kfn = Organ.objects.get(slug="kfn")
    client.post(url + "overtagande/", {"organ": kfn.pk, "uppgift": "Sportcentrum", "overtagen": nu})
    overtagande = aktivering.overtaganden.get()
    # Not ended while a task is still held.
    client.post(url + "avsluta/", {"avslutad": nu, "avslutad_av_namn": "Elin", "skal": "Klart."})
    aktivering.refresh_from_db()
    assert aktivering.ar_pagaende
    client.post(url + f"overtagande/{overtagande.pk}/aterlamna/")
    overtagande.refresh_from_db()
    assert overtagande.aterlamnad is not None
    client.post(url + "avsluta/", {"avslutad": nu, "avslutad_av_namn": "Elin", "skal": "Klart."})
    aktivering.refresh_from_db()
    assert not aktivering.ar_pagaende
    sida = client.get(url).content.decode()
    assert "Ordförandebeslut, anmäls vid nästa sammanträde" in sida


def test_it_drafts_the_report_to_kf_from_the_log(aktivering, stab):
    services.loggpost_create(
        user=stab, aktivering=aktivering, text="Trygghetspunkt öppnad i Sportcentrum."
    )
    services.beslut_create(
        user=stab,
        aktivering=aktivering,
        tidpunkt=timezone.now(),
        beslutsfattare="ordforande",
        text="Reservaggregat till Nyhem.",
        ordforandebeslut=True,
    )
    data = reports.kf_rapport_pdf(anvandare=stab, aktivering=aktivering)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Rapport till kommunfullmäktige" in text
    assert "Trygghetspunkt öppnad i Sportcentrum." in text
    assert "Reservaggregat till Nyhem." in text and "ordförandebeslut" in text
