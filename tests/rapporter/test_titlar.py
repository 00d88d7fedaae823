"""The titles of the filed documents say each thing once: a risk analysis's PDF is not
"Riskanalys: Riskanalys för …", and the annual report's cover gives its year once."""

import re

from django.utils import translation

from policy.models import User
from rapporter.dokument import riskanalys_context
from risker.models import Riskanalys

from .conftest import AR


def test_it_does_not_say_riskanalys_twice_in_a_pdf_title(grunddata):
    user = User.objects.get(username="sakerhet")
    analys = Riskanalys.objects.filter(status=Riskanalys.Status.GODKAND).first()

    with translation.override("sv"):  # as the PDF is made
        analys.titel = "Riskanalys för lägerskolan"
        assert riskanalys_context(user, analys)["titel"] == "Riskanalys för lägerskolan"

        analys.titel = "Lägerskolan 2027"
        assert riskanalys_context(user, analys)["titel"] == "Riskanalys: Lägerskolan 2027"


def test_it_gives_the_year_once_on_the_cover(grunddata, client_as):
    klient = client_as(User.objects.get(username="sakerhet"))
    text = klient.get(f"/rapporter/arsrapport/forhandsvisning/{AR}/").content.decode()
    omslag = text.split('<section class="omslag"')[1].split("</section>")[0]
    assert f"Årlig uppföljning av säkerhetsarbetet {AR}" in omslag
    # No line that is the year alone, under the title that already gives it.
    assert not re.search(rf">\s*{AR}\s*<", omslag), omslag
