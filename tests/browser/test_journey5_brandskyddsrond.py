"""
Journey 5: the person who answers for fire safety at a school walks the brandskyddsrond
with a phone (375 px): opens the rond from the start page, answers the checklist with
touch, notes one anmärkning with a photo, and saves. The åtgärd the anmärkning became is
then on the start page of the chef of the school's unit. Every page passes axe-core.
"""

from PIL import Image

from risker.models import Atgard
from tests.verksamhet import factories
from verksamhet.models import Aktivitet

from .conftest import MOBIL
from .kontroller import kontrollera


def _ingen_sidledes_rullning(page):
    bredd = page.evaluate("() => document.documentElement.scrollWidth")
    assert bredd <= MOBIL["width"], f"{page.url} är {bredd} px bred på en mobil"


def test_it_lets_a_school_record_a_fire_safety_round_on_a_phone(
    require_chromium, webblasare, medarbetare, chef, tmp_path
):
    from django.utils import timezone

    skola = factories.lokal(brandskyddsansvarig=medarbetare)
    rond = factories.aktivitet(skola, medarbetare, datum=timezone.localdate())
    foto = tmp_path / "blockerad-dorr.png"
    Image.new("RGB", (64, 48), (200, 60, 20)).save(foto)

    page = webblasare.sida(medarbetare, viewport=MOBIL, touch=True)
    page.goto("/")
    kontrollera(page, webblasare, "startsida")
    page.get_by_role("link", name="Brandskyddsrond, Ullvigymnasiet").click()
    page.wait_for_url(f"**/verksamhet/aktivitet/{rond.pk}/")
    kontrollera(page, webblasare, "ronden")
    _ingen_sidledes_rullning(page)

    page.get_by_role("link", name="Registrera som genomförd").click()
    page.wait_for_url(f"**/verksamhet/aktivitet/{rond.pk}/registrera/")
    kontrollera(page, webblasare, "checklistan")
    _ingen_sidledes_rullning(page)

    # Touch: tap the answer of the first point; the rest stay "OK".
    forsta = page.get_by_role("group", name="1. Utrymningsvägar är fria och skyltade")
    forsta.get_by_role("radio", name="Anmärkning").tap()
    assert forsta.get_by_role("radio", name="Anmärkning").is_checked()
    page.get_by_label("Kommentar till punkt 1").fill(
        "Dörren till trapphus B är blockerad av stolar."
    )
    page.get_by_label("Foto till punkt 1").set_input_files(foto)
    # Keyboard: the third point is answered with the arrow keys.
    tredje = page.get_by_role("group", name="3. ", exact=False)
    tredje.get_by_role("radio", name="OK").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert tredje.get_by_role("radio", name="Ej kontrollerat").is_checked()
    page.get_by_role("button", name="Spara").tap()

    page.wait_for_url(f"**/verksamhet/aktivitet/{rond.pk}/")
    assert page.get_by_text("Aktiviteten är registrerad som genomförd.").is_visible()
    assert page.get_by_role("link", name="Foto: blockerad-dorr.png").is_visible()
    kontrollera(page, webblasare, "registrerad")
    _ingen_sidledes_rullning(page)

    rond.refresh_from_db()
    assert rond.status == Aktivitet.Status.GENOMFORD
    atgard = Atgard.objects.get(aktivitet=rond)
    assert atgard.ansvarig == chef

    chefens = webblasare.sida(chef, viewport=MOBIL)
    chefens.goto("/")
    avsnitt = chefens.get_by_role("region", name="Övningar, utbildningar och kontroller")
    assert avsnitt.get_by_text(
        "Dörren till trapphus B är blockerad av stolar.", exact=False
    ).is_visible()
    kontrollera(chefens, webblasare, "chefens-startsida")
    _ingen_sidledes_rullning(chefens)
