from datetime import UTC, date, datetime

from lib.arbetsdagar import (
    STOCKHOLM,
    ar_arbetsdag,
    arbetsdagar_efter,
    lagg_till_arbetsdagar,
)


def _t(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def _hours(start, end):
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


def test_it_skips_weekends():
    assert not ar_arbetsdag(date(2026, 11, 28))  # lördag
    assert not ar_arbetsdag(date(2026, 11, 29))  # söndag
    assert arbetsdagar_efter(_t(2026, 11, 27, 14, 30)) == _t(2026, 11, 30, 14, 30)


def test_it_skips_midsommarafton_and_midsommardagen():
    # Torsdag 18 juni 2026 -> fredag är midsommarafton, lördag midsommardagen.
    assert not ar_arbetsdag(date(2026, 6, 19))
    assert arbetsdagar_efter(_t(2026, 6, 18, 9, 0)) == _t(2026, 6, 22, 9, 0)


def test_it_skips_christmas():
    # Onsdag 23 december 2026: julafton, juldagen, annandag jul, helg.
    assert not ar_arbetsdag(date(2026, 12, 24))
    assert not ar_arbetsdag(date(2026, 12, 25))
    assert lagg_till_arbetsdagar(date(2026, 12, 23), 1) == date(2026, 12, 28)


def test_it_starts_counting_on_the_next_working_day_when_reported_on_a_holiday():
    # Juldagen 2026 (fredag): the clock starts Monday 28 Dec 00:00.
    assert arbetsdagar_efter(_t(2026, 12, 25, 11, 0)) == _t(2026, 12, 29, 0, 0)


def test_it_keeps_the_wall_clock_hour_across_daylight_saving_changes():
    # Sommartid börjar söndag 29 mars 2026; vintertid söndag 25 oktober 2026.
    spring = arbetsdagar_efter(_t(2026, 3, 27, 16, 0))
    assert spring == _t(2026, 3, 30, 16, 0)
    assert _hours(_t(2026, 3, 27, 16, 0), spring) == 71
    autumn = arbetsdagar_efter(_t(2026, 10, 23, 16, 0))
    assert autumn == _t(2026, 10, 26, 16, 0)
    assert _hours(_t(2026, 10, 23, 16, 0), autumn) == 73
