"""The incident list's rows, drawn in Python ({% incidentrader %}), read exactly as the
template loop they replaced drew them: every flag, a missing area or category, text that
must be escaped, in both languages."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

# The loop as templates/incidenter/_lista_tabell.html had it.
MALL = """{% load i18n incidentlista %}{% for i in rader %}
    <tr{% if i.prioriterad %} class="prioriterad"{% endif %}>
      <th scope="row"><a href="{{ i.url }}">{{ i.referens }}</a> {{ i.rubrik }}
        {% if i.prioriterad %}<br><span class="tag tag-prioriterad">{% translate "Prioriterad: liv och hälsa" %}</span>{% endif %}
        {% if i.skyddad %}<br><span class="tag tag-skyddad">{% translate "Skyddad" %}</span>{% endif %}
        {% if i.forsenad %}<br><span class="forsenad">{% translate "Försenad rapportering till myndighet" %}</span>{% endif %}</th>
      <td>{{ i.status }}</td>
      <td>{% if i.omrade %}{{ i.omrade }}{% else %}<span class="muted">{% translate "Ej klassat" %}</span>{% endif %}{% if i.kategori %}<br>{{ i.kategori }}{% endif %}</td>
      <td>{{ i.enhet }}<br><span class="muted">{{ i.organ }}</span></td>
      <td>{{ i.rapporterad|datum }}</td>
    </tr>
{% endfor %}"""


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


RADER = [
    _rad(),
    _rad(prioriterad=True, skyddad=True, forsenad=True),
    _rad(forsenad=True, omrade="", kategori=""),
    _rad(rubrik='<script>alert("x")</script> & "citat"', enhet="R&D <enhet>", organ="K&F"),
]


def _utan_mellanrum(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_it_draws_the_rows_as_the_template_did_in_both_languages():
    for sprak in ("sv", "en"):
        with translation.override(sprak):
            mall = Template(MALL).render(Context({"rader": RADER}))
            python = Template("{% load incidentlista %}{% incidentrader rader %}").render(
                Context({"rader": RADER})
            )
            assert _utan_mellanrum(python) == _utan_mellanrum(mall)
    assert "&lt;script&gt;" in python and "<script>" not in python
    assert "1 jan 2026" in python or "1 Jan 2026" in python
