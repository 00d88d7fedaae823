"""
Sends a user who must use two-factor authentication (see tvafaktor.py) and has not entered
a code in this session to set up the authenticator app, or to enter a code, before any page.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from .tvafaktor import bekraftad_enhet, maste_verifiera

logger = logging.getLogger("konton.sakerhet")

# Pages a half-logged-in user may still reach.
FRIA_VYER = {
    "login",
    "logout",
    "set_language",
    "tillganglighet",
    "halsa",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}
OIDC_BACKEND = "konton.oidc.KommunOIDCBackend"
# Set at login (konton.signals) when an administrator set the user's password.
LOSENORD_SESSION_KEY = "losenord_maste_bytas"


class IngenCacheMiddleware:
    """Whatever a logged-in person is shown (pages, exports, attachments) holds personal
    or incident data: never kept by a browser's or a proxy's cache (private, no-store), as
    the PDFs already are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True, no_store=True)
        return response


class SessionsfornyelseMiddleware:
    """Activity keeps a session alive: a logged-in session is saved again, which renews its
    expiry (SESSION_COOKIE_AGE) in the database and in the cookie, when it was last renewed
    more than SESSION_RENEW_SECONDS ago. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) would cost a database write per page for a timeout that
    is then at most a minute shorter than 30 minutes of idleness."""

    NYCKEL = "_fornyad"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SESSION_KEY):  # logged in
            now = int(time.time())
            if now - session.get(self.NYCKEL, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.NYCKEL] = now
        return self.get_response(request)


class TvafaktorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if match is None:
            return None
        if not maste_verifiera(request.user):
            return self._losenord(request, match, name)
        if (
            getattr(settings, "OIDC_MFA_AT_IDP", False)
            and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND
        ):
            # The organisation's identity provider already asked for a second factor.
            return self._losenord(request, match, name)
        # Half logged in: the pages show no menu and nothing of the user's own. The only
        # two-factor page open is the step that is due: entering the code, or (with no
        # authenticator yet) setting one up. Turning it off or looking at it needs the code.
        request.tvafaktor_vantar = True
        user = request.user
        target = (
            "konton:tvafaktor_verifiera" if bekraftad_enhet(user) else "konton:tvafaktor_aktivera"
        )
        if name in FRIA_VYER or f"{match.namespace}:{name}" == target:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

    def _losenord(self, request, match, name):
        """After an administrator set the password, the user chooses their own first."""
        if not request.session.get(LOSENORD_SESSION_KEY):
            return None
        if name in FRIA_VYER or f"{match.namespace}:{name}" == "konton:losenord":
            return None
        request.tvafaktor_vantar = True  # no menu until the password is changed
        return redirect("konton:losenord")


class FelaktigIndataMiddleware:
    """Bad input is a 400, never a 500. A number too large for the database (SQLite raises
    OverflowError for an id list such as `?omraden=99999999999999999999`) is the user's
    input, not a server fault; forms should reject it first, this is the safety net."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            logger.warning("Felaktig indata till %s: %s", request.path, exception)
            return render(request, "400.html", status=400)
        return None
