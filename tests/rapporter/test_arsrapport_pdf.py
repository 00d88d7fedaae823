"""
The annual follow-up as a PDF: it opens, has the cover, the contents and all ten areas,
its figures are the app's counts for the same reader, a skyddad incident leaves no trace
for a reader who may not open it, and nothing is wider than the page.

The PDF is made once for the module (~10 s), by the management command for the
kommunledning person; its laid-out document is also inspected box by box. The command's
default reader (no --anvandare) is compared with that person by its figures and HTML.
"""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from incidenter import statistik
from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from incidenter.selectors import incidents_visible_to
from lib import pdf
from policy.models import Omrade, User
from rapporter import arsrapport
from rapporter.selectors import systemlasare

from .conftest import (
    AR,
    SKYDDAD_REFERENS,
    SKYDDAD_RUBRIK,
    skapa_grunddata,
    skapa_incidenter,
    skapa_informationsregister,
    skapa_skyddad,
    tillfallig_databas,
)

# The module's fixture needs the test database set up (pytest-django does that only for
# modules whose tests ask for it).
pytestmark = pytest.mark.django_db


def _text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _platt(text: str) -> str:
    """Extracted text without line breaks or soft hyphens, to search for phrases."""
    text = text.replace("\u00ad", "").replace("\u2010\n", "")
    return re.sub(r"\s+", " ", text)


def _lador(box):
    yield box
    for barn in getattr(box, "children", None) or []:
        yield from _lador(barn)


def _personuppgiftsincidenter(skyddad) -> None:
    """Two of the year's normal incidents and the skyddad one are personal-data breaches;
    the first normal one and the skyddad one were reported to IMY."""
    normala = list(
        Incident.objects.filter(ar=AR, konfidentialitet=Incident.Konfidentialitet.NORMAL).order_by(
            "pk"
        )[:2]
    )
    for incident in [*normala, skyddad]:
        Incident.objects.filter(pk=incident.pk).update(personuppgiftsincident=True)
    imy = Plikttyp.objects.get(kod="imy")
    for incident in (normala[0], skyddad):
        Rapporteringsplikt.objects.create(
            incident=incident, typ=imy, mottagare="IMY", frist=imy.frist, utford=incident.upptackt
        )


@pytest.fixture(scope="module")
def rapport(django_db_setup, django_db_blocker, tmp_path_factory):
    from weasyprint.formatting_structure import boxes

    with tillfallig_databas(django_db_blocker):
        skapa_grunddata()
        skapa_incidenter(120)
        skyddad = skapa_skyddad()
        _personuppgiftsincidenter(skyddad)
        skapa_informationsregister(timezone.localdate())
        ks = User.objects.get(username="ks")
        chef = User.objects.get(username="sakerhetschef")

        # One rendering, through the command as a person runs it; the laid-out document
        # is caught on its way to PDF to look at its boxes.
        dokument = {}
        skriv = pdf.document_to_pdf

        def fanga(doc, **kwargs):
            dokument["doc"] = doc
            return skriv(doc, **kwargs)

        ut = tmp_path_factory.mktemp("pdf") / f"arsrapport-{AR}.pdf"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(pdf, "document_to_pdf", fanga)
            call_command(
                "arsrapport", str(AR), "--out", str(ut), "--anvandare", "ks", stdout=io.StringIO()
            )
        ks_pdf = ut.read_bytes()
        # Column headings whose words were split over two lines (hyphenated or broken).
        brutna_rubriker = []
        for nummer, sida in enumerate(dokument["doc"].pages, 1):
            for box in _lador(sida._page_box):
                element = getattr(box, "element", None)
                if not (
                    isinstance(box, boxes.TableCellBox)
                    and element is not None
                    and element.get("scope") == "col"
                ):
                    continue
                ord_ = set("".join(element.itertext()).split())
                for rad in (b for b in _lador(box) if isinstance(b, boxes.LineBox)):
                    text = "".join(t.text for t in _lador(rad) if isinstance(t, boxes.TextBox))
                    for o in text.split():
                        if o not in ord_:
                            brutna_rubriker.append((nummer, "".join(element.itertext()), o))
        for_breda = []
        for nummer, sida in enumerate(dokument["doc"].pages, 1):
            sidbox = sida._page_box
            hoger = sidbox.content_box_x() + sidbox.width
            for box in _lador(sidbox):
                if isinstance(box, boxes.TableBox | boxes.ReplacedBox):
                    if box.position_x + box.margin_width() > hoger + 0.5:
                        for_breda.append((nummer, type(box).__name__, box.margin_width()))

        # The command's default reader (no --anvandare) sees what kommunledningen sees.
        system = arsrapport.context(systemlasare(), AR)
        system_html = pdf.render_html("rapporter/arsrapport.html", system)

        synliga = incidents_visible_to(ks).filter(ar=AR)
        per_omrade = {o.nummer: synliga.filter(omrade=o).count() for o in Omrade.objects.all()}
        # What the incident statistics page shows the same person for the same year.
        nummer = dict(Omrade.objects.values_list("pk", "nummer"))
        statistiksidan = {
            nummer[r["id"]]: r["antal"]
            for r in statistik.per_omrade(incidents_visible_to(ks), AR)
            if r["id"]
        }
        statistik_totalt = statistik.totalt(incidents_visible_to(ks), AR)["antal"]
        yield {
            "ks": ks_pdf,
            # Text extraction takes seconds: once.
            "ks_sidor": _text(ks_pdf),
            "ks_siffror": arsrapport.context(ks, AR)["siffror"],
            "system_siffror": system["siffror"],
            "system_html": system_html,
            "for_breda": for_breda,
            "brutna_rubriker": brutna_rubriker,
            "sidor": len(dokument["doc"].pages),
            "antal_ks": synliga.count(),
            "antal_alla": Incident.objects.filter(ar=AR).count(),
            "per_omrade": per_omrade,
            "statistiksidan": statistiksidan,
            "statistik_totalt": statistik_totalt,
            "ctx_chef_allvarligaste": [
                i.referens for i in arsrapport.context(chef, AR)["allvarligaste_incidenter"]
            ],
            "skyddad_referens": skyddad.referens,
        }


