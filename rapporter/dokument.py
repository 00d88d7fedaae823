"""
The PDFs people file (diarieföring): one risk analysis, one incident with its timeline,
and a body's "Vårt ansvar". Each takes an object the caller fetched through its app's
access helper, so nothing here decides who may see what.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from incidenter import statistik
from incidenter.models import Atkomstlogg, Incident
from incidenter.selectors import incidents_visible_to, kan_hantera
from incidenter.services import atkomst_log
from lib import pdf
from policy.models import Ansvar, PolicyVersion, Styrdokument
from risker import levels
from risker.models import Atgard, Riskanalys
from risker.register import gallande, matris
from risker.selectors import atgarder_visible_to, riskanalyser_visible_to, risker_visible_to


def _bas(titel: str) -> dict:
    return {"titel": titel, "genererad": timezone.now(), "idag": timezone.localdate()}


def _riskanalysens_titel(analys: Riskanalys) -> str:
    """ "Riskanalys: <title>", unless the title already begins with the word, as most do
    ("Riskanalys för lägerskolan"): then the title alone, not "Riskanalys: Riskanalys för …"."""
    if analys.titel.casefold().startswith(_("Riskanalys").casefold()):
        return analys.titel
    return _("Riskanalys: %(titel)s") % {"titel": analys.titel}


def riskanalys_context(user, analys: Riskanalys) -> dict:
    risker = list(
        analys.risker.select_related("omrade", "organ", "enhet")
        .prefetch_related(
            Prefetch(
                "atgarder",
                queryset=atgarder_visible_to(user).select_related("ansvarig", "organ"),
            )
        )
        .order_by(*levels.ORDNING)
    )
    return {
        **_bas(_riskanalysens_titel(analys)),
        "analys": analys,
        "omraden": list(analys.omraden.all()),
        "risker": risker,
        "matris": matris(analys.risker.all()),
    }


def riskanalys_pdf(*, anvandare, analys: Riskanalys) -> bytes:
    with translation.override("sv"):
        ctx = riskanalys_context(anvandare, analys)
        return pdf.render_pdf("rapporter/riskanalys.html", ctx, titel=ctx["titel"])


def incident_context(user, incident: Incident) -> dict:
    return {
        **_bas(_("Incident %(referens)s") % {"referens": incident.referens}),
        "incident": incident,
        # The timeline holds the handlers' internal comments: as on the incident page, only
        # those who handle the incident see it.
        "handelser": (
            list(incident.handelser.select_related("anvandare"))
            if kan_hantera(user, incident)
            else []
        ),
        "plikter": list(incident.plikter.select_related("typ")),
        "atgarder": list(
            atgarder_visible_to(user).filter(incident=incident).select_related("ansvarig", "organ")
        ),
        "bilagor": list(incident.bilagor.all()),
    }


def incident_pdf(*, anvandare, incident: Incident) -> bytes:
    """The incident and its timeline. Opening a skyddad incident this way is logged."""
    with translation.override("sv"):
        ctx = incident_context(anvandare, incident)
        data = pdf.render_pdf("rapporter/incident.html", ctx, titel=ctx["titel"])
    atkomst_log(
        user=anvandare,
        incident=incident,
        handling=Atkomstlogg.Handling.PDF,
        detalj=_("PDF av incidenten"),
    )
    return data


def vart_ansvar_context(user, organ) -> dict:
    idag = timezone.localdate()
    version = PolicyVersion.objects.gallande().select_related("beslutad_av").first()
    ansvar = list(version.ansvar.filter(galler__in=Ansvar.galler_for(organ))) if version else []
    risker = gallande(risker_visible_to(user).filter(organ=organ))
    # The same figures as the statistics page for this body, this year and the year before.
    per_omrade = [
        {"namn": r["namn"], "ar": r["antal"], "fg": r["foregaende"]}
        for r in statistik.per_omrade(
            incidents_visible_to(user).filter(enhet__organ=organ), idag.year
        )
        if r["antal"] or r["foregaende"]
    ]
    analyser = riskanalyser_visible_to(user).filter(organ=organ)
    return {
        **_bas(_("Vårt ansvar: %(organ)s") % {"organ": organ.namn}),
        "organ": organ,
        "version": version,
        "ansvar": ansvar,
        "styrdokument": [
            (d, d.oversyn_forsenad(idag))
            for d in Styrdokument.objects.filter(agare=organ)
            .select_related("omrade")
            .order_by("nasta_oversyn")
        ],
        "risker": list(risker.select_related("omrade").order_by(*levels.ORDNING)[:15]),
        "antal_risker": risker.count(),
        "senaste_analys": analyser.filter(status=Riskanalys.Status.GODKAND)
        .order_by("-period_till", "-godkand")
        .first(),
        "analyser_pagaende": analyser.exclude(status=Riskanalys.Status.GODKAND).count(),
        "atgarder": atgarder_visible_to(user)
        .filter(organ=organ)
        .aggregate(
            oppna=Count("pk", filter=Q(status__in=Atgard.OPPNA)),
            forsenade=Count("pk", filter=Q(status__in=Atgard.OPPNA, forfallodatum__lt=idag)),
        ),
        "incidenter_per_omrade": per_omrade,
        "ar": idag.year,
        "fg": idag.year - 1,
    }


def vart_ansvar_pdf(*, anvandare, organ) -> bytes:
    with translation.override("sv"):
        ctx = vart_ansvar_context(anvandare, organ)
        return pdf.render_pdf("rapporter/vart_ansvar.html", ctx, titel=ctx["titel"])
