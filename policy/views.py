"""The policy pages. Every logged-in user may read the policy; access to a body's page,
to drafts and to decisions is decided by the selectors and the services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib import versioner

from . import jamforelse, paneler, selectors, services
from .forms import (
    AnsvarFormSet,
    AvsnittFormSet,
    BeslutForm,
    JamforForm,
    MalFormSet,
    OmradesTextFormSet,
    StyrdokumentForm,
    UtkastForm,
)
from .models import Omrade, PolicyVersion


def _fel_till_formular(form, e: ValidationError):
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(e, "error_dict"):
        for falt, fel in e.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fel)
    else:
        form.add_error(None, e.messages)


def _visa_version(request, version, gallande):
    version = selectors.version_med_innehall(version)
    utkast = version.status == PolicyVersion.Status.UTKAST
    return render(
        request,
        "policy/index.html",
        {
            "version": version,
            "skal_i_sak": services.policyversion_andringstyp(version)[1] if utkast else [],
            "avvikelser": [
                t for t in version.omraden.all() if t.saknar_definition or t.rubrik_avviker
            ],
            "gallande": gallande,
            "kan_ta_fram_utkast": request.user.has_perm("policy.draft_policyversion"),
        },
    )


@login_required
def index(request):
    version = selectors.gallande_version()
    if version is None:
        return render(request, "policy/ingen_policy.html", status=404)
    return _visa_version(request, version, gallande=True)


@login_required
def version(request, nummer):
    v = selectors.get_policyversion_for_user(request.user, nummer)
    if v.status == PolicyVersion.Status.FASTSTALLD:
        return redirect("policy:index")
    return _visa_version(request, v, gallande=False)


@login_required
def omrade(request, slug):
    omr = get_object_or_404(Omrade, slug=slug)
    version = selectors.gallande_version()
    styrdokument = list(selectors.styrdokument_lista().filter(omrade=omr).order_by("nasta_oversyn"))
    return render(
        request,
        "policy/omrade.html",
        {
            "omrade": omr,
            "version": version,
            "text": selectors.omradestext(version, omr),
            "ansvar": version.ansvar.all() if version else [],
            "styrdokument": styrdokument,
            "agare": sorted({d.agare for d in styrdokument}, key=lambda o: o.namn),
            "idag": timezone.localdate(),
            "paneler": paneler.for_omrade(request.user, omr),
        },
    )


@login_required
def vart_ansvar_mitt(request):
    user = request.user
    organ = selectors.organ_visible_to(user)
    if selectors.ser_alla_organ(user):
        return render(request, "policy/organ_lista.html", {"organ": organ.order_by("typ", "namn")})
    eget = organ.first()
    if eget is None:
        raise PermissionDenied(_("Du hör inte till något organ som säkerhetspolicyn ger ansvar."))
    return redirect("policy:vart_ansvar", eget.slug)


@login_required
def vart_ansvar(request, slug):
    organ = selectors.get_organ_for_user(request.user, slug)
    return render(
        request,
        "policy/vart_ansvar.html",
        {
            "organ": organ,
            "ansvarsdel": _ansvarsdel(organ, request.user.has_perm("policy.change_styrdokument")),
            "paneler": paneler.for_organ(request.user, organ),
        },
    )


def _ansvarsdel(organ, kan_andra: bool) -> str:
    """The page's own part: the responsibilities the policy in force gives the body and its
    governing documents. The same for everyone who may open the page, so it is drawn once
    per body, language, day and whether the reader may change documents, and kept until
    the policy's data changes (selectors.VERSION; a write that bypasses save() and does
    not move the version on is seen within CACHE_SEKUNDER)."""
    idag = timezone.localdate()

    def rita():
        styrdokument = list(
            selectors.styrdokument_lista().filter(agare=organ).order_by("nasta_oversyn")
        )
        # Those due for review are the first of the body's documents (the same rule as
        # selectors.styrdokument_for_oversyn), picked from the list rather than asked for again.
        senast = selectors.oversyn_senast(idag)
        return render_to_string(
            "policy/_vart_ansvar_del.html",
            {
                "ansvar": selectors.gallande_ansvar_for(organ),
                "for_oversyn": [d for d in styrdokument if d.nasta_oversyn <= senast],
                "styrdokument": styrdokument,
                "idag": idag,
                "oversyn_dagar": settings.OVERSYN_DAGAR_FORE,
                "kan_andra": kan_andra,
            },
        )

    grund = ("vart_ansvar", organ.pk, get_language(), idag.isoformat(), kan_andra)
    return mark_safe(
        versioner.versionerad(selectors.VERSION, grund, rita, selectors.CACHE_SEKUNDER)
    )


@login_required
def historik(request):
    versioner = selectors.policyversioner_visible_to(request.user)
    return render(
        request,
        "policy/historik.html",
        {
            "versioner": versioner,
            "form": JamforForm(versioner=versioner),
            "kan_ta_fram_utkast": request.user.has_perm("policy.draft_policyversion"),
            "kan_besluta": request.user.has_perm("policy.record_policydecision"),
        },
    )


@login_required
def jamfor(request):
    form = JamforForm(
        request.GET or None, versioner=selectors.policyversioner_visible_to(request.user)
    )
    if not form.is_valid():
        return render(request, "policy/jamfor.html", {"form": form}, status=400)
    fran, till = form.cleaned_data["fran"], form.cleaned_data["till"]
    sektioner = jamforelse.jamfor(
        selectors.version_med_innehall(fran), selectors.version_med_innehall(till)
    )
    return render(
        request,
        "policy/jamfor.html",
        {"form": form, "fran": fran, "till": till, "sektioner": sektioner},
    )


@login_required
@require_POST
def utkast_ny(request):
    try:
        utkast = services.policyversion_draft(user=request.user)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return redirect("policy:historik")
    messages.success(
        request, _("Ett utkast till version %(nr)s är skapat.") % {"nr": utkast.versionsnummer}
    )
    return redirect("policy:utkast_redigera", utkast.versionsnummer)


def _hamta_utkast(request, nummer, kontroll):
    """The draft a page edits or decides, if the service's own check (`kontroll`) allows:
    403 without the right, whether or not the version exists; a version that is no longer a
    draft sends the person back to it with the service's message."""
    kontroll(user=request.user)
    v = selectors.get_policyversion_for_user(request.user, nummer)
    try:
        kontroll(user=request.user, version=v)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return v, redirect(v.get_absolute_url())
    return v, None


