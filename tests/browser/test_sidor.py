"""
The main list and form pages, filled with the demo data, for the people who use them:
each must answer 200 with lang="sv", headings in order, tables with headers and zero axe
violations, under the app's Content-Security-Policy. The risk matrix must be readable
without colour.
"""

import datetime
from importlib import import_module

import pytest
from django.utils import timezone

from incidenter.models import Incident
from policy import demo
from policy import services as policy_services
from policy.models import Omrade
from risker import services as risker_services
from risker.models import Riskanalys

from .kontroller import kontrollera

APP_DEMOS = [
    "incidenter.demo",
    "risker.demo",
    "krisberedskap.demo",
    "uppfoljning.demo",
    "verksamhet.demo",
    "informationssakerhet.demo",
    "paminnelser.demo",
]
SMAL = {"width": 320, "height": 800}


@pytest.fixture
def demodata(people):
    demo.create_styrdokument()
    for dotted in APP_DEMOS:
        import_module(dotted).create()


def _besok(webblasare, page, sidor, roll):
    """Visit every page and collect what fails, so one run lists every broken page."""
    webblasare.journey = f"sidor/{roll}"
    webblasare.sida_nr = 0
    fel = []
    for namn, url in sidor:
        try:
            svar = page.goto(url)
            assert svar.status == 200, f"{url} svarade {svar.status}"
            kontrollera(page, webblasare, namn)
        except Exception as e:  # noqa: BLE001 - every page's failure goes into one report
            fel.append(f"{namn} ({url}):\n{e}")
    assert not fel, "\n\n".join(fel)


def test_it_keeps_the_pages_of_a_medarbetare_accessible(
    require_chromium, webblasare, demodata, medarbetare
):
    from risker.models import Atgard

    omrade = Omrade.objects.order_by("nummer").first()
    # The demo makes the medarbetare answer for an åtgärd of another body's analysis.
    atgard = Atgard.objects.filter(ansvarig=medarbetare).order_by("pk").first()
    page = webblasare.sida(medarbetare)
    _besok(
        webblasare,
        page,
        [
            ("startsida", "/"),
            ("atgard", f"/risker/atgard/{atgard.pk}/"),
            ("policyn", "/policy/"),
            ("omradessida", f"/policy/omraden/{omrade.slug}/"),
            ("rapportera", "/incidenter/rapportera/"),
            ("rapportera-sakerhetsskydd", "/incidenter/rapportera/sakerhetsskydd/"),
            ("mina-rapporter", "/incidenter/mina/"),
            ("mina-paminnelser", "/paminnelser/"),
            ("tillganglighet", "/tillganglighet/"),
        ],
        "medarbetare",
    )


def test_it_keeps_the_pages_of_sakerhetsavdelningen_accessible(
    require_chromium, webblasare, demodata, sakerhetsavdelning
):
    incident = Incident.objects.exclude(konfidentialitet=Incident.Konfidentialitet.SKYDDAD).first()
    analys = Riskanalys.objects.filter(status=Riskanalys.Status.GODKAND).first()
    from uppfoljning.models import Egenbedomning, Malbedomning, Skyldighet

    inlamnad = Egenbedomning.objects.get(status=Egenbedomning.Status.INLAMNAD)
    mal = Malbedomning.objects.select_related("mal").first()
    mal, mal_ar = mal.mal, mal.ar
    skyldighet = Skyldighet.objects.order_by("pk").first()
    page = webblasare.sida(sakerhetsavdelning)
    _besok(
        webblasare,
        page,
        [
            ("startsida", "/"),
            ("incidentlista", "/incidenter/"),
            ("statistik", "/incidenter/statistik/"),
            ("incident-hantering", f"/incidenter/{incident.referens}/"),
            ("riskregister", "/risker/"),
            ("riskmatris", "/risker/matris/"),
            ("riskanalyser", "/risker/analyser/"),
            ("riskanalys", f"/risker/analyser/{analys.pk}/"),
            ("granskningsko", "/risker/granskning/"),
            ("risknivaer", "/risker/risknivaer/"),
            ("styrdokument", "/policy/styrdokument/"),
            ("policyhistorik", "/policy/historik/"),
            ("mina-paminnelser", "/paminnelser/"),
            ("arsuppfoljningens-arende", f"/rapporter/arende/{timezone.localdate().year}/"),
            ("arshjulet", "/paminnelser/arshjulet/"),
            ("uppfoljning", "/uppfoljning/"),
            ("policyns-mal", "/uppfoljning/mal/"),
            ("bedom-mal", f"/uppfoljning/mal/{mal.pk}/{mal_ar}/bedom/"),
            ("ansvarsmatris", "/uppfoljning/ansvarsmatris/"),
            ("skyldighet", f"/uppfoljning/ansvarsmatris/{skyldighet.pk}/"),
            ("egenbedomningar", "/uppfoljning/egenbedomningar/"),
            ("granska-egenbedomning", f"/uppfoljning/egenbedomningar/{inlamnad.pk}/"),
            ("oppna-aret", "/uppfoljning/egenbedomningar/oppna/"),
        ],
        "sakerhetsavdelning",
    )


