"""Filters of the annual follow-up's template."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def saknas(varde):
    """A figure, or "uppgift saknas" where the portal has no data (None): never a 0 that
    would read as a fact."""
    return _("uppgift saknas") if varde is None else varde


@register.filter
def ifylld(varde):
    """A text of the tjänsteskrivelse, or a visible gap while the ärende is a draft."""
    return varde if varde else _("[ej ifyllt]")
