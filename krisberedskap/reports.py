"""
The RSA (in full, or as the open extract without the sections marked secret) and the
krisledningsnämnd's report to KF, as context for a page and as PDF bytes. Each takes an
object the caller fetched through the app's access helper; what the user may see of the
risk register is read through its selectors.
"""

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib import pdf
from risker import levels
from risker.models import Atgard
from risker.selectors import risk_atgarder_visible_to, risker_visible_to

from . import selectors
from .models import Aktivering, KritisktBeroende, Rsa, RsaAvsnitt, RsaBidrag, RsaBidragText


def _bas(titel: str) -> dict:
    return {"titel": titel, "genererad": timezone.now(), "idag": timezone.localdate()}


def rsa_risker(user, rsa: Rsa):
    """The RSA's identified risks as the register holds them now (linked, never copied)."""
    return (
        risker_visible_to(user)
        .filter(rsa=rsa)
        .select_related("organ", "omrade")
        .order_by(*levels.ORDNING)
    )


def rsa_oppna_atgarder(user, rsa: Rsa):
    return (
        risk_atgarder_visible_to(user)
        .filter(risk__rsa=rsa, status__in=Atgard.OPPNA)
        .select_related("ansvarig", "organ", "risk")
        .order_by("forfallodatum", "pk")
    )


def rsa_context(user, rsa: Rsa, *, oppen: bool) -> dict:
    """The RSA's sections in the outline's order, as compiled: with the accepted
    contributions of the nämnder and bolag, never one still being written or reviewed.
    With `oppen` the sections marked secret are left out entirely (not blanked): neither
    their text, the contributions' texts to them, nor the structured parts under them
    (verksamheter, beroenden, risker, åtgärder) reach the page or the PDF."""
    avsnitt = sorted(rsa.avsnitt.all(), key=lambda a: a.nummer)
    utelamnade = [a for a in avsnitt if a.sekretess] if oppen else []
    visas = [a for a in avsnitt if a not in utelamnade]
    typer = {a.typ for a in visas}
    T = RsaAvsnitt.Typ
    verksamheter = []
    if typer & {T.SAMHALLSVIKTIG, T.BEROENDEN, T.SARBARHETER}:
        verksamheter = list(
            selectors.sammanstallda_verksamheter(rsa)
            .select_related("agare_organ")
            .prefetch_related(
                Prefetch("beroenden", queryset=KritisktBeroende.objects.order_by("typ"))
            )
        )
    bidragstexter: dict[str, list] = {}
    for t in (
        RsaBidragText.objects.filter(
            bidrag__rsa=rsa, bidrag__status=RsaBidrag.Status.GODKANT, typ__in=typer
        )
        .exclude(text="")
        .select_related("bidrag__organ")
        .order_by("bidrag__organ__namn")
    ):
        bidragstexter.setdefault(t.typ, []).append(t)
    for a in visas:
        a.bidragstexter = bidragstexter.get(a.typ, [])
    titel = rsa.titel if not oppen else _("%(titel)s, öppet utdrag") % {"titel": rsa.titel}
    return {
        **_bas(titel),
        "rsa": rsa,
        "period": rsa.period,
        "oppen": oppen,
        "avsnitt": visas,
        "utelamnade": len(utelamnade),
        "verksamheter": verksamheter,
        "bidragande": [
            b.organ
            for b in rsa.bidrag.filter(status=RsaBidrag.Status.GODKANT).select_related("organ")
        ]
        if T.PROCESS in typer
        else [],
        "risker": list(rsa_risker(user, rsa)) if T.RISKER in typer else [],
        "atgarder": list(rsa_oppna_atgarder(user, rsa)) if T.ATGARDER in typer else [],
        "dagar_kvar": rsa.dagar_kvar(),
    }


def rsa_pdf(*, anvandare, rsa: Rsa, oppen: bool) -> bytes:
    with translation.override("sv"):
        ctx = rsa_context(anvandare, rsa, oppen=oppen)
        return pdf.render_pdf("krisberedskap/rsa_pdf.html", ctx, titel=ctx["titel"])


def kf_rapport_context(aktivering: Aktivering) -> dict:
    """The report to KF after an activation, drafted from its log (LEH 2 kap.: the
    krisledningsnämnd's decisions are reported to the next meeting of fullmäktige)."""
    return {
        **_bas(_("Rapport till kommunfullmäktige: %(titel)s") % {"titel": aktivering.titel}),
        "a": aktivering,
        "beslut": list(aktivering.beslut.all()),
        "overtaganden": list(aktivering.overtaganden.select_related("organ")),
        "logg": list(aktivering.logg.select_related("forfattare", "rattar")),
    }


def kf_rapport_pdf(*, anvandare, aktivering: Aktivering) -> bytes:
    with translation.override("sv"):
        ctx = kf_rapport_context(aktivering)
        return pdf.render_pdf("krisberedskap/kf_rapport_pdf.html", ctx, titel=ctx["titel"])
