"""The select box drawn in Python (lib/widgets.py) gives the same HTML as Django's own."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from lib.widgets import Select

CHOICES = [
    ("", "Alla"),
    ("ingen", "Ej klassad"),
    ("Informationssäkerhet", [(1, "Nätfiske <phishing>"), (2, "Förlorad dator & telefon")]),
    ("Brandskydd", [(3, 'Brand i "kök"')]),
    # A translated label, and one already marked safe, escaped as Django's template does.
    (4, gettext_lazy("Alla öppna")),
    (5, mark_safe("<i>säker</i> &amp; klar")),
]


@pytest.mark.parametrize("value", [None, "", "ingen", 2, "3", ["1"], "999"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_kategori", "aria-describedby": "id_kategori_helptext", "required": True}],
)
def test_it_draws_the_same_select_as_django(value, attrs):
    ours = Select(choices=CHOICES).render("kategori", value, attrs)
    django = forms.Select(choices=CHOICES).render("kategori", value, attrs)
    assert parse_html(ours) == parse_html(django)


def test_it_escapes_labels_and_values():
    html = Select(choices=[('"><script>', "<b>fet</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html


def test_it_marks_the_chosen_option_in_a_bound_filter_form(client_as, sakerhetsavdelning):
    from policy.models import Omrade

    omrade = Omrade.objects.order_by("nummer")[5]
    response = client_as(sakerhetsavdelning).get(f"/incidenter/?omrade={omrade.pk}")
    assert f'<option value="{omrade.pk}" selected>{omrade.namn}</option>' in response.text
