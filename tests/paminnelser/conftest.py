from datetime import datetime

import pytest

from koping_sakerhet.lib.arbetsdagar import STOCKHOLM
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
