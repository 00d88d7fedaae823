import logging

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from lib.ratelimit import client_ip, too_many_requests

from . import selectors, services
from .forms import AktiveraForm, KodForm, RollerForm
from .middleware import LOSENORD_SESSION_KEY
from .roller import far_tilldela_roller
from .tvafaktor import bekraftad_enhet, hemlighet_text, roll_kraver_tvafaktor

logger = logging.getLogger("konton.sakerhet")


def _anvandarnamn(request) -> str:
    return str(request.POST.get("username", ""))[:150].casefold()


def _adress_och_namn(group, request) -> str:
    return f"{client_ip(request)}:{_anvandarnamn(request)}"


def logga_in(request):
    """Django's login page behind a rate limit per address and per address and user name
    (django-axes locks the account after repeated failures on top of this). The limits are
    read from the settings on every attempt."""
    if request.method == "POST" and (
        is_ratelimited(
            request,
            group="login:ip",
            key="ip",
            rate=f"{settings.LOGIN_RATE_LIMIT_PER_IP}/m",
            increment=True,
        )
        or is_ratelimited(
            request,
            group="login:anv",
            key=_adress_och_namn,
            rate=f"{settings.LOGIN_RATE_LIMIT}/m",
            increment=True,
        )
    ):
        logger.warning(
            "För många inloggningsförsök från %s (användarnamn %r).",
            client_ip(request),
            _anvandarnamn(request),
        )
        return too_many_requests(request, retry_after=60)
    return auth_views.LoginView.as_view(extra_context={"oidc_aktiverad": settings.OIDC_ENABLED})(
        request
    )


def _nasta(request) -> str:
    nasta = request.POST.get("next") or request.GET.get("next") or ""
    if nasta and url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nasta
    return settings.LOGIN_REDIRECT_URL


def _qr_svg(url: str) -> str:
    """The otpauth:// link as an inline SVG (no data: URI, no inline style: strict CSP)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    label = _("QR-kod för autentiseringsappen")
    return image.to_string(encoding="unicode").replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1
    )


@login_required
@never_cache
def tvafaktor(request):
    """The user's two-factor status, with the way to turn it on (or off, when optional)."""
    return _tvafaktor_sida(request, KodForm())


def _tvafaktor_sida(request, form, status=200):
    return render(
        request,
        "konton/tvafaktor.html",
        {
            "enhet": bekraftad_enhet(request.user),
            "kravs": roll_kraver_tvafaktor(request.user),
            "form": form,
        },
        status=status,
    )


NY_NYCKEL = "tvafaktor_ny_nyckel"

# Codes tried, counted per person across the pages that take one.
KODGRANS = {"group": "otp", "key": "user", "rate": "10/5m", "method": "POST"}


@login_required
@never_cache
@ratelimit(**KODGRANS)
def tvafaktor_aktivera(request):
    """Set up the authenticator: the secret waits in the session until the first code
    confirms it, so only a confirmed device is ever stored."""
    if bekraftad_enhet(request.user) is not None:
        messages.info(request, _("Tvåstegsverifiering är redan aktiverad för ditt konto."))
        return redirect("konton:tvafaktor")
    nyckel = request.session.get(NY_NYCKEL)
    if not nyckel:
        nyckel = request.session[NY_NYCKEL] = services.totp_nyckel_ny()
    kravs_kod = services.registreringskod_kravs(request.user)
    form = AktiveraForm(request.POST or None, registreringskod=kravs_kod)
    if request.method == "POST":
        if form.is_valid():
            try:
                device = services.totp_device_create(
                    user=request.user,
                    nyckel=nyckel,
                    token=form.cleaned_data["kod"],
                    registreringskod=form.cleaned_data.get("registreringskod", ""),
                )
            except ValidationError as e:
                _fel_till_formular(form, e)
                logger.warning(
                    "Misslyckad aktivering av tvåstegsverifiering för %s från %s.",
                    request.user.get_username(),
                    client_ip(request),
                )
            else:
                request.session.pop(NY_NYCKEL, None)
                otp_login(request, device)
                request.session.cycle_key()
                logger.info("Tvåstegsverifiering aktiverad för %s.", request.user.get_username())
                messages.success(request, _("Tvåstegsverifiering är aktiverad."))
                return redirect(_nasta(request))
    device = services.totp_device_preview(user=request.user, nyckel=nyckel)
    return render(
        request,
        "konton/aktivera.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (generated by qrcode)
            "hemlighet": hemlighet_text(device),
            "next": _nasta(request),
            "kravs": roll_kraver_tvafaktor(request.user),
        },
        status=400 if form.errors else 200,
    )


