"""
WCAG 1.4.10 (reflow): at 320 CSS pixels wide, no page the journeys and the page checks
reach scrolls sideways; a wide table scrolls inside its own `.table-wrap`, never the page.
On a phone the header and menu fold behind a "Meny" button, and open without JavaScript.
"""

import datetime

from incidenter.models import Incident
from policy import services as policy_services
from policy.models import Omrade
from risker import services as risker_services
from risker.models import Risk, Riskanalys

from .test_sidor import demodata  # noqa: F401 - the fixture

SMAL = {"width": 320, "height": 720}
MOBIL = {"width": 375, "height": 812}

BREDD_JS = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""


def _utan_sidledes_rullning(webblasare, user, sidor):
    page = webblasare.sida(user, viewport=SMAL)
    fel = []
    for url in sidor:
        svar = page.goto(url)
        assert svar.status == 200, f"{url} svarade {svar.status}"
        bredd, synlig = page.evaluate(BREDD_JS)
        if bredd > synlig:
            fel.append(f"{url}: {bredd} px bred i ett {synlig} px brett fönster")
    assert not fel, "Sidor som rullar i sidled vid 320 px:\n" + "\n".join(fel)


def test_it_lets_no_page_scroll_sideways_at_320_px(
    require_chromium,
    webblasare,
    demodata,  # noqa: F811
    medarbetare,
    sakerhetsavdelning,
    namndforetradare,
    sakerhetschef,
):
    omrade = Omrade.objects.order_by("nummer").first()
    incident = Incident.objects.exclude(konfidentialitet=Incident.Konfidentialitet.SKYDDAD).first()
    godkand = Riskanalys.objects.filter(status=Riskanalys.Status.GODKAND).first()
    risk = Risk.objects.filter(riskanalys=godkand).first()
    egen = Incident.objects.filter(rapportor=medarbetare).first()

    medarbetarens = [
        "/",
        "/policy/",
        f"/policy/omraden/{omrade.slug}/",
        "/incidenter/rapportera/",
        "/incidenter/rapportera/sakerhetsskydd/",
        "/incidenter/mina/",
        "/paminnelser/",
        "/tillganglighet/",
    ]
    if egen:
        medarbetarens += [f"/incidenter/{egen.referens}/", f"/incidenter/{egen.referens}/kvitto/"]
    _utan_sidledes_rullning(webblasare, medarbetare, medarbetarens)

    inlamnad = Riskanalys.objects.filter(status=Riskanalys.Status.INLAMNAD).first()
    granska = [f"/risker/analyser/{inlamnad.pk}/granska/"] if inlamnad else []
    _utan_sidledes_rullning(
        webblasare,
        sakerhetsavdelning,
        granska
        + [
            "/",
            "/incidenter/",
            "/incidenter/statistik/",
            f"/incidenter/{incident.referens}/",
            f"/incidenter/{incident.referens}/klassning/",
            "/risker/",
            "/risker/matris/",
            "/risker/analyser/",
            f"/risker/analyser/{godkand.pk}/",
            f"/risker/risk/{risk.pk}/",
            "/risker/granskning/",
            "/risker/risknivaer/",
            "/policy/styrdokument/",
            "/policy/historik/",
            "/policy/ansvar/bun/",
            "/paminnelser/",
            "/paminnelser/arshjulet/",
            "/paminnelser/arshjulet/ny/",
        ],
    )

    analys = Riskanalys.objects.filter(organ__slug="bun").order_by("pk").first()
    utkast = risker_services.riskanalys_create(
        user=namndforetradare,
        organ=analys.organ,
        titel="Riskanalys för lägerskolan",
        period_fran=datetime.date(2027, 1, 1),
        period_till=datetime.date(2027, 12, 31),
        omraden=[Omrade.objects.get(nummer=10)],
    )
    _utan_sidledes_rullning(
        webblasare,
        namndforetradare,
        [
            "/policy/ansvar/bun/",
            f"/risker/analyser/{analys.pk}/",
            "/risker/analyser/ny/",
            f"/risker/analyser/{utkast.pk}/ny-risk/",
            f"/risker/analyser/{utkast.pk}/andra/",
        ],
    )

    policyutkast = policy_services.policyversion_draft(user=sakerhetschef)
    _utan_sidledes_rullning(
        webblasare,
        sakerhetschef,
        [
            "/incidenter/registerutdrag/",
            "/konto/tvastegsverifiering/",
            "/konto/behorigheter/",
            f"/policy/versioner/{policyutkast.versionsnummer}/redigera/",
            "/policy/styrdokument/nytt/",
            "/rapporter/",
        ],
    )
    _utan_sidledes_rullning(webblasare, None, ["/logga-in/", "/tillganglighet/"])


def _huvudets_hojd(page) -> float:
    return page.evaluate(
        "() => document.querySelector('.site-header').getBoundingClientRect().height"
    )


def test_it_folds_the_menu_behind_a_button_on_a_phone(
    require_chromium, webblasare, sakerhetsavdelning
):
    page = webblasare.sida(sakerhetsavdelning, viewport=MOBIL)
    page.goto("/")
    meny = page.get_by_role("navigation", name="Huvudmeny")
    knapp = page.get_by_role("button", name="Meny")

    # Folded: the header takes little of the screen, and the menu is out of the way.
    assert knapp.get_attribute("aria-expanded") == "false"
    assert not meny.is_visible()
    assert _huvudets_hojd(page) < MOBIL["height"] / 8

    # The button opens it (with the keyboard too) and says so.
    knapp.focus()
    page.keyboard.press("Enter")
    assert knapp.get_attribute("aria-expanded") == "true"
    assert meny.get_by_role("link", name="Riskregister").is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()
    knapp.click()
    assert knapp.get_attribute("aria-expanded") == "false"
    assert not meny.is_visible()

    # On a wide screen there is no button and the menu is always there.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not knapp.is_visible()
    assert meny.get_by_role("link", name="Riskregister").is_visible()


def test_it_keeps_the_menu_open_without_javascript(
    require_chromium, webblasare, sakerhetsavdelning
):
    context = webblasare.ny(sakerhetsavdelning, viewport=MOBIL)
    # A context of its own with scripts off; the login cookie is copied over.
    utan_js = webblasare.browser.new_context(
        base_url=webblasare.base_url, viewport=MOBIL, locale="sv-SE", java_script_enabled=False
    )
    webblasare.contexts.append(utan_js)
    utan_js.add_cookies(context.cookies())
    page = utan_js.new_page()
    page.goto("/")
    assert (
        page.get_by_role("navigation", name="Huvudmeny")
        .get_by_role("link", name="Riskregister")
        .is_visible()
    )
    assert not page.get_by_role("button", name="Meny").is_visible()
