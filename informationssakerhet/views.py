"""Views of the information registers. Thin: fetch through the selectors (404 for what the
user may not see), bind the form, call the service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.exports import XLSX_TYP

from . import dataskydd, excel, sakerhetsskydd, selectors, services
from .forms import (
    AnalysForm,
    AvtalForm,
    ChecklistsvarForm,
    ImportForm,
    KlassningForm,
    KontrollpunktForm,
    KopplingForm,
    PlaceringForm,
    SystemForm,
    TillgangForm,
)
from .models import (
    Klassningsniva,
    Kontrollpunkt,
    Sakerhetsklassplacering,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
)

PER_SIDA = 50


def _krav_intern(user):
    if user.ar_extern:
        raise PermissionDenied(_("Externa parter har inte tillgång till informationsregistren."))


def _krav_andra(user, organ_id=None):
    if not selectors.kan_andra(user, organ_id):
        raise PermissionDenied(_("Du får inte ändra det här organets register."))


def _fel(form, e: ValidationError):
    if hasattr(e, "error_dict"):
        for falt, fel in e.message_dict.items():
            form.add_error(falt if falt in form.fields else None, fel)
    else:
        form.add_error(None, e.messages)


@login_required
def index(request):
    """The systems, each with its derived classification."""
    _krav_intern(request.user)
    qs = selectors.med_klassning(selectors.system_visible_to(request.user)).order_by(
        "organ__namn", "namn", "pk"
    )
    sida = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    return render(
        request,
        "informationssakerhet/index.html",
        {
            "sida": sida,
            "kan_andra": selectors.kan_andra(request.user),
            "visa_register": dataskydd.far_se_registret(request.user),
        },
    )


@login_required
def tillgangar(request):
    _krav_intern(request.user)
    qs = (
        selectors.tillgangar_visible_to(request.user)
        .select_related("organ", "personuppgiftsansvarig", *selectors.NIVAER)
        .order_by("organ__namn", "namn", "pk")
    )
    sida = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    return render(
        request,
        "informationssakerhet/tillgangar.html",
        {
            "sida": sida,
            "idag": timezone.localdate(),
            "kan_andra": selectors.kan_andra(request.user),
            "visa_register": dataskydd.far_se_registret(request.user),
        },
    )


@login_required
def tillgang(request, pk):
    _krav_intern(request.user)
    t = selectors.get_tillgang_for_user(request.user, pk)
    return render(
        request,
        "informationssakerhet/tillgang.html",
        {
            "tillgang": t,
            "system": t.system.filter(pk__in=selectors.system_visible_to(request.user)).order_by(
                "namn"
            ),
            "idag": timezone.localdate(),
            "kan_andra": selectors.kan_andra(request.user, t.organ_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tillgang_form(request, pk=None):
    _krav_intern(request.user)
    t = selectors.get_tillgang_for_user(request.user, pk) if pk else None
    _krav_andra(request.user, t.organ_id if t else None)
    form = TillgangForm(request.POST or None, instance=t, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            t = services.tillgang_save(user=request.user, tillgang=t, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Informationstillgången är sparad."))
            return redirect(t)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/tillgang_form.html",
        {"tillgang": t, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def klassa(request, pk):
    _krav_intern(request.user)
    t = selectors.get_tillgang_for_user(request.user, pk)
    _krav_andra(request.user, t.organ_id)
    initial = {f: getattr(t, f) for f in selectors.NIVAER} | {"nasta_oversyn": t.nasta_oversyn}
    form = KlassningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tillgang_classify(user=request.user, tillgang=t, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Klassningen är sparad."))
            return redirect(t)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/klassa.html",
        {"tillgang": t, "form": form, "nivaer": Klassningsniva.objects.all()},
        status=status,
    )


def _system_ctx(request, s, koppla_form=None) -> dict:
    """What the system page shows: the derived classification, the assets (linked where
    the user sees them), the incidents and risks it concerns, the checklist in figures."""
    synliga = set(
        selectors.tillgangar_visible_to(request.user)
        .filter(pk__in=[t.pk for t in s.tillgangar.all()])
        .values_list("pk", flat=True)
    )
    kan_andra = selectors.kan_andra(request.user, s.organ_id)
    if koppla_form is None and kan_andra:
        koppla_form = KopplingForm(user=request.user, system=s)
    checklista = (
        selectors.checklista_summa(selectors.checklista(s, timezone.localdate()))
        if s.cybersakerhetslag
        else None
    )
    return {
        "system": s,
        "klassning": s.harledd_klassning(),
        "synliga": synliga,
        "kan_andra": kan_andra,
        "incidenter": selectors.kopplade_incidenter(request.user, s),
        "risker": selectors.kopplade_risker(request.user, s),
        "har_personuppgifter": any(t.har_personuppgifter for t in s.tillgangar.all()),
        "koppla": koppla_form,
        "checklista": checklista,
    }


@login_required
def system(request, pk):
    _krav_intern(request.user)
    s = selectors.get_system_for_user(request.user, pk)
    return render(request, "informationssakerhet/system.html", _system_ctx(request, s))


@login_required
@require_http_methods(["POST"])
def koppla(request, pk):
    _krav_intern(request.user)
    s = selectors.get_system_for_user(request.user, pk)
    _krav_andra(request.user, s.organ_id)
    form = KopplingForm(request.POST, user=request.user, system=s)
    if form.is_valid():
        services.systemkoppling_create(
            user=request.user,
            system=s,
            incident=form.cleaned_data["incident"],
            risk=form.cleaned_data["risk"],
        )
        messages.success(request, _("Kopplingen är sparad."))
        return redirect(s)
    return render(
        request, "informationssakerhet/system.html", _system_ctx(request, s, form), status=400
    )


# --- The cybersäkerhet checklist: answered per system in the law's scope ---


@login_required
def cybersakerhet(request, pk):
    _krav_intern(request.user)
    s = selectors.get_system_for_user(request.user, pk)
    idag = timezone.localdate()
    rader = selectors.checklista(s, idag) if s.cybersakerhetslag else []
    return render(
        request,
        "informationssakerhet/cybersakerhet.html",
        {
            "system": s,
            "rader": rader,
            "summa": selectors.checklista_summa(rader),
            "kan_andra": selectors.kan_andra(request.user, s.organ_id),
            "idag": idag,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklistsvar(request, pk, punkt):
    _krav_intern(request.user)
    s = selectors.get_system_for_user(request.user, pk)
    if not s.cybersakerhetslag:
        raise Http404("Systemet omfattas inte av cybersäkerhetslagen.")
    kp = selectors.get_kontrollpunkt_for_checklista(punkt)
    _krav_andra(request.user, s.organ_id)
    svar = s.checklistsvar.filter(kontrollpunkt=kp).first()
    initial = (
        {f: getattr(svar, f) for f in ("status", "kommentar", "underlag", "nasta_oversyn")}
        if svar
        else {}
    )
    form = ChecklistsvarForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklistsvar_save(
                user=request.user, system=s, kontrollpunkt=kp, **form.cleaned_data
            )
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Svaret är sparat."))
            nasta = selectors.nasta_kontrollpunkt(kp) if "nasta" in request.POST else None
            if nasta is not None:
                return redirect("informationssakerhet:checklistsvar", s.pk, nasta.pk)
            lista = reverse("informationssakerhet:cybersakerhet", args=[s.pk])
            return redirect(f"{lista}#punkt-{kp.pk}")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/checklistsvar.html",
        {
            "system": s,
            "punkt": kp,
            "svar": svar,
            "form": form,
            # Earlier answers, newest first (the first history row is the answer itself).
            "tidigare": list(svar.history.select_related("besvarad_av")[1:11]) if svar else [],
        },
        status=status,
    )


@login_required
def kontrollpunkter(request):
    _krav_intern(request.user)
    return render(
        request,
        "informationssakerhet/kontrollpunkter.html",
        {
            "punkter": Kontrollpunkt.objects.all(),
            "kan_andra": selectors.kan_andra_kontrollpunkter(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kontrollpunkt_form(request, pk=None):
    _krav_intern(request.user)
    if not selectors.kan_andra_kontrollpunkter(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar kontrollpunkterna."))
    punkt = get_object_or_404(Kontrollpunkt, pk=pk) if pk else None
    form = KontrollpunktForm(request.POST or None, instance=punkt)
    if request.method == "POST" and form.is_valid():
        try:
            services.kontrollpunkt_save(user=request.user, punkt=punkt, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Kontrollpunkten är sparad."))
            return redirect("informationssakerhet:kontrollpunkter")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/kontrollpunkt_form.html",
        {"punkt": punkt, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def system_form(request, pk=None):
    _krav_intern(request.user)
    s = selectors.get_system_for_user(request.user, pk) if pk else None
    _krav_andra(request.user, s.organ_id if s else None)
    form = SystemForm(request.POST or None, instance=s, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            s = services.system_save(user=request.user, system=s, **data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Systemet är sparat."))
            return redirect(s)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/system_form.html",
        {"system": s, "form": form},
        status=status,
    )


# --- The register of personal-data breaches (GDPR art. 33.5) ---


def _krav_register(user):
    if not dataskydd.far_se_registret(user):
        raise PermissionDenied(
            _(
                "Registret över personuppgiftsincidenter är för dataskyddsombudet och säkerhetsfunktionen."
            )
        )


@login_required
def incidentregister(request):
    _krav_register(request.user)
    qs = dataskydd.personuppgiftsincidenter_visible_to(request.user)
    sida = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    return render(
        request,
        "informationssakerhet/incidentregister.html",
        {"sida": sida, "rader": [dataskydd.registerrad(i) for i in sida.object_list]},
    )


@login_required
def incidentregister_export(request):
    _krav_register(request.user)
    qs = dataskydd.personuppgiftsincidenter_visible_to(request.user)
    rader = [dataskydd.registerrad(i) for i in qs]
    return dataskydd.export_response(rader)


# --- Säkerhetsskydd, metadata only: 404 to all but those granted it, every opening logged ---


@login_required
def sakerhetsskydd_index(request):
    sakerhetsskydd.oppna(request.user, "översikt")
    idag = timezone.localdate()
    analyser = list(Sakerhetsskyddsanalys.objects.select_related("ansvarig")[:5])
    senaste = analyser[0] if analyser else None
    return render(
        request,
        "informationssakerhet/sakerhetsskydd.html",
        {
            "analyser": analyser,
            "analysstatus": sakerhetsskydd.analysstatus(senaste, idag),
            "senaste": senaste,
            "placeringar": Sakerhetsklassplacering.objects.select_related("enhet__organ"),
            "avtal": Sakerhetsskyddsavtal.objects.select_related("ansvarig"),
            "idag": idag,
        },
    )


def _sakerhetsskydd_form(request, *, sida, form_klass, instans, rubrik, meddelande):
    sakerhetsskydd.oppna(request.user, sida)
    form = form_klass(request.POST or None, instance=instans)
    if request.method == "POST" and form.is_valid():
        try:
            sakerhetsskydd.register_save(user=request.user, objekt=form.instance)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, meddelande)
            return redirect("informationssakerhet:sakerhetsskydd")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "informationssakerhet/sakerhetsskydd_form.html",
        {"form": form, "rubrik": rubrik},
        status=status,
    )


def _hamta(request, modell, pk):
    # Access first: an outsider must not learn from a 404 whether the row exists.
    if not sakerhetsskydd.har_atkomst(request.user):
        raise Http404("Sidan finns inte.")
    return get_object_or_404(modell, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def analys_ny(request):
    return _sakerhetsskydd_form(
        request,
        sida="ny säkerhetsskyddsanalys",
        form_klass=AnalysForm,
        instans=None,
        rubrik=_("Registrera säkerhetsskyddsanalys"),
        meddelande=_("Analysen är registrerad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def placering(request, pk=None):
    instans = _hamta(request, Sakerhetsklassplacering, pk) if pk else None
    return _sakerhetsskydd_form(
        request,
        sida=f"placering {pk or 'ny'}",
        form_klass=PlaceringForm,
        instans=instans,
        rubrik=_("Placeringar i säkerhetsklass"),
        meddelande=_("Placeringen är sparad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def avtal(request, pk=None):
    instans = _hamta(request, Sakerhetsskyddsavtal, pk) if pk else None
    return _sakerhetsskydd_form(
        request,
        sida=f"avtal {pk or 'nytt'}",
        form_klass=AvtalForm,
        instans=instans,
        rubrik=_("Säkerhetsskyddsavtal"),
        meddelande=_("Avtalet är sparat."),
    )


# --- Excel import of an existing register ---


@login_required
@require_http_methods(["GET", "POST"])
def importera(request):
    _krav_intern(request.user)
    _krav_andra(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    fel, status = [], 200
    if request.method == "POST" and form.is_valid():
        antal, fel = excel.importera(user=request.user, fil=form.cleaned_data["fil"])
        if not fel:
            messages.success(
                request, _("%(n)s informationstillgångar är importerade.") % {"n": antal}
            )
            return redirect("informationssakerhet:tillgangar")
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request, "informationssakerhet/import.html", {"form": form, "fel": fel}, status=status
    )


@login_required
def importmall(request):
    _krav_intern(request.user)
    _krav_andra(request.user)
    resp = HttpResponse(excel.mall_bytes(), content_type=XLSX_TYP)
    resp["Content-Disposition"] = 'attachment; filename="mall-informationsregister.xlsx"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