def test_it_keeps_the_pages_of_a_namndforetradare_accessible(
    require_chromium, webblasare, demodata, namndforetradare
):
    analys = Riskanalys.objects.filter(organ__slug="bun").order_by("pk").first()
    utkast = risker_services.riskanalys_create(
        user=namndforetradare,
        organ=analys.organ,
        titel="Riskanalys för lägerskolan",
        period_fran=datetime.date(2027, 1, 1),
        period_till=datetime.date(2027, 12, 31),
        omraden=[Omrade.objects.get(nummer=10)],
    )
    from uppfoljning.models import Skyldighet

    kvittens = (
        Skyldighet.objects.filter(
            bevis=Skyldighet.Bevis.KVITTENS, galler=Skyldighet.Galler.VARJE_NAMND_OCH_BOLAG
        )
        .order_by("pk")
        .last()
    )
    page = webblasare.sida(namndforetradare)
    _besok(
        webblasare,
        page,
        [
            ("vart-ansvar", "/policy/ansvar/bun/"),
            ("riskanalys", f"/risker/analyser/{analys.pk}/"),
            ("ny-riskanalys", "/risker/analyser/ny/"),
            ("ny-risk", f"/risker/analyser/{utkast.pk}/ny-risk/"),
            ("andra-riskanalys", f"/risker/analyser/{utkast.pk}/andra/"),
            ("incidentstatistik", "/incidenter/statistik/"),
            ("namndens-startsida", "/"),
            ("kvittera", f"/uppfoljning/ansvarsmatris/{kvittens.pk}/bun/kvittera/"),
        ],
        "namndforetradare",
    )


def test_it_keeps_the_pages_of_kommunledningen_accessible(
    require_chromium, webblasare, demodata, kommunledning
):
    page = webblasare.sida(kommunledning)
    _besok(
        webblasare,
        page,
        [
            ("ks-startsida", "/"),
            ("ks-mal", "/uppfoljning/mal/"),
            ("ks-vart-ansvar", "/policy/ansvar/ks/"),
        ],
        "kommunledning",
    )


def test_it_keeps_the_pages_of_sakerhetschefen_and_a_chef_accessible(
    require_chromium, webblasare, demodata, sakerhetschef, chef, extern
):
    utkast = policy_services.policyversion_draft(user=sakerhetschef)
    page = webblasare.sida(sakerhetschef)
    _besok(
        webblasare,
        page,
        [
            ("registerutdrag", "/incidenter/registerutdrag/"),
            ("tvastegsverifiering", "/konto/tvastegsverifiering/"),
            ("behorigheter", "/konto/behorigheter/"),
            ("roller", "/konto/roller/"),
            ("roller-anvandare", f"/konto/roller/{chef.pk}/"),
            ("losenord", "/konto/losenord/"),
            ("policyutkast", f"/policy/versioner/{utkast.versionsnummer}/redigera/"),
            ("nytt-styrdokument", "/policy/styrdokument/nytt/"),
        ],
        "sakerhetschef",
    )
    page = webblasare.sida(chef)
    _besok(
        webblasare,
        page,
        [("enhetens-incidenter", "/incidenter/"), ("chefens-startsida", "/")],
        "chef",
    )
    page = webblasare.sida(extern)
    _besok(
        webblasare,
        page,
        [("extern-rapportera", "/incidenter/rapportera/"), ("extern-startsida", "/")],
        "extern",
    )


