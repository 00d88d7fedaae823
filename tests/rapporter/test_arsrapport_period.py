"""The annual follow-up states its period, and a report made before the year ends is
preliminär with its cut-off date."""

import datetime

from lib import pdf
from rapporter import arsrapport

from .conftest import AR


def test_it_is_preliminary_until_the_year_has_ended(kommunledning):
    for idag, preliminar in (
        (datetime.date(AR, 6, 30), True),
        (datetime.date(AR, 12, 31), True),
        (datetime.date(AR + 1, 1, 1), False),
        (datetime.date(AR + 1, 3, 15), False),
    ):
        ctx = arsrapport.context(kommunledning, AR, idag=idag)
        assert ctx["preliminar"] is preliminar, idag
        assert ctx["period_fran"] == datetime.date(AR, 1, 1)
        assert ctx["period_till"] == datetime.date(AR, 12, 31)
        html = pdf.render_html("rapporter/arsrapport.html", ctx)
        assert "Period: 1 januari–31 december" in html
        assert ("Preliminär: uppgifter till och med" in html) is preliminar
    ctx = arsrapport.context(kommunledning, AR, idag=datetime.date(AR, 6, 30))
    assert "Preliminär: uppgifter till och med 30 jun " in pdf.render_html(
        "rapporter/arsrapport.html", ctx
    )
