"""
The year's plan from the kinds of activity: on which dates a kind falls in a year. A date
that is not a working day (a weekend, a public holiday, midsommarafton, julafton,
nyårsafton: the same calendar the reminders count with) moves to the next working day, or
to the one before when the next is in another year.
"""

import datetime

from lib.arbetsdagar import ar_arbetsdag, nasta_arbetsdag


def arbetsdag_inom_aret(dag: datetime.date) -> datetime.date:
    if ar_arbetsdag(dag):
        return dag
    nasta = nasta_arbetsdag(dag)
    if nasta.year == dag.year:
        return nasta
    while not ar_arbetsdag(dag):
        dag -= datetime.timedelta(days=1)
    return dag


def manader(typ, ar: int) -> list[int]:
    """The months of year `ar` in which the kind falls."""
    m = typ.intervall_manader
    if m >= 12:
        steg = m // 12
        if ar < typ.forsta_ar or (ar - typ.forsta_ar) % steg:
            return []
        return [typ.startmanad]
    return sorted({(typ.startmanad - 1 + k * m) % 12 + 1 for k in range(12 // m)})


def planerade_datum(typ, ar: int) -> list[datetime.date]:
    return [arbetsdag_inom_aret(datetime.date(ar, manad, typ.dag)) for manad in manader(typ, ar)]
