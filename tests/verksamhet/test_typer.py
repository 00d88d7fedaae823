"""The kinds of activity are data: seeded for Köping, changed by Säkerhetsavdelningen only,
with history of who changed what."""

from verksamhet.models import Aktivitetstyp


def _data(typ, **andrat):
    data = {
        "namn": typ.namn,
        "slag": typ.slag,
        "omraden": [o.pk for o in typ.omraden.all()],
        "omfattning": typ.omfattning,
        "lokalkategori": typ.lokalkategori,
        "intervall_manader": typ.intervall_manader,
        "startmanad": typ.startmanad,
        "dag": typ.dag,
        "forsta_ar": typ.forsta_ar,
        "kalla": typ.kalla,
        "kontrollpunkter": typ.kontrollpunkter,
        "aktiv": "on",
    }
    data.update(andrat)
    return data


def test_koping_s_kinds_are_seeded_with_cadence_and_checklist():
    rond = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    assert rond.intervall_text == "Varje kvartal"
    assert len(rond.punkter) == 8
    assert Aktivitetstyp.objects.get(namn="Elrevision").intervall_text == "Vart 3:e år"
    assert Aktivitetstyp.objects.get(namn="Utrymningsövning").lokalkategori == "skola"
    assert {t.namn for t in Aktivitetstyp.objects.all()} >= {
        "Test av reservkraft",
        "Test av larm och passersystem",
    }
    assert rond.history.count() == 1


def test_sakerhetsavdelningen_changes_a_kind_and_the_change_is_in_its_history(
    sakerhetsavdelning, client_as
):
    rond = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    client = client_as(sakerhetsavdelning)
    resp = client.post(f"/verksamhet/typer/{rond.pk}/", _data(rond, intervall_manader=6))
    assert resp.status_code == 302
    rond.refresh_from_db()
    assert rond.intervall_manader == 6
    senaste = rond.history.order_by("-history_date").first()
    assert senaste.history_user == sakerhetsavdelning
    html = client.get(f"/verksamhet/typer/{rond.pk}/").content.decode()
    assert "Säkerhetssamordnare" in html or str(sakerhetsavdelning) in html


def test_an_interval_that_does_not_fit_a_year_is_refused(sakerhetsavdelning, client_as):
    rond = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    resp = client_as(sakerhetsavdelning).post(
        f"/verksamhet/typer/{rond.pk}/", _data(rond, intervall_manader=5)
    )
    assert resp.status_code == 400
    assert "Intervallet ska gå jämnt upp i ett år" in resp.content.decode()


def test_a_chef_cannot_change_a_kind(chef, client_as):
    rond = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    resp = client_as(chef).post(f"/verksamhet/typer/{rond.pk}/", _data(rond, intervall_manader=6))
    assert resp.status_code == 403
    rond.refresh_from_db()
    assert rond.intervall_manader == 3