def _fel_till_formular(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@never_cache
@ratelimit(**KODGRANS)
def tvafaktor_verifiera(request):
    device = bekraftad_enhet(request.user)
    if device is None:
        return redirect("konton:tvafaktor_aktivera")
    form = KodForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            verified = verify_token(request.user, device.persistent_id, form.cleaned_data["kod"])
            if verified is not None:
                otp_login(request, verified)
                request.session.cycle_key()
                return redirect(_nasta(request))
            logger.warning(
                "Fel engångskod för %s från %s.", request.user.get_username(), client_ip(request)
            )
            form.add_error("kod", _("Koden stämmer inte. Vänta på nästa kod och försök igen."))
    return render(
        request,
        "konton/verifiera.html",
        {"form": form, "next": _nasta(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@ratelimit(**KODGRANS)
def tvafaktor_ta_bort(request):
    """Turn two-factor authentication off: with a fresh code, and never for a role that
    requires it."""
    form = KodForm(request.POST)
    if form.is_valid():
        try:
            services.totp_device_remove(user=request.user, token=form.cleaned_data["kod"])
        except PermissionDenied as e:
            messages.error(request, str(e))
            return redirect("konton:tvafaktor")
        except ValidationError as e:
            _fel_till_formular(form, e)
        else:
            logger.warning("Tvåstegsverifiering avstängd för %s.", request.user.get_username())
            messages.success(request, _("Tvåstegsverifiering är avstängd för ditt konto."))
            return redirect("konton:tvafaktor")
    return _tvafaktor_sida(request, form, status=400)


@login_required
@never_cache
def losenord(request):
    """The user chooses a new password; required after an administrator set one
    (konton.middleware sends them here before any other page)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        services.losenord_changed(user=request.user)
        request.session.pop(LOSENORD_SESSION_KEY, None)
        logger.info("%s bytte lösenord.", request.user.get_username())
        messages.success(request, _("Ditt lösenord är bytt."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "konton/losenord.html",
        {"form": form, "maste_bytas": request.session.get(LOSENORD_SESSION_KEY, False)},
        status=400 if form.errors else 200,
    )


@login_required
def behorigheter(request):
    """Per-object permission grants (django-guardian): who has what on which object, and
    the log of who gave and took back access."""
    if not selectors.kan_se_behorigheter(request.user):
        raise PermissionDenied(_("Bara säkerhetschefen ser behörigheterna per objekt."))
    return render(
        request,
        "konton/behorigheter.html",
        {
            "anvandare": selectors.anvandarbehorigheter(),
            "grupper": selectors.gruppbehorigheter(),
            "logg": Paginator(selectors.behorighetslogg(), 50).get_page(request.GET.get("sida")),
        },
    )


def _krav_rolltilldelning(user) -> None:
    if not far_tilldela_roller(user):
        raise PermissionDenied(_("Bara säkerhetschefen tilldelar roller här."))


@login_required
def roller(request):
    """The säkerhetschef's list of users and their roles."""
    _krav_rolltilldelning(request.user)
    sok = str(request.GET.get("sok", ""))
    sida = Paginator(selectors.anvandare_for_roller(sok), 50).get_page(request.GET.get("sida"))
    return render(request, "konton/roller.html", {"sida": sida, "sok": sok[:100]})


def _hamta_anvandare(pk: int):
    from policy.models import User

    return get_object_or_404(User.objects.filter(is_active=True), pk=pk)


@login_required
@never_cache
def roller_anvandare(request, pk: int):
    """One user's roles, changed by the säkerhetschef (logged, konton.services)."""
    _krav_rolltilldelning(request.user)
    user = _hamta_anvandare(pk)
    form = RollerForm(
        request.POST if request.method == "POST" else None,
        initial={"roller": list(user.groups.values_list("name", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.anvandare_roller_set(
                andrad_av=request.user, user=user, roller=form.cleaned_data["roller"]
            )
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Rollerna för %(namn)s är sparade.") % {"namn": user})
            return redirect("konton:roller_anvandare", pk=user.pk)
    return render(
        request,
        "konton/roller_anvandare.html",
        {
            "anvandare": user,
            "form": form,
            "kravs_kod": services.registreringskod_kravs(user),
            "har_enhet": bekraftad_enhet(user) is not None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@never_cache
def registreringskod(request, pk: int):
    """Issue a one-time enrolment code and show it once."""
    _krav_rolltilldelning(request.user)
    user = _hamta_anvandare(pk)
    try:
        kod = services.registreringskod_create(utfardad_av=request.user, user=user)
    except PermissionDenied as e:
        messages.error(request, str(e))
        return redirect("konton:roller_anvandare", pk=user.pk)
    return render(request, "konton/registreringskod.html", {"anvandare": user, "kod": kod})
