"""
Working days in Köpings kommun: not Saturdays, Sundays, Swedish public holidays, nor the
de facto holidays midsommarafton, julafton and nyårsafton. Times are wall-clock times in
Europe/Stockholm, so a deadline "one working day later" keeps its hour across the change
to and from daylight saving time.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@lru_cache(maxsize=64)
def _helgdagar(ar: int) -> frozenset[date]:
    dagar = holidays.country_holidays("SE", years=ar, categories=("public", "de_facto"))
    return frozenset(dagar.keys())


def ar_helgdag(dag: date) -> bool:
    return dag in _helgdagar(dag.year)


def ar_arbetsdag(dag: date) -> bool:
    return dag.weekday() < 5 and not ar_helgdag(dag)


def nasta_arbetsdag(dag: date) -> date:
    """The first working day after `dag`."""
    dag += timedelta(days=1)
    while not ar_arbetsdag(dag):
        dag += timedelta(days=1)
    return dag


def lagg_till_arbetsdagar(dag: date, antal: int) -> date:
    """The date `antal` working days after `dag` (which itself need not be one)."""
    for _ in range(antal):
        dag = nasta_arbetsdag(dag)
    return dag


def arbetsdagar_efter(tidpunkt: datetime, antal: int = 1) -> datetime:
    """When `antal` whole working days have passed since `tidpunkt` (aware), counting only
    the hours of working days. Something reported on a Friday afternoon is due on Monday
    afternoon; something reported on a Saturday or a holiday starts counting at midnight
    of the next working day."""
    lokal = tidpunkt.astimezone(STOCKHOLM)
    dag, klockslag = lokal.date(), lokal.time().replace(tzinfo=None)
    if not ar_arbetsdag(dag):
        dag, klockslag = nasta_arbetsdag(dag), time(0, 0)
    slut = lagg_till_arbetsdagar(dag, antal)
    # A working day never has a daylight-saving gap (the change is on a Sunday at 02:00).
    return datetime.combine(slut, klockslag, tzinfo=STOCKHOLM)
