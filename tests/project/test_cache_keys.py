"""Every cache kept with lib.versioner is keyed by what decides what it shows
(docs/performance.md lists them). For each, a scenario in which two loads must differ, run
twice: as the code is, where it must hold, and with the cache's key taken away (only its name
left), where it must fail. So each cache's test is shown to fail when its key is removed."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from incidenter.models import Plikttyp, Rapporteringsplikt
from lib import versioner
from policy.models import Omrade, Organ, Styrdokument
from risker.models import Riskanalys
from tests.incidenter.factories import incident_factory, skyddad_incident
from tests.risker.factories import bedomning, riskanalys_factory

_versionerad = versioner.versionerad


@pytest.fixture
def utan_nyckel(monkeypatch):
    """`utan_nyckel(namn)`: from now on the caches whose key starts with `namn` are kept
    under that name alone, whoever asks and whatever they ask for."""

    def ta_bort(namn):
        def versionerad(version, grund, berakna, sekunder):
            if grund[0] == namn:
                grund = (namn,)
            return _versionerad(version, grund, berakna, sekunder)

        monkeypatch.setattr(versioner, "versionerad", versionerad)

    return ta_bort


def _text(client, url) -> str:
    return client.get(url).content.decode()


def _matris(html: str) -> str:
    return re.search(r'<table class="riskmatris">.*?</table>', html, re.S).group(0)


def _sn_inlamnad(annan_namndforetradare):
    return riskanalys_factory(
        annan_namndforetradare,
        titel="SN inlämnad",
        risker=[bedomning(5, lh=5, titel="Hemlig risk i hemtjänsten")],
        status=Riskanalys.Status.INLAMNAD,
    )


def register(people, client_as, annan_namndforetradare, kommunledning, sysadmin, **_):
    """Kommunledningen sees every submitted analysis; the administrator only its own body's."""
    _sn_inlamnad(annan_namndforetradare)
    assert "Hemlig risk" in _text(client_as(kommunledning), "/risker/?status=alla")
    return "Hemlig risk" not in _text(client_as(sysadmin), "/risker/?status=alla")


def matris(people, client_as, annan_namndforetradare, kommunledning, sysadmin, **_):
    _sn_inlamnad(annan_namndforetradare)
    ks = _matris(_text(client_as(kommunledning), "/risker/matris/"))
    return _matris(_text(client_as(sysadmin), "/risker/matris/")) != ks


def riskpanel(people, client_as, annan_namndforetradare, kommunledning, sysadmin, **_):
    """The risk panel of an area page (risker.panels), shared by who sees the same analyses."""
    _sn_inlamnad(annan_namndforetradare)
    url = "/policy/omraden/systematiskt-brandskyddsarbete/"
    assert "Hemlig risk" in _text(client_as(kommunledning), url)
    return "Hemlig risk" not in _text(client_as(sysadmin), url)


def riskpanel_organ(people, client_as, annan_namndforetradare, kommunledning, **_):
    """The risk panel of Vårt ansvar: the body's own people see its draft, others do not."""
    riskanalys_factory(
        annan_namndforetradare, titel="SN utkast", risker=[bedomning(4, titel="Utkastets risk")]
    )
    assert "Utkastets risk" in _text(client_as(annan_namndforetradare), "/policy/ansvar/sn/")
    return "Utkastets risk" not in _text(client_as(kommunledning), "/policy/ansvar/sn/")


def listans_antal(people, client_as, sakerhetsavdelning, **_):
    """The list's count of normal incidents, kept per filter."""
    brand = Omrade.objects.get(slug="systematiskt-brandskyddsarbete")
    incident_factory(rubrik="Stöld")
    incident_factory(rubrik="Brand", kategori=None, omrade=brand)
    c = client_as(sakerhetsavdelning)
    filtrerad = c.get(f"/incidenter/?omrade={brand.pk}").context["sida"].paginator.count
    alla = c.get("/incidenter/").context["sida"].paginator.count
    return (filtrerad, alla) == (1, 2)


def listans_skyddade(people, client_as, sakerhetschef, sakerhetsavdelning, **_):
    """Each person's skyddade in the count, kept per person."""
    incident_factory(rubrik="Normal")
    skyddad_incident(rubrik="Skyddad")
    assert client_as(sakerhetschef).get("/incidenter/").context["sida"].paginator.count == 2
    return client_as(sakerhetsavdelning).get("/incidenter/").context["sida"].paginator.count == 1


