from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import andringar, excel, levels, selectors, services
from .forms import (
    AcceptansForm,
    AtgardForm,
    AtgardStatusForm,
    ImportForm,
    KopplaRiskForm,
    RiskanalysForm,
    RiskForm,
)
from .models import Risk, Riskanalys
from .register import RegisterFilter, cachad, register_queryset
from .register import matris as matrisrader


def _krav_intern(user):
    """External parties have no part in the risk register."""
    if user.ar_extern:
        raise PermissionDenied(_("Riskregistret är inte tillgängligt för externa parter."))


def _fel(request, e: ValidationError):
    for m in e.messages:
        messages.error(request, m)


def _filter(request):
    """The register's filter form and its cleaned data (None: the filter is invalid)."""
    _krav_intern(request.user)
    form = RegisterFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.cleaned_data if form.is_bound else {}


# What a row of the register's table shows: the rest of a risk (its texts, the other
# consequence dimensions) and of its analysis is neither read nor turned into objects.
REGISTER_RAD = [
    "titel",
    "andring",
    "accepterad",
    "niva",
    "sannolikhet",
    "konsekvens",
    "kons_liv_halsa",
    "poang",
    "organ__namn",
    "organ__kortnamn",
    "omrade__namn",
    "riskanalys__titel",
    "riskanalys__status",
]


@login_required
def register(request):
    form, data = _filter(request)
    if data is None:
        innehall = render_to_string("risker/_register_innehall.html", {"form": form})
        return render(request, "risker/register.html", {"innehall": innehall}, status=400)

    def rendera():
        qs = register_queryset(request.user, data).only(*REGISTER_RAD)
        sida = Paginator(qs, 25).get_page(request.GET.get("sida"))
        params = request.GET.copy()
        params.pop("sida", None)
        return render_to_string(
            "risker/_register_innehall.html",
            {"form": form, "sida": sida, "params": params.urlencode()},
        )

    innehall = cachad(request.user, "register", request.GET.urlencode(), rendera)
    return render(request, "risker/register.html", {"innehall": innehall})


@login_required
def export(request):
    form, data = _filter(request)
    if data is None:
        return HttpResponse(
            _("Ogiltigt filter."), status=400, content_type="text/plain; charset=utf-8"
        )
    return excel.export_response(register_queryset(request.user, data), request.GET.get("format"))


@login_required
def matris(request):
    form, data = _filter(request)
    if data is None:
        innehall = render_to_string("risker/_matris_innehall.html", {"form": form})
        return render(request, "risker/matris.html", {"innehall": innehall}, status=400)
    # Checked on every request, cached or not: a hidden analysis is a 404.
    analys = (
        selectors.get_riskanalys_for_user(request.user, data["analys"])
        if data.get("analys")
        else None
    )

    def rendera():
        params = request.GET.copy()
        for nyckel in ("sannolikhet", "konsekvens", "sida"):
            params.pop(nyckel, None)
        qs = register_queryset(request.user, data, med_cell=False)
        return render_to_string(
            "risker/_matris_innehall.html",
            {
                "form": form,
                "rader": matrisrader(qs),
                "params": params.urlencode(),
                "analys": analys,
                "konsekvenser": range(1, 6),
            },
        )

    innehall = cachad(request.user, "matris", request.GET.urlencode(), rendera)
    return render(request, "risker/matris.html", {"innehall": innehall})


@login_required
def nivaregel(request):
    _krav_intern(request.user)
    return render(
        request,
        "risker/nivaregel.html",
        {
            "intervall": levels.intervall(),
            "grans": levels.LIV_HALSA_GRANS,
            "minsta": levels.LIV_HALSA_MINSTA,
        },
    )


