"""
The reports' pages: the annual follow-up (list, order, status, download, HTML preview)
and the single-document PDFs. Access goes through the selectors of each app.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incidenter.selectors import get_incident_for_user
from policy.selectors import get_organ_for_user
from risker.selectors import get_riskanalys_for_user

from . import arsrapport, dokument, services
from .selectors import (
    arsrapporter_visible_to,
    get_arsrapport_for_user,
    kan_bestalla_arsrapport,
    kan_se_arsrapporter,
)


def _kontrollera(user):
    if not kan_se_arsrapporter(user):
        raise PermissionDenied(_("Årsrapporterna är till för kommunledningen och säkerhetsavdelningen."))


def _pdf_svar(data: bytes, filnamn: str) -> HttpResponse:
    svar = HttpResponse(data, content_type="application/pdf")
    svar["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    svar["Cache-Control"] = "private, no-store"
    return svar


@login_required
def lista(request):
    _kontrollera(request.user)
    ar_nu = timezone.localdate().year
    rapporter = list(arsrapporter_visible_to(request.user))
    return render(
        request,
        "rapporter/lista.html",
        {
            "rapporter": rapporter,
            "ar_val": list(range(ar_nu, ar_nu - 5, -1)),
            "ar_nu": ar_nu,
            "kan_bestalla": kan_bestalla_arsrapport(request.user),
            "pagar": any(r.pagar for r in rapporter if r.skapad_av_id == request.user.pk),
        },
    )


@login_required
@require_POST
def skapa(request):
    _kontrollera(request.user)
    try:
        rapport = services.arsrapport_bestall(anvandare=request.user, ar=request.POST.get("ar"))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("rapporter:lista")
    messages.success(request, _("PDF:en skapas. Sidan visar när den är klar."))
    return redirect("rapporter:status", pk=rapport.pk)


@login_required
def status(request, pk):
    _kontrollera(request.user)
    rapport = get_arsrapport_for_user(request.user, pk)
    return render(
        request,
        "rapporter/status.html",
        {"rapport": rapport, "kan_bestalla": kan_bestalla_arsrapport(request.user)},
    )


@login_required
@require_POST
def forsok_igen(request, pk):
    _kontrollera(request.user)
    rapport = get_arsrapport_for_user(request.user, pk)
    if services.arsrapport_forsok_igen(anvandare=request.user, rapport=rapport):
        messages.success(request, _("PDF:en skapas igen. Sidan visar när den är klar."))
    return redirect("rapporter:status", pk=rapport.pk)


@login_required
def ladda_ned(request, pk):
    _kontrollera(request.user)
    rapport = get_arsrapport_for_user(request.user, pk)
    if not rapport.ar_klar:
        messages.info(request, _("PDF:en är inte klar än."))
        return redirect("rapporter:status", pk=rapport.pk)
    try:
        fil = rapport.fil.open("rb")
    except OSError:
        return render(
            request,
            "fil_saknas.html",
            {"filnamn": rapport.filnamn, "tillbaka": rapport.get_absolute_url()},
            status=404,
        )
    svar = FileResponse(
        fil,
        as_attachment=True,
        filename=rapport.filnamn,
        content_type="application/pdf",
    )
    svar["Cache-Control"] = "private, no-store"
    return svar


@login_required
def forhandsvisning(request, ar):
    _kontrollera(request.user)
    try:
        ar = services.giltigt_ar(ar)
    except ValidationError as e:
        return render(request, "400.html", {"meddelande": " ".join(e.messages)}, status=400)
    ctx = arsrapport.context(request.user, ar)
    return render(request, "rapporter/arsrapport.html", {**ctx, "pdf": False})


@login_required
def riskanalys_pdf(request, pk):
    analys = get_riskanalys_for_user(request.user, pk)
    data = dokument.riskanalys_pdf(anvandare=request.user, analys=analys)
    return _pdf_svar(data, f"riskanalys-{analys.pk}.pdf")


@login_required
def incident_pdf(request, referens):
    incident = get_incident_for_user(request.user, referens)
    data = dokument.incident_pdf(anvandare=request.user, incident=incident)
    return _pdf_svar(data, f"incident-{incident.referens}.pdf")


@login_required
def vart_ansvar_pdf(request, slug):
    organ = get_organ_for_user(request.user, slug)
    data = dokument.vart_ansvar_pdf(anvandare=request.user, organ=organ)
    return _pdf_svar(data, f"vart-ansvar-{organ.slug}.pdf")

