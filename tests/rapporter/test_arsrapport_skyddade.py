"""
A skyddad incident leaves no trace in the annual follow-up for a reader who may not open
it: not in a count, a table, a chart, the legal notifications or the åtgärder, even when the
reader answers for one of its åtgärder. And the legal notifications, per clock.
"""

import datetime

from django.utils import timezone

from incidenter.models import Plikttyp, Rapporteringsplikt
from lib import pdf
from policy.models import User
from rapporter import arsrapport
from risker.models import Atgard

from .conftest import AR, SKYDDAD_REFERENS, SKYDDAD_RUBRIK, skapa_incidenter, skapa_skyddad

IDAG = datetime.date(AR, 11, 30)


def _html(user) -> str:
    ctx = arsrapport.context(User.objects.get(pk=user.pk), AR, idag=IDAG)
    ctx["genererad"] = timezone.make_aware(datetime.datetime(AR, 11, 30, 12, 0))
    return pdf.render_html("rapporter/arsrapport.html", ctx)


def test_it_shows_a_reader_without_access_the_same_report_as_before_the_skyddad_incident(
    grunddata,
):
    skapa_incidenter(40)
    ks = User.objects.get(username="ks")
    chef = User.objects.get(username="sakerhetschef")
    fore_ks, fore_chef = _html(ks), _html(chef)

    skyddad = skapa_skyddad()
    Rapporteringsplikt.objects.create(
        incident=skyddad,
        typ=Plikttyp.objects.get(kod="imy"),
        mottagare="IMY",
        frist=datetime.timedelta(hours=72),
    )
    # KS answers for an åtgärd of the skyddad incident, overdue: it is still not theirs to see
    # in the report.
    Atgard.objects.create(
        beskrivning=f"Skydda {SKYDDAD_RUBRIK}",
        ansvarig=ks,
        organ=skyddad.enhet.organ,
        forfallodatum=datetime.date(AR, 4, 1),
        incident=skyddad,
        skapad_av=chef,
    )

    efter_ks = _html(ks)
    assert efter_ks == fore_ks
    assert SKYDDAD_RUBRIK not in efter_ks and SKYDDAD_REFERENS not in efter_ks
    # The säkerhetschef, who may open it, finds it in the figures.
    efter_chef = _html(chef)
    assert efter_chef != fore_chef
    assert SKYDDAD_REFERENS in efter_chef


def test_it_counts_legal_notifications_per_clock_on_time_and_late(grunddata):
    incidenter = skapa_incidenter(4)
    arets = [i for i in incidenter if i.ar == AR]
    imy = Plikttyp.objects.get(kod="imy")
    sapo = Plikttyp.objects.get(kod="sapo")
    timmar = datetime.timedelta(hours=1)

    def plikt(incident, typ, utford_efter):
        return Rapporteringsplikt.objects.create(
            incident=incident,
            typ=typ,
            mottagare=typ.mottagare,
            frist=typ.frist,
            utford=incident.upptackt + utford_efter if utford_efter is not None else None,
        )

    plikt(arets[0], imy, 10 * timmar)  # on time
    plikt(arets[1], imy, 80 * timmar)  # late
    plikt(arets[2], imy, None)  # not made, the clock ran out long ago
    plikt(arets[3], sapo, 2 * timmar)
    ks = User.objects.get(username="ks")
    ctx = arsrapport.context(ks, AR)
    rader = {r["typ"].kod: r for r in ctx["plikter"]}
    assert (rader["imy"]["i_tid"], rader["imy"]["sent"], rader["imy"]["ej_gjord"]) == (1, 1, 1)
    assert rader["imy"]["totalt"] == 3
    assert (rader["sapo"]["i_tid"], rader["sapo"]["totalt"]) == (1, 1)
    assert ctx["plikter_summa"]["sent"] == 1 and ctx["plikter_summa"]["ej_gjord"] == 1
    html = pdf.render_html("rapporter/arsrapport.html", ctx)
    assert "Lagstadgad rapportering" in html and imy.namn in html
    assert "1 gjord för sent, 1 inte gjord fast fristen har gått ut" in html


def test_it_counts_a_clock_in_calendar_months_by_its_deadline_not_as_without_one(grunddata):
    """The cyber final report runs a calendar month from the incident report it follows."""
    arets = [i for i in skapa_incidenter(4) if i.ar == AR]
    slut = Plikttyp.objects.get(kod="csirt-slut")
    fore = slut.efter
    dag = datetime.timedelta(days=1)

    def plikt(incident, typ, utford):
        return Rapporteringsplikt.objects.create(
            incident=incident,
            typ=typ,
            mottagare=typ.mottagare,
            frist=typ.frist,
            frist_manader=typ.frist_manader,
            utford=utford,
        )

    for incident, slutrapport_efter in ((arets[0], 20 * dag), (arets[1], None)):
        anmald = incident.upptackt + datetime.timedelta(hours=5)
        plikt(incident, fore, anmald)
        plikt(incident, slut, anmald + slutrapport_efter if slutrapport_efter else None)
    rad = {
        r["typ"].kod: r for r in arsrapport.context(User.objects.get(username="ks"), AR)["plikter"]
    }["csirt-slut"]
    assert (rad["i_tid"], rad["ej_gjord"], rad["utan_frist"]) == (1, 1, 0)
