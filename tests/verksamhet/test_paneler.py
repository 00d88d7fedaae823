"""The area page and "Vårt ansvar" show the plan, what was done, what is overdue and what
was found; another body's activities are left out."""

import datetime

from django.utils import timezone

from verksamhet.models import Aktivitet

from . import factories


def test_the_area_page_and_vart_ansvar_show_planned_and_overdue_activities(
    chef, namndforetradare, annan_chef, client_as
):
    idag = timezone.localdate()
    skola = factories.lokal()
    factories.aktivitet(skola, chef, datum=idag - datetime.timedelta(days=3))
    factories.aktivitet(skola, chef, datum=idag + datetime.timedelta(days=400))
    factories.aktivitet(
        skola,
        chef,
        datum=idag - datetime.timedelta(days=1),
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=idag,
    )
    sn = factories.lokal(namn="Hemtjänstens lokal", enhet=("sn", "Hemtjänsten Centrum"))
    factories.aktivitet(sn, annan_chef, datum=idag - datetime.timedelta(days=5))

    client = client_as(namndforetradare)
    omrade = client.get("/policy/omraden/systematiskt-brandskyddsarbete/").content.decode()
    assert "Övningar, utbildningar och kontroller" in omrade
    assert "1 försenad" in omrade
    assert "Brandskyddsrond, Ullvigymnasiet" in omrade
    assert "Hemtjänstens lokal" not in omrade
    ansvar = client.get("/policy/ansvar/bun/").content.decode()
    assert "1 försenad" in ansvar
    assert "1 genomförd" in ansvar or idag.year != (idag - datetime.timedelta(days=1)).year
    # Another area shows nothing of the fire-safety round.
    el = client.get("/policy/omraden/it-sakerhet/").content.decode()
    assert "Inget är försenat." in el
