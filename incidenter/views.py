"""Reporting an incident, and handling it from report to lessons learned."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from lib.uploads import safe_name
from policy import paneler
from policy.models import PolicyVersion, User

from . import selectors, services
from .forms import (
    BehorighetForm,
    BilagaForm,
    KommentarForm,
    OvergangForm,
    PliktForm,
    RapportForm,
    SakerhetsskyddForm,
    TriageForm,
    UtredningForm,
)
from .models import Atkomstlogg, HistoricalIncident, Incident, Kategori, Rapporteringsplikt

# Reporting is for people, not scripts: 20 reports in 10 minutes is far beyond any real use.
RAPPORT_GRANS = {"key": "user_or_ip", "rate": "20/10m", "method": "POST"}


def _krav_rapportera(user):
    if not user.has_perm("incidenter.add_incident"):
        raise PermissionDenied(_("Du har inte behörighet att rapportera incidenter."))


def _omradestexter():
    version = PolicyVersion.objects.gallande().first()
    if version is None:
        return []
    return version.omraden.select_related("omrade").order_by("ordning")


@login_required
@ratelimit(**RAPPORT_GRANS)
def rapportera(request):
    _krav_rapportera(request.user)
    form = RapportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        filer = data.pop("bilagor")
        try:
            incident = services.incident_create(user=request.user, filer=filer, **data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            _ej_sparade(request, incident.ej_sparade_bilagor)
            return redirect("incidenter:kvitto", incident.referens)
    status = 400 if form.is_bound else 200
    ctx = {"form": form, "omradestexter": _omradestexter()}
    return render(request, "incidenter/rapportera.html", ctx, status=status)


def _ej_sparade(request, namn: list[str]) -> None:
    if namn:
        messages.warning(
            request,
            _(
                "Rapporten är sparad, men bilagan %(namn)s kunde inte sparas just nu (lagringen "
                "är full eller otillgänglig). Lägg till den senare från rapportens sida under "
                "Mina rapporter."
            )
            % {"namn": ", ".join(namn)},
        )


@login_required
@require_POST
def bilaga_ny(request, referens):
    incident = selectors.get_incident_for_user(request.user, referens)
    if not selectors.can_add_attachment(request.user, incident):
        raise PermissionDenied(_("Du kan inte lägga till bilagor till den här incidenten."))
    form = BilagaForm(request.POST, request.FILES)
    if not form.is_valid():
        fel = " ".join(m for msgs in form.errors.values() for m in msgs)
        return render(request, "400.html", {"meddelande": fel}, status=400)
    ej_sparade = []
    for fil in form.cleaned_data["bilagor"]:
        try:
            services.bilaga_add(incident=incident, user=request.user, fil=fil)
        except OSError:
            ej_sparade.append(safe_name(fil.name))
    if ej_sparade:
        messages.error(
            request,
            _("Bilagan %(namn)s kunde inte sparas just nu. Försök igen senare.")
            % {"namn": ", ".join(ej_sparade)},
        )
    else:
        messages.success(request, _("Bilagorna är sparade."))
    return redirect(incident)


@login_required
@ratelimit(**RAPPORT_GRANS)
def rapportera_sakerhetsskydd(request):
    _krav_rapportera(request.user)
    form = SakerhetsskyddForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("bekraftelse")
        kategori = Kategori.objects.filter(ar_sakerhetsskydd=True, aktiv=True).first()
        # Whatever else the page sent goes to the service, which refuses it
        # (services.sakerhetsskydd_check).
        fritext = {k: request.POST.get(k, "") for k in services.SAKERHETSSKYDD_FORBJUDNA}
        try:
            incident = services.incident_create(
                user=request.user,
                kategori=kategori,
                filer=list(request.FILES.values()),
                **fritext,
                **data,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return redirect("incidenter:kvitto", incident.referens)
    status = 400 if form.is_bound else 200
    return render(
        request, "incidenter/rapportera_sakerhetsskydd.html", {"form": form}, status=status
    )


@login_required
def kvitto(request, referens):
    incident = selectors.get_incident_for_user(request.user, referens)
    if incident.rapportor_id != request.user.pk:
        return redirect(incident)
    return render(request, "incidenter/kvitto.html", {"incident": incident})


@login_required
def mina(request):
    qs = (
        Incident.objects.filter(rapportor=request.user)
        .select_related("omrade", "kategori", "enhet")
        .order_by("-rapporterad", "-pk")
    )
    sida = Paginator(qs, 25).get_page(request.GET.get("sida"))
    return render(request, "incidenter/mina.html", {"sida": sida})


@login_required
def detalj(request, referens):
    user = request.user
    incident = selectors.get_incident_detail_for_user(user, referens)
    services.atkomst_log(user=user, incident=incident, handling=Atkomstlogg.Handling.VISNING)
    hantera = selectors.kan_hantera(user, incident)
    # A list is asked for only when the incident has rows in it (har_*).
    plikter = list(incident.plikter.select_related("typ")) if incident.har_plikter else []
    ctx = {
        "incident": incident,
        "nu": timezone.now(),
        "hantera": hantera,
        "triage": selectors.can_triage(user, incident),
        "overgangar": services.tillatna_overgangar(user, incident),
        "bilagor": incident.bilagor.all() if incident.har_bilagor else [],
        "bilagaform": BilagaForm() if selectors.can_add_attachment(user, incident) else None,
        "plikter": [(p, p.deadline(plikter)) for p in plikter],
        # Other apps' parts (a system holding personal data prompts to consider a
        # personuppgiftsincident): policy.paneler, so incidenter imports none of them.
        "paneler": paneler.for_incident(user, incident),
    }
    hantering = _hantering(incident) if hantera else {}
    _med_personer(incident, hantering)
    ctx.update(hantering)
    if user.has_perm("incidenter.grant_incident_access") and incident.ar_skyddad:
        ctx["behorighetform"] = BehorighetForm()
        ctx["behoriga"] = incident.incidentuserobjectpermission_set.select_related("user")
    return render(request, "incidenter/detalj.html", ctx)


def _hantering(incident) -> dict:
    """What only those who handle the incident see: its åtgärder and risks, the timeline,
    the change history, and the forms for cause and lessons and for a comment."""
    return {
        "atgarder": (
            list(incident.atgarder.select_related("organ")) if incident.har_atgarder else []
        ),
        "risker": (
            incident.risker.select_related("riskanalys__organ") if incident.har_risker else []
        ),
        "handelser": list(incident.handelser.all()),
        # The historical model asked directly: `incident.history` builds a new manager
        # class on every access (~0.2 ms), for the same query.
        "historik": list(
            HistoricalIncident.objects.filter(id=incident.pk).only(
                "history_date", "history_type", "history_user"
            )[:50]
        ),
        "kommentarform": KommentarForm(),
        "utredningform": UtredningForm(
            initial={"orsak": incident.orsak, "lardomar": incident.lardomar}
        ),
    }


def _med_personer(incident, hantering: dict) -> None:
    """Everyone the detail page names (the reporter, the handler, who is responsible for each
    åtgärd, who wrote each timeline entry and who made each change) read in one query: a join
    to the user table in each of the four queries cost the database more to plan than this
    one query costs."""
    namngivna = [(incident, "rapportor"), (incident, "handlaggare")]
    namngivna += [(a, "ansvarig") for a in hantering.get("atgarder", [])]
    namngivna += [(h, "anvandare") for h in hantering.get("handelser", [])]
    namngivna += [(h, "history_user") for h in hantering.get("historik", [])]
    ids = {getattr(rad, f"{falt}_id") for rad, falt in namngivna} - {None}
    personer = User.objects.in_bulk(ids)
    for rad, falt in namngivna:
        setattr(rad, falt, personer.get(getattr(rad, f"{falt}_id")))


def _handling(request, referens, gor):
    """Run one handling action on a visible incident; Swedish message either way."""
    incident = selectors.get_incident_for_user(request.user, referens)
    try:
        meddelande = gor(incident)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    else:
        messages.success(request, meddelande)
    return redirect(incident)


@login_required
@require_POST
def overgang(request, referens, namn):
    form = OvergangForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""

    def gor(incident):
        services.incident_transition(user=request.user, incident=incident, overgang=namn, text=text)
        return _("Status ändrad till %(status)s.") % {
            "status": incident.get_status_display().lower()
        }

    return _handling(request, referens, gor)


@login_required
@require_POST
def kommentar(request, referens):
    form = KommentarForm(request.POST)

    def gor(incident):
        if not form.is_valid():
            raise ValidationError(_("Skriv en kommentar (högst 5 000 tecken)."))
        services.incident_comment(
            user=request.user, incident=incident, text=form.cleaned_data["text"]
        )
        return _("Kommentaren är sparad.")

    return _handling(request, referens, gor)


@login_required
@require_POST
def utredning(request, referens):
    form = UtredningForm(request.POST)

    def gor(incident):
        if not form.is_valid():
            raise ValidationError(_("Orsak och lärdomar får vara högst 10 000 tecken."))
        services.incident_investigate(user=request.user, incident=incident, **form.cleaned_data)
        return _("Orsak och lärdomar är sparade.")

    return _handling(request, referens, gor)


@login_required
def klassning(request, referens):
    incident = selectors.get_incident_for_user(request.user, referens)
    if not selectors.can_triage(request.user, incident):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen klassar incidenter."))
    # The form validates on a copy: the service, not the form, changes the incident.
    form = TriageForm(request.POST or None, instance=Incident.objects.get(pk=incident.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_triage(user=request.user, incident=incident, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Klassningen är sparad."))
            return redirect(incident)
    status = 400 if form.is_bound else 200
    return render(
        request, "incidenter/klassning.html", {"incident": incident, "form": form}, status=status
    )


@login_required
@require_POST
def plikt(request, referens, pk):
    form = PliktForm(request.POST)

    def gor(incident):
        plikt = get_object_or_404(
            Rapporteringsplikt.objects.select_related("typ"), pk=pk, incident=incident
        )
        if not form.is_valid():
            raise ValidationError(_("Ange en giltig tidpunkt för rapporteringen."))
        plikt.incident = incident
        services.plikt_fulfil(user=request.user, plikt=plikt, **form.cleaned_data)
        return _("Rapporteringen är registrerad.")

    return _handling(request, referens, gor)


@login_required
@require_POST
def behorighet(request, referens):
    form = BehorighetForm(request.POST)

    def gor(incident):
        if not form.is_valid():
            raise ValidationError(_("Välj en person."))
        services.incident_grant_access(
            user=request.user,
            incident=incident,
            mottagare=form.cleaned_data["anvandare"],
            ge=form.cleaned_data["ge"],
        )
        return _("Behörigheten är ändrad.")

    return _handling(request, referens, gor)


@login_required
def bilaga(request, referens, pk):
    incident = selectors.get_incident_for_user(request.user, referens)
    bilaga = get_object_or_404(incident.bilagor, pk=pk)
    services.atkomst_log(
        user=request.user,
        incident=incident,
        handling=Atkomstlogg.Handling.BILAGA,
        detalj=bilaga.filnamn,
    )
    try:
        fil = bilaga.fil.open("rb")
    except OSError:
        # The row is there, the file is not (not yet moved into place, or lost).
        return render(
            request,
            "fil_saknas.html",
            {"filnamn": bilaga.filnamn, "tillbaka": incident.get_absolute_url()},
            status=404,
        )
    # Always a download with the checked type: never rendered inline by the browser.
    return FileResponse(
        fil,
        as_attachment=True,
        filename=bilaga.filnamn,
        content_type=bilaga.innehallstyp,
    )
