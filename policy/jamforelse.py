"""
Compare two policy versions section by section, as the reader sees them: each section's
own text with its goals, area list, definitions and responsibilities folded in.

The diff is word by word (difflib), rendered inline with <ins> and <del>. Every piece of
text is escaped before it is wrapped, so a version's text can never inject markup.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Avsnitt, PolicyVersion

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Sektion:
    typ: str
    rubrik: str
    fran: str
    till: str
    html: SafeString

    @property
    def andrad(self) -> bool:
        return self.fran != self.till


def sektionstexter(version: PolicyVersion) -> dict[str, tuple[str, str]]:
    """{typ: (rubrik, text)} for each section, in order, with the structured parts
    written out as they stand in the policy. Expects a version from
    selectors.version_med_innehall (everything prefetched)."""
    ut = {}
    omraden = list(version.omraden.all())
    for avsnitt in version.avsnitt.all():
        delar = [avsnitt.text] if avsnitt.text else []
        if avsnitt.typ == Avsnitt.Typ.MAL:
            stycken = avsnitt.stycken
            delar = stycken[:1]
            delar += [f"• {m.text}" for m in version.mal.all()]
            delar += stycken[1:]
            delar += [f"• {t.listnamn}" for t in omraden]
        elif avsnitt.typ == Avsnitt.Typ.DEFINITIONER:
            for t in omraden:
                if t.rubrik or t.definition:
                    delar.append(f"{t.rubrik}\n{t.definition}".strip())
        elif avsnitt.typ == Avsnitt.Typ.ANSVAR:
            delar += [a.text for a in version.ansvar.all()]
        ut[avsnitt.typ] = (avsnitt.rubrik, "\n\n".join(delar))
    return ut


# The sections whose change is one of substance, whoever marks it: the purpose, the goals
# (with the list of areas), the areas' definitions and the responsibilities. Only
# kommunfullmäktige decides them (the policy's section Revidering); the rest (the links
# to legislation, the section on revision, the title) may be administrative.
AVSNITT_I_SAK = (Avsnitt.Typ.SYFTE, Avsnitt.Typ.MAL, Avsnitt.Typ.DEFINITIONER, Avsnitt.Typ.ANSVAR)


def andringar_i_sak(fran: PolicyVersion | None, till: PolicyVersion) -> list[str]:
    """The headings of the sections of substance whose text differs between the two
    versions, in the order of the policy. Expects versions from
    selectors.version_med_innehall."""
    if fran is None:
        return []
    a, b = sektionstexter(fran), sektionstexter(till)
    return [
        (b.get(typ) or a.get(typ))[0]
        for typ in list(b) + [t for t in a if t not in b]
        if typ in AVSNITT_I_SAK and a.get(typ, ("", ""))[1] != b.get(typ, ("", ""))[1]
    ]


def diff_html(fran: str, till: str) -> SafeString:
    """Word-by-word inline diff of two texts, escaped, with <ins>/<del> around changes."""
    a, b = _TOKENS.findall(fran), _TOKENS.findall(till)
    ut = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            ut.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            ut.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            ut.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(ut))  # noqa: S308 - every piece above is escaped


def jamfor(fran: PolicyVersion, till: PolicyVersion) -> list[Sektion]:
    a, b = sektionstexter(fran), sektionstexter(till)
    ut = []
    for typ in list(a) + [t for t in b if t not in a]:
        rubrik_a, text_a = a.get(typ, ("", ""))
        rubrik_b, text_b = b.get(typ, ("", ""))
        ut.append(Sektion(typ, rubrik_b or rubrik_a, text_a, text_b, diff_html(text_a, text_b)))
    return ut
