"""bench/run removes the reports its submit run made, and nothing else, so that every run
measures the same data."""

from incidenter.models import Incident
from tests.incidenter.factories import incident_factory


def test_it_removes_only_the_benchmarks_own_reports_and_their_history(db, medarbetare):
    from bench import prepare

    egen = incident_factory(rapportor=medarbetare, rubrik="Stöld av cykel")
    testrapporter = [
        incident_factory(rapportor=medarbetare, rubrik=prepare.RAPPORTRUBRIK) for _ in range(3)
    ]

    assert prepare.rensa() == 3

    assert list(Incident.objects.all()) == [egen]
    kvar = set(Incident.history.values_list("id", flat=True))
    assert egen.pk in kvar
    assert not kvar & {i.pk for i in testrapporter}
