"""
The risk level rule, written once. Everything that shows, stores, orders or explains a
risk level calls this module; the page "Så beräknas risknivån" renders its constants.

Score = likelihood × the highest consequence over all dimensions (1–25). The score falls in
one of four levels by the cut-offs below. The policy says life and health shall be
prioritised, so a life-and-health consequence of 4 or more raises the level to at least
Hög, and lists order by level, then the life-and-health consequence, then the score.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Niva(models.IntegerChoices):
    """Stored as an integer so that the database can order and filter by it."""

    LAG = 1, _("Låg")
    MEDEL = 2, _("Medel")
    HOG = 3, _("Hög")
    MYCKET_HOG = 4, _("Mycket hög")


# The highest score of each level; anything above the last cut-off is Mycket hög.
GRANSER: list[tuple[int, Niva]] = [
    (4, Niva.LAG),
    (9, Niva.MEDEL),
    (15, Niva.HOG),
    (25, Niva.MYCKET_HOG),
]

# A life-and-health consequence at or above this raises the level to at least LIV_HALSA_MINSTA.
LIV_HALSA_GRANS = 4
LIV_HALSA_MINSTA = Niva.HOG

# The database ordering that follows the rule: highest level first, then life and health.
ORDNING = ["-niva", "-kons_liv_halsa", "-poang", "titel"]


@dataclass(frozen=True)
class Bedomning:
    poang: int
    niva: Niva
    hojd_for_liv_halsa: bool


def poang(sannolikhet: int, konsekvenser) -> int:
    return int(sannolikhet) * max(int(k) for k in konsekvenser)


def niva_for_poang(p: int) -> Niva:
    for grans, niva in GRANSER:
        if p <= grans:
            return niva
    return Niva.MYCKET_HOG


def bedom(sannolikhet: int, konsekvenser, liv_halsa: int) -> Bedomning:
    """The level of one assessment. `konsekvenser` includes the life-and-health value."""
    p = poang(sannolikhet, konsekvenser)
    niva = niva_for_poang(p)
    hojd = False
    if liv_halsa >= LIV_HALSA_GRANS and niva < LIV_HALSA_MINSTA:
        niva = LIV_HALSA_MINSTA
        hojd = True
    return Bedomning(poang=p, niva=Niva(niva), hojd_for_liv_halsa=hojd)


def sorteringsnyckel(niva: int, liv_halsa: int, p: int):
    """The same order as ORDNING, for lists sorted in Python (highest first)."""
    return (-niva, -liv_halsa, -p)


def intervall() -> list[tuple[int, int, Niva]]:
    """(lowest score, highest score, level) for the explanation page."""
    ut, lag = [], 1
    for grans, niva in GRANSER:
        ut.append((lag, grans, niva))
        lag = grans + 1
    return ut


CSS = {Niva.LAG: "lag", Niva.MEDEL: "medel", Niva.HOG: "hog", Niva.MYCKET_HOG: "mycket_hog"}


def css(niva: int) -> str:
    """The class suffix of site.css (niva-lag …); the label is always shown too."""
    return CSS[Niva(niva)]
