from django import template
from django.utils.html import format_html

from risker import levels

register = template.Library()


@register.simple_tag
def niva(varde):
    """A level as text with its colour class; the text carries the meaning. Built here rather
    than in an included template: the register draws it on every row."""
    n = levels.Niva(varde)
    return format_html('<span class="tag niva-{}">{}</span>', levels.css(n), n.label)


@register.filter
def forsenad(atgard, idag=None):
    return atgard.ar_forsenad(idag)
