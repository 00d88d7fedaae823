"""The follow-up pages: the goals with indicators and assessments, the ansvarsmatris, and
the yearly self-assessment. Access is decided by the selectors and the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policy.models import Organ

from . import rapport, selectors, services
from .forms import GranskaForm, KvittensForm, MalbedomningForm, OppnaForm, SkyldighetForm, SvarForm
from .models import Egenbedomning, Malbedomning, Skyldighet


def _ar(request) -> int:
    varde = request.GET.get("ar") or timezone.localdate().year
    try:
        ar = int(varde)
    except (TypeError, ValueError):
        raise BadRequest(_("Ogiltigt år.")) from None
    if not 2000 <= ar <= 2100:
        raise BadRequest(_("Ogiltigt år."))
    return ar


def _fel(form, e: ValidationError):
    if hasattr(e, "error_dict"):
        for falt, fel in e.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fel)
    else:
        form.add_error(None, e.messages)


@login_required
def index(request):
    user = request.user
    if user.ar_extern:
        raise PermissionDenied
    return render(
        request,
        "uppfoljning/index.html",
        {
            "ser_uppfoljningen": selectors.ser_uppfoljningen(user),
            "egna": list(selectors.egna_egenbedomningar(user)[:5]),
            "kan_granska": selectors.kan_granska(user),
        },
    )


@login_required
def mal(request):
    selectors.krav_uppfoljningen(request.user)
    ar = _ar(request)
    return render(
        request,
        "uppfoljning/mal.html",
        {
            "ar": ar,
            "mal_ctx": rapport.mal_context(request.user, ar),
            "kan_bedoma": request.user.has_perm("uppfoljning.add_malbedomning"),
        },
    )


@login_required
def bedom(request, pk, ar):
    mal = selectors.get_mal_for_user(request.user, pk)
    if not 2000 <= ar <= 2100:
        raise BadRequest(_("Ogiltigt år."))
    if not request.user.has_perm("uppfoljning.add_malbedomning"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen bedömer målen."))
    befintlig = Malbedomning.objects.filter(mal=mal, ar=ar).first()
    form = MalbedomningForm(request.POST or None, instance=befintlig)
    if request.method == "POST" and form.is_valid():
        try:
            services.malbedomning_save(user=request.user, mal=mal, ar=ar, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect(f"{_url('uppfoljning:mal')}?ar={ar}")
    historik = befintlig.history.select_related("history_user").all() if befintlig else []
    return render(
        request,
        "uppfoljning/bedom.html",
        {
            "mal": mal,
            "ar": ar,
            "form": form,
            "historik": historik,
        },
        status=400 if form.errors else 200,
    )


def _url(namn, *args):
    from django.urls import reverse

    return reverse(namn, args=args)


# The ansvarsmatris -----------------------------------------------------------------------


@login_required
def skyldigheter(request):
    if not selectors.ser_matrisen(request.user):
        raise PermissionDenied
    return render(
        request,
        "uppfoljning/skyldigheter.html",
        {
            "skyldigheter": selectors.skyldigheter_lista(),
            "kan_andra": request.user.has_perm("uppfoljning.manage_skyldighet"),
        },
    )


@login_required
def skyldighet_ny(request):
    return _skyldighet_form(request, Skyldighet())


@login_required
def skyldighet_andra(request, pk):
    return _skyldighet_form(request, selectors.get_skyldighet_for_user(request.user, pk))


def _skyldighet_form(request, skyldighet):
    if not request.user.has_perm("uppfoljning.manage_skyldighet"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar ansvarsmatrisen."))
    form = SkyldighetForm(request.POST or None, instance=skyldighet)
    if request.method == "POST" and form.is_valid():
        try:
            services.skyldighet_save(user=request.user, skyldighet=form.save(commit=False))
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Skyldigheten är sparad."))
            return redirect("uppfoljning:skyldigheter")
    historik = skyldighet.history.select_related("history_user")[:20] if skyldighet.pk else []
    return render(
        request,
        "uppfoljning/skyldighet_form.html",
        {
            "form": form,
            "skyldighet": skyldighet,
            "historik": historik,
        },
        status=400 if form.errors else 200,
    )


@login_required
def kvittera(request, pk, slug):
    skyldighet = selectors.get_skyldighet_for_user(request.user, pk)
    organ = get_object_or_404(Organ, slug=slug)
    if not selectors.kan_kvittera(request.user, organ):
        raise PermissionDenied(_("Du kan bara kvittera ditt eget organs skyldigheter."))
    form = KvittensForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kvittens_create(
                user=request.user, skyldighet=skyldighet, organ=organ, **form.cleaned_data
            )
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Skyldigheten är kvitterad."))
            return redirect("policy:vart_ansvar", organ.slug)
    return render(
        request,
        "uppfoljning/kvittera.html",
        {
            "form": form,
            "skyldighet": skyldighet,
            "organ": organ,
        },
        status=400 if form.errors else 200,
    )


# The self-assessment ---------------------------------------------------------------------


@login_required
def egenbedomningar(request):
    selectors.krav_uppfoljningen(request.user)
    arsrad = selectors.aktuellt_ar()
    lista = []
    if arsrad is not None:
        lista = list(
            selectors.egenbedomningar_visible_to(request.user)
            .filter(uppfoljningsar=arsrad)
            .order_by("organ__namn")
        )
    idag = timezone.localdate()
    return render(
        request,
        "uppfoljning/egenbedomningar.html",
        {
            "arsrad": arsrad,
            "lista": lista,
            "idag": idag,
            "antal_inlamnade": sum(e.status in Egenbedomning.BESVARAD for e in lista),
            "antal_sena": sum(e.ar_sen(idag) for e in lista),
            "kan_granska": selectors.kan_granska(request.user),
        },
    )


@login_required
def oppna(request):
    if not selectors.kan_granska(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen öppnar årets uppföljning."))
    form = OppnaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.uppfoljningsar_open(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Årets uppföljning är öppnad."))
            return redirect("uppfoljning:egenbedomningar")
    return render(
        request, "uppfoljning/oppna.html", {"form": form}, status=400 if form.errors else 200
    )


def _svarsformular(e, data=None):
    svar = {s.fraga_id: s for s in e.svar.all()}
    formular = []
    for fraga in services.fragor():
        befintligt = svar.get(fraga.pk)
        initial = (
            {
                "svar": befintligt.svar,
                "kommentar": befintligt.kommentar,
                "lankar": befintligt.lankar,
            }
            if befintligt
            else {}
        )
        formular.append(SvarForm(data, fraga=fraga, initial=initial))
    return formular, svar


@login_required
def egenbedomning(request, pk):
    e = selectors.get_egenbedomning_for_user(request.user, pk)
    kan_besvara = selectors.kan_besvara(request.user, e)
    if request.method == "POST" and not kan_besvara:
        raise PermissionDenied(_("Egenbedömningen kan inte ändras av dig nu."))
    formular, svar = _svarsformular(e, request.POST if request.method == "POST" else None)
    fel = False
    if request.method == "POST":
        if all(f.is_valid() for f in formular):
            services.egenbedomning_answer(
                user=request.user,
                egenbedomning=e,
                svar={f.fraga.pk: f.cleaned_data for f in formular},
            )
            messages.success(request, _("Svaren är sparade."))
            return redirect(e)
        fel = True
    omraden = []
    for f in formular:
        if not omraden or omraden[-1][0] != f.fraga.omrade:
            omraden.append((f.fraga.omrade, []))
        omraden[-1][1].append((f, svar.get(f.fraga.pk)))
    return render(
        request,
        "uppfoljning/egenbedomning.html",
        {
            "e": e,
            "omraden": omraden,
            "fel": fel,
            "kan_besvara": kan_besvara,
            "kan_granska": selectors.kan_granska(request.user)
            and e.status == Egenbedomning.Status.INLAMNAD,
            "granska_form": GranskaForm(),
            "antal_besvarade": len(svar),
            "antal_fragor": len(formular),
        },
        status=400 if fel else 200,
    )


@login_required
@require_POST
def lamna_in(request, pk):
    e = selectors.get_egenbedomning_for_user(request.user, pk)
    try:
        services.egenbedomning_submit(user=request.user, egenbedomning=e)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, _("Egenbedömningen är inlämnad till Säkerhetsavdelningen."))
    return redirect(e)


@login_required
@require_POST
def granska(request, pk):
    e = selectors.get_egenbedomning_for_user(request.user, pk)
    if not selectors.kan_granska(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen granskar egenbedömningar."))
    form = GranskaForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for fel in form.errors.values() for m in fel))
        return redirect(e)
    try:
        if form.cleaned_data["beslut"] == "ater":
            services.egenbedomning_return(
                user=request.user, egenbedomning=e, kommentar=form.cleaned_data["kommentar"]
            )
            messages.success(request, _("Egenbedömningen är skickad tillbaka till nämnden."))
        else:
            services.egenbedomning_accept(
                user=request.user, egenbedomning=e, kommentar=form.cleaned_data["kommentar"]
            )
            messages.success(request, _("Egenbedömningen är godkänd."))
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    return redirect(e)
