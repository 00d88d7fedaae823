"""
The reports' pages: the annual follow-up (list, order, status, download, HTML preview)
and the single-document PDFs. Access goes through the selectors of each app.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incidenter.selectors import get_incident_for_user
from policy.models import Omrade
from policy.selectors import get_organ_for_user
from risker.selectors import get_riskanalys_for_user

from . import arenden, arsrapport, dokument, services
from .forms import ArendebeslutForm, ArendeForm
from .selectors import (
    arsrapport_lage,
    arsrapporter_visible_to,
    get_arsrapport_for_user,
    kan_bestalla_arsrapport,
    kan_se_arsrapporter,
)


def _kontrollera(user):
    if not kan_se_arsrapporter(user):
        raise PermissionDenied(
            _("Årsrapporterna är till för kommunledningen och säkerhetsavdelningen.")
        )


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
            "pagar": next(
                (r for r in rapporter if r.pagar and r.skapad_av_id == request.user.pk), None
            ),
        },
    )


@login_required
@require_POST
def skapa(request):
    _kontrollera(request.user)
    try:
        rapport = services.arsrapport_order(anvandare=request.user, ar=request.POST.get("ar"))
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
        {
            "rapport": rapport,
            "lage": arsrapport_lage(rapport),
            "kan_bestalla": kan_bestalla_arsrapport(request.user),
        },
    )


@login_required
def status_json(request, pk):
    """The order's state for the status page's script, which asks until the PDF is done."""
    _kontrollera(request.user)
    rapport = get_arsrapport_for_user(request.user, pk)
    return JsonResponse(arsrapport_lage(rapport), headers={"Cache-Control": "no-store"})


@login_required
@require_POST
def forsok_igen(request, pk):
    _kontrollera(request.user)
    rapport = get_arsrapport_for_user(request.user, pk)
    try:
        services.arsrapport_retry(anvandare=request.user, rapport=rapport)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
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


def _arendesida(request, ar, *, form=None, beslutform=None, status=200):
    arende = arenden.arende_for_ar(ar)
    omraden = list(Omrade.objects.order_by("nummer"))
    kan_skriva = arenden.kan_skriva_arende(request.user) and not arende.last
    if form is None and kan_skriva:
        form = ArendeForm(
            instance=arende, omraden=omraden, berattelser=arenden.berattelser_for(arende)
        )
    kan_besluta = arenden.kan_registrera_beslut(request.user) and not arende.last
    # The final PDF is made as the person recording the decision sees the year; one who
    # sees skyddade incidents is told why someone else records it (arenden.arende_besluta).
    ser_skyddade = request.user.has_perm("incidenter.view_skyddad_incident")
    return render(
        request,
        "rapporter/arende.html",
        {
            "ar": ar,
            "arende": arende,
            "form": form if kan_skriva else None,
            "beslutform": (beslutform or ArendebeslutForm())
            if kan_besluta and not ser_skyddade
            else None,
            "beslut_av_annan": kan_besluta and ser_skyddade,
            "berattelser": [(o, arenden.berattelser_for(arende).get(o.pk, "")) for o in omraden],
            "historik": arenden.historik(arende),
            "rapporter": [r for r in arsrapporter_visible_to(request.user) if r.ar == ar],
            "kan_bestalla": kan_bestalla_arsrapport(request.user) and not arende.last,
        },
        status=status,
    )


def _giltigt_ar_eller_400(request, ar):
    try:
        return services.giltigt_ar(ar), None
    except ValidationError as e:
        return None, render(request, "400.html", {"meddelande": " ".join(e.messages)}, status=400)


@login_required
def arende(request, ar):
    """The year's ärende to KS: the tjänsteskrivelse (written here by Säkerhetsavdelningen),
    the areas' texts, the decision, and the PDFs."""
    _kontrollera(request.user)
    ar, fel = _giltigt_ar_eller_400(request, ar)
    if fel:
        return fel
    if request.method != "POST":
        return _arendesida(request, ar)
    if not arenden.kan_skriva_arende(request.user):
        raise PermissionDenied(_("Bara säkerhetsavdelningen skriver ärendets texter."))
    if arenden.ar_last(ar):
        messages.error(request, _("Ärendet är beslutat och låst. Det kan inte ändras."))
        return redirect("rapporter:arende", ar=ar)
    omraden = list(Omrade.objects.order_by("nummer"))
    form = ArendeForm(request.POST, instance=arenden.arende_for_ar(ar), omraden=omraden)
    if form.is_valid():
        try:
            arenden.arende_spara(
                anvandare=request.user, ar=ar, texter=form.texter(), berattelser=form.berattelser()
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Ärendet är sparat."))
            return redirect("rapporter:arende", ar=ar)
    return _arendesida(request, ar, form=form, status=400)


@login_required
@require_POST
def arende_beslut(request, ar):
    _kontrollera(request.user)
    ar, fel = _giltigt_ar_eller_400(request, ar)
    if fel:
        return fel
    if not arenden.kan_registrera_beslut(request.user):
        raise PermissionDenied(_("Du får inte registrera kommunstyrelsens beslut."))
    if arenden.ar_last(ar):
        messages.error(request, _("Beslutet är redan registrerat. Ärendet är låst."))
        return redirect("rapporter:arende", ar=ar)
    form = ArendebeslutForm(request.POST)
    if form.is_valid():
        try:
            arenden.arende_besluta(anvandare=request.user, ar=ar, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                _("Beslutet är registrerat. Ärendet är låst och den slutliga PDF:en skapas."),
            )
            return redirect("rapporter:arende", ar=ar)
    return _arendesida(request, ar, beslutform=form, status=400)
