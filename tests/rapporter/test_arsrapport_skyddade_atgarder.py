"""A report that shows anything of a skyddad incident is marked "med skyddade", so only the
person who ordered it (and the säkerhetschef) may read it: also when the only trace is an
åtgärd of a skyddad incident from another year, in the overdue åtgärder."""

import datetime

from django.utils import timezone

from rapporter import arsrapport
from rapporter.models import Arsrapport
from rapporter.selectors import arsrapporter_visible_to
from risker.services import atgard_create
from tests.incidenter.factories import skyddad_incident

AR = 2026


def _skyddad_atgard(rapportor, sakerhetschef, ansvarig):
    # Reported three years before the report's year: no skyddad incident of year N or N-1.
    incident = skyddad_incident(
        rapportor=rapportor,
        rubrik="Hot mot kassören Blåmes",
        rapporterad=timezone.make_aware(datetime.datetime(AR - 3, 3, 1, 10, 0)),
    )
    return atgard_create(
        user=sakerhetschef,
        beskrivning="Skyddat boende för Blåmes",
        ansvarig=ansvarig,
        organ=incident.enhet.organ,
        forfallodatum=datetime.date(AR - 1, 6, 1),
        incident=incident,
    )


def test_it_marks_a_report_with_an_atgard_of_a_skyddad_incident_as_with_skyddade(
    medarbetare, sakerhetschef, sakerhetsavdelning, kommunledning
):
    atgard = _skyddad_atgard(medarbetare, sakerhetschef, sakerhetschef)
    ctx = arsrapport.context(sakerhetschef, AR, idag=datetime.date(AR + 1, 1, 15))
    assert atgard in ctx["forsenade_atgarder"]
    assert ctx["med_skyddade"]
    rapport = Arsrapport.objects.create(
        ar=AR, skapad_av=sakerhetschef, med_skyddade=ctx["med_skyddade"]
    )
    for lasare in (sakerhetsavdelning, kommunledning):
        assert not arsrapporter_visible_to(lasare).filter(pk=rapport.pk).exists()


def test_it_shows_readers_without_access_nothing_of_the_atgard(
    medarbetare, sakerhetschef, kommunledning, sakerhetsavdelning
):
    atgard = _skyddad_atgard(medarbetare, sakerhetschef, sakerhetschef)
    for lasare in (kommunledning, sakerhetsavdelning):
        ctx = arsrapport.context(lasare, AR, idag=datetime.date(AR + 1, 1, 15))
        assert atgard not in ctx["forsenade_atgarder"]
        assert not ctx["med_skyddade"]
