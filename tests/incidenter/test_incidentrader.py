"""The incident list's rows (templates/incidenter/_lista_tabell.html): every flag in words, a
missing area or category, text that must be escaped, the day in local time, in both
languages."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation


def _rad(**falt) -> dict:
    rad = {
        "url": "/incidenter/INC-2026-0001/",
        "referens": "INC-2026-0001",
        "rubrik": "Stöld av dator",
        "prioriterad": False,
        "skyddad": False,
        "forsenad": False,
        "status": "Mottagen",
        "omrade": "Brottsförebyggande arbete",
        "kategori": "Stöld",
        "enhet": "Ullvigymnasiet",
        "organ": "BUN",
        # 23:30 UTC on 31 December is New Year's Day in Köping.
        "rapporterad": datetime.datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
    }
    return rad | falt


def _tabell(*rader, sprak="sv") -> str:
    with translation.override(sprak):
        return render_to_string("incidenter/_lista_tabell.html", {"rader": list(rader)})


@pytest.mark.parametrize(
    "sprak, ord",
    [
        ("sv", ["Prioriterad: liv och hälsa", "Skyddad", "Försenad rapportering", "1 jan 2026"]),
        ("en", ["Prioritised: life and health", "Protected", "Overdue reporting", "1 Jan 2026"]),
    ],
)
def test_it_shows_each_flag_in_words_and_the_local_day(sprak, ord):
    html = _tabell(_rad(prioriterad=True, skyddad=True, forsenad=True), sprak=sprak)
    for text in ord:
        assert text in html
    assert '<tr class="prioriterad">' in html
    assert '<a href="/incidenter/INC-2026-0001/">INC-2026-0001</a> Stöld av dator' in html


def test_it_shows_no_flag_an_incident_does_not_have():
    html = _tabell(_rad())
    assert "<tr>" in html
    for text in ("Prioriterad", "Skyddad", "Försenad"):
        assert text not in html


def test_it_says_when_an_incident_is_not_classified_yet():
    html = _tabell(_rad(omrade="", kategori=""))
    assert '<td><span class="muted">Ej klassat</span></td>' in html


def test_it_escapes_what_people_wrote():
    html = _tabell(_rad(rubrik='<script>alert("x")</script> & "citat"', enhet="R&D <enhet>"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;citat&quot;" in html
    assert "R&amp;D &lt;enhet&gt;" in html


def test_it_says_so_when_no_incident_matches():
    assert "Inga incidenter som du kan se matchar filtret." in _tabell()
