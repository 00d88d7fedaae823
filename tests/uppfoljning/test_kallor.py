"""The security year reads its new sources: the samverkan indicator counts the exercises held
with other organisations and krisberedskapen's samverkan activities, and an exercise held
shows a body's exercise duty done. Every figure against data counted by hand."""

import datetime

from krisberedskap.models import Partner, Samverkansaktivitet
from policy.models import Enhet, Organ
from tests.verksamhet.factories import aktivitet, lokal
from uppfoljning import indikatorer, rapport, status
from verksamhet.models import Aktivitet, Aktivitetstyp, Partnerorganisation

AR = 2025
OVNINGSPLIKT = "Deltagande i övning inom krisberedskap och civilt försvar"


def _ovning(lok, ansvarig, datum, *, typ="Krisledningsövning", partner=None, **kw):
    a = aktivitet(
        lok,
        ansvarig,
        typ=Aktivitetstyp.objects.get(namn=typ),
        datum=datum,
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum=datum,
        **kw,
    )
    if partner:
        a.partner.add(Partnerorganisation.objects.get_or_create(namn=partner)[0])
    return a


def _samverkan(titel, datum):
    s = Samverkansaktivitet.objects.create(titel=titel, typ="mote", datum=datum)
    s.parter.add(Partner.objects.get_or_create(namn="Länsstyrelsen", typ="lansstyrelsen")[0])
    return s


def test_it_counts_exercises_with_partners_and_samverkan_activities(
    chef, sakerhetsavdelning, kommunledning
):
    lok = lokal()
    _ovning(lok, chef, datetime.date(AR, 3, 10), partner="Räddningstjänsten Mälardalen")
    _ovning(lok, chef, datetime.date(AR, 9, 1), partner="Region Västmanland")
    _ovning(lok, chef, datetime.date(AR, 5, 5))  # without a partner: not samverkan
    _ovning(lok, chef, datetime.date(AR - 1, 11, 5), partner="Polisen")  # the year before
    planerad = aktivitet(
        lok,
        chef,
        typ=Aktivitetstyp.objects.get(namn="Krisledningsövning"),
        datum=datetime.date(AR, 10, 1),
    )
    planerad.partner.add(Partnerorganisation.objects.get(namn="Polisen"))  # not held
    _samverkan("Samverkansmöte med Länsstyrelsen", datetime.date(AR, 2, 1))
    _samverkan("Regional samverkanskonferens", datetime.date(AR, 12, 31))
    _samverkan("Förra årets möte", datetime.date(AR - 1, 12, 31))

    r = indikatorer.ovningar_och_samverkan(kommunledning, AR)
    assert r.varde == 4 and not r.saknar_kalla
    assert r.underlag == "2 övningar med andra organisationer, 2 samverkansaktiviteter"

    ind = next(
        i
        for m in rapport.mal_context(sakerhetsavdelning, AR)["mal"]
        for i in m["indikatorer"]
        if i["underlag"] == r.underlag
    )
    assert ind["varde_text"].startswith("4") and "saknar källa" not in ind["varde_text"]


def test_it_counts_zero_as_a_fact_once_the_sources_exist(kommunledning):
    r = indikatorer.ovningar_och_samverkan(kommunledning, AR)
    assert r.varde == 0 and not r.saknar_kalla


def test_an_exercise_held_shows_the_exercise_duty_done(chef, people):
    bun = Organ.objects.get(slug="bun")
    # The duty's period is 2026–2027, due 31 December 2027; read on the day after.
    idag, per = datetime.date(2028, 1, 1), datetime.date(2027, 6, 1)

    def rad(organ):
        return next(
            r
            for r in status.rader_for([organ], idag=idag, per=per)[organ.pk]
            if r.skyldighet.titel == OVNINGSPLIKT
        )

    assert rad(bun).status == status.FORSENAD  # no exercise: overdue, never "saknar källa"

    lok = lokal()
    # A fire drill serves another area: it does not show a krisberedskap exercise done.
    _ovning(lok, chef, datetime.date(2026, 9, 15), typ="Utrymningsövning")
    assert rad(bun).status == status.FORSENAD

    ovning = _ovning(lok, chef, datetime.date(2026, 11, 10))
    r = rad(bun)
    assert r.status == status.KLAR
    assert r.bevis == str(ovning) and r.bevis_lank == ovning.get_absolute_url()


def test_a_unit_taking_part_in_another_bodys_exercise_shows_its_duty_done(chef, people):
    ks_lokal = lokal(
        namn="Stadshuset", enhet=("ks", Enhet.objects.filter(organ__slug="ks").first().namn)
    )
    ovning = _ovning(ks_lokal, chef, datetime.date(2027, 3, 3))
    bun = Organ.objects.get(slug="bun")
    ovning.deltagande_enheter.add(Enhet.objects.filter(organ=bun).first())
    r = next(
        r
        for r in status.rader_for([bun], per=datetime.date(2027, 12, 31))[bun.pk]
        if r.skyldighet.titel == OVNINGSPLIKT
    )
    assert r.status == status.KLAR and r.bevis == str(ovning)
