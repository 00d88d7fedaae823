"""Recording an inspection, an exercise and a training: each anmärkning becomes an åtgärd
for the chef of the unit, a photo passes the upload checks, an exercise's evaluation gives
åtgärder and counts its partners."""

import datetime

from risker.models import Atgard
from verksamhet import selectors
from verksamhet.models import Aktivitet, Aktivitetstyp, Kontrollsvar

from . import factories

IDAG = datetime.date.today().isoformat()


def _svar(antal, **avvikande):
    data = {f"resultat_{i}": "ok" for i in range(1, antal + 1)}
    data.update(avvikande)
    return data


def test_an_anmarkning_becomes_an_atgard_for_the_units_chef(medarbetare, chef, client_as):
    lok = factories.lokal()
    rond = factories.aktivitet(lok, medarbetare, datum=datetime.date.today())
    antal = len(rond.typ.punkter)
    client = client_as(medarbetare)
    form = client.get(f"/verksamhet/aktivitet/{rond.pk}/registrera/")
    assert form.status_code == 200
    assert 'accept="image/*"' in form.content.decode()
    data = _svar(
        antal,
        resultat_1="anmarkning",
        kommentar_1="Dörren till trapphus B är blockerad av stolar.",
        foto_1=factories.foto("trapphus.png"),
        resultat_3="ej_kontrollerat",
        genomford_datum=IDAG,
        anteckning="",
        atgard_ansvarig=chef.pk,
        atgard_forfallodatum="2027-01-15",
    )
    resp = client.post(f"/verksamhet/aktivitet/{rond.pk}/registrera/", data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    rond.refresh_from_db()
    assert rond.status == Aktivitet.Status.GENOMFORD
    atgard = Atgard.objects.get(aktivitet=rond)
    assert atgard.ansvarig == chef
    assert atgard.forfallodatum == datetime.date(2027, 1, 15)
    assert "trapphus B" in atgard.beskrivning
    assert atgard.organ.slug == "bun"
    svar = rond.svar.get(ordning=1)
    assert svar.foto_namn == "trapphus.png"
    assert svar.foto_typ == "image/png"
    assert rond.svar.get(ordning=3).resultat == Kontrollsvar.Resultat.EJ_KONTROLLERAT
    # The chef sees it on the start page and may close it.
    start = client_as(chef).get("/").content.decode()
    assert "Dörren till trapphus B" in start


def test_an_anmarkning_needs_a_description_and_the_photo_must_be_a_picture(
    medarbetare, chef, client_as
):
    lok = factories.lokal()
    rond = factories.aktivitet(lok, medarbetare, datum=datetime.date.today())
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("foto.png", b"%PDF-1.4\n%%EOF\n")
    data = _svar(
        len(rond.typ.punkter),
        resultat_2="anmarkning",
        foto_1=pdf,
        genomford_datum=IDAG,
        atgard_ansvarig=chef.pk,
        atgard_forfallodatum="2027-01-15",
    )
    resp = client_as(medarbetare).post(f"/verksamhet/aktivitet/{rond.pk}/registrera/", data)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Beskriv anmärkningen" in html
    assert "inte en tillåten filtyp" in html
    rond.refresh_from_db()
    assert rond.status == Aktivitet.Status.PLANERAD
    assert not Atgard.objects.filter(aktivitet=rond).exists()


def test_an_exercise_with_a_partner_counts_for_samverkan_and_gives_atgarder(
    namndforetradare, chef, client_as
):
    lok = factories.lokal()
    typ = Aktivitetstyp.objects.get(namn="Utrymningsövning")
    ovning = factories.aktivitet(lok, chef, typ=typ, datum=datetime.date.today())
    resp = client_as(namndforetradare).post(
        f"/verksamhet/aktivitet/{ovning.pk}/registrera/",
        {
            "genomford_datum": IDAG,
            "scenario": "Brand i kemisalen under lektionstid.",
            "ovningsform": "fullskaleovning",
            "enheter": [ovning.enhet_id],
            "partner": "Räddningstjänsten Mälardalen\n",
            "gick_bra": "Alla var ute på fyra minuter.",
            "gick_mindre_bra": "Återsamlingsplatsen var okänd för vikarier.",
            "atgarder": "Informera vikarier om återsamlingsplatsen\nSkylta återsamlingsplatsen",
            "atgard_ansvarig": chef.pk,
            "atgard_forfallodatum": "2027-02-01",
        },
    )
    assert resp.status_code == 302
    ar = datetime.date.today().year
    assert list(selectors.ovningar_under(ar, med_extern_part=True)) == [ovning]
    assert selectors.ovningar_under(ar).count() == 1
    assert selectors.ovningar_under(ar - 1).count() == 0
    assert Atgard.objects.filter(aktivitet=ovning, ansvarig=chef).count() == 2


def test_an_exercise_without_a_partner_is_not_samverkan(chef, client_as):
    lok = factories.lokal()
    typ = Aktivitetstyp.objects.get(namn="Utrymningsövning")
    ovning = factories.aktivitet(lok, chef, typ=typ, datum=datetime.date.today())
    resp = client_as(chef).post(
        f"/verksamhet/aktivitet/{ovning.pk}/registrera/",
        {
            "genomford_datum": IDAG,
            "scenario": "Brand i matsalen.",
            "ovningsform": "funktionsovning",
            "atgard_ansvarig": chef.pk,
            "atgard_forfallodatum": "2027-02-01",
        },
    )
    assert resp.status_code == 302
    ar = datetime.date.today().year
    assert selectors.ovningar_under(ar).count() == 1
    assert not selectors.ovningar_under(ar, med_extern_part=True).exists()


def test_someone_who_neither_answers_for_it_nor_leads_its_body_cannot_record_it(
    medarbetare, chef, client_as
):
    lok = factories.lokal()
    rond = factories.aktivitet(lok, chef)
    resp = client_as(medarbetare).get(f"/verksamhet/aktivitet/{rond.pk}/registrera/")
    assert resp.status_code == 403


def test_the_chef_closes_the_atgard_from_the_inspections_page(medarbetare, chef, client_as):
    lok = factories.lokal()
    rond = factories.aktivitet(lok, medarbetare, datum=datetime.date.today())
    atgard = Atgard.objects.create(
        beskrivning="Flytta stolarna från trapphus B",
        ansvarig=chef,
        organ=rond.organ,
        forfallodatum=datetime.date.today(),
        aktivitet=rond,
        skapad_av=medarbetare,
    )
    client = client_as(chef)
    sida = client.get(f"/verksamhet/aktivitet/{rond.pk}/").content.decode()
    assert f'action="/risker/atgard/{atgard.pk}/status/"' in sida
    assert f'name="nasta" value="/verksamhet/aktivitet/{rond.pk}/"' in sida
    resp = client.post(
        f"/risker/atgard/{atgard.pk}/status/",
        {"status": "klar", "nasta": f"/verksamhet/aktivitet/{rond.pk}/"},
    )
    assert resp.status_code == 302
    assert resp["Location"] == f"/verksamhet/aktivitet/{rond.pk}/"
    atgard.refresh_from_db()
    assert atgard.status == Atgard.Status.KLAR
    # Whoever neither answers for it nor is the security function gets no form.
    assert (
        "risker/atgard/"
        not in client_as(medarbetare).get(f"/verksamhet/aktivitet/{rond.pk}/").content.decode()
    )


def test_an_overdue_atgard_from_an_inspection_is_named_in_the_annual_follow_up(
    medarbetare, chef, sakerhetsavdelning, client_as
):
    lok = factories.lokal()
    rond = factories.aktivitet(lok, medarbetare, datum=datetime.date(2026, 5, 15))
    Atgard.objects.create(
        beskrivning="Laga nödbelysningen i aulan",
        ansvarig=chef,
        organ=rond.organ,
        forfallodatum=datetime.date(2026, 6, 1),
        aktivitet=rond,
        skapad_av=medarbetare,
    )
    html = client_as(sakerhetsavdelning).get("/rapporter/arsrapport/forhandsvisning/2026/")
    assert html.status_code == 200
    text = html.content.decode()
    assert "Laga nödbelysningen i aulan" in text
    assert "Brandskyddsrond, Ullvigymnasiet" in text
