"""The start page's part of the security year: what KS acts on, and a nämnd's own duties
first."""

import datetime

from django.utils import timezone

from tests.incidenter.factories import incident_factory, skyddad_incident
from uppfoljning import services


def test_it_shows_ks_what_it_acts_on(client_as, kommunledning, medarbetare, sakerhetsavdelning):
    idag = timezone.localdate()
    services.uppfoljningsar_open(
        user=sakerhetsavdelning, ar=idag.year, sista_dag=idag + datetime.timedelta(days=10)
    )
    vanlig = incident_factory(rapportor=medarbetare, rubrik="Klotter på skolgården")
    fara = incident_factory(
        rapportor=medarbetare, rubrik="Brand i skolkök", personskada_eller_fara=True
    )
    dold = skyddad_incident(
        rapportor=medarbetare, rubrik="Hot mot namngiven rektor", personskada_eller_fara=True
    )
    sida = client_as(kommunledning).get("/").content.decode()
    assert "För kommunstyrelsen" in sida
    assert f"Uppföljningen {idag.year}: 0 av 7 nämnder och bolag har lämnat in" in sida
    assert 'href="/rapporter/"' in sida
    assert "Försenade skyldigheter per organ" in sida
    # Life and health first; a skyddad incident is not KS's to see.
    assert sida.index(fara.referens) < sida.index(vanlig.referens)
    assert dold.rubrik not in sida and dold.referens not in sida


def test_it_shows_a_namndforetradare_the_bodys_duties_first(client_as, namndforetradare):
    sida = client_as(namndforetradare).get("/").content.decode()
    assert "Våra skyldigheter att göra" in sida
    assert sida.index("Våra skyldigheter att göra") < sida.index('id="start-policy"')
    assert "För kommunstyrelsen" not in sida


def test_it_shows_a_medarbetare_nothing_of_it(client_as, medarbetare):
    sida = client_as(medarbetare).get("/").content.decode()
    assert "Våra skyldigheter att göra" not in sida and "För kommunstyrelsen" not in sida
