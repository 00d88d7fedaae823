from django import template

from risker import levels

register = template.Library()


@register.inclusion_tag("risker/_niva.html")
def niva(varde):
    """A level as text with its colour class; the text carries the meaning."""
    n = levels.Niva(varde)
    return {"css": levels.css(n), "text": n.label}


@register.filter
def forsenad(atgard, idag=None):
    return atgard.ar_forsenad(idag)