def test_it_opens_with_cover_contents_and_all_ten_areas(rapport):
    sidor = rapport["ks_sidor"]
    assert len(sidor) == rapport["sidor"] > 10
    omslag = _platt(sidor[0])
    assert "Köpings kommun" in omslag
    assert f"Årlig uppföljning av säkerhetsarbetet {AR}" in omslag
    assert "Säkerhetspolicy, version 1" in omslag
    assert "Skapad av Karin Kommunledning" in omslag
    # Swedish dates, "25 nov 2026".
    assert re.search(
        r"Skapad \d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec) \d{4}", omslag
    )

    # The tjänsteskrivelse comes first, after the cover; then the contents.
    assert "Tjänsteskrivelse" in _platt(sidor[1])
    assert "Förslag till beslut" in _platt(sidor[1])
    innehall = next(_platt(s) for s in sidor if "Innehåll" in s)
    text = _platt(" ".join(sidor))
    for omrade in range(1, 11):
        # Each area is in the contents with a page number, and has its own section.
        assert re.search(rf"\b{omrade}\. \S+.*?\d+", innehall)
    namn = [
        "Krisberedskap och civilt försvar",
        "Säkerhetsskydd",
        "Systematiskt brandskyddsarbete",
        "Informationssäkerhet",
        "IT-säkerhet",
        "Informationspåverkan",
        "Elsäkerhet",
        "Internt skydd",
        "Personsäkerhet",
    ]
    for n in namn:
        assert n in text
    assert "Sida 1 av" in _platt(sidor[0]) or "Sida 1 av" in text
    assert f"Sida {len(sidor)} av {len(sidor)}" in _platt(sidor[-1])


