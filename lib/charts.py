"""
Bar charts as inline SVG, drawn in Python: vector graphics that print sharply in the PDF
and show the same in the browser preview. No script, no inline style (the CSP forbids
both): colours are presentation attributes and classes. Every chart is decorative
support for a table with the same numbers next to it, so the SVG carries a <title> and
<desc> and the table is what a screen reader reads.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

FARG = "#1f5f8b"
FARG_JAMFORELSE = "#9bb7cc"
TEXT = "#1a1a1a"
LINJE = "#6b6b6b"


@dataclass(frozen=True)
class Stapel:
    etikett: str
    varde: int
    jamforelse: int | None = None


def _skala(maxvarde: int) -> int:
    """A round top for the axis: 2, 4, 10, 20, 40, 100 …, at least the largest value, so
    that the middle grid line is a whole number too."""
    if maxvarde <= 0:
        return 2
    steg = 1
    while True:
        for f in (2, 4, 10):
            if steg * f >= maxvarde:
                return steg * f
        steg *= 10


def _svg(bredd, hojd, titel, beskrivning, delar) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" '
        f'viewBox="0 0 {bredd} {hojd}" width="{bredd}" height="{hojd}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">'
        f"<title>{escape(titel)}</title><desc>{escape(beskrivning)}</desc>"
        + "".join(delar)
        + "</svg>"
    )


def staplar_lodrata(
    staplar: list[Stapel], *, titel: str, beskrivning: str = "", bredd: int = 620, hojd: int = 220
) -> SafeString:
    """Vertical bars (e.g. one per month), with an optional lighter comparison bar."""
    vanster, hoger, topp, botten = 36, 8, 12, 28
    yta_b, yta_h = bredd - vanster - hoger, hojd - topp - botten
    maxv = _skala(max([s.varde for s in staplar] + [s.jamforelse or 0 for s in staplar] + [0]))
    delar = []
    for i in range(3):
        v = maxv * i // 2
        y = topp + yta_h - yta_h * i / 2
        delar.append(
            f'<line x1="{vanster}" y1="{y:.1f}" x2="{bredd - hoger}" y2="{y:.1f}" '
            f'stroke="#d9d9d9" stroke-width="0.5"/>'
            f'<text x="{vanster - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{v}</text>"
        )
    n = max(len(staplar), 1)
    fack = yta_b / n
    jamfor = any(s.jamforelse is not None for s in staplar)
    bar_b = fack * (0.38 if jamfor else 0.6)
    for i, s in enumerate(staplar):
        x0 = vanster + i * fack + (fack - bar_b * (2 if jamfor else 1)) / 2
        if jamfor:
            h = yta_h * (s.jamforelse or 0) / maxv
            delar.append(
                f'<rect x="{x0:.1f}" y="{topp + yta_h - h:.1f}" width="{bar_b:.1f}" '
                f'height="{h:.1f}" fill="{FARG_JAMFORELSE}"/>'
            )
            x0 += bar_b
        h = yta_h * s.varde / maxv
        delar.append(
            f'<rect x="{x0:.1f}" y="{topp + yta_h - h:.1f}" width="{bar_b:.1f}" '
            f'height="{h:.1f}" fill="{FARG}"/>'
        )
        delar.append(
            f'<text x="{vanster + i * fack + fack / 2:.1f}" y="{hojd - botten + 14}" '
            f'text-anchor="middle" fill="{TEXT}">{escape(s.etikett)}</text>'
        )
    delar.append(
        f'<line x1="{vanster}" y1="{topp + yta_h}" x2="{bredd - hoger}" y2="{topp + yta_h}" '
        f'stroke="{LINJE}" stroke-width="1"/>'
    )
    return _svg(bredd, hojd, titel, beskrivning, delar)


def staplar_vagrata(
    staplar: list[Stapel], *, titel: str, beskrivning: str = "", bredd: int = 620
) -> SafeString:
    """Horizontal bars with the label on the left and the value at the bar's end (for
    long labels such as the ten areas)."""
    etikett_b, hoger, rad_h, topp = 250, 40, 20, 6
    yta_b = bredd - etikett_b - hoger
    jamfor = any(s.jamforelse is not None for s in staplar)
    hojd = topp * 2 + rad_h * max(len(staplar), 1)
    maxv = _skala(max([s.varde for s in staplar] + [s.jamforelse or 0 for s in staplar] + [0]))
    delar = []
    for i, s in enumerate(staplar):
        y = topp + i * rad_h
        etikett = s.etikett if len(s.etikett) <= 38 else s.etikett[:37] + "…"
        delar.append(
            f'<text x="{etikett_b - 6}" y="{y + rad_h / 2 + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(etikett)}</text>'
        )
        if jamfor:
            w = yta_b * (s.jamforelse or 0) / maxv
            delar.append(
                f'<rect x="{etikett_b}" y="{y + 2}" width="{w:.1f}" height="{rad_h / 2 - 2:.1f}" '
                f'fill="{FARG_JAMFORELSE}"/>'
            )
            yb, hb = y + rad_h / 2, rad_h / 2 - 2
        else:
            yb, hb = y + 3, rad_h - 6
        w = yta_b * s.varde / maxv
        delar.append(
            f'<rect x="{etikett_b}" y="{yb:.1f}" width="{w:.1f}" height="{hb:.1f}" fill="{FARG}"/>'
            f'<text x="{etikett_b + w + 4:.1f}" y="{y + rad_h / 2 + 4:.1f}" fill="{TEXT}">'
            f"{s.varde}</text>"
        )
    delar.append(
        f'<line x1="{etikett_b}" y1="{topp}" x2="{etikett_b}" y2="{hojd - topp}" '
        f'stroke="{LINJE}" stroke-width="1"/>'
    )
    return _svg(bredd, hojd, titel, beskrivning, delar)
