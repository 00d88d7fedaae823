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


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in this process, also in the CI pass with a REDIS_URL, except in the tests
    that start a real worker (marked redis)."""
    from koping_sakerhet import celery_app

    if request.node.get_closest_marker("redis"):
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before
