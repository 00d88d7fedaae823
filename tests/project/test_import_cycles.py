"""Imports between the apps go one way, down LAGER, and never in a circle (docs/architecture.md,
"Which app imports which").

Every import in the product's code counts, also one inside a function: a lazy import only
hides a circle from Python, not from the reader. Each module belongs to its app (the nearest
package with an apps.py); outside an app, to its top package (lib, koping_sakerhet).
Tests, migrations and the benchmark are left out. Alone:
`.venv/bin/python -m pytest tests/project/test_import_cycles.py`.
"""

import ast
import os
from collections import defaultdict
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
UTANFOR = {".git", ".venv", "node_modules", "tests", "migrations", "bench", "static", "var"}

# Top to bottom: an app imports only apps on a lower line. The settings package
# (koping_sakerhet: settings, urls, celery, wsgi) is on none: its urls may import any app, and
# no app may import it.
LAGER = [
    ["portal"],
    ["rapporter"],
    ["uppfoljning"],
    ["krisberedskap", "informationssakerhet"],
    ["risker"],
    ["incidenter", "verksamhet"],
    ["konton"],
    ["paminnelser"],
    ["policy"],
    ["lib"],
]


def _moduler(rot: Path) -> dict[str, Path]:
    """Every module of the product: dotted name -> file."""
    moduler = {}
    for katalog, kataloger, filer in os.walk(rot):
        kataloger[:] = [k for k in kataloger if k not in UTANFOR]
        for namn in filer:
            if namn.endswith(".py"):
                fil = Path(katalog) / namn
                delar = fil.relative_to(rot).with_suffix("").parts
                if delar[-1] == "__init__":
                    delar = delar[:-1]
                if delar:
                    moduler[".".join(delar)] = fil
    return moduler


def _app(modul: str, rot: Path) -> str:
    delar = modul.split(".")
    for n in range(len(delar), 0, -1):
        if (rot.joinpath(*delar[:n]) / "apps.py").exists():
            return ".".join(delar[:n])
    return delar[0]


def _importerade(modul: str, fil: Path, moduler: dict) -> list[tuple[str, int]]:
    """The product's modules that `modul` imports, each with the line of its import."""
    paket = modul if fil.name == "__init__.py" else modul.rpartition(".")[0]
    svar = []
    for nod in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(nod, ast.Import):
            namn = [a.name for a in nod.names]
        elif isinstance(nod, ast.ImportFrom):
            bas = nod.module or ""
            if nod.level:
                delar = paket.split(".")[: len(paket.split(".")) - nod.level + 1]
                bas = ".".join([*delar, bas] if bas else delar)
            namn = [bas, *(f"{bas}.{a.name}" for a in nod.names)]
        else:
            continue
        for n in namn:
            # `from a.b import c` imports the module a.b.c if there is one, else a.b.
            while n and n not in moduler:
                n = n.rpartition(".")[0]
            if n:
                svar.append((n, nod.lineno))
    return list(dict.fromkeys(svar))


def beroenden(rot: Path = ROT) -> dict[str, dict[str, list[str]]]:
    """app -> the apps it imports -> where ("path:line")."""
    moduler = _moduler(rot)
    graf: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for modul, fil in sorted(moduler.items()):
        fran = _app(modul, rot)
        graf[fran]  # an app that imports no other is in the graph too
        for importerad, rad in _importerade(modul, fil, moduler):
            till, plats = _app(importerad, rot), f"{fil.relative_to(rot)}:{rad}"
            if till != fran and plats not in graf[fran][till]:
                graf[fran][till].append(plats)
    return graf


def cykler(graf) -> list[list[str]]:
    """The sets of apps that import each other in a circle (Tarjan's strongly connected
    components of more than one app)."""
    index, lag, stack, pa_stacken, svar = {}, {}, [], set(), []

    def besok(app):
        index[app] = lag[app] = len(index)
        stack.append(app)
        pa_stacken.add(app)
        for annan in graf.get(app, ()):
            if annan not in index:
                besok(annan)
                lag[app] = min(lag[app], lag[annan])
            elif annan in pa_stacken:
                lag[app] = min(lag[app], index[annan])
        if lag[app] == index[app]:
            komponent = []
            while True:
                annan = stack.pop()
                pa_stacken.discard(annan)
                komponent.append(annan)
                if annan == app:
                    break
            if len(komponent) > 1:
                svar.append(sorted(komponent))

    for app in list(graf):
        if app not in index:
            besok(app)
    return svar


def _beskriv(graf, cykel: list[str]) -> str:
    rader = [" ↔ ".join(cykel)]
    for fran in cykel:
        for till in cykel:
            platser = graf[fran].get(till, [])
            if platser:
                fler = f" (+{len(platser) - 3})" if len(platser) > 3 else ""
                rader.append(f"  {fran} → {till}: {', '.join(platser[:3])}{fler}")
    return "\n".join(rader)


def test_it_finds_no_import_cycle_between_the_apps():
    graf = beroenden()
    funna = cykler(graf)
    assert not funna, "Apparna importerar varandra i cirkel:\n" + "\n\n".join(
        _beskriv(graf, c) for c in funna
    )


def test_it_imports_only_apps_on_a_lower_line_of_lager():
    graf = beroenden()
    niva = {app: i for i, rad in enumerate(LAGER) for app in rad}
    apper = {app for app in graf if (ROT.joinpath(*app.split(".")) / "apps.py").exists()}
    assert apper <= set(niva), f"Appar utan rad i LAGER: {sorted(apper - set(niva))}"
    uppat = [
        f"{fran} → {till}: {plats}"
        for fran in niva
        for till, platser in graf[fran].items()
        if niva.get(till, -1) <= niva[fran]
        for plats in platser
    ]
    assert not uppat, "Import uppåt, i sidled eller till projektets moduler:\n" + "\n".join(uppat)


def test_it_sees_the_imports_between_the_apps_in_their_documented_direction():
    """The check is not empty: risker builds on incidenter, verksamhet and policy, and
    neither incidenter, verksamhet nor policy imports risker (nor policy any domain app)."""
    graf = beroenden()
    assert {"incidenter", "verksamhet", "policy"} <= set(graf["risker"])
    assert "risker" not in graf["incidenter"]
    assert "risker" not in graf["verksamhet"]
    assert not {"incidenter", "risker", "verksamhet", "krisberedskap"} & set(graf["policy"])


def test_it_finds_a_cycle_through_a_lazy_and_a_relative_import(tmp_path):
    for app, kod in {
        "a": "def f():\n    from b.models import B\n",
        "b": "from .models import B\nfrom c import services\n",
        "c": "import a.services\n",
    }.items():
        (tmp_path / app).mkdir()
        for namn in ("__init__.py", "apps.py", "models.py"):
            (tmp_path / app / namn).write_text("B = 1\n")
        (tmp_path / app / "services.py").write_text(kod)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "apps.py").write_text("import a.services\n")

    graf = beroenden(tmp_path)
    assert cykler(graf) == [["a", "b", "c"]]
    assert graf["a"]["b"] == ["a/services.py:2"]
