"""Reminders of planned activities: before, and once when overdue, to whoever answers for it."""

import datetime
from zoneinfo import ZoneInfo

from paminnelser import reminders
from paminnelser.models import Notis
from verksamhet.models import Aktivitet

from . import factories


def _nu(dag):
    return datetime.datetime.combine(dag, datetime.time(7, 0), tzinfo=ZoneInfo("Europe/Stockholm"))


def test_an_overdue_activity_reminds_its_owner_once(chef, medarbetare):
    lok = factories.lokal()
    factories.aktivitet(lok, chef, datum=datetime.date(2026, 11, 16))
    # Two weeks before: one reminder.
    reminders.create_all(_nu(datetime.date(2026, 11, 2)))
    reminders.create_all(_nu(datetime.date(2026, 11, 3)))
    fore = Notis.objects.filter(mottagare=chef, typ="aktivitet")
    assert [n.rubrik for n in fore] == ["Planerad: Brandskyddsrond, Ullvigymnasiet, 16 nov 2026"]
    # Overdue: one more, however many times the sweep runs.
    for dag in (17, 18, 24):
        reminders.create_all(_nu(datetime.date(2026, 11, dag)))
    rubriker = list(
        Notis.objects.filter(mottagare=chef, typ="aktivitet").values_list("rubrik", flat=True)
    )
    assert len(rubriker) == 2
    assert rubriker.count("Försenad: Brandskyddsrond, Ullvigymnasiet, planerad 16 nov 2026") == 1
    assert not Notis.objects.filter(mottagare=medarbetare, typ="aktivitet").exists()


def test_a_done_activity_is_not_reminded_of(chef):
    lok = factories.lokal()
    factories.aktivitet(
        lok,
        chef,
        datum=datetime.date(2026, 11, 16),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=datetime.date(2026, 11, 16),
    )
    reminders.create_all(_nu(datetime.date(2026, 11, 20)))
    assert not Notis.objects.filter(typ="aktivitet").exists()


def test_an_atgard_from_an_inspection_is_reminded_of_with_a_link_that_names_the_inspection(
    chef, client_as
):
    from risker.models import Atgard

    lok = factories.lokal()
    rond = factories.aktivitet(lok, chef)
    Atgard.objects.create(
        beskrivning="Flytta stolarna",
        ansvarig=chef,
        organ=rond.organ,
        forfallodatum=datetime.date(2026, 12, 1),
        aktivitet=rond,
        skapad_av=chef,
    )
    reminders.create_all(_nu(datetime.date(2026, 12, 1)))
    # The åtgärd's own page, which names its inspection (every reminder opens for its
    # recipient, who may not see the activity itself).
    notis = Notis.objects.get(mottagare=chef, typ="atgard")
    atgard = Atgard.objects.get(aktivitet=rond)
    assert notis.lank == atgard.get_absolute_url()
    sida = client_as(chef).get(notis.lank)
    assert sida.status_code == 200
    assert rond.get_absolute_url() in sida.content.decode()
