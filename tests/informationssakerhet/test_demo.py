"""The demo: a dozen classified systems of BUN, SN and KS, a säkerhetsskyddsanalys due next
month, two SUA, and a dataskyddsombud; once only."""

import datetime

from django.utils import timezone

from informationssakerhet import demo
from informationssakerhet.models import Sakerhetsskyddsanalys, Sakerhetsskyddsavtal, System


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
