"""
The main menu: which links each person gets, in one place (a context processor for
base.html). The links' addresses never change while the server runs, so each is reversed
once per process; Django's {% url %} reversed them on every page.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

# (URL name, label, who sees it): in the menu's order.
LANKAR = [
    ("start", _("Start"), lambda u: True),
    ("incidenter:rapportera", _("Rapportera incident"), lambda u: True),
    ("incidenter:mina", _("Mina rapporter"), lambda u: True),
    # The list's own rule, so nobody is shown a link that answers 403.
    ("incidenter:lista", _("Incidenter"), lambda u: _far_se_listan(u)),
    ("risker:register", _("Riskregister"), lambda u: not u.ar_extern),
    (
        "risker:granskning",
        _("Granskning"),
        lambda u: not u.ar_extern and u.has_perm("risker.review_riskanalys"),
    ),
    ("krisberedskap:index", _("Krisberedskap"), lambda u: _krisberedskap(u)),
    ("verksamhet:lista", _("Övningar och kontroller"), lambda u: not u.ar_extern),
    ("informationssakerhet:index", _("Informationsregister"), lambda u: not u.ar_extern),
    (
        "informationssakerhet:incidentregister",
        _("Personuppgiftsincidenter"),
        lambda u: not u.ar_extern and u.has_perm("informationssakerhet.dataskyddsombud"),
    ),
    (
        "informationssakerhet:sakerhetsskydd",
        _("Säkerhetsskydd"),
        lambda u: not u.ar_extern and u.has_perm("informationssakerhet.view_sakerhetsskydd"),
    ),
    ("policy:index", _("Säkerhetspolicyn"), lambda u: not u.ar_extern),
    ("policy:vart_ansvar_mitt", _("Vårt ansvar"), lambda u: not u.ar_extern and u.enhet_id),
    (
        "uppfoljning:index",
        _("Uppföljning"),
        lambda u: (
            not u.ar_extern
            and (u.ar_sakerhetsfunktion or u.ar_kommunledning or bool(u.foretradda_organ_ids))
        ),
    ),
    (
        "rapporter:lista",
        _("Årlig uppföljning"),
        lambda u: not u.ar_extern and u.has_perm("rapporter.view_arsrapport"),
    ),
    (
        "konton:behorigheter",
        _("Behörigheter"),
        lambda u: not u.ar_extern and u.has_perm("incidenter.grant_incident_access"),
    ),
]


def _far_se_listan(user) -> bool:
    from incidenter.selectors import far_se_listan

    return far_se_listan(user)


def _krisberedskap(user) -> bool:
    from krisberedskap.selectors import kan_lasa

    return kan_lasa(user)


def _adress(namn: str) -> str:
    return _reverse(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), namn)


@functools.cache
def _reverse(urlconf, prefix: str, namn: str) -> str:
    # urlconf and prefix are part of the key: a request may have URLs of its own.
    return reverse(namn, urlconf=urlconf)


def lankar_for(user) -> list[tuple[str, str]]:
    """The menu's (address, label) for the user; none before they are logged in."""
    if not user.is_authenticated:
        return []
    return [(_adress(namn), etikett) for namn, etikett, far_se in LANKAR if far_se(user)]


def huvudmeny(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"huvudmeny": SimpleLazyObject(lambda: lankar_for(user))}
