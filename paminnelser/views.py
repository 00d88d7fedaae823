from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import ArshjulspunktForm, InstallningForm
from .models import Arshjulspunkt


def _sida(request, nummer):
    page = Paginator(selectors.notiser_for(request.user), 25).get_page(nummer)
    page.object_list = selectors.med_incidentatkomst(request.user, page.object_list)
    return page


@login_required
def lista(request):
    page = _sida(request, request.GET.get("sida"))
    form = InstallningForm(initial={"leverans": services.leverans_for(request.user)})
    return render(request, "paminnelser/lista.html", {"page": page, "form": form})


@login_required
def oppna(request, pk: int):
    notis = selectors.get_notis_for_user(request.user, pk)
    services.notis_mark_read(notis=notis)
    if url_has_allowed_host_and_scheme(notis.lank, allowed_hosts={request.get_host()}):
        return redirect(notis.lank)
    return redirect("paminnelser:lista")


@login_required
@require_POST
def markera_alla(request):
    antal = services.notiser_mark_all_read(user=request.user)
    if antal:
        messages.success(request, _("Alla påminnelser är markerade som lästa."))
    return redirect("paminnelser:lista")


@login_required
@require_POST
def installningar(request):
    form = InstallningForm(request.POST)
    if not form.is_valid():
        page = _sida(request, 1)
        return render(request, "paminnelser/lista.html", {"page": page, "form": form}, status=400)
    services.installning_update(user=request.user, leverans=form.cleaned_data["leverans"])
    messages.success(request, _("Ditt val för e-post är sparat."))
    return redirect("paminnelser:lista")


@login_required
def arshjul(request):
    if request.user.ar_extern:
        raise PermissionDenied
    punkter = Arshjulspunkt.objects.select_related("organ")
    return render(
        request,
        "paminnelser/arshjul.html",
        {"punkter": punkter, "kan_redigera": services.kan_redigera_arshjul(request.user)},
    )


@login_required
def arshjul_punkt(request, pk: int | None = None):
    """Create (no pk) or change a date in årshjulet."""
    if not services.kan_redigera_arshjul(request.user):
        raise PermissionDenied
    punkt = get_object_or_404(Arshjulspunkt, pk=pk) if pk else Arshjulspunkt()
    form = ArshjulspunktForm(request.POST or None, instance=punkt)
    if request.method == "POST" and form.is_valid():
        services.arshjulspunkt_save(user=request.user, punkt=form.instance)
        messages.success(request, _("Årshjulet är sparat."))
        return redirect("paminnelser:arshjul")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "paminnelser/arshjul_punkt.html", {"form": form, "punkt": punkt}, status=status
    )
