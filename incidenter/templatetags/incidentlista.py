import datetime
from functools import lru_cache

from django import template
from django.template import defaultfilters
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lib.widgets import escape

register = template.Library()


@lru_cache(maxsize=4096)
def _datum(dag: datetime.date, sprak: str) -> str:
    # `sprak` is part of the key: the format and the month names are the active language's.
    return formats.date_format(dag, "DATE_FORMAT")


@register.filter(expects_localtime=True)
def datum(varde) -> str:
    """As `|date` ("24 nov 2026"), for the incident list: each day is formatted once per
    language, where `|date` costs ~30 µs on every row."""
    if not varde:
        return ""
    dag = varde.date() if isinstance(varde, datetime.datetime) else varde
    return _datum(dag, get_language())


@lru_cache(maxsize=8)
def _tid_efter_datum(sprak: str) -> bool:
    return formats.get_format("DATETIME_FORMAT") == formats.get_format("DATE_FORMAT") + " H:i"


@register.filter(expects_localtime=True)
def datumtid(varde) -> str:
    """As `|date:"DATETIME_FORMAT"` ("24 nov 2026 14:05"), for the detail page's timeline and
    history: the day from |datum's cache and the time of day added, where |date cost ~80 µs
    each. Only while DATETIME_FORMAT is DATE_FORMAT and " H:i", as it is in both languages
    (koping_sakerhet/formats); anything else goes to |date itself."""
    sprak = get_language()
    if isinstance(varde, datetime.datetime) and _tid_efter_datum(sprak):
        return f"{_datum(varde.date(), sprak)} {varde.hour:02d}:{varde.minute:02d}"
    return defaultfilters.date(varde, "DATETIME_FORMAT")


@register.filter
def andringstyp(rad) -> str:
    """A history line's kind in words ("Skapad", "Ändrad", "Borttagen"). Not the field's
    get_history_type_display(): django-simple-history has no Swedish, so it said "Created"."""
    typ = rad.history_type
    return {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}.get(typ, typ)


_RAD = (
    '<tr{}>\n      <th scope="row"><a href="{}">{}</a> {}\n        {}</th>\n'
    "      <td>{}</td>\n      <td>{}{}</td>\n"
    '      <td>{}<br><span class="muted">{}</span></td>\n      <td>{}</td>\n    </tr>\n'
)


@register.simple_tag
def incidentrader(rader) -> str:
    """The list's rows (lista._rader), drawn in Python as Django's admin draws its change
    list (`items_for_result`). A `{% for %}` loop in the template took 3.8 ms CPU for a page
    of 50 rows, this 1.1 ms: the 2.7 ms more would take the list's middle page from ~4.0 to
    ~4.8 times the baseline's time (bench/pages.py; docs/performance.md), too near the
    target of 5 for a benchmark whose runs drift 10-20 %.
    tests/incidenter/test_incidentrader.py checks what the rows show."""
    markeringar = {
        "prioriterad": format_html(
            '<br><span class="tag tag-prioriterad">{}</span>', _("Prioriterad: liv och hälsa")
        ),
        "skyddad": format_html('<br><span class="tag tag-skyddad">{}</span>', _("Skyddad")),
        "forsenad": format_html(
            '<br><span class="forsenad">{}</span>', _("Försenad rapportering till myndighet")
        ),
    }
    ej_klassat = format_html('<span class="muted">{}</span>', _("Ej klassat"))
    return mark_safe(
        "".join(
            _RAD.format(
                ' class="prioriterad"' if r["prioriterad"] else "",
                escape(r["url"]),
                escape(r["referens"]),
                escape(r["rubrik"]),
                "".join(m for namn, m in markeringar.items() if r[namn]),
                escape(r["status"]),
                escape(r["omrade"]) if r["omrade"] else ej_klassat,
                "<br>" + escape(r["kategori"]) if r["kategori"] else "",
                escape(r["enhet"]),
                escape(r["organ"]),
                escape(datum(timezone.localtime(r["rapporterad"]))),
            )
            for r in rader
        )
    )