def test_it_keeps_the_pages_of_krisberedskap_accessible_and_320_px_wide(
    require_chromium, webblasare, demodata, sakerhetsavdelning, kommunledning, namndforetradare
):
    from krisberedskap.models import Aktivering, Rsa

    rsa = Rsa.objects.get()
    aktivering = Aktivering.objects.get()
    bidrag = {b.organ.slug: b for b in rsa.bidrag.select_related("organ")}
    bun, sn = bidrag["bun"], bidrag["sn"]
    sidor = [
        ("krisberedskap", "/krisberedskap/"),
        ("mandatperiod", f"/krisberedskap/period/{rsa.period_id}/"),
        ("rsa", f"/krisberedskap/rsa/{rsa.pk}/"),
        ("rsa-avsnitt", f"/krisberedskap/rsa/{rsa.pk}/avsnitt/beroenden/"),
        ("rsa-verksamhet", f"/krisberedskap/rsa/{rsa.pk}/verksamhet/ny/"),
        ("rsa-risker", f"/krisberedskap/rsa/{rsa.pk}/risker/"),
        ("dokument", f"/krisberedskap/dokument/{rsa.period.dokument.first().pk}/andra/"),
        ("aktiveringar", "/krisberedskap/krisledning/"),
        ("ny-aktivering", "/krisberedskap/krisledning/ny/"),
        ("aktivering", f"/krisberedskap/krisledning/{aktivering.pk}/"),
        ("samverkan", "/krisberedskap/samverkan/"),
        ("rsa-bidrag", f"/krisberedskap/rsa/{rsa.pk}/bidrag/"),
        ("rsa-bidrag-begar", f"/krisberedskap/rsa/{rsa.pk}/bidrag/begar/"),
        ("rsa-bidrag-granska", f"/krisberedskap/bidrag/{sn.pk}/"),
        ("rsa-bidrag-sent", f"/krisberedskap/bidrag/{bidrag['kopingbostader'].pk}/"),
        ("rsa-bidrag-aterkalla", f"/krisberedskap/bidrag/{sn.pk}/aterkalla/"),
    ]
    page = webblasare.sida(sakerhetsavdelning, viewport=SMAL)
    _besok(webblasare, page, sidor, "krisberedskap")
    # WCAG 1.4.10 (reflow): nothing scrolls sideways at 320 px.
    breda = _breda(page, sidor)
    # The body's nämndföreträdare writes BUN's contribution.
    bidragssidor = [
        ("bidrag", f"/krisberedskap/bidrag/{bun.pk}/"),
        ("bidrag-texter", f"/krisberedskap/bidrag/{bun.pk}/texter/"),
        ("bidrag-risker", f"/krisberedskap/bidrag/{bun.pk}/risker/"),
        ("bidrag-ny-verksamhet", f"/krisberedskap/bidrag/{bun.pk}/verksamhet/ny/"),
        (
            "bidrag-verksamhet",
            f"/krisberedskap/bidrag/{bun.pk}/verksamhet/{bun.verksamheter.first().pk}/",
        ),
    ]
    page = webblasare.sida(namndforetradare, viewport=SMAL)
    _besok(webblasare, page, bidragssidor, "krisberedskap-bidrag")
    breda += _breda(page, bidragssidor)
    assert not breda, breda
    page = webblasare.sida(kommunledning, viewport=SMAL)
    _besok(
        webblasare,
        page,
        [("ks-startsida", "/"), ("ks-rsa", f"/krisberedskap/rsa/{rsa.pk}/")],
        "krisberedskap-ks",
    )