def organpanel(people, client_as, sakerhetsavdelning, annan_medarbetare, **_):
    """A body's incident panel on Vårt ansvar, kept per body."""
    incident_factory(rubrik="Vattenskada i hemtjänstens lokal", rapportor=annan_medarbetare)
    c = client_as(sakerhetsavdelning)
    assert "Vattenskada" in _text(c, "/policy/ansvar/sn/")
    return "Vattenskada" not in _text(c, "/policy/ansvar/bun/")


def startsidans_klockor(people, client_as, sakerhetsavdelning, medarbetare, **_):
    """The start page's overdue reporting, kept per set of overdue clocks: a clock runs out
    a minute from now, well within the time the entry is kept."""
    nu = timezone.now()
    imy = Plikttyp.objects.get(kod="imy")
    incident = incident_factory(
        rapportor=medarbetare, upptackt=nu - datetime.timedelta(hours=72, seconds=-60)
    )
    Rapporteringsplikt.objects.create(
        incident=incident, typ=imy, mottagare=imy.mottagare, frist=datetime.timedelta(hours=72)
    )
    c = client_as(sakerhetsavdelning)
    with time_machine.travel(nu, tick=False):
        assert "Ingen rapportering till myndighet är försenad." in _text(c, "/")
    with time_machine.travel(nu + datetime.timedelta(minutes=2), tick=False):
        return "1 incident har försenad rapportering" in _text(c, "/")


def vart_ansvar(people, client_as, sakerhetsavdelning, kommunledning, **_):
    """Vårt ansvar's own part, kept per body and per whether the reader may change documents."""
    Styrdokument.objects.create(
        titel="Rutin för inpassering",
        typ=Styrdokument.Typ.RUTIN,
        omrade=Omrade.objects.get(slug="internt-skydd"),
        agare=Organ.objects.get(slug="bun"),
        nasta_oversyn=timezone.localdate() + datetime.timedelta(days=200),
    )
    assert "/andra/" in _text(client_as(sakerhetsavdelning), "/policy/ansvar/bun/")
    return "/andra/" not in _text(client_as(kommunledning), "/policy/ansvar/bun/")


def policystart(people, client_as, sakerhetsavdelning, **_):
    """The start page's overdue reviews, kept per day."""
    Styrdokument.objects.create(
        titel="Plan för krisberedskap i förskolan",
        typ=Styrdokument.Typ.PLAN,
        omrade=Omrade.objects.get(slug="internt-skydd"),
        agare=Organ.objects.get(slug="bun"),
        nasta_oversyn=timezone.localdate(),
    )
    kvall = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59, 30))
    )
    with time_machine.travel(kvall, tick=False):
        c = client_as(sakerhetsavdelning)
        assert "försenad översyn" not in _text(c, "/")
    with time_machine.travel(kvall + datetime.timedelta(minutes=1), tick=False):
        return "1 styrdokument har försenad översyn" in _text(c, "/")


def aktivitetslista(people, client_as, medarbetare, annan_medarbetare, **_):
    """The activity list's rows, kept per scope: a body's people see its activities, the
    people of another body do not."""
    from tests.verksamhet import factories

    factories.aktivitet(factories.lokal(namn="Hemliga skolan"), medarbetare)

    def rader(user):  # the premises are known to all in the filter; the rows are not
        return _text(client_as(user), "/verksamhet/").split("<tbody>")[1]

    assert "Hemliga skolan" in rader(medarbetare)
    return "Hemliga skolan" not in rader(annan_medarbetare)


def verksamhetspanel(people, client_as, sakerhetsavdelning, medarbetare, **_):
    """The activities panel of Vårt ansvar, kept per body."""
    from tests.verksamhet import factories

    factories.aktivitet(factories.lokal(namn="Hemliga skolan"), medarbetare)
    c = client_as(sakerhetsavdelning)
    assert "Hemliga skolan" in _text(c, "/policy/ansvar/bun/")
    return "Hemliga skolan" not in _text(c, "/policy/ansvar/sn/")


def skyldigheter(people, client_as, sakerhetsavdelning, **_):
    """The duty statuses of Vårt ansvar, kept per body: another body's duties are not
    its (without the key the page cannot even find its own body's among them)."""
    from uppfoljning.models import Skyldighet

    Skyldighet.objects.create(
        titel="Bara BUN:s plikt",
        galler=Skyldighet.Galler.ORGAN,
        organ=Organ.objects.get(slug="bun"),
        intervall=Skyldighet.Intervall.ARLIGEN,
        kalla=Skyldighet.Kalla.POLICY,
        bevis=Skyldighet.Bevis.KVITTENS,
    )
    c = client_as(sakerhetsavdelning)
    assert "Bara BUN:s plikt" in _text(c, "/policy/ansvar/bun/")
    try:
        return "Bara BUN:s plikt" not in _text(c, "/policy/ansvar/sn/")
    except KeyError:
        return False


