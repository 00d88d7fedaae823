"""The cybersäkerhet checklist: systems within the cybersäkerhetslag's scope answer the
control points (NIS2 art. 21.2 a–j, kept as data by Säkerhetsavdelningen) with status,
comment, evidence, who, when and the next review; answers keep their history, the same
people see and answer as see and keep the system, and an overdue review reminds once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from informationssakerhet.models import Checklistsvar, Kontrollpunkt, System
from paminnelser import reminders
from paminnelser.models import Notis

from . import factories

pytestmark = pytest.mark.django_db


def _nu(dag):
    return datetime.datetime.combine(dag, datetime.time(7, 0), tzinfo=ZoneInfo("Europe/Stockholm"))


def _om(dagar: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=dagar)).isoformat()


@pytest.fixture
def system():
    return factories.system("Lönesystemet", "bun", cybersakerhetslag=True)


def _punkt(rubrik: str) -> Kontrollpunkt:
    return Kontrollpunkt.objects.get(rubrik=rubrik)


def _url(system, punkt=None) -> str:
    url = f"/informationssakerhet/system/{system.pk}/cybersakerhet/"
    return f"{url}{punkt.pk}/" if punkt else url


def _svara(c, system, punkt, **data):
    data = {"status": "uppfyllt", "nasta_oversyn": _om(365), **data}
    return c.post(_url(system, punkt), data)


def test_it_has_the_ten_measures_of_nis2_article_21(people):
    punkter = list(Kontrollpunkt.objects.filter(aktiv=True))
    assert [p.hanvisning for p in punkter] == [f"NIS2 art. 21.2 {b}" for b in "abcdefghij"]
    rubriker = [p.rubrik for p in punkter]
    assert "Incidenthantering" in rubriker and "Kryptering" in rubriker
    assert rubriker[-1].startswith("Flerfaktorsautentisering")


def test_a_system_is_put_in_the_laws_scope_on_its_form(client_as, chef):
    s = factories.system("Skolplattformen", "bun")
    c = client_as(chef)
    formular = c.get(f"/informationssakerhet/system/{s.pk}/andra/").content.decode()
    assert "Omfattas av cybersäkerhetslagen" in formular
    assert "cybersäkerhetslagens (2025:1506) tillämpningsområde" in formular
    svar = c.post(
        f"/informationssakerhet/system/{s.pk}/andra/",
        {"namn": s.namn, "organ": s.organ_id, "cybersakerhetslag": "on"},
    )
    assert svar.status_code == 302
    s.refresh_from_db()
    assert s.cybersakerhetslag
    assert s.history.first().cybersakerhetslag and not s.history.last().cybersakerhetslag
    sida = c.get(f"/informationssakerhet/system/{s.pk}/").content.decode()
    assert "0 av 10 riskhanteringsåtgärder uppfyllda." in sida
    assert "10 punkter är inte besvarade." in sida


def test_answering_records_who_when_the_evidence_and_the_next_review(client_as, chef, system):
    c = client_as(chef)
    punkt = _punkt("Incidenthantering")
    svar = _svara(
        c,
        system,
        punkt,
        status="delvis",
        kommentar="Rutinen finns, övning saknas.",
        underlag="https://intranat.koping.se/rutiner/incident",
        nasta_oversyn=_om(180),
    )
    assert svar.status_code == 302
    assert svar["Location"].endswith(f"{_url(system)}#punkt-{punkt.pk}")
    s = Checklistsvar.objects.get()
    assert (s.status, s.besvarad_av, s.besvarad.date(), s.nasta_oversyn.isoformat()) == (
        "delvis",
        chef,
        timezone.localdate(),
        _om(180),
    )
    sida = c.get(_url(system)).content.decode()
    assert "Delvis uppfyllt" in sida and "Rutinen finns, övning saknas." in sida
    assert (
        '<a href="https://intranat.koping.se/rutiner/incident" rel="noopener noreferrer">' in sida
    )
    assert "Carl Chef" in sida or str(chef) in sida


def test_a_new_answer_keeps_the_earlier_in_the_history(client_as, chef, system):
    c = client_as(chef)
    punkt = _punkt("Kryptering")
    _svara(c, system, punkt, status="ej_uppfyllt", kommentar="Inte krypterat i vila.")
    _svara(c, system, punkt, status="uppfyllt", underlag="Dnr KS 2026/88")
    s = Checklistsvar.objects.get()
    assert s.status == "uppfyllt" and s.history.count() == 2
    sida = c.get(_url(system, punkt)).content.decode()
    assert "Tidigare svar" in sida and "Inte krypterat i vila." in sida
    # A reference that is not an address is shown as text, not as a link.
    lista = c.get(_url(system)).content.decode()
    assert "Dnr KS 2026/88" in lista and 'href="Dnr' not in lista


def test_not_applicable_needs_a_reason_and_a_bad_link_is_refused(client_as, chef, system):
    c = client_as(chef)
    punkt = _punkt("Kryptering")
    svar = _svara(c, system, punkt, status="ej_tillampligt")
    assert svar.status_code == 400
    assert "Skriv varför punkten inte är tillämplig för systemet." in svar.content.decode()
    svar = _svara(c, system, punkt, underlag="https://")
    assert svar.status_code == 400
    assert "Länken är inte en giltig adress." in svar.content.decode()
    svar = _svara(c, system, punkt, nasta_oversyn="2020-01-01")
    assert svar.status_code == 400
    assert not Checklistsvar.objects.exists()


def test_save_and_next_goes_to_the_next_point(client_as, chef, system):
    punkter = list(Kontrollpunkt.objects.filter(aktiv=True))
    svar = _svara(client_as(chef), system, punkter[0], nasta="1")
    assert svar.status_code == 302
    assert svar["Location"] == _url(system, punkter[1])


def test_a_medarbetare_reads_the_checklist_but_does_not_answer(client_as, medarbetare, system):
    c = client_as(medarbetare)
    sida = c.get(_url(system))
    assert sida.status_code == 200
    assert "Besvara Incidenthantering" not in sida.content.decode()
    assert c.get(_url(system, _punkt("Incidenthantering"))).status_code == 403
    assert _svara(c, system, _punkt("Incidenthantering")).status_code == 403
    assert not Checklistsvar.objects.exists()


def test_another_bodys_checklist_does_not_exist_for_them(
    client_as, annan_medarbetare, annan_chef, system
):
    for user in (annan_medarbetare, annan_chef):
        c = client_as(user)
        assert c.get(_url(system)).status_code == 404
        assert c.get(_url(system, _punkt("Kryptering"))).status_code == 404


def test_the_security_function_answers_for_every_body(client_as, sakerhetsavdelning):
    s = factories.system("Verksamhetssystem för omsorg", "sn", cybersakerhetslag=True)
    assert _svara(client_as(sakerhetsavdelning), s, _punkt("Kryptering")).status_code == 302


def test_a_system_outside_the_scope_has_nothing_to_answer(client_as, chef):
    s = factories.system("Webbplatsen", "bun")
    c = client_as(chef)
    assert "inte markerat som omfattat" in c.get(_url(s)).content.decode()
    assert c.get(_url(s, _punkt("Kryptering"))).status_code == 404


def test_only_sakerhetsavdelningen_keeps_the_control_points(
    client_as, chef, sakerhetsavdelning, system
):
    assert client_as(chef).get("/informationssakerhet/kontrollpunkter/ny/").status_code == 403
    c = client_as(sakerhetsavdelning)
    svar = c.post(
        "/informationssakerhet/kontrollpunkter/ny/",
        {"rubrik": "Loggning och spårbarhet", "hanvisning": "", "ordning": 11, "aktiv": "on"},
    )
    assert svar.status_code == 302
    ny = Kontrollpunkt.objects.get(rubrik="Loggning och spårbarhet")
    assert "Loggning och spårbarhet" in client_as(chef).get(_url(system)).content.decode()
    # Retired: gone from the checklist, kept in the list and the history.
    krypto = _punkt("Kryptering")
    svar = c.post(
        f"/informationssakerhet/kontrollpunkter/{krypto.pk}/",
        {"rubrik": "Kryptering", "hanvisning": krypto.hanvisning, "ordning": krypto.ordning},
    )
    assert svar.status_code == 302
    krypto.refresh_from_db()
    assert not krypto.aktiv and krypto.history.first().aktiv is False
    sida = client_as(chef).get(_url(system)).content.decode()
    assert "Kryptering" not in sida
    assert "Kryptering" in c.get("/informationssakerhet/kontrollpunkter/").content.decode()
    assert ny.history.count() == 1


def test_an_overdue_review_reminds_the_system_owner_once(chef, medarbetare, sakerhetsavdelning):
    s = factories.system("Lönesystemet", "bun", cybersakerhetslag=True, systemagare=chef)
    punkter = list(Kontrollpunkt.objects.filter(aktiv=True)[:3])
    for p in punkter:
        Checklistsvar.objects.create(
            system=s,
            kontrollpunkt=p,
            status="uppfyllt",
            besvarad_av=sakerhetsavdelning,
            besvarad=timezone.now(),
            nasta_oversyn=datetime.date(2026, 11, 16),
        )
    for dag in (datetime.date(2026, 11, 15), datetime.date(2026, 11, 16)):
        reminders.create_all(_nu(dag))
    assert not Notis.objects.filter(typ="cybersakerhet").exists()
    for dag in (17, 18, 30):
        reminders.create_all(_nu(datetime.date(2026, 11, dag)))
    notiser = list(Notis.objects.filter(typ="cybersakerhet").values_list("mottagare", "rubrik"))
    assert notiser == [
        (
            chef.pk,
            "Försenad översyn: cybersäkerhetschecklistan för Lönesystemet (3 punkter), "
            "senast 16 nov 2026",
        )
    ]


def test_without_an_owner_whoever_answered_is_reminded(sakerhetsavdelning):
    s = factories.system("Lönesystemet", "bun", cybersakerhetslag=True)
    Checklistsvar.objects.create(
        system=s,
        kontrollpunkt=Kontrollpunkt.objects.first(),
        status="delvis",
        besvarad_av=sakerhetsavdelning,
        besvarad=timezone.now(),
        nasta_oversyn=datetime.date(2026, 11, 16),
    )
    reminders.create_all(_nu(datetime.date(2026, 11, 20)))
    assert list(Notis.objects.filter(typ="cybersakerhet").values_list("mottagare", flat=True)) == [
        sakerhetsavdelning.pk
    ]
    # Out of the law's scope: no reminders of its checklist.
    System.objects.filter(pk=s.pk).update(cybersakerhetslag=False)
    Notis.objects.all().delete()
    reminders.create_all(_nu(datetime.date(2026, 11, 21)))
    assert not Notis.objects.filter(typ="cybersakerhet").exists()
