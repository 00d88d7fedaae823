"""Reference numbers stay unique and gap-free when reports arrive at the same moment."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from incidenter.models import Incident
from incidenter.services import incident_create


# Serialized rollback: the flush after this test must not leave only post_migrate data
# behind for the next transactional test (it restores the migrated data instead).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_never_gives_two_concurrent_submits_the_same_number(
    require_postgres, people, medarbetare
):
    fel = []
    barriar = threading.Barrier(8)

    def rapportera(i):
        try:
            barriar.wait()
            incident_create(
                user=medarbetare,
                rubrik=f"Samtidig {i}",
                beskrivning="x",
                intraffade=timezone.now(),
                enhet=medarbetare.enhet,
            )
        except Exception as e:  # pragma: no cover - reported below
            fel.append(e)
        finally:
            connection.close()

    trådar = [threading.Thread(target=rapportera, args=(i,)) for i in range(8)]
    for t in trådar:
        t.start()
    for t in trådar:
        t.join()
    assert fel == []
    nummer = sorted(Incident.objects.values_list("lopnummer", flat=True))
    assert nummer == list(range(1, 9))
