"""The demo data: premises for the demo units, this year's plan, some done, some overdue,
an exercise with a partner organisation, and an anmärkning that became the chef's åtgärd."""

from django.utils import timezone

from policy import demo as policy_demo
from risker.models import Atgard
from verksamhet import demo, selectors
from verksamhet.models import Aktivitet, Lokal


def test_it_creates_the_demo_once(people, chef):
    policy_demo.create_styrdokument()
    assert demo.create() > 0
    idag = timezone.localdate()
    assert Lokal.objects.get(namn="Ullvigymnasiet").dokument.count() == 2
    i_ar = Aktivitet.objects.filter(datum__year=idag.year)
    assert (
        i_ar.filter(status=Aktivitet.Status.PLANERAD, datum__gte=idag).exists() or idag.month == 12
    )
    assert i_ar.filter(status=Aktivitet.Status.GENOMFORD).exists()
    assert i_ar.filter(status=Aktivitet.Status.PLANERAD, datum__lt=idag).exists()
    assert selectors.ovningar_under(idag.year, med_extern_part=True).exists()
    assert Atgard.objects.filter(aktivitet__isnull=False, ansvarig=chef).exists()
    antal = Aktivitet.objects.count()
    assert demo.create() == 0
    assert Aktivitet.objects.count() == antal
