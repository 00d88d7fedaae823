"""
Loads the first adopted (fastställd) version of the security policy from the adopted text,
which is kept in the repository at policy/seed/sakerhetspolicy.txt (copied from the
municipality's document; the app never reads anything outside the project).

The text is loaded as written. Its known flaws are kept so the system can show them:
the area list names "El säkerhet" but no definition exists for it, and "Personsäkerhet"
is defined under the heading "Personskydd". The parser lives in this file on purpose, so
that later changes to app code cannot change what this migration loaded.

The text names no decision date, paragraph or diarienummer, so those stay blank.
"""

from pathlib import Path

from django.db import migrations
from django.utils import timezone

TEXT = Path(__file__).resolve().parent.parent / "seed" / "sakerhetspolicy.txt"

SECTIONS = [
    # (typ, heading as written)
    ("syfte", "Syfte"),
    ("mal", "Mål"),
    ("definitioner", "Definitioner och avgränsningar"),
    ("ansvar", "Ansvar och uppföljning"),
    ("koppling", "Koppling till lagstiftning och andra styrdokument"),
    ("revidering", "Revidering"),
]

# The areas in the text's order: stable identity (nummer, namn, slug), the name in the
# text's area list, and the heading its definition stands under ("" = not defined).
AREAS = [
    (1, "Krisberedskap och civilt försvar", "krisberedskap-och-civilt-forsvar",
     "Krisberedskap och civilt försvar", "Krisberedskap och civilt försvar"),
    (2, "Trygghetsskapande och brottsförebyggande", "trygghetsskapande-och-brottsforebyggande",
     "Trygghetsskapande och brottsförebyggande", "Trygghetsskapande och brottsförebyggande arbete"),
    (3, "Säkerhetsskydd", "sakerhetsskydd", "Säkerhetsskydd", "Säkerhetsskydd"),
    (4, "Systematiskt brandskyddsarbete", "systematiskt-brandskyddsarbete",
     "Systematiskt brandskyddsarbete", "Systematiskt brandskyddsarbete"),
    (5, "Informationssäkerhet", "informationssakerhet", "Informationssäkerhet",
     "Informationssäkerhet"),
    (6, "IT-säkerhet", "it-sakerhet", "IT- säkerhet", "IT-säkerhet"),
    (7, "Informationspåverkan", "informationspaverkan", "Informationspåverkan",
     "Informationspåverkan"),
    (8, "Elsäkerhet", "elsakerhet", "El säkerhet", ""),
    (9, "Internt skydd", "internt-skydd", "Internt skydd", "Internt skydd"),
    (10, "Personsäkerhet", "personsakerhet", "Personsäkerhet", "Personskydd"),
]

# The paragraphs of "Ansvar och uppföljning", in order, and whom each concerns.
ANSVAR = ["kf", "ks", "namnd_och_styrelse", "sakerhetsavdelningen"]

# The bodies the policy names; the same slugs, names and kinds as policy/demo.py.
ORGAN = [
    ("kf", "Kommunfullmäktige", "KF", "kf"),
    ("ks", "Kommunstyrelsen", "KS", "ks"),
    ("sakerhetsavdelningen", "Säkerhetsavdelningen", "SÄK", "sakerhetsavdelning"),
]

BULLET = "•"


def _join(lines: list[str]) -> str:
    """Join the lines of one paragraph; a word broken over two lines is put together."""
    out = ""
    for line in (raw.strip() for raw in lines):
        if not out:
            out = line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


def _paragraphs(lines: list[str], headings: set[str] = frozenset()) -> list[str]:
    """Split lines into paragraphs. The PDF text marks a paragraph's end by a blank line or
    by two trailing spaces; a bullet starts a new paragraph; a heading is its own line."""
    paras, current = [], []

    def flush():
        if current:
            paras.append(_join(current))
            current.clear()

    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            flush()
            continue
        if line.strip() in headings or line.strip().startswith(BULLET):
            flush()
        current.append(line)
        if line.strip() in headings or line.endswith("  "):
            flush()
    flush()
    return paras


