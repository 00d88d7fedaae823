from datetime import datetime

import pytest

from lib.arbetsdagar import STOCKHOLM
from risker.models import Atgard
from tests.incidenter.factories import incident_factory


def t(*args) -> datetime:
    """A wall-clock time in Köping."""
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def atgard_for(medarbetare, chef):
    def make(forfallodatum, ansvarig=None, **fields):
        ansvarig = ansvarig or medarbetare
        incident = fields.pop("incident", None) or incident_factory(
            rapportor=medarbetare, rubrik="Stöld av dator i personalrummet"
        )
        return Atgard.objects.create(
            beskrivning=fields.pop("beskrivning", "Sätt lås på personalrummet"),
            ansvarig=ansvarig,
            organ=ansvarig.enhet.organ,
            forfallodatum=forfallodatum,
            incident=incident,
            skapad_av=chef,
            **fields,
        )

    return make


# Tasks run in-process in every test except the real-worker ones: tests/conftest.py.


# The rules these tests count, besides the reminders' own: åtgärder and reviews (risker),
# incidents not received and legal clocks (incidenter).
REGLERNA_HAR = ("atgarder", "oversyner", "incidenter", "plikter")


@pytest.fixture(autouse=True)
def _bara_paminnelsernas_egna_regler():
    """The sweep's tests count what the reminders' own rules and REGLERNA_HAR create. The
    rules other apps register with `reminders.regel` (duties of the ansvarsmatris, …) are
    tested in those apps' tests. Not with monkeypatch: several tests here call
    monkeypatch.undo()."""
    from paminnelser import reminders

    # Kept in the registry object itself: a test's monkeypatch may put another dict in its
    # place and put this one back after this fixture has ended.
    regler = reminders.REGLER
    sparade = dict(regler)
    regler.clear()
    regler.update({namn: sparade[namn] for namn in REGLERNA_HAR})
    yield
    regler.clear()
    regler.update(sparade)