def _breda(page, sidor) -> list[str]:
    breda = []
    for namn, url in sidor:
        page.goto(url)
        bredd = page.evaluate("() => document.documentElement.scrollWidth")
        if bredd > SMAL["width"]:
            breda.append(f"{namn}: {bredd} px")
    return breda


def test_it_keeps_the_pages_open_to_everyone_accessible(require_chromium, webblasare, db):
    page = webblasare.sida()
    _besok(
        webblasare,
        page,
        [("inloggning", "/logga-in/"), ("tillganglighet-utloggad", "/tillganglighet/")],
        "utloggad",
    )
    # The statement tells how to report an accessibility fault, and every page links to it.
    assert page.get_by_role("link", name="Tillgänglighetsredogörelse").is_visible()
    text = page.locator("main").inner_text().lower()
    assert "brister" in text or "fel" in text


def test_it_makes_the_risk_matrix_readable_without_colour(
    require_chromium, webblasare, demodata, sakerhetsavdelning
):
    page = webblasare.sida(sakerhetsavdelning)
    page.goto("/risker/matris/")
    matris = page.locator("table.riskmatris")
    celler = matris.locator("tbody td")
    assert celler.count() == 25
    nivaer = {"Låg", "Medel", "Hög", "Mycket hög"}
    med_risker = 0
    for i in range(25):
        text = " ".join(celler.nth(i).inner_text().split())
        # Each cell says its count and its level in words; the colour only repeats it.
        assert any(text.endswith(n) for n in nivaer), f"cell {i}: {text!r}"
        antal = text.split()[0]
        assert antal.isdigit(), f"cell {i}: {text!r}"
        med_risker += int(antal) > 0
    assert med_risker > 0
    # With the colours forced away (Windows high contrast) the page still passes the checks;
    # the screenshot shows what is left: the words.
    page.emulate_media(forced_colors="active")
    kontrollera(page, webblasare, "riskmatris-tvingade-farger")


SMAL = {"width": 320, "height": 640}


def test_it_keeps_the_pages_of_exercises_training_and_inspections_accessible_at_320_px(
    require_chromium, webblasare, demodata, sakerhetsavdelning
):
    from verksamhet.models import Aktivitet, Lokal

    klara = Aktivitet.objects.filter(status=Aktivitet.Status.GENOMFORD)
    planerade = Aktivitet.objects.filter(status=Aktivitet.Status.PLANERAD)
    kontroll = klara.filter(svar__resultat="anmarkning").first()
    ovning = klara.filter(partner__isnull=False).first()
    utbildning = planerade.filter(typ__slag="utbildning").first()
    planerad_ovning = planerade.filter(typ__slag="ovning").first()
    lokal = Lokal.objects.get(namn="Ullvigymnasiet")
    sidor = [
        ("aktiviteter", "/verksamhet/"),
        ("aktiviteter-forsenade", "/verksamhet/?status=forsenad"),
        ("inspektion", f"/verksamhet/aktivitet/{kontroll.pk}/"),
        ("ovning", f"/verksamhet/aktivitet/{ovning.pk}/"),
        ("registrera-utbildning", f"/verksamhet/aktivitet/{utbildning.pk}/registrera/"),
        ("registrera-ovning", f"/verksamhet/aktivitet/{planerad_ovning.pk}/registrera/"),
        ("andra-aktivitet", f"/verksamhet/aktivitet/{utbildning.pk}/andra/"),
        ("ny-aktivitet", "/verksamhet/ny/"),
        ("arsplan", "/verksamhet/plan/"),
        ("aktivitetstyper", "/verksamhet/typer/"),
        ("aktivitetstyp", f"/verksamhet/typer/{kontroll.typ_id}/"),
        ("utbildningstackning", "/verksamhet/tackning/"),
        ("lokaler", "/verksamhet/lokaler/"),
        ("lokal", f"/verksamhet/lokaler/{lokal.pk}/"),
        ("ny-lokal", "/verksamhet/lokaler/ny/"),
        ("lokaldokument", f"/verksamhet/lokaler/{lokal.pk}/dokument/"),
        ("lokalimport", "/verksamhet/lokaler/import/"),
        ("omradessida-brandskydd", "/policy/omraden/systematiskt-brandskyddsarbete/"),
        ("vart-ansvar-bun", "/policy/ansvar/bun/"),
    ]
    page = webblasare.sida(sakerhetsavdelning, viewport=SMAL)
    _besok(webblasare, page, sidor, "sakerhetsavdelning-verksamhet")
    fel = []
    for namn, url in sidor:
        if not url.startswith("/verksamhet/"):
            continue  # the policy pages' own tables are not this app's
        page.goto(url)
        bredd = page.evaluate("() => document.documentElement.scrollWidth")
        if bredd > SMAL["width"]:
            fel.append(f"{namn} ({url}) är {bredd} px bred")
    assert not fel, "\n".join(fel)