@login_required
def analyser(request):
    _krav_intern(request.user)
    qs = (
        selectors.riskanalyser_visible_to(request.user)
        .select_related("organ", "enhet")
        .annotate(antal_risker=Count("risker", distinct=True))
        .order_by("organ__namn", "-period_till", "-pk")
    )
    sida = Paginator(qs, 25).get_page(request.GET.get("sida"))
    return render(
        request,
        "risker/analyser.html",
        {"sida": sida, "kan_skapa": selectors.kan_skapa_analys(request.user)},
    )


@login_required
def analys(request, pk):
    _krav_intern(request.user)
    a = selectors.get_riskanalys_for_user(request.user, pk)
    revisioner = list(selectors.riskanalyser_visible_to(request.user).filter(revision_av=a))
    risker = list(
        a.risker.select_related("omrade", "enhet", "accepterad_av")
        .prefetch_related("atgarder__ansvarig", "atgarder__organ", "incidenter", "kommentarer")
        .order_by(*levels.ORDNING)
    )
    return render(
        request,
        "risker/analys.html",
        {
            "analys": a,
            "risker": risker,
            "omraden": a.omraden.all(),
            "kommentarer": a.kommentarer.filter(risk__isnull=True).select_related("forfattare"),
            "kan_redigera": selectors.kan_redigera(request.user, a),
            "kan_lamna_in": selectors.kan_lamna_in(request.user, a),
            "kan_granska": selectors.kan_granska(request.user)
            and a.status in (Riskanalys.Status.INLAMNAD, Riskanalys.Status.UNDER_GRANSKNING),
            "kan_folja_upp": selectors.kan_folja_upp(request.user, a),
            "revisioner": revisioner,
            "kan_revidera": a.status == Riskanalys.Status.GODKAND
            and a.organ_id in selectors.redigerbara_organ_ids(request.user)
            and all(r.status == Riskanalys.Status.GODKAND for r in revisioner),
            "idag": timezone.localdate(),
            "rsa_disposition": RSA_DISPOSITION if a.ar_rsa else None,
            "nasta_rsa_steg": _nasta_rsa_steg(request.user, a),
            "obehandlade": []
            if a.status == Riskanalys.Status.GODKAND
            else list(a.obehandlade_hoga_risker()),
        },
    )


def _nasta_rsa_steg(user, a):
    """The next step of the RSA's decision chain, if this user may record it now."""
    if not (a.ar_rsa and a.status == Riskanalys.Status.GODKAND):
        return None
    if not (user.ar_sakerhetsfunktion or user.ar_kommunledning):
        return None
    steg = list(Riskanalys.RsaSteg)
    nu = steg.index(Riskanalys.RsaSteg(a.rsa_steg or Riskanalys.RsaSteg.UTKAST))
    return steg[nu + 1] if nu + 1 < len(steg) else None


# The fixed outline of the RSA report (MSBFS 2015:5).
RSA_DISPOSITION = [
    "Beskrivning av kommunen och det geografiska området",
    "Arbetsprocess och metod",
    "Samhällsviktig verksamhet",
    "Kritiska beroenden",
    "Identifierade och analyserade risker",
    "Sårbarheter och brister i krisberedskapen",
    "Åtgärdsbehov",
]


