"""
Journey 1: a medarbetare logs in on a phone, reports an incident with a photo, sees the
receipt with the reference number, and finds the report under "Mina rapporter". Then the
same form with the keyboard only: skip link, visible focus, errors summarised at the top
and shown next to their fields.
"""

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image

from incidenter.models import Incident
from policy import demo

from .conftest import MOBIL
from .kontroller import fokus_synligt, kontrollera

REFERENS = re.compile(r"INC-\d{4}-\d{4,}")


def _foto(tmp_path):
    path = tmp_path / "trasigt-fonster.png"
    Image.new("RGB", (64, 48), (180, 40, 40)).save(path)
    return path


def _tidpunkt():
    return timezone.localtime(timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")


def _ingen_sidledes_rullning(page):
    # WCAG 1.4.10 (reflow): on a 375 px wide screen nothing needs scrolling sideways.
    bredd = page.evaluate("() => document.documentElement.scrollWidth")
    assert bredd <= MOBIL["width"], f"{page.url} är {bredd} px bred på en mobil"


def test_it_lets_a_medarbetare_report_an_incident_with_a_photo_on_a_phone(
    require_chromium, webblasare, medarbetare, tmp_path
):
    page = webblasare.sida(viewport=MOBIL)
    page.goto("/")
    assert "/logga-in/" in page.url
    kontrollera(page, webblasare, "inloggning")

    page.get_by_label("Användarnamn").fill(medarbetare.username)
    page.get_by_label("Lösenord").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(webblasare.base_url + "/")
    kontrollera(page, webblasare, "startsida")

    # On a phone the menu is folded behind its button.
    page.get_by_role("button", name="Meny").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Rapportera incident"
    ).click()
    page.wait_for_url("**/incidenter/rapportera/")
    kontrollera(page, webblasare, "rapportformular")
    _ingen_sidledes_rullning(page)

    page.get_by_role("radio", name="Nej").check()
    page.get_by_label("Kort rubrik").fill("Krossad ruta i entrén")
    page.get_by_label("Vad hände?").fill("Någon har kastat sten mot glasdörren vid huvudentrén.")
    page.get_by_label("När hände det?").fill(_tidpunkt())
    page.get_by_label("Plats").fill("Ullvigymnasiet, huvudentrén")
    page.get_by_label("Bilagor").set_input_files(_foto(tmp_path))
    page.get_by_role("button", name="Skicka rapporten").click()

    page.wait_for_url(re.compile(r"/kvitto/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för din rapport"
    referens = REFERENS.search(page.get_by_role("status").last.inner_text()).group(0)
    kontrollera(page, webblasare, "kvitto")
    _ingen_sidledes_rullning(page)

    incident = Incident.objects.get(referens=referens)
    assert incident.rapportor == medarbetare
    assert [b.filnamn for b in incident.bilagor.all()] == ["trasigt-fonster.png"]

    page.get_by_role("main").get_by_role("link", name="Mina rapporter").click()
    page.wait_for_url("**/incidenter/mina/")
    rad = page.get_by_role("row").filter(has_text=referens)
    assert "Krossad ruta i entrén" in rad.inner_text()
    kontrollera(page, webblasare, "mina-rapporter")

    rad.get_by_role("link", name=referens).click()
    page.wait_for_url(f"**/incidenter/{referens}/")
    assert page.get_by_role("link", name="trasigt-fonster.png").is_visible()
    kontrollera(page, webblasare, "rapporten")


def _tabba_till(page, test, max_steg=80):
    """Press Tab until `test(focused)` holds; every focused element must show its focus."""
    for _ in range(max_steg):
        page.keyboard.press("Tab")
        fokus = fokus_synligt(page)
        assert fokus["synligt"], f"fokus syns inte på {fokus}"
        if test(fokus):
            return fokus
    raise AssertionError("hittade inte fältet med Tab")


def _skriv_tidpunkt(page, when):
    """Type a date and time into Chromium's date-time field, segment by segment. The year
    takes up to six digits, so Tab leaves it; the other segments move on by themselves."""
    if Path("/usr/lib/chromium/locales/sv.pak").exists():
        page.keyboard.type(when.strftime("%Y"))
        page.keyboard.press("Tab")
        page.keyboard.type(when.strftime("%m%d%H%M"))
    else:
        # Debian's chromium without chromium-l10n draws the field in US order:
        # month, day, year, hour (1-12), minute, AM/PM.
        page.keyboard.type(when.strftime("%m%d%Y"))
        page.keyboard.press("Tab")
        page.keyboard.type(when.strftime("%I%M") + ("A" if when.hour < 12 else "P"))


def _id(namn):
    return lambda f: f["id"] == namn


def test_it_lets_a_medarbetare_report_with_the_keyboard_only(
    require_chromium, webblasare, medarbetare
):
    webblasare.journey = "journey1_tangentbord"
    page = webblasare.sida(medarbetare)
    page.goto("/incidenter/rapportera/")

    # The first Tab reaches the skip link, which is visible when focused and leads to main.
    page.keyboard.press("Tab")
    fokus = fokus_synligt(page)
    assert fokus["text"] == "Hoppa till huvudinnehållet" and fokus["synligt"], fokus
    assert page.get_by_role("link", name="Hoppa till huvudinnehållet").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "huvudinnehall"
    assert page.url.endswith("#huvudinnehall")

    # Sent empty: a summary at the top, each error next to its field.
    _tabba_till(page, lambda f: f["tag"] == "button" and f["text"] == "Skicka rapporten")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    sammanfattning = page.locator(".error-summary")
    assert sammanfattning.is_visible()
    assert sammanfattning.get_attribute("role") == "alert"
    assert page.evaluate(
        """() => {
      const s = document.querySelector(".error-summary");
      const f = document.querySelector("main form");
      return f.contains(s) && !s.previousElementSibling
        || s.compareDocumentPosition(f.querySelector(".field")) & Node.DOCUMENT_POSITION_FOLLOWING;
    }"""
    )
    lankar = sammanfattning.get_by_role("link")
    assert lankar.count() >= 4
    for faltid, text in (
        ("id_personskada_eller_fara_0", "Är någon skadad eller i fara?"),
        ("id_rubrik", "Kort rubrik"),
        ("id_beskrivning", "Vad hände?"),
        ("id_intraffade", "När hände det?"),
    ):
        assert sammanfattning.locator(f'a[href="#{faltid}"]').inner_text().startswith(text)
        falt = page.locator(f"#{faltid}").locator("xpath=ancestor::*[contains(@class,'field')][1]")
        assert "field-error" in falt.get_attribute("class")
        fel = falt.locator(".errorlist")
        assert fel.inner_text() == "Detta fält måste fyllas i."
        # Announced with the field: marked invalid and, for a single field, described by it.
        assert page.locator(f"#{faltid}").get_attribute("aria-invalid") == "true"
        if not faltid.endswith("_0"):
            beskrivs = page.locator(f"#{faltid}").get_attribute("aria-describedby").split()
            assert fel.get_attribute("id") in beskrivs
    kontrollera(page, webblasare, "formular-med-fel")

    # A link in the summary moves the focus to its field.
    sammanfattning.locator('a[href="#id_rubrik"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_rubrik"

    # Now fill it in with Tab, Space, Enter and typing only.
    page.goto("/incidenter/rapportera/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    _tabba_till(page, lambda f: f["name"] == "personskada_eller_fara")
    page.keyboard.press("ArrowDown")  # from Ja to Nej, as a radio group is used
    page.keyboard.press("Space")
    assert page.get_by_role("radio", name="Nej").is_checked()
    _tabba_till(page, _id("id_rubrik"))
    page.keyboard.type("Hot mot personal i receptionen")
    _tabba_till(page, _id("id_beskrivning"))
    page.keyboard.type("En besökare hotade receptionisten och gick sedan.")
    _tabba_till(page, _id("id_intraffade"))
    when = timezone.localtime(timezone.now() - timedelta(hours=3))
    _skriv_tidpunkt(page, when)
    assert page.locator("#id_intraffade").input_value() == when.strftime("%Y-%m-%dT%H:%M")
    _tabba_till(page, lambda f: f["tag"] == "button" and f["text"] == "Skicka rapporten")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/kvitto/"))
    referens = REFERENS.search(page.locator("main").inner_text()).group(0)
    incident = Incident.objects.get(referens=referens)
    assert incident.rubrik == "Hot mot personal i receptionen"
    assert incident.personskada_eller_fara is False
    kontrollera(page, webblasare, "kvitto-tangentbord")