@login_required
def utkast_redigera(request, nummer):
    v, svar = _hamta_utkast(request, nummer, services.policyversion_check_update)
    if svar:
        return svar
    data = request.POST if request.method == "POST" else None
    form = UtkastForm(data, instance=v)
    sets = {
        "avsnitt": AvsnittFormSet(data, queryset=v.avsnitt.all(), prefix="avsnitt"),
        "mal": MalFormSet(data, queryset=v.mal.all(), prefix="mal"),
        "omraden": OmradesTextFormSet(
            data, queryset=v.omraden.select_related("omrade"), prefix="omraden"
        ),
        "ansvar": AnsvarFormSet(data, queryset=v.ansvar.all(), prefix="ansvar"),
    }
    if data is not None and form.is_valid() and all(s.is_valid() for s in sets.values()):
        andringar = {
            namn: {f.instance.pk: f.cleaned_data["text"] for f in sets[namn].forms}
            for namn in ("avsnitt", "mal", "ansvar")
        }
        andringar["omraden"] = {
            f.instance.pk: {k: f.cleaned_data[k] for k in ("listnamn", "rubrik", "definition")}
            for f in sets["omraden"].forms
        }
        try:
            services.policyversion_update(
                user=request.user, version=v, **form.cleaned_data, **andringar
            )
        except ValidationError as e:
            _fel_till_formular(form, e)
        else:
            messages.success(request, _("Utkastet är sparat."))
            skal = services.policyversion_andringstyp(v)[1]
            if skal:
                messages.info(
                    request,
                    _(
                        "Utkastet är en ändring i sak och beslutas av kommunfullmäktige, "
                        "eftersom det ändrar %(avsnitt)s."
                    )
                    % {"avsnitt": ", ".join(skal)},
                )
            return redirect(v.get_absolute_url())
    fel = data is not None
    return render(
        request,
        "policy/utkast_form.html",
        {
            "version": v,
            "form": form,
            "sets": sets,
            "harfel": fel,
            "skal": services.policyversion_andringstyp(v)[1],
        },
        status=400 if fel else 200,
    )


@login_required
def beslut(request, nummer):
    v, svar = _hamta_utkast(request, nummer, services.policyversion_check_adopt)
    if svar:
        return svar
    form = BeslutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.policyversion_adopt(user=request.user, version=v, **form.cleaned_data)
        except ValidationError as e:
            _fel_till_formular(form, e)
        else:
            messages.success(
                request, _("Version %(nr)s är fastställd och gäller nu.") % {"nr": v.versionsnummer}
            )
            return redirect("policy:index")
    andringstyp, skal = services.policyversion_andringstyp(v)
    return render(
        request,
        "policy/beslut.html",
        {
            "version": v,
            "form": form,
            "skal": skal,
            "andringstyp_text": dict(PolicyVersion.Andringstyp.choices).get(andringstyp, ""),
            "beslutande": services.beslutande_organ_for(andringstyp),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def styrdokument_lista(request):
    idag = timezone.localdate()
    forsenade = request.GET.get("forsenade") == "1"
    dokument = selectors.styrdokument_lista()
    if forsenade:
        dokument = dokument.filter(nasta_oversyn__lt=idag)
    return render(
        request,
        "policy/styrdokument_lista.html",
        {
            "styrdokument": dokument,
            "forsenade": forsenade,
            "idag": idag,
            "kan_lagga_till": request.user.has_perm("policy.add_styrdokument"),
            "kan_andra": request.user.has_perm("policy.change_styrdokument"),
        },
    )


@login_required
def styrdokument_ny(request):
    if not request.user.has_perm("policy.add_styrdokument"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen kan registrera styrdokument."))
    form = StyrdokumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dok = services.styrdokument_create(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _fel_till_formular(form, e)
        else:
            messages.success(
                request, _("Styrdokumentet ”%(titel)s” är registrerat.") % {"titel": dok.titel}
            )
            return redirect("policy:styrdokument")
    return render(
        request,
        "policy/styrdokument_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def styrdokument_andra(request, pk):
    if not request.user.has_perm("policy.change_styrdokument"):
        raise PermissionDenied(_("Bara Säkerhetsavdelningen kan ändra styrdokument."))
    dok = get_object_or_404(selectors.styrdokument_lista(), pk=pk)
    form = StyrdokumentForm(request.POST or None, instance=dok)
    if request.method == "POST" and form.is_valid():
        try:
            services.styrdokument_update(user=request.user, styrdokument=dok, **form.cleaned_data)
        except ValidationError as e:
            _fel_till_formular(form, e)
        else:
            messages.success(request, _("Styrdokumentet är ändrat."))
            return redirect("policy:styrdokument")
    return render(
        request,
        "policy/styrdokument_form.html",
        {"form": form, "dok": dok},
        status=400 if request.method == "POST" else 200,
    )
