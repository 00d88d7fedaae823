"""The demo: a dozen classified systems of BUN, SN and KS, a säkerhetsskyddsanalys due next
month, two SUA, and a dataskyddsombud; once only."""

import datetime

from django.utils import timezone

from informationssakerhet import demo
from informationssakerhet.models import (
    Checklistsvar,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
    System,
)


def test_it_creates_the_demo_once(people):
    assert demo.create() > 0
    system = System.objects.all()
    assert system.count() == 12
    assert set(system.values_list("organ__slug", flat=True)) == {"bun", "sn", "ks"}
    assert all(all(k["niva"] for k in s.harledd_klassning()) for s in system)
    analys = Sakerhetsskyddsanalys.objects.get()
    assert 0 < (analys.nasta_senast - timezone.localdate()).days <= 31
    assert analys.nasta_senast - analys.datum <= datetime.timedelta(days=731)
    assert Sakerhetsskyddsavtal.objects.count() == 2
    assert demo.create() == 0
    assert System.objects.count() == 12


def test_it_answers_the_cybersakerhet_checklist_of_two_systems_in_scope(people):
    demo.create()
    assert System.objects.filter(cybersakerhetslag=True).count() == 4
    per_system = {
        namn: System.objects.get(namn=namn).checklistsvar.count()
        for namn in ("Verksamhetssystem för omsorg", "Lönesystemet", "Trygghetslarm")
    }
    assert per_system == {"Verksamhetssystem för omsorg": 10, "Lönesystemet": 6, "Trygghetslarm": 0}
    idag = timezone.localdate()
    assert Checklistsvar.objects.filter(nasta_oversyn__lt=idag).count() == 1
    assert all(s.full_clean() is None for s in Checklistsvar.objects.all())
    # Added to a demo made before the checklist existed, once.
    Checklistsvar.objects.all().delete()
    System.objects.update(cybersakerhetslag=False)
    assert demo.create() == 16
    assert demo.create() == 0