def test_it_has_metadata_fonts_and_tags(rapport):
    reader = PdfReader(io.BytesIO(rapport["ks"]))
    assert reader.metadata.title == f"Årlig uppföljning av säkerhetsarbetet {AR}"
    assert reader.metadata.author == "Köpings kommun"
    katalog = reader.trailer["/Root"]
    assert katalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in katalog
    fonter = set()
    for sida in reader.pages:
        for font in (sida["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", []):
                fd = desc.get_object()["/FontDescriptor"].get_object()
                if "/FontFile2" in fd:
                    fonter.add(str(font["/BaseFont"]))
    assert any("DejaVu-Sans" in f for f in fonter), fonter


def test_its_figures_are_the_counts_the_app_shows(rapport):
    text = _platt(" ".join(rapport["ks_sidor"]))
    antal = rapport["antal_ks"]
    assert antal == 120
    assert re.search(rf"Rapporterade incidenter {antal} 60\b", text)
    # Each area's section, in the policy's order, states its count for the year.
    i_pdf = [int(n) for n in re.findall(rf"Incidenter: (\d+) under {AR}", text)]
    assert i_pdf == [rapport["per_omrade"][n] for n in sorted(rapport["per_omrade"])]
    assert i_pdf == [rapport["statistiksidan"][n] for n in sorted(rapport["statistiksidan"])]
    assert sum(i_pdf) == antal == rapport["statistik_totalt"]


def test_it_makes_the_same_figures_without_a_user_as_kommunledning_sees(rapport):
    assert rapport["system_siffror"] == rapport["ks_siffror"]
    assert rapport["system_siffror"]["totalt"] == rapport["antal_ks"]


def test_it_leaves_no_trace_of_a_skyddad_incident_for_a_reader_without_access(rapport):
    # The säkerhetschef's report lists it: the incident is there to be hidden.
    assert rapport["skyddad_referens"] in rapport["ctx_chef_allvarligaste"]
    assert rapport["antal_alla"] == rapport["antal_ks"] + 1
    assert "Säkerhetsportalen, med kommunledningens behörighet" in rapport["system_html"]
    for text in (_platt(" ".join(rapport["ks_sidor"])), rapport["system_html"]):
        assert SKYDDAD_RUBRIK not in text
        assert SKYDDAD_REFERENS not in text
        assert f"Rapporterade incidenter {rapport['antal_alla']} " not in text


def test_it_shows_the_information_registers_as_kommunledningen_may_see_them(rapport):
    text = _platt(" ".join(rapport["ks_sidor"]))
    for rad in (
        "System 4",
        "Klassade tillgångar 3 (60 %)",
        "Försenade översyner av klassningen 2",
        "Tillgångar med personuppgifter 3",
        "varav känsliga personuppgifter 1",
        "varav skyddade personuppgifter 1",
        # The skyddad breach counts for none of the two figures.
        f"Personuppgiftsincidenter {AR} 2",
        "varav anmälda till IMY 1",
        "2 system omfattas av cybersäkerhetslagen (2025:1506).",
        "1 av dem uppfyller alla tillämpliga riskhanteringsåtgärder.",
        "Incidenthantering 1 (50 %) 1 0 0 0",
        # Säkerhetsskydd: kept separately, none of its metadata.
        "Säkerhetsskyddsanalysen, säkerhetsskyddsavtalen och placeringarna i säkerhetsklass "
        "redovisas separat av säkerhetsskyddschefen.",
    ):
        assert rad in text, rad
    for ord_ in ("Säkerhetsklass 2", "Säkerhetsskyddsavtal:", "Driftpartner AB"):
        assert ord_ not in text


def test_it_keeps_every_table_and_chart_inside_the_page(rapport):
    assert rapport["for_breda"] == []


def test_it_renders_pages_that_are_not_cut_off(rapport, tmp_path):
    """Pages 1–3 as images: A4, and nothing drawn in the right margin (a table that
    overflowed would show there)."""
    if not shutil.which("pdftoppm"):
        from tests.conftest import _service_missing

        _service_missing("pdftoppm", "pdftoppm (apt-get install poppler-utils)")
    from PIL import Image

    fil = tmp_path / "r.pdf"
    fil.write_bytes(rapport["ks"])
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png", str(fil), str(tmp_path / "s")],
        check=True,
    )
    bilder = sorted(tmp_path.glob("s-*.png"))
    assert len(bilder) == 3
    for bild in bilder:
        im = Image.open(bild).convert("L")
        bredd, hojd = im.size
        assert abs(hojd / bredd - 297 / 210) < 0.02
        # The right margin is 17 mm; look at the outer 12 mm, below the header.
        marginal = im.crop((bredd - round(bredd * 12 / 210), round(hojd * 25 / 297), bredd, hojd))
        assert marginal.getextrema()[0] > 245, bild.name


def test_it_marks_every_page_of_a_partial_year_as_preliminary(rapport):
    # The year is not over when the module's report is made (AR is the current year).
    sidor = [_platt(s) for s in rapport["ks_sidor"]]
    assert "Period: 1 januari–31 december" in sidor[0]
    for nummer, sida in enumerate(sidor, 1):
        assert re.search(r"Preliminär: uppgifter till och med \d{1,2} \w{3} \d{4}", sida), nummer


def test_it_never_breaks_a_word_of_a_column_heading(rapport):
    assert rapport["brutna_rubriker"] == []


def test_it_names_the_year_once_on_the_cover(rapport):
    omslag = _platt(rapport["ks_sidor"][0])
    # Dates carry a year too; the year as a heading appears once.
    utan_datum = re.sub(
        r"\d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec) \d{4}", "", omslag
    )
    assert utan_datum.count(str(AR)) == 1, omslag
