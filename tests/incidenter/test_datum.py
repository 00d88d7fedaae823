"""The incident list's dates (|datum) read exactly as Django's |date, in either language and
in Swedish time."""

import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation


def _rendera(mall: str, varde) -> str:
    return Template("{% load incidentlista %}" + mall).render(Context({"v": varde}))


def test_it_writes_dates_as_django_does_in_both_languages_and_local_time():
    utc = ZoneInfo("UTC")
    varden = [
        datetime.datetime(2026, 11, 24, 9, 30, tzinfo=utc),
        # 23:30 UTC on 31 December is already New Year's Day in Köping.
        datetime.datetime(2025, 12, 31, 23, 30, tzinfo=utc),
        datetime.date(2026, 5, 1),
    ]
    for sprak in ("sv", "en"):
        with translation.override(sprak):
            for v in varden:
                assert _rendera("{{ v|datum }}", v) == _rendera("{{ v|date }}", v)
    with translation.override("sv"):
        assert _rendera("{{ v|datum }}", varden[0]) == "24 nov 2026"
        assert _rendera("{{ v|datum }}", varden[1]) == "1 jan 2026"
        assert _rendera("{{ v|datum }}", None) == ""


def test_it_writes_times_as_django_does_in_both_languages_and_local_time():
    """The detail page's |datumtid reads as |date:"DATETIME_FORMAT"."""
    utc = ZoneInfo("UTC")
    varden = [
        datetime.datetime(2026, 11, 24, 9, 5, 59, tzinfo=utc),
        datetime.datetime(2025, 12, 31, 23, 30, tzinfo=utc),
        # Summer time: 00:30 UTC is 02:30 in Köping; the last night of it, 01:30 UTC is 02:30.
        datetime.datetime(2026, 7, 1, 0, 30, tzinfo=utc),
        datetime.datetime(2026, 10, 25, 0, 30, tzinfo=utc),
        datetime.datetime(2026, 10, 25, 1, 30, tzinfo=utc),
        datetime.datetime(2026, 3, 3, 7, 0),  # naive: shown as it is
        None,
        "",
    ]
    for sprak in ("sv", "en"):
        with translation.override(sprak):
            for v in varden:
                django = _rendera('{{ v|date:"DATETIME_FORMAT" }}', v)
                assert _rendera("{{ v|datumtid }}", v) == django, (sprak, v)
    with translation.override("sv"):
        assert _rendera("{{ v|datumtid }}", varden[0]) == "24 nov 2026 10:05"
        assert _rendera("{{ v|datumtid }}", varden[1]) == "1 jan 2026 00:30"
    with translation.override("en"):
        assert _rendera("{{ v|datumtid }}", varden[2]) == "1 Jul 2026 02:30"
