"""
A form sent back with errors, as a keyboard or screen-reader user meets it: the focus is on
the summary of the errors, a group of radio buttons is described by its error like a single
field is, and main, which takes the focus from the skip link, draws no frame.
"""

from .kontroller import fokus_synligt

AKTIVT_ID = "() => document.activeElement.id"


def test_it_moves_the_focus_to_the_error_summary(require_chromium, webblasare, medarbetare):
    page = webblasare.sida(medarbetare)
    page.goto("/incidenter/rapportera/")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka rapporten").click()

    assert page.locator(".error-summary").is_visible()
    assert page.evaluate(AKTIVT_ID) == "felsammanfattning"


def test_it_links_a_radio_groups_error_to_the_group(require_chromium, webblasare, medarbetare):
    page = webblasare.sida(medarbetare)
    page.goto("/incidenter/rapportera/")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka rapporten").click()

    grupp = page.get_by_role("group", name="Är någon skadad eller i fara?")
    fel = grupp.locator(".errorlist")
    assert fel.inner_text() == "Detta fält måste fyllas i."
    beskrivs = (grupp.get_attribute("aria-describedby") or "").split()
    assert fel.get_attribute("id") in beskrivs
    # What a screen reader announces with the group.
    beskrivning = page.evaluate(
        """(ids) => ids.map(id => document.getElementById(id).textContent.trim()).join(" ")""",
        beskrivs,
    )
    assert "Detta fält måste fyllas i." in beskrivning


def test_it_draws_no_frame_around_main(require_chromium, webblasare, medarbetare):
    page = webblasare.sida(medarbetare)
    page.goto("/incidenter/rapportera/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    fokus = fokus_synligt(page)
    assert fokus["tag"] == "main"
    assert not fokus["synligt"], fokus
