"""The first adopted policy version, loaded by a data migration from the adopted text."""

import re
from pathlib import Path

from policy import demo
from policy.models import Ansvar, Omrade, Organ, PolicyVersion

TEXT = Path(__file__).resolve().parents[2] / "policy" / "seed" / "sakerhetspolicy.txt"


def _flat(text: str) -> str:
    """The text without line breaks, hyphenation or extra spaces, to compare content."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


def test_it_loads_one_adopted_version_decided_by_kf(db):
    version = PolicyVersion.objects.get()
    assert version.status == PolicyVersion.Status.FASTSTALLD
    assert version.versionsnummer == 1
    assert version.beslutad_av.slug == "kf"
    # The adopted text names no date, paragraph or diarienummer: nothing is made up.
    assert (version.beslutsdatum, version.paragraf, version.diarienummer) == (None, "", "")


def test_the_loaded_text_has_a_history_from_the_start(db):
    version = PolicyVersion.objects.get()
    assert [h.history_type for h in version.history.all()] == ["+"]
    assert version.omraden.get(omrade__slug="elsakerhet").history.count() == 1


def test_it_loads_the_six_sections_in_order(db):
    version = PolicyVersion.objects.get()
    assert [a.rubrik for a in version.avsnitt.all()] == [
        "Syfte",
        "Mål",
        "Definitioner och avgränsningar",
        "Ansvar och uppföljning",
        "Koppling till lagstiftning och andra styrdokument",
        "Revidering",
    ]
    syfte = version.avsnitt.get(typ="syfte").text
    assert syfte.startswith("Säkerhetspolicyn ska fungera som ett övergripande styrdokument")
    assert "Personsäkerheten ska därvid alltid prioriteras högst." in syfte


def test_it_loads_exactly_the_four_goals(db):
    goals = [m.text for m in PolicyVersion.objects.get().mal.all()]
    assert len(goals) == 4
    assert goals[0].startswith("bedriva ett proaktivt säkerhetsarbete")
    assert goals[1].startswith("arbeta gränsöverskridande")
    assert goals[2].startswith("utgå från kontinuerliga riskanalyser")
    assert goals[3] == "liv och hälsa ska prioriteras vid riskbedömningar."


def test_it_loads_exactly_ten_areas_in_the_texts_order(db):
    texter = list(PolicyVersion.objects.get().omraden.select_related("omrade"))
    assert [t.listnamn for t in texter] == [
        "Krisberedskap och civilt försvar",
        "Trygghetsskapande och brottsförebyggande",
        "Säkerhetsskydd",
        "Systematiskt brandskyddsarbete",
        "Informationssäkerhet",
        "IT- säkerhet",
        "Informationspåverkan",
        "El säkerhet",
        "Internt skydd",
        "Personsäkerhet",
    ]
    assert [t.omrade.nummer for t in texter] == list(range(1, 11))
    assert Omrade.objects.count() == 10


def test_it_keeps_the_texts_flaws_visible(db):
    version = PolicyVersion.objects.get()
    el = version.omraden.get(omrade__slug="elsakerhet")
    assert el.saknar_definition and el.rubrik == ""
    person = version.omraden.get(omrade__slug="personsakerhet")
    assert person.rubrik == "Personskydd" and person.rubrik_avviker
    assert person.definition.startswith("Omfattar alla former av händelser")
    assert "kommunkoncernenes" in version.omraden.get(omrade__slug="internt-skydd").definition


def test_every_loaded_text_stands_in_the_adopted_text(db):
    source = _flat(TEXT.read_text(encoding="utf-8"))
    version = PolicyVersion.objects.get()
    texts = [a.text for a in version.avsnitt.all()]
    texts += [m.text for m in version.mal.all()]
    texts += [t.definition for t in version.omraden.all()]
    texts += [a.text for a in version.ansvar.all()]
    for text in texts:
        for paragraph in filter(None, text.split("\n\n")):
            assert paragraph in source, paragraph


def test_it_gives_each_body_its_responsibility(db):
    version = PolicyVersion.objects.get()
    by = {a.galler: a.text for a in version.ansvar.all()}
    assert by[Ansvar.Galler.KF].startswith("Kommunfullmäktige fastställer")
    assert "exklusive de delar som överlämnats till kommunalförbundet VMKF" in by[Ansvar.Galler.KS]
    assert by[Ansvar.Galler.NAMND_OCH_STYRELSE].startswith("Varje nämnd och styrelse")
    assert by[Ansvar.Galler.SAKERHETSAVDELNINGEN].startswith("Säkerhetsavdelningen ansvarar")


def test_the_demo_organisation_reuses_the_bodies_the_policy_names(db):
    kf = Organ.objects.get(slug="kf")
    demo.create_organisation()
    demo.create_organisation()
    assert Organ.objects.get(slug="kf").pk == kf.pk
    assert Organ.objects.filter(slug__in=["kf", "ks", "sakerhetsavdelningen"]).count() == 3
    assert PolicyVersion.objects.get().beslutad_av == kf
