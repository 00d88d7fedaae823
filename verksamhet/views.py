"""Views of premises, kinds of activity, the year's plan and recording. Thin: fetch through
the selectors (404 for what the user may not see), bind the form, call the service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib import versioner
from lib.exports import XLSX_TYP
from policy.models import Enhet, Omrade
from policy.selectors import egna_organ_ids, scope_key

from . import atgarder, excel, selectors, services
from .forms import (
    AktivitetAndraForm,
    AktivitetForm,
    AktivitetstypForm,
    FilterForm,
    ImportForm,
    LokaldokumentForm,
    LokalForm,
    PlanForm,
    registreringsformular,
)
from .models import Aktivitet, Kontrollsvar

PER_SIDA = 50


def _krav_intern(user):
    if user.ar_extern:
        raise PermissionDenied(_("Externa parter har inte tillgång till övningar och kontroller."))


def _fel(form, e: ValidationError):
    if hasattr(e, "error_dict"):
        for falt, fel in e.message_dict.items():
            form.add_error(falt if falt in form.fields else None, fel)
    else:
        form.add_error(None, e.messages)


# --- Activities ---


def _filtrerade(request):
    """The visible activities narrowed by the list's filters, in date order, and the bound
    filter form."""
    form = FilterForm(request.GET or None)
    qs = selectors.aktiviteter_visible_to(request.user)
    idag = timezone.localdate()
    if form.is_valid():
        d = form.cleaned_data
        if d["omrade"]:
            qs = qs.filter(typ__in=d["omrade"].aktivitetstyper.values("pk"))
        for falt in ("organ", "lokal", "typ"):
            if d[falt]:
                qs = qs.filter(**{falt: d[falt]})
        if d["fran"]:
            qs = qs.filter(datum__gte=d["fran"])
        if d["till"]:
            qs = qs.filter(datum__lte=d["till"])
        if d["status"] == "forsenad":
            qs = qs.filter(status=Aktivitet.Status.PLANERAD, datum__lt=idag)
        elif d["status"]:
            qs = qs.filter(status=d["status"])
    return form, qs.order_by("datum", "pk"), idag


# What a row of the list and the export shows besides the activity itself.
RADENS = ("typ", "organ", "lokal", "enhet", "ansvarig")


def _anmarkningar(aktivitet_ids) -> dict[int, int]:
    return dict(
        Kontrollsvar.objects.filter(
            aktivitet_id__in=aktivitet_ids, resultat=Kontrollsvar.Resultat.ANMARKNING
        )
        .values_list("aktivitet_id")
        .annotate(n=Count("pk"))
    )


@login_required
def lista(request):
    _krav_intern(request.user)
    form, qs, idag = _filtrerade(request)
    sida = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    return render(
        request,
        "verksamhet/lista.html",
        {
            "form": form,
            "sida": sida,
            "rader": _rader(request.user, params, sida, idag),
            "params": params.urlencode(),
            "idag": idag,
            "kan_skapa": selectors.kan_skapa(request.user),
            "kan_planera": selectors.kan_planera(request.user),
        },
    )


def _rader(user, params, sida, idag) -> str:
    """The page's rows, drawn once per scope, filter, page, day and language and kept until
    the activities change (selectors.VERSION): drawing fifty rows cost half of the page at
    20 000 activities."""
    # What decides the rows: who asks (their scope, and their own id where they also see
    # what they answer for), the filters and the page.
    grund = (
        "verksamhet:lista",
        scope_key(user),
        None if user.has_perm("verksamhet.view_all_aktiviteter") else user.pk,
        tuple(sorted(params.lists())),
        sida.number,
        idag,
        get_language(),
    )

    def rita() -> str:
        rader = list(sida.object_list.select_related(*RADENS))
        anmarkningar = _anmarkningar([a.pk for a in rader])
        for a in rader:
            a.antal_anmarkningar = anmarkningar.get(a.pk, 0)
        return render_to_string("verksamhet/_rader.html", {"rader": rader, "idag": idag})

    return mark_safe(
        versioner.versionerad(selectors.VERSION, grund, rita, selectors.CACHE_SEKUNDER)
    )


@login_required
def export(request):
    _krav_intern(request.user)
    _form, qs, idag = _filtrerade(request)
    # A correlated count here: the export runs through every row in chunks.
    anmarkningar = (
        Kontrollsvar.objects.filter(
            aktivitet=OuterRef("pk"), resultat=Kontrollsvar.Resultat.ANMARKNING
        )
        .values("aktivitet")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    qs = qs.select_related(*RADENS).annotate(
        antal_anmarkningar=Coalesce(Subquery(anmarkningar, output_field=IntegerField()), Value(0))
    )
    return excel.export_response(qs.iterator(chunk_size=2000), idag)


def _atgarder(user, aktivitet) -> list:
    """The activity's åtgärder (whoever sees the activity sees them:
    risker.selectors.atgarder_visible_to), each marked with whether its status form is shown
    (risker.services.kan_andra_atgard, which the change itself enforces)."""
    lista = list(aktivitet.atgarder.select_related("ansvarig"))
    for at in lista:
        at.kan_andra_status = atgarder.kan_andra(user, at)
    return lista


@login_required
def aktivitet(request, pk):
    a = selectors.get_aktivitet_for_user(request.user, pk)
    return render(
        request,
        "verksamhet/aktivitet.html",
        {
            "a": a,
            "svar": list(a.svar.all()),
            "atgarder": _atgarder(request.user, a),
            "deltagande": list(a.deltagande.select_related("enhet")),
            "deltagare": list(a.deltagare.all()),
            "enheter": list(a.deltagande_enheter.select_related("organ")),
            "partner": list(a.partner.all()),
            "kan_registrera": selectors.kan_registrera(request.user, a),
            "forsenad": a.ar_forsenad(),
            "atgardstatus": atgarder.statusval(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registrera(request, pk):
    a = selectors.get_aktivitet_for_user(request.user, pk)
    if not selectors.kan_registrera(request.user, a):
        raise PermissionDenied(_("Du kan inte registrera den här aktiviteten."))
    if a.status != Aktivitet.Status.PLANERAD:
        messages.info(request, _("Aktiviteten är redan registrerad."))
        return redirect(a)
    Formular = registreringsformular(a)
    form = Formular(request.POST or None, request.FILES or None, aktivitet=a)
    if request.method == "POST" and form.is_valid():
        try:
            _spara(request.user, a, form)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Aktiviteten är registrerad som genomförd."))
            return redirect(a)
    status = 400 if request.method == "POST" else 200
    return render(request, "verksamhet/registrera.html", {"a": a, "form": form}, status=status)


def _spara(user, a, form):
    d = form.cleaned_data
    gemensamt = {
        "user": user,
        "aktivitet": a,
        "genomford_datum": d["genomford_datum"],
        "anteckning": d["anteckning"],
    }
    slag = a.typ.slag
    if slag == a.typ.Slag.OVNING:
        services.ovning_register(
            **gemensamt,
            **{k: d[k] for k in ("scenario", "ovningsform", "partner", "gick_bra")},
            gick_mindre_bra=d["gick_mindre_bra"],
            enheter=d["enheter"],
            atgarder=d["atgarder"],
            atgard_ansvarig=d["atgard_ansvarig"],
            atgard_forfallodatum=d["atgard_forfallodatum"],
        )
    elif slag == a.typ.Slag.UTBILDNING:
        services.utbildning_register(
            **gemensamt,
            kurs=d["kurs"],
            antal_per_enhet=form.antal_per_enhet(),
            deltagare=d["deltagare"],
        )
    else:
        services.kontroll_register(
            **gemensamt,
            svar=form.svar(),
            atgard_ansvarig=d["atgard_ansvarig"],
            atgard_forfallodatum=d["atgard_forfallodatum"],
        )


@login_required
@require_http_methods(["GET", "POST"])
def andra(request, pk):
    a = selectors.get_aktivitet_for_user(request.user, pk)
    if not selectors.kan_registrera(request.user, a) or a.status == Aktivitet.Status.GENOMFORD:
        raise PermissionDenied(_("Du kan inte ändra den här aktiviteten."))
    form = AktivitetAndraForm(request.POST or None, instance=a)
    if request.method == "POST" and form.is_valid():
        try:
            services.aktivitet_update(user=request.user, aktivitet=a, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Aktiviteten är ändrad."))
            return redirect(a)
    status = 400 if request.method == "POST" else 200
    return render(request, "verksamhet/andra.html", {"a": a, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ny(request):
    if not selectors.kan_skapa(request.user):
        raise PermissionDenied(_("Du kan inte lägga till aktiviteter."))
    form = AktivitetForm(request.POST or None, organ_ids=selectors.skapbara_organ_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            a = services.aktivitet_create(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            return redirect("verksamhet:registrera", pk=a.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "verksamhet/ny.html", {"form": form}, status=status)


@login_required
def foto(request, aktivitet_pk, pk):
    """A photo of an inspection: only to whoever may see the inspection, always as a
    download with its checked type."""
    svar = selectors.get_kontrollsvar_for_user(request.user, aktivitet_pk, pk)
    if not svar.foto:
        raise Http404("Kontrollsvaret har inget foto.")
    return FileResponse(
        svar.foto.open("rb"),
        as_attachment=True,
        filename=svar.foto_namn,
        content_type=svar.foto_typ,
    )


# --- The year's plan and the kinds of activity ---


@login_required
@require_http_methods(["GET", "POST"])
def plan(request):
    if not selectors.kan_planera(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen tar fram årsplaner."))
    form = PlanForm(request.POST or None, initial={"ar": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            antal = services.plan_create(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("%(n)s aktiviteter är inlagda i planen.") % {"n": antal})
            ar = form.cleaned_data["ar"]
            return redirect(f"{reverse('verksamhet:lista')}?fran={ar}-01-01&till={ar}-12-31")
    status = 400 if request.method == "POST" else 200
    return render(request, "verksamhet/plan.html", {"form": form}, status=status)


@login_required
def typer(request):
    _krav_intern(request.user)
    return render(
        request,
        "verksamhet/typer.html",
        {
            "typer": list(
                selectors.aktivitetstyper_visible_to(request.user).prefetch_related("omraden")
            ),
            "kan_andra": request.user.has_perm("verksamhet.change_aktivitetstyp"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def typ_andra(request, pk):
    if not request.user.has_perm("verksamhet.change_aktivitetstyp"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar aktivitetstyperna."))
    typ = selectors.get_aktivitetstyp_for_user(request.user, pk)
    form = AktivitetstypForm(request.POST or None, instance=typ)
    if request.method == "POST" and form.is_valid():
        omraden = form.cleaned_data["omraden"]
        try:
            services.aktivitetstyp_save(user=request.user, typ=form.instance, omraden=omraden)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Aktivitetstypen är sparad."))
            return redirect("verksamhet:typer")
    historik = list(typ.history.select_related("history_user").order_by("-history_date")[:20])
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "verksamhet/typ_andra.html",
        {"typ": typ, "form": form, "historik": historik},
        status=status,
    )


@login_required
def tackning(request):
    """Training coverage per unit, for the units of the bodies the user sees."""
    _krav_intern(request.user)
    enheter = Enhet.objects.filter(typ=Enhet.Typ.ENHET)
    if not request.user.has_perm("verksamhet.view_all_aktiviteter"):
        enheter = enheter.filter(organ_id__in=egna_organ_ids(request.user))
    omrade = Omrade.objects.filter(nummer=services.BRANDSKYDD).first()
    rader = selectors.utbildningstackning(enheter=enheter, omrade=omrade)
    return render(request, "verksamhet/tackning.html", {"rader": rader, "omrade": omrade})


# --- Premises ---


@login_required
def lokaler(request):
    _krav_intern(request.user)
    qs = (
        selectors.lokaler_visible_to(request.user)
        .select_related("agare", "brandskyddsansvarig")
        .order_by("namn")
    )
    sida = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    return render(
        request,
        "verksamhet/lokaler.html",
        {"sida": sida, "kan_andra": selectors.kan_andra_lokal(request.user)},
    )


@login_required
def lokal(request, pk):
    _krav_intern(request.user)
    lok = selectors.get_lokal_for_user(request.user, pk)
    idag = timezone.localdate()
    aktiviteter = list(
        selectors.aktiviteter_visible_to(request.user)
        .filter(lokal=lok, datum__year__gte=idag.year - 1)
        .select_related("typ", "ansvarig")
        .order_by("datum", "pk")[:PER_SIDA]
    )
    return render(
        request,
        "verksamhet/lokal.html",
        {
            "lokal": lok,
            "enheter": list(lok.enheter.select_related("organ")),
            "dokument": list(lok.dokument.select_related("styrdokument")),
            "aktiviteter": aktiviteter,
            "idag": idag,
            "kan_andra": selectors.kan_andra_lokal(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lokal_form(request, pk=None):
    if not selectors.kan_andra_lokal(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar lokalregistret."))
    lok = selectors.get_lokal_for_user(request.user, pk) if pk else None
    form = LokalForm(request.POST or None, instance=lok)
    if request.method == "POST" and form.is_valid():
        try:
            lok = services.lokal_save(user=request.user, lokal=lok, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Lokalen är sparad."))
            return redirect(lok)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "verksamhet/lokal_form.html", {"lokal": lok, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def lokal_dokument(request, pk):
    if not selectors.kan_andra_lokal(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen ändrar lokalregistret."))
    lok = selectors.get_lokal_for_user(request.user, pk)
    form = LokaldokumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lokaldokument_create(user=request.user, lokal=lok, **form.cleaned_data)
        except ValidationError as e:
            _fel(form, e)
        else:
            messages.success(request, _("Dokumentet är registrerat."))
            return redirect(lok)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "verksamhet/lokal_dokument.html", {"lokal": lok, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def lokal_import(request):
    if not request.user.has_perm("verksamhet.import_lokal"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen importerar lokaler."))
    form = ImportForm(request.POST or None, request.FILES or None)
    fel, status = [], 200
    if request.method == "POST" and form.is_valid():
        antal, fel = excel.importera(user=request.user, fil=form.cleaned_data["fil"])
        if not fel:
            messages.success(request, _("%(n)s lokaler är importerade.") % {"n": antal})
            return redirect("verksamhet:lokaler")
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request, "verksamhet/lokal_import.html", {"form": form, "fel": fel}, status=status
    )


@login_required
def lokal_importmall(request):
    if not request.user.has_perm("verksamhet.import_lokal"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen importerar lokaler."))
    resp = HttpResponse(excel.mall_bytes(), content_type=XLSX_TYP)
    resp["Content-Disposition"] = 'attachment; filename="mall-lokaler.xlsx"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