def test_it_keeps_the_information_registers_accessible_at_320_px(
    require_chromium, webblasare, demodata, sakerhetschef
):
    from informationssakerhet.models import (
        Informationstillgang,
        Kontrollpunkt,
        Sakerhetsskyddsavtal,
        System,
        Systemkoppling,
    )
    from tests.incidenter.factories import incident_factory

    incident_factory(
        rapportor=sakerhetschef, rubrik="Felskickad elevlista", personuppgiftsincident=True
    )
    system = System.objects.get(namn="Elevhälsans journalsystem")
    # In the cybersäkerhetslag's scope, its checklist answered by the demo.
    omsorg = System.objects.get(namn="Verksamhetssystem för omsorg")
    punkt = Kontrollpunkt.objects.filter(aktiv=True).first()
    # An incident in a system with personal data: its page asks to consider a breach.
    intrang = incident_factory(rapportor=sakerhetschef, rubrik="Obehörig inloggning")
    Systemkoppling.objects.create(system=omsorg, incident=intrang, skapad_av=sakerhetschef)
    tillgang = Informationstillgang.objects.get(namn="Elevakter")
    avtal = Sakerhetsskyddsavtal.objects.order_by("pk").first()
    sidor = [
        ("system", "/informationssakerhet/"),
        ("ett-system", f"/informationssakerhet/system/{system.pk}/"),
        ("andra-system", f"/informationssakerhet/system/{system.pk}/andra/"),
        ("tillgangar", "/informationssakerhet/tillgangar/"),
        ("tillgang", f"/informationssakerhet/tillgangar/{tillgang.pk}/"),
        ("klassa", f"/informationssakerhet/tillgangar/{tillgang.pk}/klassa/"),
        ("ny-tillgang", "/informationssakerhet/tillgangar/ny/"),
        ("import-register", "/informationssakerhet/import/"),
        ("personuppgiftsincidenter", "/informationssakerhet/personuppgiftsincidenter/"),
        ("sakerhetsskydd", "/informationssakerhet/sakerhetsskydd/"),
        ("ny-analys", "/informationssakerhet/sakerhetsskydd/analys/ny/"),
        ("ny-placering", "/informationssakerhet/sakerhetsskydd/placering/ny/"),
        ("avtal", f"/informationssakerhet/sakerhetsskydd/avtal/{avtal.pk}/"),
        ("cybersakerhet", f"/informationssakerhet/system/{omsorg.pk}/cybersakerhet/"),
        ("checklistsvar", f"/informationssakerhet/system/{omsorg.pk}/cybersakerhet/{punkt.pk}/"),
        ("kontrollpunkter", "/informationssakerhet/kontrollpunkter/"),
        ("ny-kontrollpunkt", "/informationssakerhet/kontrollpunkter/ny/"),
        ("incident-i-system", intrang.get_absolute_url()),
    ]
    page = webblasare.sida(sakerhetschef, viewport=SMAL)
    _besok(webblasare, page, sidor, "sakerhetschef-informationssakerhet")
    fel = []
    for namn, url in sidor:
        page.goto(url)
        bredd = page.evaluate("() => document.documentElement.scrollWidth")
        if bredd > SMAL["width"]:
            fel.append(f"{namn} ({url}) är {bredd} px bred")
    assert not fel, "\n".join(fel)
