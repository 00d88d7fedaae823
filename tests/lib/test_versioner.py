"""Values kept until their data changes (lib.versioner): a save moves the
version on, and so does a migrate, whose data migrations send no save signals."""

from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal

from incidenter.queries import LISTVERSION
from lib import versioner
from policy.selectors import VERSION as POLICYVERSION
from risker.register import VERSION as REGISTERVERSION

NAMN = (LISTVERSION, REGISTERVERSION, POLICYVERSION)


def test_it_computes_anew_after_a_change_and_not_before(db):
    raknat = []

    def berakna():
        raknat.append(1)
        return len(raknat)

    assert versioner.versionerad(LISTVERSION, ("a",), berakna, 60) == 1
    assert versioner.versionerad(LISTVERSION, ("a",), berakna, 60) == 1
    assert versioner.versionerad(LISTVERSION, ("b",), berakna, 60) == 2
    versioner.data_andrad(LISTVERSION)
    assert versioner.versionerad(LISTVERSION, ("a",), berakna, 60) == 3


def test_it_moves_every_version_on_after_a_migrate(db):
    for namn in NAMN:
        cache.set(namn, 1, None)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert all(cache.get(namn) != 1 for namn in NAMN)
