"""
The other apps' parts of the area page, of "Vårt ansvar" and of the incident page. Each app
may have `<app>/panels.py` with `omrade_panel(user, omrade)`, `organ_panel(user, organ)` and
`incident_panel(user, incident)`, returning a dict for `templates/<app>/_omrade_panel.html`,
`_organ_panel.html` / `_incident_panel.html`, or None for nothing. An app without a panels
module (or without the function) simply contributes nothing. The incident page asks here, so
that incidenter need not import the apps that build on it.
"""

from importlib import import_module

PANEL_APPS = [
    "uppfoljning",
    "risker",
    "incidenter",
    "krisberedskap",
    "verksamhet",
    "informationssakerhet",
]


def import_if_present(dotted: str):
    """The module, or None when it (or its package) does not exist. A missing import
    inside an existing module is a real error and is raised."""
    try:
        return import_module(dotted)
    except ModuleNotFoundError as e:
        if e.name and (dotted == e.name or dotted.startswith(e.name + ".")):
            return None
        raise


def _paneler(slag: str, user, obj) -> list[tuple[str, dict]]:
    ut = []
    for app in PANEL_APPS:
        modul = import_if_present(f"{app}.panels")
        funktion = getattr(modul, f"{slag}_panel", None)
        if funktion is None:
            continue
        ctx = funktion(user, obj)
        if ctx is not None:
            ut.append((f"{app}/_{slag}_panel.html", ctx))
    return ut


def for_omrade(user, omrade) -> list[tuple[str, dict]]:
    return _paneler("omrade", user, omrade)


def for_organ(user, organ) -> list[tuple[str, dict]]:
    return _paneler("organ", user, organ)


def for_incident(user, incident) -> list[tuple[str, dict]]:
    """The parts of an incident's page; the user may see the incident."""
    return _paneler("incident", user, incident)
