import datetime
from functools import lru_cache

from django import template
from django.utils import formats
from django.utils.translation import get_language

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
