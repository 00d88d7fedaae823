"""The reminder rules, run at chosen moments (time-machine) through the sweep."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail

from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from incidenter.paminnelser import plikt_paminnelsetider
from paminnelser import reminders
from paminnelser.models import Arshjulspunkt, Notis
from paminnelser.sweep import run_sweep
from policy.models import Omrade, Organ, Roll, Styrdokument
from tests.incidenter.factories import incident_factory, skyddad_incident

from .conftest import t

pytestmark = pytest.mark.django_db


@pytest.fixture
def sweep_at(django_capture_on_commit_callbacks):
    """Run the sweep at a moment. Its e-mails go out on commit; in these rolled-back
    tests the commit callbacks run at once."""

    def run(moment):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            run_sweep()

    return run


def notiser(user, typ=None):
    qs = Notis.objects.filter(mottagare=user)
    return list(qs.filter(typ=typ) if typ else qs)


def test_it_reminds_of_an_atgard_before_on_and_after_the_due_date_once_each(
    sweep_at, atgard_for, medarbetare, chef
):
    atgard = atgard_for(date(2026, 12, 14))
    sweep_at(t(2026, 11, 29, 8, 0))  # 15 days before: nothing yet
    assert notiser(medarbetare, "atgard") == []
    for _ in range(2):
        sweep_at(t(2026, 11, 30, 8, 0))
    assert [n.nyckel for n in notiser(medarbetare, "atgard")] == [
        f"atgard:{atgard.pk}:fore-14:2026-12-14"
    ]
    sweep_at(t(2026, 12, 13, 8, 0))
    sweep_at(t(2026, 12, 14, 8, 0))
    sweep_at(t(2026, 12, 14, 8, 15))
    sweep_at(t(2026, 12, 21, 8, 0))
    keys = sorted(n.nyckel.split(":")[2] for n in notiser(medarbetare, "atgard"))
    assert keys == ["fore-1", "fore-14", "forsenad-v1", "idag"]
    assert notiser(chef, "atgard-chef") == []
    # Two weeks overdue: the chef is copied, once.
    sweep_at(t(2026, 12, 28, 8, 0))
    sweep_at(t(2027, 1, 4, 8, 0))
    assert len(notiser(chef, "atgard-chef")) == 1
    assert len(notiser(medarbetare, "atgard")) == 6
    # Every notice was e-mailed exactly once.
    assert len([m for m in mail.outbox if m.to == [medarbetare.email]]) == 6
    assert len([m for m in mail.outbox if "två veckor" in m.subject]) == 1
    assert not Notis.objects.filter(typ__startswith="atgard", skickad__isnull=True).exists()


def test_it_stops_reminding_when_the_atgard_is_done(sweep_at, atgard_for, medarbetare):
    atgard = atgard_for(date(2026, 12, 14))
    atgard.status = atgard.Status.KLAR
    atgard.save()
    sweep_at(t(2026, 12, 14, 8, 0))
    assert notiser(medarbetare) == []


def test_it_reminds_again_when_the_due_date_moves(sweep_at, atgard_for, medarbetare):
    atgard = atgard_for(date(2026, 12, 14))
    sweep_at(t(2026, 12, 14, 8, 0))
    atgard.forfallodatum = date(2026, 12, 15)
    atgard.save()
    sweep_at(t(2026, 12, 15, 8, 0))
    assert len(notiser(medarbetare, "atgard")) == 2


def test_it_reminds_of_an_incident_not_received_after_one_working_day_over_a_weekend(
    sweep_at, medarbetare, chef, sakerhetsavdelning, sakerhetschef
):
    with time_machine.travel(t(2026, 11, 27, 14, 0), tick=False):  # fredag
        incident = incident_factory(rapportor=medarbetare, rubrik="Inbrott i förrådet")
    sweep_at(t(2026, 11, 28, 15, 0))  # lördag: a day, but not a working day
    sweep_at(t(2026, 11, 30, 13, 59))
    assert notiser(sakerhetsavdelning, "incident-ej-mottagen") == []
    sweep_at(t(2026, 11, 30, 14, 0))
    sweep_at(t(2026, 11, 30, 14, 15))
    for user in (sakerhetsavdelning, sakerhetschef, chef):
        [notis] = notiser(user, "incident-ej-mottagen")
        assert incident.referens in notis.rubrik
        assert notis.lank == incident.get_absolute_url()
    assert notiser(medarbetare, "incident-ej-mottagen") == []


def test_it_does_not_remind_of_an_incident_that_was_received(
    sweep_at, medarbetare, sakerhetsavdelning
):
    with time_machine.travel(t(2026, 11, 23, 9, 0), tick=False):
        incident = incident_factory(rapportor=medarbetare)
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.MOTTAGEN)
    sweep_at(t(2026, 11, 25, 9, 0))
    assert notiser(sakerhetsavdelning, "incident-ej-mottagen") == []


def test_it_skips_midsommar_when_counting_the_working_day(
    sweep_at, medarbetare, sakerhetsavdelning
):
    with time_machine.travel(t(2026, 6, 18, 10, 0), tick=False):  # torsdag före midsommar
        incident_factory(rapportor=medarbetare)
    sweep_at(t(2026, 6, 19, 11, 0))  # midsommarafton
    sweep_at(t(2026, 6, 22, 9, 59))  # måndag
    assert notiser(sakerhetsavdelning, "incident-ej-mottagen") == []
    sweep_at(t(2026, 6, 22, 10, 0))
    assert len(notiser(sakerhetsavdelning, "incident-ej-mottagen")) == 1


def test_it_skips_juldagen_when_counting_the_working_day(sweep_at, medarbetare, sakerhetsavdelning):
    with time_machine.travel(t(2026, 12, 23, 15, 0), tick=False):
        incident_factory(rapportor=medarbetare)
    sweep_at(t(2026, 12, 25, 16, 0))  # juldagen
    sweep_at(t(2026, 12, 28, 14, 59))
    assert notiser(sakerhetsavdelning, "incident-ej-mottagen") == []
    sweep_at(t(2026, 12, 28, 15, 0))
    assert len(notiser(sakerhetsavdelning, "incident-ej-mottagen")) == 1


@pytest.mark.parametrize(
    "reported, before, due",
    [
        # Sommartid börjar söndag 29 mars 2026 kl. 02.00.
        (t(2026, 3, 27, 16, 0), t(2026, 3, 30, 15, 59), t(2026, 3, 30, 16, 0)),
        # Vintertid börjar söndag 25 oktober 2026 kl. 03.00.
        (t(2026, 10, 23, 16, 0), t(2026, 10, 26, 15, 59), t(2026, 10, 26, 16, 0)),
    ],
)
def test_it_keeps_local_time_across_the_daylight_saving_change(
    sweep_at, medarbetare, sakerhetsavdelning, reported, before, due
):
    with time_machine.travel(reported, tick=False):
        incident_factory(rapportor=medarbetare)
    sweep_at(before)
    assert notiser(sakerhetsavdelning, "incident-ej-mottagen") == []
    sweep_at(due)
    assert len(notiser(sakerhetsavdelning, "incident-ej-mottagen")) == 1


def test_it_tells_only_the_sakerhetschef_of_a_skyddad_incident_and_never_its_title(
    sweep_at, medarbetare, chef, sakerhetsavdelning, sakerhetschef
):
    with time_machine.travel(t(2026, 11, 23, 9, 0), tick=False):
        incident = skyddad_incident(rapportor=medarbetare, rubrik="Hot mot rektor Berg")
    sweep_at(t(2026, 11, 24, 10, 0))
    assert notiser(sakerhetsavdelning) == [] and notiser(chef) == []
    [notis] = notiser(sakerhetschef, "incident-ej-mottagen")
    # The notice points at the incident; its title is shown when read, and never e-mailed.
    assert notis.incident_id == incident.pk and "Berg" not in notis.rubrik
    assert mail.outbox
    for message in mail.outbox:
        assert "Berg" not in message.subject + message.body


def test_it_reminds_of_a_72_hour_legal_clock_at_half_time_and_4_hours_before(
    sweep_at, medarbetare, sakerhetsavdelning, sakerhetschef
):
    start = t(2026, 11, 23, 8, 0)
    with time_machine.travel(start, tick=False):
        incident = incident_factory(
            rapportor=medarbetare,
            upptackt=start,
            handlaggare=sakerhetschef,
            status=Incident.Status.MOTTAGEN,
        )
        plikt = Rapporteringsplikt.objects.create(
            incident=incident,
            typ=Plikttyp.objects.get(kod="imy"),
            mottagare="IMY",
            frist=timedelta(hours=72),
        )
    sweep_at(start + timedelta(hours=35, minutes=59))
    assert notiser(sakerhetschef, "rapporteringsplikt") == []
    sweep_at(start + timedelta(hours=36))
    sweep_at(start + timedelta(hours=36, minutes=15))
    assert [n.nyckel.split(":")[2] for n in notiser(sakerhetschef, "rapporteringsplikt")] == [
        "halv"
    ]
    assert len(notiser(sakerhetsavdelning, "rapporteringsplikt")) == 1
    sweep_at(start + timedelta(hours=68))
    assert len(notiser(sakerhetschef, "rapporteringsplikt")) == 2
    plikt.utford = start + timedelta(hours=69)
    plikt.save()
    sweep_at(start + timedelta(hours=70))
    assert len(notiser(sakerhetschef, "rapporteringsplikt")) == 2


def test_it_reminds_proportionally_of_a_longer_clock():
    start = t(2026, 11, 1, 8, 0)
    moments = dict(plikt_paminnelsetider(start, timedelta(days=30)))
    assert moments["halv"] == start + timedelta(days=15)
    assert moments["slut"] == start + timedelta(days=30) - timedelta(days=30) / 18


def test_it_reminds_the_owning_body_of_a_governing_document_due_for_review(
    sweep_at, namndforetradare, annan_namndforetradare, sakerhetsavdelning
):
    dokument = Styrdokument.objects.create(
        titel="Rutin för utrymning av skolor",
        typ=Styrdokument.Typ.RUTIN,
        omrade=Omrade.objects.order_by("nummer").first(),
        agare=Organ.objects.get(slug="bun"),
        nasta_oversyn=date(2027, 3, 1),
    )
    # 90 days before 1 March 2027 is 1 December 2026 (settings.OVERSYN_DAGAR_FORE).
    sweep_at(t(2026, 11, 30, 9, 0))
    assert notiser(namndforetradare) == []
    sweep_at(t(2026, 12, 1, 9, 0))
    sweep_at(t(2027, 3, 1, 9, 0))
    sweep_at(t(2027, 3, 2, 9, 0))
    assert sorted(n.nyckel for n in notiser(namndforetradare)) == [
        f"styrdokument-oversyn:{dokument.pk}:fore-90:2027-03-01",
        f"styrdokument-oversyn:{dokument.pk}:forfallen:2027-03-01",
    ]
    assert {n.lank for n in notiser(namndforetradare)} == {"/policy/styrdokument/"}
    assert notiser(annan_namndforetradare) == []


def test_it_runs_arshjulet_once_per_date_and_the_rsa_once_per_mandate_period(
    sakerhetsavdelning,
):
    Arshjulspunkt.objects.all().delete()
    punkt = Arshjulspunkt.objects.create(
        namn="RSA till Länsstyrelsen",
        manad=10,
        dag=31,
        framforhallning=10,
        roll=Roll.SAKERHETSAVDELNING,
        ar_i_mandatperioden=1,
    )
    assert punkt.nasta_datum(date(2026, 1, 1)) == date(2027, 10, 31)
    assert punkt.nasta_datum(date(2027, 11, 1)) == date(2031, 10, 31)
    assert reminders.create_arshjul(date(2027, 10, 20)) == 0
    assert reminders.create_arshjul(date(2027, 10, 21)) == 1
    assert reminders.create_arshjul(date(2027, 10, 22)) == 0
    [notis] = notiser(sakerhetsavdelning, "arshjul")
    assert "RSA till Länsstyrelsen" in notis.rubrik and "31 okt 2027" in notis.rubrik


def test_it_tells_a_chef_only_that_an_atgard_is_late_when_its_incident_is_hidden(
    sweep_at, atgard_for, medarbetare, chef
):
    incident = skyddad_incident(rapportor=medarbetare, rubrik="Hot mot rektor Berg")
    atgard_for(date(2026, 12, 1), incident=incident, beskrivning="Skyddad adress för rektor Berg")
    sweep_at(t(2026, 12, 15, 8, 0))
    [notis] = notiser(chef, "atgard-chef")
    assert "Berg" not in notis.rubrik + notis.text
    assert notis.lank == "/paminnelser/"
    assert not [m for m in mail.outbox if m.to == [chef.email] and "Berg" in m.body]


def test_it_runs_the_rules_other_apps_register_and_survives_a_broken_one(
    db, medarbetare, monkeypatch
):
    monkeypatch.setattr(reminders, "REGLER", {})

    @reminders.regel("trasig")
    def trasig(nu):
        raise RuntimeError("trasig regel")

    @reminders.regel("hej")
    def hej(nu):
        return int(
            reminders.notis_create(
                mottagare=medarbetare, typ="info", nyckel=f"hej:{nu.date()}", rubrik="Hej", lank="/"
            )
            is not None
        )

    assert reminders.create_all() == 1
    assert reminders.create_all() == 0
    assert list(Notis.objects.filter(mottagare=medarbetare).values_list("rubrik", flat=True)) == [
        "Hej"
    ]


def test_it_reminds_of_a_review_when_vart_ansvar_starts_listing_it_as_due(
    sweep_at, settings, namndforetradare, client_as
):
    """One rule for "due for review" (settings.OVERSYN_DAGAR_FORE): the list and the reminder."""
    settings.OVERSYN_DAGAR_FORE = 45
    Styrdokument.objects.create(
        titel="Rutin för brandskyddsronder",
        typ=Styrdokument.Typ.RUTIN,
        omrade=Omrade.objects.order_by("nummer").first(),
        agare=Organ.objects.get(slug="bun"),
        nasta_oversyn=date(2027, 3, 1),
    )
    for dag, due in ((date(2027, 1, 14), False), (date(2027, 1, 15), True)):
        with time_machine.travel(t(dag.year, dag.month, dag.day, 9, 0), tick=False):
            sweep_at(t(dag.year, dag.month, dag.day, 9, 0))
            html = client_as(namndforetradare).get("/policy/ansvar/bun/").content.decode()
            listad = "Rutin för brandskyddsronder" in html.split('id="alla-styrdokument"')[0]
            assert listad is due
            assert bool(notiser(namndforetradare)) is due
    assert [n.rubrik for n in notiser(namndforetradare)] == [
        "Översyn inom 45 dagar: Rutin för brandskyddsronder"
    ]
