"""The text fields, dates and check boxes drawn in Python (lib/widgets.py) give exactly the
HTML Django's own widgets give."""

import datetime
import re

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe

from koping_sakerhet.lib import widgets

ATTRS = [
    None,
    {"id": "id_falt", "aria-describedby": "id_falt_helptext", "required": True},
    {"maxlength": 200, "rows": 3, "disabled": False, "placeholder": 'Skriv "här" <b>'},
]

PAR = [
    (widgets.TextInput, forms.TextInput, {}),
    (widgets.TextInput, forms.TextInput, {"attrs": {"type": "search"}}),
    (widgets.URLInput, forms.URLInput, {}),
    (widgets.DateInput, forms.DateInput, {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}),
    (widgets.DateInput, forms.DateInput, {}),
    (widgets.DateTimeInput, forms.DateTimeInput, {"format": "%Y-%m-%dT%H:%M"}),
    (widgets.CheckboxInput, forms.CheckboxInput, {}),
    (widgets.Textarea, forms.Textarea, {"attrs": {"rows": 5}}),
]

VARDEN = [
    None,
    "",
    "0",
    "Brand i köket & <script>alert(1)</script> \"citat\" 'enkel'",
    "rad ett\nrad två",
    mark_safe("<b>redan säker</b>"),
    True,
    False,
    1234567,
    datetime.date(2026, 11, 24),
    datetime.datetime(2026, 11, 24, 9, 30),
    "2026-11-24",
]


@pytest.mark.parametrize("sprak", ["sv", "en"])
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("varde", VARDEN)
@pytest.mark.parametrize("var, django, kwargs", PAR)
def test_it_draws_the_same_html_as_django(var, django, kwargs, varde, attrs, sprak):
    with translation.override(sprak):
        ours = var(**kwargs).render("falt", varde, attrs)
        theirs = django(**kwargs).render("falt", varde, attrs)
    assert ours == theirs


def test_it_escapes_the_value_and_attributes():
    html = widgets.TextInput(attrs={"title": '"><script>'}).render("x", '"><script>')
    assert "<script>" not in html
    assert html.count("&quot;&gt;&lt;script&gt;") == 2
    html = widgets.Textarea().render("x", "</textarea><script>")
    assert "<script>" not in html and html.endswith("&lt;/textarea&gt;&lt;script&gt;</textarea>")


class Formular(forms.Form):
    rubrik = forms.CharField(max_length=200, widget=widgets.TextInput)
    text = forms.CharField(max_length=5000, required=False, widget=widgets.Textarea)
    nar = forms.DateTimeField(widget=widgets.DateTimeInput(format="%Y-%m-%dT%H:%M"))
    dag = forms.DateField(required=False, widget=widgets.DateInput(attrs={"type": "date"}))
    ok = forms.BooleanField(required=False, widget=widgets.CheckboxInput)


class DjangosFormular(forms.Form):
    rubrik = forms.CharField(max_length=200)
    text = forms.CharField(max_length=5000, required=False, widget=forms.Textarea)
    nar = forms.DateTimeField(widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M"))
    dag = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ok = forms.BooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"rubrik": "<i>Nätfiske</i>", "text": "Hej & hå", "nar": "2026-11-24T09:30", "ok": "on"},
        {"rubrik": "", "nar": "inte en tid", "dag": "2026-02-30"},
    ],
)
def test_it_draws_bound_and_unbound_forms_as_django(data):
    initial = {"text": "Från början", "nar": datetime.datetime(2026, 1, 2, 3, 4), "ok": True}
    ours = Formular(data, initial=initial)
    theirs = DjangosFormular(data, initial=initial)
    for namn in ours.fields:
        assert str(ours[namn]) == str(theirs[namn])


def sida_med_djangos_widgets(monkeypatch, hamta) -> tuple:
    """A page as drawn with our widgets, then both it and the page Django's own widget
    templates draw, parsed for comparison (without the CSRF token, new on every response):
    Django's select box leaves blank lines between its options, ours does not."""

    def html(response) -> str:
        # 400: a form with bad input, drawn again.
        assert response.status_code in (200, 400)
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())

    ours = html(hamta())
    for klass in (widgets._Input, widgets.Textarea, widgets.Select):
        monkeypatch.setattr(klass, "render", forms.Widget.render)
    return ours, parse_html(ours), parse_html(html(hamta()))


@pytest.mark.parametrize(
    "params", ["", "?q=%22%3Cb%3Edator&fran=2026-01-01&till=2025-01-01&prioriterad=on&status=x"]
)
def test_it_draws_the_incident_lists_filter_as_djangos_widgets_do(
    client_as, sakerhetsavdelning, monkeypatch, params
):
    from django.core.cache import cache

    client = client_as(sakerhetsavdelning)

    def hamta():
        cache.clear()  # the list keeps its drawn filter form for a minute
        return client.get("/incidenter/" + params)

    html, ours, djangos = sida_med_djangos_widgets(monkeypatch, hamta)
    assert ours == djangos
    assert 'type="search"' in html and 'type="date"' in html and 'type="checkbox"' in html


@pytest.mark.parametrize("var, django, kwargs", PAR)
@pytest.mark.parametrize("data", [None, {"falt": "<värde>"}, {}])
def test_it_is_drawn_in_the_projects_field_template_as_djangos(var, django, kwargs, data):
    """templates/_falt.html chooses its layout from the widget (check box, radio, other)."""
    from django.template.loader import render_to_string

    def falt(widget):
        faltklass = (
            forms.BooleanField if issubclass(django, forms.CheckboxInput) else forms.CharField
        )
        formular = type("F", (forms.Form,), {"falt": faltklass(label="Fält", widget=widget)})
        return render_to_string("_falt.html", {"field": formular(data)["falt"]})

    assert falt(var(**kwargs)) == falt(django(**kwargs))