def parse(text: str) -> dict:
    """The adopted text as data: {typ: [lines]} split by section, then structured."""
    headings = {h: typ for typ, h in SECTIONS}
    lines_by_section: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.strip() in headings:
            current = headings[line.strip()]
            lines_by_section[current] = []
        elif current:
            lines_by_section[current].append(line)
    assert [t for t, _ in SECTIONS] == list(lines_by_section), "section headings not found"

    def bullet(p):
        return p.startswith(BULLET)

    def unbullet(p):
        return p[len(BULLET):].strip()

    # Mål: an introduction, four goals, then the introduction and list of the areas.
    mal = _paragraphs(lines_by_section["mal"])
    first_list = next(i for i, p in enumerate(mal) if not bullet(p) and i > 0)
    goals = [unbullet(p) for p in mal[:first_list] if bullet(p)]
    area_names = [unbullet(p) for p in mal[first_list:] if bullet(p)]
    mal_text = "\n\n".join(p for p in mal if not bullet(p))

    # Definitions: an introduction, then one heading and definition per defined area.
    def_headings = {rubrik for *_, rubrik in AREAS if rubrik}
    intro, definitions, heading = [], {}, None
    for p in _paragraphs(lines_by_section["definitioner"], def_headings):
        if p in def_headings:
            heading = p
            definitions[heading] = []
        elif heading:
            definitions[heading].append(p)
        else:
            intro.append(p)

    ansvar = _paragraphs(lines_by_section["ansvar"])
    return {
        "avsnitt": {
            "syfte": "\n\n".join(_paragraphs(lines_by_section["syfte"])),
            "mal": mal_text,
            "definitioner": "\n\n".join(intro),
            "ansvar": "",
            "koppling": "\n\n".join(_paragraphs(lines_by_section["koppling"])),
            "revidering": "\n\n".join(_paragraphs(lines_by_section["revidering"])),
        },
        "mal": goals,
        "omraden": area_names,
        "definitioner": {h: "\n\n".join(ps) for h, ps in definitions.items()},
        "ansvar": ansvar,
    }


def _historik(apps, obj, reason="Inläst från den antagna texten"):
    """The "created" history row simple-history writes for every save in the app, so the
    loaded text has a history from its first day like everything else."""
    model = apps.get_model("policy", f"Historical{obj._meta.object_name}")
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    model.objects.create(
        **values, history_date=timezone.now(), history_type="+", history_change_reason=reason
    )
    return obj


def load(apps, schema_editor):
    Organ = apps.get_model("policy", "Organ")
    Omrade = apps.get_model("policy", "Omrade")
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    Avsnitt = apps.get_model("policy", "Avsnitt")
    Mal = apps.get_model("policy", "Mal")
    OmradesText = apps.get_model("policy", "OmradesText")
    Ansvar = apps.get_model("policy", "Ansvar")

    if PolicyVersion.objects.exists():
        return
    data = parse(TEXT.read_text(encoding="utf-8"))
    assert len(data["mal"]) == 4, data["mal"]
    assert data["omraden"] == [listnamn for _, _, _, listnamn, _ in AREAS], data["omraden"]
    assert set(data["definitioner"]) == {r for *_, r in AREAS if r}, data["definitioner"]
    assert len(data["ansvar"]) == len(ANSVAR), data["ansvar"]

    organ = {}
    for slug, namn, kortnamn, typ in ORGAN:
        organ[slug], skapad = Organ.objects.get_or_create(
            slug=slug, defaults={"namn": namn, "kortnamn": kortnamn, "typ": typ}
        )
        if skapad:
            _historik(apps, organ[slug])

    version = _historik(apps, PolicyVersion.objects.create(
        titel="Säkerhetspolicy",
        versionsnummer=1,
        status="faststalld",
        beslutad_av=organ["kf"],
        skapad=timezone.now(),
    ))
    for ordning, (typ, rubrik) in enumerate(SECTIONS, start=1):
        _historik(apps, Avsnitt.objects.create(
            version=version, typ=typ, ordning=ordning, rubrik=rubrik, text=data["avsnitt"][typ]
        ))
    for ordning, text in enumerate(data["mal"], start=1):
        _historik(apps, Mal.objects.create(version=version, ordning=ordning, text=text))
    for nummer, namn, slug, listnamn, rubrik in AREAS:
        omrade, _ = Omrade.objects.update_or_create(
            nummer=nummer, defaults={"namn": namn, "slug": slug}
        )
        _historik(apps, omrade)
        _historik(apps, OmradesText.objects.create(
            version=version,
            omrade=omrade,
            ordning=nummer,
            listnamn=listnamn,
            rubrik=rubrik,
            definition=data["definitioner"].get(rubrik, "") if rubrik else "",
        ))
    for ordning, (galler, text) in enumerate(zip(ANSVAR, data["ansvar"], strict=True), start=1):
        _historik(apps, Ansvar.objects.create(
            version=version, galler=galler, ordning=ordning, text=text
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
