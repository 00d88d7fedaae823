import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incidenter.models import Atkomstlogg
from policy.models import Organ
from risker.selectors import risker_visible_to

from . import reports, selectors, services
from .forms import (
    AktiveringForm,
    AvslutaForm,
    AvtalForm,
    BeslutForm,
    BidragBegarForm,
    BidragGranskaForm,
    BidragSistaDagForm,
    BidragTexterForm,
    BidragVerksamhetForm,
    DeltagareForm,
    LoggpostForm,
    MandatperiodForm,
    OvertagandeForm,
    PartnerForm,
    PerioddokumentForm,
    RsaAvsnittForm,
    RsaKopieraForm,
    RsaRiskerForm,
    RsaSkickadForm,
    RsaStatusForm,
    SamverkansaktivitetForm,
    VerksamhetForm,
)
from .models import RsaAvsnitt, RsaBidrag
from .paminnelser import AVTAL_DAGAR


def _krav_lasa(user):
    if not selectors.kan_lasa(user):
        raise PermissionDenied(_("Krisberedskapens dokument är inte tillgängliga för dig."))


def _krav_hantera(user):
    if not selectors.kan_hantera(user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar krisberedskapens dokument."))


def _krav_deltagare(user, aktivering):
    """Only the activation's members and staff write in it; others who see it only read."""
    if not selectors.ar_deltagare(user, aktivering):
        raise PermissionDenied(_("Bara krisledningsnämndens ledamöter och stab skriver här."))


def _pdf_svar(data: bytes, filnamn: str) -> HttpResponse:
    svar = HttpResponse(data, content_type="application/pdf")
    svar["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    svar["X-Content-Type-Options"] = "nosniff"
    # The RSA and the krisledning's log may hold secret parts: never kept in a shared cache.
    svar["Cache-Control"] = "private, no-store"
    return svar


# --- Overview, period and documents ---


@login_required
def index(request):
    user = request.user
    egna_bidrag = (
        []
        if selectors.kan_hantera(user)
        else list(selectors.bidrag_visible_to(user).order_by("-rsa__period__valar", "organ__namn"))
    )
    if not (
        selectors.kan_lasa(user) or egna_bidrag or selectors.aktiveringar_visible_to(user).exists()
    ):
        raise PermissionDenied(_("Krisberedskapen är inte tillgänglig för dig."))
    period = selectors.aktuell_period() if selectors.kan_lasa(user) else None
    ctx = {
        "egna_bidrag": egna_bidrag,
        "perioder": list(selectors.perioder_visible_to(user).select_related("rsa")),
        "period": period,
        "dokument": list(period.dokument.select_related("beslutande_organ")) if period else [],
        "aktiveringar": list(selectors.aktiveringar_visible_to(user)[:10]),
        "kan_hantera": selectors.kan_hantera(user),
        "idag": timezone.localdate(),
    }
    return render(request, "krisberedskap/index.html", ctx)


@login_required
def period_ny(request):
    _krav_hantera(request.user)
    form = MandatperiodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.mandatperiod_create(
                user=request.user, valar=form.cleaned_data["valar"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Mandatperioden är skapad."))
            return redirect(period)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Ny mandatperiod")},
        status=400 if form.errors else 200,
    )


@login_required
def period(request, pk):
    p = selectors.get_period_for_user(request.user, pk)
    ctx = {
        "period": p,
        "dokument": list(p.dokument.select_related("beslutande_organ", "ansvarig")),
        "rsa": getattr(p, "rsa", None),
        "kan_hantera": selectors.kan_hantera(request.user),
        "idag": timezone.localdate(),
    }
    return render(request, "krisberedskap/period.html", ctx)


@login_required
def dokument_andra(request, pk):
    _krav_hantera(request.user)
    dok = selectors.get_perioddokument_for_user(request.user, pk)
    form = PerioddokumentForm(request.POST or None, instance=dok)
    if request.method == "POST" and form.is_valid():
        try:
            services.perioddokument_update(
                user=request.user,
                dokument=dok,
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Dokumentet är sparat."))
            return redirect(dok.period)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": dok.titel, "tillbaka": dok.period},
        status=400 if form.errors else 200,
    )


# --- The RSA ---


@login_required
def rsa(request, pk):
    user = request.user
    r = selectors.get_rsa_for_user(user, pk)
    ctx = reports.rsa_context(user, r, oppen=not selectors.ser_sekretess(user))
    ctx["kan_hantera"] = selectors.kan_hantera(user)
    ctx["egna_bidrag"] = list(selectors.bidrag_visible_to(user).filter(rsa=r))
    ctx["status_form"] = RsaStatusForm(initial={"status": r.status, "diarienummer": r.diarienummer})
    ctx["skickad_form"] = RsaSkickadForm(initial={"skickad": timezone.localdate()})
    ctx["kopiera_form"] = RsaKopieraForm(perioder=selectors.perioder_visible_to(user))
    return render(request, "krisberedskap/rsa.html", ctx)


@login_required
def rsa_avsnitt(request, pk, typ):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    avsnitt = get_object_or_404(RsaAvsnitt, rsa=r, typ=typ)
    form = RsaAvsnittForm(request.POST or None, instance=avsnitt)
    if request.method == "POST" and form.is_valid():
        try:
            services.rsa_avsnitt_update(user=request.user, avsnitt=avsnitt, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Avsnittet är sparat."))
            return redirect(r)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": f"{avsnitt.nummer}. {avsnitt}", "tillbaka": r},
        status=400 if form.errors else 200,
    )


@login_required
def verksamhet_ny(request, pk):
    return _verksamhet(request, pk, None)


@login_required
def verksamhet_andra(request, pk, vpk):
    return _verksamhet(request, pk, vpk)


def _verksamhet(request, pk, vpk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    # A body's contribution is edited by the body, on the contribution's page.
    verksamhet = get_object_or_404(selectors.sammanstallda_verksamheter(r), pk=vpk) if vpk else None
    form = VerksamhetForm(request.POST or None, instance=verksamhet)
    if request.method == "POST" and form.is_valid():
        falt = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if verksamhet:
                services.verksamhet_update(
                    user=request.user,
                    verksamhet=verksamhet,
                    beroenden=form.cleaned_data["beroenden"],
                    **falt,
                )
            else:
                services.verksamhet_create(
                    user=request.user, rsa=r, beroenden=form.cleaned_data["beroenden"], **falt
                )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Verksamheten är sparad."))
            return redirect(r)
    rubrik = str(verksamhet) if verksamhet else _("Ny samhällsviktig verksamhet")
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": rubrik, "tillbaka": r},
        status=400 if form.errors else 200,
    )


@login_required
def rsa_risker(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    risker = risker_visible_to(request.user).select_related("organ").order_by("titel")
    form = RsaRiskerForm(
        request.POST or None, risker=risker, initial={"risker": list(r.risker.all())}
    )
    if request.method == "POST" and form.is_valid():
        services.rsa_set_risker(user=request.user, rsa=r, risker=form.cleaned_data["risker"])
        messages.success(request, _("Riskerna är kopplade."))
        return redirect(r)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Risker ur riskregistret"), "tillbaka": r},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def rsa_status(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    form = RsaStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en giltig status."))
        return redirect(r)
    try:
        services.rsa_set_status(user=request.user, rsa=r, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Statusen är sparad."))
    return redirect(r)


@login_required
@require_POST
def rsa_skickad(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    form = RsaSkickadForm(request.POST)
    if not form.is_valid():
        for fel in form.errors.values():
            messages.error(request, fel[0])
        return redirect(r)
    try:
        services.rsa_record_sent(user=request.user, rsa=r, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, _("Det är registrerat att analysen är skickad till Länsstyrelsen.")
        )
    return redirect(r)


@login_required
@require_POST
def rsa_kopiera(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    form = RsaKopieraForm(request.POST, perioder=selectors.perioder_visible_to(request.user))
    if not form.is_valid():
        messages.error(request, _("Välj en mandatperiod."))
        return redirect(r)
    try:
        ny = services.rsa_copy(user=request.user, rsa=r, period=form.cleaned_data["period"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(r)
    messages.success(request, _("Analysen är kopierad. Ändringar märks mot förra perioden."))
    return redirect(ny)


@login_required
def rsa_pdf(request, pk):
    r = selectors.get_rsa_for_user(request.user, pk)
    if not selectors.ser_sekretess(request.user):
        raise PermissionDenied(
            _("Den fullständiga analysen innehåller sekretessmarkerade avsnitt.")
        )
    return _pdf_svar(
        reports.rsa_pdf(anvandare=request.user, rsa=r, oppen=False),
        f"rsa-{r.period.forsta_ar}-{r.period.sista_ar}.pdf",
    )


@login_required
def rsa_utdrag_pdf(request, pk):
    r = selectors.get_rsa_for_user(request.user, pk)
    return _pdf_svar(
        reports.rsa_pdf(anvandare=request.user, rsa=r, oppen=True),
        f"rsa-{r.period.forsta_ar}-{r.period.sista_ar}-oppet-utdrag.pdf",
    )


# --- The bodies' contributions to the RSA ---


def _tillats(check, **kwargs) -> bool:
    """Whether a service's check passes: a page offers what the service would do."""
    try:
        check(**kwargs)
    except (PermissionDenied, ValidationError):
        return False
    return True


def _krav_bidra(user, bidrag):
    """Only the body's own people write its contribution (whether it may be changed now is
    the services' to say)."""
    if not selectors.kan_bidra(user, bidrag):
        raise PermissionDenied(_("Bara organets egna företrädare ändrar dess bidrag."))


@login_required
def bidrag_oversikt(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    ctx = {"rsa": r, **selectors.bidrag_oversikt(r, timezone.localdate())}
    return render(request, "krisberedskap/bidrag_oversikt.html", ctx)


@login_required
def bidrag_begar(request, pk):
    _krav_hantera(request.user)
    r = selectors.get_rsa_for_user(request.user, pk)
    form = BidragBegarForm(
        request.POST or None,
        organ=Organ.objects.filter(typ__in=RsaBidrag.ORGANTYPER).order_by("namn"),
        tillfragade=set(r.bidrag.values_list("organ_id", flat=True)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bidrag_request(user=request.user, rsa=r, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Bidragen är begärda och nämndföreträdarna meddelade."))
            return redirect("krisberedskap:bidrag_oversikt", pk=r.pk)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Be nämnder och bolag om bidrag"), "tillbaka": r},
        status=400 if form.errors else 200,
    )


@login_required
def bidrag(request, pk):
    user = request.user
    b = selectors.get_bidrag_for_user(user, pk)
    hanterar = selectors.kan_hantera(user)
    ctx = {
        "b": b,
        "rsa": b.rsa,
        "hanterar": hanterar,
        "verksamheter": list(b.verksamheter.prefetch_related("beroenden")),
        "texter": sorted(b.texter.all(), key=lambda t: t.nummer),
        "risker": list(
            risker_visible_to(user).filter(rsa_bidrag=b).select_related("organ").order_by("titel")
        ),
        # What to offer; the services decide what may be done now.
        "skriver": selectors.kan_bidra(user, b) and b.ar_redigerbar,
        "lamnar_in": selectors.kan_lamna_in_bidrag(user, b) and b.ar_redigerbar,
        "granska_form": BidragGranskaForm()
        if hanterar and b.status == RsaBidrag.Status.INLAMNAT
        else None,
        "sista_dag_form": BidragSistaDagForm(
            auto_id="sista_dag_%s", initial={"sista_dag": b.sista_dag}
        )
        if hanterar and b.ar_redigerbar
        else None,
        "aterkallas": _tillats(services.bidrag_check_withdraw, user=user, bidrag=b),
    }
    return render(request, "krisberedskap/bidrag.html", ctx)


@login_required
def bidrag_texter(request, pk):
    b = selectors.get_bidrag_for_user(request.user, pk)
    _krav_bidra(request.user, b)
    form = BidragTexterForm(request.POST or None, bidrag=b)
    if request.method == "POST" and form.is_valid():
        try:
            services.bidrag_texter_update(user=request.user, bidrag=b, texter=form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Texterna är sparade."))
            return redirect(b)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Text till analysens avsnitt"), "tillbaka": b},
        status=400 if form.errors else 200,
    )


@login_required
def bidrag_risker(request, pk):
    b = selectors.get_bidrag_for_user(request.user, pk)
    _krav_bidra(request.user, b)
    form = RsaRiskerForm(
        request.POST or None,
        risker=selectors.bidrag_riskval(request.user, b),
        initial={"risker": list(b.risker.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bidrag_set_risker(
                user=request.user, bidrag=b, risker=form.cleaned_data["risker"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Riskerna är kopplade."))
            return redirect(b)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Risker ur era riskanalyser"), "tillbaka": b},
        status=400 if form.errors else 200,
    )


@login_required
def bidrag_verksamhet_ny(request, pk):
    return _bidrag_verksamhet(request, pk, None)


@login_required
def bidrag_verksamhet_andra(request, pk, vpk):
    return _bidrag_verksamhet(request, pk, vpk)


def _bidrag_verksamhet(request, pk, vpk):
    b = selectors.get_bidrag_for_user(request.user, pk)
    _krav_bidra(request.user, b)
    verksamhet = get_object_or_404(b.verksamheter, pk=vpk) if vpk else None
    form = BidragVerksamhetForm(request.POST or None, instance=verksamhet)
    if request.method == "POST" and form.is_valid():
        falt = {f: form.cleaned_data[f] for f in form.Meta.fields}
        beroenden = form.cleaned_data["beroenden"]
        try:
            if verksamhet:
                services.bidrag_verksamhet_update(
                    user=request.user, bidrag=b, verksamhet=verksamhet, beroenden=beroenden, **falt
                )
            else:
                services.bidrag_verksamhet_create(
                    user=request.user, bidrag=b, beroenden=beroenden, **falt
                )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Verksamheten är sparad."))
            return redirect(b)
    rubrik = str(verksamhet) if verksamhet else _("Ny samhällsviktig verksamhet")
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": rubrik, "tillbaka": b},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def bidrag_verksamhet_ta_bort(request, pk, vpk):
    b = selectors.get_bidrag_for_user(request.user, pk)
    _krav_bidra(request.user, b)
    verksamhet = get_object_or_404(b.verksamheter, pk=vpk)
    try:
        services.bidrag_verksamhet_delete(user=request.user, bidrag=b, verksamhet=verksamhet)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Verksamheten är borttagen ur bidraget."))
    return redirect(b)


@login_required
@require_POST
def bidrag_lamna_in(request, pk):
    b = selectors.get_bidrag_for_user(request.user, pk)
    try:
        services.bidrag_submit(user=request.user, bidrag=b)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Bidraget är inlämnat till Säkerhetsavdelningen."))
    return redirect(b)


@login_required
@require_POST
def bidrag_sista_dag(request, pk):
    _krav_hantera(request.user)
    b = selectors.get_bidrag_for_user(request.user, pk)
    form = BidragSistaDagForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for fel in form.errors.values() for m in fel))
        return redirect(b)
    try:
        services.bidrag_set_sista_dag(user=request.user, bidrag=b, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Den nya sista dagen är sparad och organet meddelat."))
    return redirect(b)


@login_required
def bidrag_aterkalla(request, pk):
    """Withdraw a request, after a page that says what goes with it."""
    b = selectors.get_bidrag_for_user(request.user, pk)
    try:
        services.bidrag_check_withdraw(user=request.user, bidrag=b)
        if request.method == "POST":
            services.bidrag_withdraw(user=request.user, bidrag=b)
            messages.success(
                request,
                _("Begäran till %(organ)s är återkallad och organet meddelat.")
                % {"organ": b.organ.namn},
            )
            return redirect("krisberedskap:bidrag_oversikt", b.rsa_id)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(b)
    ctx = {
        "b": b,
        "rsa": b.rsa,
        "verksamheter": b.verksamheter.count(),
        "risker": b.risker.count(),
        "texter": b.texter.exclude(text="").count(),
    }
    return render(request, "krisberedskap/bidrag_aterkalla.html", ctx)


@login_required
@require_POST
def bidrag_granska(request, pk):
    _krav_hantera(request.user)
    b = selectors.get_bidrag_for_user(request.user, pk)
    form = BidragGranskaForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for fel in form.errors.values() for m in fel))
        return redirect(b)
    data = form.cleaned_data
    try:
        if data["beslut"] == "ater":
            services.bidrag_return(
                user=request.user,
                bidrag=b,
                kommentar=data["kommentar"],
                sista_dag=data["sista_dag"],
            )
            messages.success(request, _("Bidraget är skickat tillbaka för komplettering."))
        else:
            services.bidrag_accept(user=request.user, bidrag=b, kommentar=data["kommentar"])
            messages.success(request, _("Bidraget är godkänt och ingår i analysen."))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(b)


# --- The krisledningsnämnd ---


@login_required
def aktiveringar(request):
    if request.user.ar_extern:
        raise PermissionDenied
    qs = selectors.aktiveringar_visible_to(request.user)
    sida = Paginator(qs, 25).get_page(request.GET.get("sida"))
    return render(
        request,
        "krisberedskap/aktiveringar.html",
        {"sida": sida, "kan_hantera": selectors.kan_hantera(request.user)},
    )


@login_required
def aktivering_ny(request):
    _krav_hantera(request.user)
    far_skydda = request.user.has_perm("krisberedskap.view_skyddad_aktivering")
    form = AktiveringForm(request.POST or None, far_skydda=far_skydda)
    if request.method == "POST" and form.is_valid():
        a = services.aktivering_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Aktiveringen är registrerad. Lägg till ledamöter och stab."))
        return redirect(a)
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": _("Krisledningsnämnden aktiveras")},
        status=400 if form.errors else 200,
    )


def _aktivering_sida(request, a, logg_form, status=200):
    user = request.user
    ctx = {
        "a": a,
        "logg": list(a.logg.select_related("forfattare", "rattar").order_by("-tidpunkt", "-pk")),
        "beslut": list(a.beslut.all()),
        "overtaganden": list(a.overtaganden.select_related("organ")),
        "kan_skriva": selectors.kan_skriva(user, a),
        "deltagare": selectors.deltagare(a),
        "logg_form": logg_form,
        "beslut_form": BeslutForm(auto_id="beslut_%s"),
        "overtagande_form": OvertagandeForm(auto_id="overtagande_%s"),
        "avsluta_form": AvslutaForm(
            auto_id="avsluta_%s",
            initial={"avslutad": timezone.localtime().replace(second=0, microsecond=0)},
        ),
        "deltagare_form": DeltagareForm(auto_id="deltagare_%s")
        if user.has_perm("incidenter.grant_incident_access")
        else None,
    }
    return render(request, "krisberedskap/aktivering.html", ctx, status=status)


@login_required
def aktivering(request, pk):
    a = selectors.get_aktivering_for_user(request.user, pk)
    services.aktivering_log_access(
        user=request.user, aktivering=a, handling=Atkomstlogg.Handling.VISNING
    )
    rattar = request.GET.get("rattar")
    form = LoggpostForm(aktivering=a, initial={"rattar": rattar} if rattar else None)
    return _aktivering_sida(request, a, form)


@login_required
@require_POST
def loggpost_ny(request, pk):
    a = selectors.get_aktivering_for_user(request.user, pk)
    _krav_deltagare(request.user, a)
    form = LoggpostForm(request.POST, aktivering=a)
    if form.is_valid():
        try:
            services.loggpost_create(user=request.user, aktivering=a, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Loggposten är sparad."))
            return redirect(f"{a.get_absolute_url()}#ny-loggpost")
    # What was typed stays in the form, and the page says it was not saved.
    messages.error(request, _("Loggposten är inte sparad. Texten finns kvar i fältet."))
    return _aktivering_sida(request, a, form, status=400)


def _skriv(request, pk, form_class, service, meddelande):
    a = selectors.get_aktivering_for_user(request.user, pk)
    _krav_deltagare(request.user, a)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Uppgifterna är inte sparade: %(fel)s")
            % {"fel": " ".join(m for fel in form.errors.values() for m in fel)},
        )
        return redirect(a)
    try:
        service(user=request.user, aktivering=a, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, meddelande)
    return redirect(a)


@login_required
@require_POST
def beslut_ny(request, pk):
    return _skriv(request, pk, BeslutForm, services.beslut_create, _("Beslutet är registrerat."))


@login_required
@require_POST
def overtagande_ny(request, pk):
    return _skriv(
        request, pk, OvertagandeForm, services.overtagande_create, _("Övertagandet är registrerat.")
    )


@login_required
@require_POST
def avsluta(request, pk):
    return _skriv(
        request, pk, AvslutaForm, services.aktivering_close, _("Aktiveringen är avslutad.")
    )


@login_required
@require_POST
def aterlamna(request, pk, opk):
    a = selectors.get_aktivering_for_user(request.user, pk)
    _krav_deltagare(request.user, a)
    overtagande = get_object_or_404(a.overtaganden, pk=opk)
    try:
        services.overtagande_return(user=request.user, overtagande=overtagande)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Uppgiften är återlämnad till nämnden."))
    return redirect(a)


@login_required
@require_POST
def deltagare(request, pk):
    a = selectors.get_aktivering_for_user(request.user, pk)
    if not request.user.has_perm("incidenter.grant_incident_access"):
        raise PermissionDenied(_("Bara säkerhetschefen ger behörighet till enskilda objekt."))
    form = DeltagareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj person och roll."))
        return redirect(a)
    services.aktivering_add_deltagare(
        user=request.user,
        aktivering=a,
        deltagare=form.cleaned_data["anvandare"],
        roll=form.cleaned_data["roll"],
    )
    messages.success(request, _("Behörigheten är given."))
    return redirect(a)


@login_required
def kf_rapport_pdf(request, pk):
    a = selectors.get_aktivering_for_user(request.user, pk)
    data = reports.kf_rapport_pdf(anvandare=request.user, aktivering=a)
    services.aktivering_log_access(
        user=request.user,
        aktivering=a,
        handling=Atkomstlogg.Handling.PDF,
        detalj=_("rapport till kommunfullmäktige"),
    )
    return _pdf_svar(data, f"krisledning-{a.pk}-rapport-till-kf.pdf")


# --- Samverkan ---


@login_required
def samverkan(request):
    _krav_lasa(request.user)
    idag = timezone.localdate()
    ctx = {
        "parter": list(selectors.partner_visible_to(request.user).prefetch_related("avtal")),
        "aktiviteter": Paginator(
            selectors.samverkansaktiviteter_visible_to(request.user).prefetch_related("parter"), 25
        ).get_page(request.GET.get("sida")),
        "antal_i_ar": selectors.samverkansaktiviteter_under(idag.year),
        "idag": idag,
        "snart": idag + datetime.timedelta(days=AVTAL_DAGAR[0]),
        "kan_hantera": selectors.kan_hantera(request.user),
    }
    return render(request, "krisberedskap/samverkan.html", ctx)


def _samverkan_form(request, form_class, service, rubrik, meddelande):
    _krav_hantera(request.user)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, meddelande)
            return redirect("krisberedskap:samverkan")
    return render(
        request,
        "krisberedskap/form.html",
        {"form": form, "rubrik": rubrik},
        status=400 if form.errors else 200,
    )


@login_required
def partner_ny(request):
    return _samverkan_form(
        request,
        PartnerForm,
        services.partner_create,
        _("Ny samverkanspart"),
        _("Parten är sparad."),
    )


@login_required
def avtal_ny(request):
    return _samverkan_form(
        request,
        AvtalForm,
        services.avtal_create,
        _("Nytt samverkansavtal"),
        _("Avtalet är sparat."),
    )


@login_required
def aktivitet_ny(request):
    return _samverkan_form(
        request,
        SamverkansaktivitetForm,
        services.samverkansaktivitet_create,
        _("Ny samverkansaktivitet"),
        _("Aktiviteten är sparad."),
    )
