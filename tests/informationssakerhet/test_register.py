"""The register of information assets and systems: derived classification, access per body,
classification and its review reminders."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from informationssakerhet.models import Informationstillgang
from paminnelser import reminders
from paminnelser.models import Notis

from . import factories

pytestmark = pytest.mark.django_db


def _nu(dag):
    return datetime.datetime.combine(dag, datetime.time(7, 0), tzinfo=ZoneInfo("Europe/Stockholm"))


def test_it_derives_a_systems_classification_from_its_highest_asset_with_the_reason(people):
    elevakter = factories.tillgang("Elevakter", k=3, r=2, t=1)
    schema = factories.tillgang("Schema", k=1, r=2, t=4)
    oklassad = factories.tillgang("Anteckningar")
    s = factories.system(tillgangar=[elevakter, schema, oklassad])

    k = {rad["falt"]: rad for rad in s.harledd_klassning()}
    assert (k["konfidentialitet"]["niva"].niva, k["konfidentialitet"]["tillgang"]) == (3, elevakter)
    assert (k["tillganglighet"]["niva"].niva, k["tillganglighet"]["tillgang"]) == (4, schema)
    assert k["riktighet"]["niva"].niva == 2


def test_a_system_without_classified_assets_is_shown_as_not_classified(client_as, chef):
    s = factories.system(tillgangar=[factories.tillgang("Anteckningar")])
    svar = client_as(chef).get(f"/informationssakerhet/system/{s.pk}/")
    assert svar.status_code == 200
    assert svar.content.decode().count("Ej klassad") == 3


def test_the_system_page_shows_the_level_and_which_asset_gives_it(client_as, medarbetare):
    s = factories.system(
        tillgangar=[
            factories.tillgang("Elevakter", k=3, r=2, t=1),
            factories.tillgang("Schema", k=1, r=1, t=4),
        ]
    )
    sida = client_as(medarbetare).get(f"/informationssakerhet/system/{s.pk}/").content.decode()
    assert "3 Hög" in sida and "4 Mycket hög" in sida
    assert "Högsta nivån har tillgången Elevakter." in sida
    assert "Högsta nivån har tillgången Schema." in sida


def test_a_person_sees_their_own_bodys_register_only(client_as, medarbetare, annan_medarbetare):
    egen = factories.system("Skolsystemet", "bun")
    annans = factories.system("Verksamhetssystemet i hemtjänsten", "sn")
    sida = client_as(medarbetare).get("/informationssakerhet/").content.decode()
    assert "Skolsystemet" in sida and "Verksamhetssystemet i hemtjänsten" not in sida
    assert (
        client_as(medarbetare).get(f"/informationssakerhet/system/{annans.pk}/").status_code == 404
    )
    assert (
        client_as(annan_medarbetare).get(f"/informationssakerhet/system/{egen.pk}/").status_code
        == 404
    )
    t = factories.tillgang("Journaler", "sn")
    assert (
        client_as(medarbetare).get(f"/informationssakerhet/tillgangar/{t.pk}/").status_code == 404
    )


@pytest.mark.parametrize("roll", ["sakerhetsavdelning", "sakerhetschef", "kommunledning"])
def test_the_security_function_and_ks_see_every_bodys_register(client_as, people, request, roll):
    factories.system("Skolsystemet", "bun")
    factories.system("Verksamhetssystemet i hemtjänsten", "sn")
    sida = client_as(request.getfixturevalue(roll)).get("/informationssakerhet/").content.decode()
    assert "Skolsystemet" in sida and "Verksamhetssystemet i hemtjänsten" in sida


def test_external_parties_see_nothing(client_as, extern):
    s = factories.system("Skolsystemet", "bun")
    assert client_as(extern).get("/informationssakerhet/").status_code == 403
    assert client_as(extern).get(f"/informationssakerhet/system/{s.pk}/").status_code == 403


def test_a_medarbetare_may_read_but_not_change_the_register(client_as, medarbetare):
    t = factories.tillgang("Elevakter")
    c = client_as(medarbetare)
    assert c.get(f"/informationssakerhet/tillgangar/{t.pk}/klassa/").status_code == 403
    assert c.get("/informationssakerhet/system/ny/").status_code == 403


def test_classifying_records_who_when_and_the_next_review(client_as, chef):
    t = factories.tillgang("Elevakter")
    nasta = timezone.localdate() + datetime.timedelta(days=365)
    svar = client_as(chef).post(
        f"/informationssakerhet/tillgangar/{t.pk}/klassa/",
        {
            "konfidentialitet": factories.niva(3).pk,
            "riktighet": factories.niva(2).pk,
            "tillganglighet": factories.niva(2).pk,
            "nasta_oversyn": nasta.isoformat(),
        },
    )
    assert svar.status_code == 302
    t.refresh_from_db()
    assert (t.konfidentialitet.niva, t.klassad_av, t.klassad_datum, t.nasta_oversyn) == (
        3,
        chef,
        timezone.localdate(),
        nasta,
    )
    assert t.history.count() == 2


def test_a_review_date_in_the_past_is_refused_with_a_message(client_as, chef):
    t = factories.tillgang("Elevakter")
    svar = client_as(chef).post(
        f"/informationssakerhet/tillgangar/{t.pk}/klassa/",
        {
            "konfidentialitet": factories.niva(3).pk,
            "riktighet": factories.niva(2).pk,
            "tillganglighet": factories.niva(2).pk,
            "nasta_oversyn": "2020-01-01",
        },
    )
    assert svar.status_code == 400
    assert "Nästa översyn måste ligga efter i dag." in svar.content.decode()


def test_a_chef_cannot_put_an_asset_in_another_body(client_as, chef):
    from policy.models import Organ

    svar = client_as(chef).post(
        "/informationssakerhet/tillgangar/ny/",
        {
            "namn": "Journaler",
            "organ": Organ.objects.get(slug="sn").pk,
            "personuppgifter": "kansliga",
        },
    )
    assert svar.status_code == 400
    assert not Informationstillgang.objects.exists()


def test_a_review_date_reminds_once_before_and_once_when_overdue(chef, medarbetare):
    t = factories.tillgang(
        "Elevakter", k=3, r=2, t=2, informationsagare=chef, klassad_av=medarbetare
    )
    t.nasta_oversyn = datetime.date(2026, 11, 16)
    t.save()
    for dag in (
        datetime.date(2026, 10, 20),
        datetime.date(2026, 10, 21),
        datetime.date(2026, 11, 16),
    ):
        reminders.create_all(_nu(dag))
    fore = list(Notis.objects.filter(typ="klassning").values_list("mottagare", "rubrik"))
    assert fore == [(chef.pk, "Klassningen av Elevakter ska ses över senast 16 nov 2026")]
    for dag in (17, 18, 30):
        reminders.create_all(_nu(datetime.date(2026, 11, dag)))
    rubriker = list(Notis.objects.filter(typ="klassning").values_list("rubrik", flat=True))
    assert len(rubriker) == 2
    assert "Försenad översyn: klassningen av Elevakter, senast 16 nov 2026" in rubriker
    assert not Notis.objects.filter(mottagare=medarbetare, typ="klassning").exists()


def test_the_asset_pages_show_the_classification_and_review_date(client_as, chef):
    t = factories.tillgang("Elevakter", k=3, r=2, t=2, klassad_av=chef)
    t.klassad_datum = datetime.date(2026, 1, 10)
    t.nasta_oversyn = datetime.date(2020, 1, 10)
    t.save()
    c = client_as(chef)
    lista = c.get("/informationssakerhet/tillgangar/").content.decode()
    assert "10 jan 2020" in lista and "försenad" in lista
    sida = c.get(f"/informationssakerhet/tillgangar/{t.pk}/").content.decode()
    assert "3 Hög" in sida and "10 jan 2026" in sida and "försenad" in sida


def test_an_incident_linked_to_a_system_with_personal_data_prompts_the_handler(
    client_as, chef, medarbetare, annan_medarbetare
):
    from informationssakerhet.models import Systemkoppling
    from tests.incidenter.factories import incident_factory

    s = factories.system(tillgangar=[factories.tillgang("Elevakter", personuppgifter="kansliga")])
    incident = incident_factory(rapportor=medarbetare, rubrik="Intrång i skolsystemet")
    c = client_as(chef)
    svar = c.post(f"/informationssakerhet/system/{s.pk}/koppla/", {"incident": incident.referens})
    assert svar.status_code == 302
    sida = c.get(f"/informationssakerhet/system/{s.pk}/").content.decode()
    assert "Intrång i skolsystemet" in sida
    assert "(ännu inte bedömd som personuppgiftsincident)" in sida
    # Linking again keeps one link.
    c.post(f"/informationssakerhet/system/{s.pk}/koppla/", {"incident": incident.referens})
    assert Systemkoppling.objects.count() == 1


def test_an_incident_the_user_does_not_see_cannot_be_linked(client_as, chef, annan_medarbetare):
    from informationssakerhet.models import Systemkoppling
    from tests.incidenter.factories import incident_factory

    s = factories.system()
    annans = incident_factory(rapportor=annan_medarbetare, rubrik="Hemtjänstens incident")
    svar = client_as(chef).post(
        f"/informationssakerhet/system/{s.pk}/koppla/", {"incident": annans.referens}
    )
    assert svar.status_code == 400
    assert "Det finns ingen incident med det numret som du ser." in svar.content.decode()
    assert not Systemkoppling.objects.exists()


def test_the_system_page_is_titled_by_the_system_and_lists_its_incidents_in_the_page(
    client_as, chef
):
    s = factories.system(tillgangar=[factories.tillgang("Elevakter", personuppgifter="kansliga")])
    sida = client_as(chef).get(f"/informationssakerhet/system/{s.pk}/").content.decode()
    titel = sida.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Skolsystemet" in titel and "Incidenter" not in titel
    innehall = sida.split("</title>", 1)[1]
    assert "Incidenter och risker som berör systemet" in innehall
    assert "Koppla till systemet" in innehall
