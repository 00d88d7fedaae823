"""Comparing two versions section by section, with the changes marked inline and escaped."""

import re

from policy import services
from policy.jamforelse import diff_html, jamfor
from policy.selectors import version_med_innehall


def test_it_marks_inserted_and_deleted_words():
    html = diff_html(
        "Revidering ska beslutas av kommunfullmäktige.",
        "Revidering ska beslutas av kommunstyrelsen.",
    )
    assert "<del>kommunfullmäktige.</del>" in html
    assert "<ins>kommunstyrelsen.</ins>" in html
    assert html.startswith("Revidering ska beslutas av ")


def test_it_escapes_the_texts_markup():
    html = diff_html("<b>fet</b>", "<script>alert(1)</script>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_identical_texts_have_no_marks():
    assert "<ins>" not in diff_html("Samma text.", "Samma text.")


def test_it_shows_which_section_changed(v1, utkast, sakerhetsavdelning):
    syfte = utkast.avsnitt.get(typ="revidering")
    services.policyversion_update(
        user=sakerhetsavdelning,
        version=utkast,
        andringstyp="vasentlig",
        andringsbeskrivning="",
        avsnitt={syfte.pk: syfte.text + "\n\nNy mening om uppföljning."},
    )
    sektioner = {s.typ: s for s in jamfor(version_med_innehall(v1), version_med_innehall(utkast))}
    assert list(sektioner) == ["syfte", "mal", "definitioner", "ansvar", "koppling", "revidering"]
    assert sektioner["revidering"].andrad
    assert (
        "<ins>" in sektioner["revidering"].html and "uppföljning." in sektioner["revidering"].html
    )
    assert not any(s.andrad for typ, s in sektioner.items() if typ != "revidering")


def test_it_includes_area_definitions_and_goals(v1, utkast, sakerhetsavdelning):
    el = utkast.omraden.get(omrade__slug="elsakerhet")
    mal = utkast.mal.get(ordning=4)
    services.policyversion_update(
        user=sakerhetsavdelning,
        version=utkast,
        andringstyp="vasentlig",
        andringsbeskrivning="",
        omraden={el.pk: {"rubrik": "Elsäkerhet", "definition": "Skydd mot elolyckor."}},
        mal={mal.pk: "liv och hälsa ska alltid prioriteras vid riskbedömningar."},
    )
    sektioner = {s.typ: s for s in jamfor(version_med_innehall(v1), version_med_innehall(utkast))}
    assert "<ins>Elsäkerhet\nSkydd mot elolyckor.</ins>" in sektioner["definitioner"].html.replace(
        "\n\n", ""
    )
    assert "<ins>alltid </ins>" in sektioner["mal"].html


def test_the_compare_page_shows_the_changed_section(v1, utkast, sakerhetsavdelning, client_as):
    syfte = utkast.avsnitt.get(typ="syfte")
    services.policyversion_update(
        user=sakerhetsavdelning,
        version=utkast,
        andringstyp="administrativ",
        andringsbeskrivning="",
        avsnitt={syfte.pk: syfte.text.replace("högst", "allra högst")},
    )
    resp = client_as(sakerhetsavdelning).get(f"/policy/jamfor/?fran={v1.pk}&till={utkast.pk}")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Ändringar från version 1 till version 2" in html
    assert re.search(r"<ins>\s*allra\s*</ins>", html)
    assert html.count(">Ändrat<") == 1 and html.count(">Oförändrat<") == 5


def test_the_compare_page_answers_bad_input_with_400(
    v1, utkast, client_as, medarbetare, sakerhetsavdelning
):
    c = client_as(sakerhetsavdelning)
    assert c.get("/policy/jamfor/?fran=abc&till=1").status_code == 400
    assert c.get("/policy/jamfor/").status_code == 400
    # A draft is not a valid choice for someone who may not see drafts.
    resp = client_as(medarbetare).get(f"/policy/jamfor/?fran={v1.pk}&till={utkast.pk}")
    assert resp.status_code == 400
    assert "Välj ett giltigt alternativ" in resp.content.decode()