def krisberedskap_start(people, client_as, sakerhetschef, medarbetare, **_):
    """The krisberedskap part of the start page, kept per person: a member of the staff sees
    the activation running now, others in the same scope do not."""
    from krisberedskap import services
    from policy.models import Roll
    from tests.conftest import _person

    aktivering = services.aktivering_create(
        user=sakerhetschef,
        titel="Pågående elavbrott",
        beslutad_av="ordforande",
        beslutad_av_namn="Elin Ordförande",
        beslutad=timezone.now() - datetime.timedelta(hours=2),
        skal="Elavbrott i hela tätorten.",
        skyddad=False,
    )
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=aktivering, deltagare=medarbetare, roll="stab"
    )
    kollega = _person("kollega", Roll.MEDARBETARE, medarbetare.enhet)
    assert "Pågående elavbrott" in _text(client_as(medarbetare), "/")
    return "Pågående elavbrott" not in _text(client_as(kollega), "/")


def skyldighetstabeller(people, client_as, sakerhetsavdelning, kommunledning, **_):
    """The duty tables of Vårt ansvar, drawn once per sign-off right: Säkerhetsavdelningen
    gets a "Kvittera" link, kommunledningen, who may read every body's page, does not."""
    from uppfoljning.models import Skyldighet

    Skyldighet.objects.create(
        titel="Kvitteras av någon",
        galler=Skyldighet.Galler.ORGAN,
        organ=Organ.objects.get(slug="bun"),
        intervall=Skyldighet.Intervall.ARLIGEN,
        kalla=Skyldighet.Kalla.POLICY,
        bevis=Skyldighet.Bevis.KVITTENS,
    )
    assert "Kvittera" in _text(client_as(sakerhetsavdelning), "/policy/ansvar/bun/")
    return "Kvittera<span" not in _text(client_as(kommunledning), "/policy/ansvar/bun/")


def verksamhet_start(people, client_as, medarbetare, **_):
    """The activities part of the start page, kept per person: the one who answers for a
    planned inspection sees it, a colleague in the same scope does not."""
    from policy.models import Roll
    from tests.conftest import _person
    from tests.verksamhet import factories

    factories.aktivitet(
        factories.lokal(namn="Hemliga skolan"),
        medarbetare,
        datum=timezone.localdate() + datetime.timedelta(days=3),
    )
    kollega = _person("kollega", Roll.MEDARBETARE, medarbetare.enhet)
    assert "Hemliga skolan" in _text(client_as(medarbetare), "/")
    return "Hemliga skolan" not in _text(client_as(kollega), "/")


# (the scenario, the name its cache's key starts with)
CACHER = [
    (register, "register"),
    (matris, "matris"),
    (riskpanel, "omradepanel"),
    (riskpanel_organ, ("organpanel", "sv")),
    (listans_antal, "antal"),
    (listans_skyddade, "antal"),
    (organpanel, "organpanel"),
    (startsidans_klockor, "start"),
    (vart_ansvar, "vart_ansvar"),
    (policystart, "start"),
    (aktivitetslista, "verksamhet:lista"),
    (verksamhetspanel, "verksamhet:organ"),
    (skyldigheter, "uppfoljning:status"),
    (krisberedskap_start, "krisberedskap:start"),
    (skyldighetstabeller, "uppfoljning:tabeller"),
    (verksamhet_start, "verksamhet:start"),
]


@pytest.fixture
def varld(
    request,
    people,
    client_as,
    annan_namndforetradare,
    annan_medarbetare,
):
    return {
        "people": people,
        "client_as": client_as,
        "annan_namndforetradare": annan_namndforetradare,
        "annan_medarbetare": annan_medarbetare,
        **{
            roll: request.getfixturevalue(roll)
            for roll in (
                "medarbetare",
                "sakerhetsavdelning",
                "sakerhetschef",
                "kommunledning",
                "sysadmin",
            )
        },
    }


@pytest.mark.parametrize("scenario,namn", CACHER, ids=[s.__name__ for s, _ in CACHER])
def test_it_keeps_apart_what_the_key_keeps_apart(scenario, namn, varld):
    assert scenario(**varld)


@pytest.mark.parametrize("scenario,namn", CACHER, ids=[s.__name__ for s, _ in CACHER])
def test_it_fails_that_test_without_the_key(scenario, namn, varld, utan_nyckel):
    utan_nyckel(namn)
    assert not scenario(**varld)