@login_required
def analys_ny(request):
    _krav_intern(request.user)
    organ_ids = selectors.redigerbara_organ_ids(request.user)
    if not organ_ids:
        raise PermissionDenied(_("Du kan inte upprätta riskanalyser."))
    form = RiskanalysForm(request.POST or None, organ_ids=organ_ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = services.riskanalys_create(user=request.user, **{k: d[k] for k in form.fields})
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Riskanalysen är skapad som utkast."))
            return redirect(a)
    return render(request, "risker/analys_form.html", {"form": form})


@login_required
def analys_andra(request, pk):
    a = selectors.get_riskanalys_for_user(request.user, pk)
    if not selectors.kan_redigera(request.user, a):
        raise PermissionDenied(_("Riskanalysen kan inte ändras av dig i sin nuvarande status."))
    form = RiskanalysForm(request.POST or None, instance=a, organ_ids=[a.organ_id])
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        omraden = d.pop("omraden")
        try:
            services.riskanalys_update(user=request.user, riskanalys=a, omraden=omraden, **d)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(a)
    return render(request, "risker/analys_form.html", {"form": form, "analys": a})


def _analys_action(request, pk, service, meddelande, **kwargs):
    a = selectors.get_riskanalys_for_user(request.user, pk)
    try:
        ny = service(user=request.user, riskanalys=a, **kwargs)
    except ValidationError as e:
        _fel(request, e)
        return redirect(a)
    messages.success(request, meddelande)
    return redirect(ny)


@login_required
@require_POST
def lamna_in(request, pk):
    return _analys_action(
        request, pk, services.riskanalys_submit, _("Riskanalysen är inlämnad för granskning.")
    )


@login_required
@require_POST
def starta_granskning(request, pk):
    return _analys_action(
        request, pk, services.riskanalys_start_review, _("Granskningen är påbörjad.")
    )


@login_required
@require_POST
def godkann(request, pk):
    return _analys_action(request, pk, services.riskanalys_approve, _("Riskanalysen är godkänd."))


@login_required
@require_POST
def ny_revision(request, pk):
    return _analys_action(
        request, pk, services.riskanalys_new_revision, _("En ny revision är skapad som utkast.")
    )


@login_required
@require_POST
def rsa_steg(request, pk):
    return _analys_action(
        request,
        pk,
        services.riskanalys_set_rsa_steg,
        _("Beslutsgången är uppdaterad."),
        steg=request.POST.get("steg", ""),
    )


@login_required
def granskning(request):
    if not selectors.kan_granska(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen granskar riskanalyser."))
    ko = (
        selectors.riskanalyser_visible_to(request.user)
        .filter(status__in=[Riskanalys.Status.INLAMNAD, Riskanalys.Status.UNDER_GRANSKNING])
        .select_related("organ", "granskare", "revision_av")
        .annotate(
            antal_risker=Count("risker", distinct=True),
            antal_nya=Count("risker", filter=Q(risker__andring="ny"), distinct=True),
            antal_andrade=Count("risker", filter=Q(risker__andring="andrad"), distinct=True),
        )
        .order_by("inlamnad", "pk")
    )
    return render(request, "risker/granskning.html", {"ko": ko})


@login_required
def granska(request, pk):
    """The review page: what changed, and a comment box per risk for sending it back."""
    a = selectors.get_riskanalys_for_user(request.user, pk)
    if not selectors.kan_granska(request.user):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen granskar riskanalyser."))
    risker = list(a.risker.select_related("omrade").order_by(*levels.ORDNING))
    status = 200
    if request.method == "POST":
        kommentarer = {r.pk: request.POST.get(f"kommentar_{r.pk}", "") for r in risker}
        try:
            services.riskanalys_return(
                user=request.user,
                riskanalys=a,
                kommentarer=kommentarer,
                overgripande=request.POST.get("overgripande", ""),
            )
        except ValidationError as e:
            _fel(request, e)
            status = 400
        else:
            messages.success(request, _("Riskanalysen är skickad tillbaka för komplettering."))
            return redirect(a)
    return render(
        request,
        "risker/granska.html",
        {
            "analys": a,
            "risker": risker,
            "tidigare_kommentarer": a.kommentarer.select_related("risk", "forfattare"),
            "andringar": andringar.andringar(a),
            "kan_granska": a.status
            in (Riskanalys.Status.INLAMNAD, Riskanalys.Status.UNDER_GRANSKNING),
            "obehandlade": list(a.obehandlade_hoga_risker()),
        },
        status=status,
    )


@login_required
def risk(request, pk):
    _krav_intern(request.user)
    r = selectors.get_risk_for_user(request.user, pk)
    atgarder = list(r.atgarder.select_related("ansvarig", "organ"))
    for a in atgarder:
        a.kan_andra_status = services.kan_andra_atgard(request.user, a)
    kan_folja_upp = selectors.kan_folja_upp(request.user, r.riskanalys)
    return render(
        request,
        "risker/risk.html",
        {
            "risk": r,
            "analys": r.riskanalys,
            "atgarder": atgarder,
            "kan_andra_status": any(a.kan_andra_status for a in atgarder),
            "incidenter": selectors.incidenter_for_risk(request.user, r),
            "kommentarer": r.kommentarer.select_related("forfattare"),
            "historik": r.history.select_related("history_user").order_by("-history_date")[:20],
            "etiketter": r.skala.etiketter(),
            "kan_redigera": selectors.kan_redigera(request.user, r.riskanalys),
            "kan_folja_upp": kan_folja_upp,
            "kan_acceptera": selectors.kan_acceptera(request.user, r),
            "statusform": AtgardStatusForm(),
            "idag": timezone.localdate(),
        },
    )


def _risk_form(request, a, r=None):
    if not selectors.kan_redigera(request.user, a):
        raise PermissionDenied(_("Riskanalysen kan inte ändras av dig i sin nuvarande status."))
    # The form works on its own copy: a ModelForm writes the input onto its instance while
    # validating, and the service must compare the stored assessment with the new one.
    kopia = Risk.objects.get(pk=r.pk) if r is not None else None
    form = RiskForm(request.POST or None, instance=kopia, riskanalys=a)
    if request.method == "POST" and form.is_valid():
        try:
            if r is None:
                r = services.risk_create(user=request.user, riskanalys=a, **form.cleaned_data)
            else:
                services.risk_update(user=request.user, risk=r, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Risken är sparad."))
            return redirect(r)
    return render(request, "risker/risk_form.html", {"form": form, "analys": a, "risk": r})


@login_required
def risk_ny(request, pk):
    return _risk_form(request, selectors.get_riskanalys_for_user(request.user, pk))


@login_required
def risk_andra(request, pk):
    r = selectors.get_risk_for_user(request.user, pk)
    return _risk_form(request, r.riskanalys, r)


@login_required
@require_POST
def risk_ta_bort(request, pk):
    r = selectors.get_risk_for_user(request.user, pk)
    a = r.riskanalys
    services.risk_delete(user=request.user, risk=r)
    messages.success(request, _("Risken är borttagen."))
    return redirect(a)


@login_required
def acceptera(request, pk):
    r = selectors.get_risk_for_user(request.user, pk)
    if not selectors.kan_acceptera(request.user, r):
        raise PermissionDenied(
            _("Bara det ägande organets nämndföreträdare kan acceptera en risk.")
        )
    form = AcceptansForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_accept(
                user=request.user, risk=r, motivering=form.cleaned_data["motivering"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Restrisken är accepterad."))
            return redirect(r)
    return render(request, "risker/acceptera.html", {"form": form, "risk": r})


@login_required
def atgard_ny(request, pk):
    r = selectors.get_risk_for_user(request.user, pk)
    services.atgard_check_create(user=request.user, risk=r)
    form = AtgardForm(request.POST or None, organ_id=r.organ_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.atgard_create(user=request.user, risk=r, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Åtgärden är sparad."))
            return redirect(r)
    return render(request, "risker/atgard_form.html", {"form": form, "risk": r})


@login_required
def atgard(request, pk):
    """The åtgärd's own page: what it is, who answers for it, when it is due. The risk or
    incident it treats is linked only for those who may see it."""
    a = selectors.get_atgard_for_user(request.user, pk)
    if a.risk_id:
        mal = selectors.risker_visible_to(request.user).filter(pk=a.risk_id).first()
    elif a.aktivitet_id:
        from verksamhet.selectors import aktiviteter_visible_to

        mal = aktiviteter_visible_to(request.user).filter(pk=a.aktivitet_id).first()
    else:
        from incidenter.selectors import incidents_visible_to

        mal = incidents_visible_to(request.user).filter(pk=a.incident_id).first()
    return render(
        request,
        "risker/atgard.html",
        {
            "atgard": a,
            "mal": mal,
            "kan_andra_status": services.kan_andra_atgard(request.user, a),
            "statusform": AtgardStatusForm(initial={"status": a.status}),
            "idag": timezone.localdate(),
        },
    )


@login_required
@require_POST
def atgard_status(request, pk):
    atgard = get_object_or_404(
        selectors.atgarder_visible_to(request.user).select_related(
            "risk__riskanalys", "incident", "aktivitet"
        ),
        pk=pk,
    )
    form = AtgardStatusForm(request.POST)
    # The åtgärd's own page: its responsible person may not see the risk or incident.
    mal = atgard.get_absolute_url()
    if not form.is_valid():
        # Nothing is saved: a bad status or a "nasta" that is not a page of this site.
        for fel in form.errors.values():
            for m in fel:
                messages.error(request, m)
        return render(request, "400.html", status=400)
    try:
        services.atgard_set_status(
            user=request.user, atgard=atgard, status=form.cleaned_data["status"]
        )
    except ValidationError as e:
        _fel(request, e)
    else:
        messages.success(request, _("Åtgärdens status är ändrad."))
    # A path, never reversed as a URL name: nothing after the save can fail.
    return HttpResponseRedirect(form.cleaned_data["nasta"] or mal)


@login_required
def importera(request, pk):
    a = selectors.get_riskanalys_for_user(request.user, pk)
    if not selectors.kan_redigera(request.user, a):
        raise PermissionDenied(_("Import kan bara göras till ett utkast som du får ändra."))
    form = ImportForm(request.POST or None, request.FILES or None)
    fel, status = [], 200
    if request.method == "POST" and form.is_valid():
        antal, fel = excel.importera(user=request.user, riskanalys=a, fil=form.cleaned_data["fil"])
        if not fel:
            messages.success(request, _("%(n)s risker är importerade.") % {"n": antal})
            return redirect(a)
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request, "risker/import.html", {"form": form, "analys": a, "fel": fel}, status=status
    )


@login_required
def importmall(request):
    _krav_intern(request.user)
    resp = HttpResponse(
        excel.mall_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = 'attachment; filename="mall-riskregister.xlsx"'
    return resp


# --- Incidents: treatments of an incident and the risks it realised ---
# They live here because risker depends on incidenter, never the other way round.


def _hanterad_incident(request, referens):
    from incidenter.selectors import get_incident_for_user, kan_hantera

    incident = get_incident_for_user(request.user, referens)
    if not kan_hantera(request.user, incident):
        raise PermissionDenied(_("Bara den som hanterar incidenten kan göra detta."))
    return incident


@login_required
def incident_atgard_ny(request, referens):
    from incidenter.selectors import get_incident_for_user

    incident = get_incident_for_user(request.user, referens)
    services.atgard_check_create(user=request.user, incident=incident)
    form = AtgardForm(request.POST or None, organ_id=incident.enhet.organ_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.atgard_create(user=request.user, incident=incident, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Åtgärden är sparad."))
            return redirect(incident)
    status = 400 if form.is_bound else 200
    return render(
        request, "risker/atgard_form.html", {"form": form, "incident": incident}, status=status
    )


@login_required
def incident_koppla(request, referens):
    """Link an incident to a risk in the register it realised (or remove the link)."""
    incident = _hanterad_incident(request, referens)
    form = KopplaRiskForm(request.POST or None, risker=selectors.risker_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        risk = form.cleaned_data["risk"]
        try:
            if form.cleaned_data["ta_bort"]:
                services.risk_unlink_incident(user=request.user, risk=risk, incident=incident)
            else:
                services.risk_link_incident(user=request.user, risk=risk, incident=incident)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Kopplingen är sparad."))
            return redirect(incident)
    status = 400 if form.is_bound else 200
    return render(
        request, "risker/incident_koppla.html", {"form": form, "incident": incident}, status=status
    )
