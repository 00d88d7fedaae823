"""Security events go to the `konton.sakerhet` logger, in Swedish, for the log server."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from lib.ratelimit import client_ip

logger = logging.getLogger("konton.sakerhet")


@receiver(user_locked_out, dispatch_uid="konton.logga_utelasning")
def logga_utelasning(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning(
        "Inloggningen är spärrad efter för många misslyckade försök: användarnamn %r från %s.",
        username,
        ip_address or (client_ip(request) if request is not None else "okänd adress"),
    )


@receiver(user_login_failed, dispatch_uid="konton.logga_misslyckad_inloggning")
def logga_misslyckad_inloggning(sender, credentials=None, request=None, **kwargs):
    logger.info(
        "Misslyckad inloggning: användarnamn %r från %s.",
        (credentials or {}).get("username"),
        client_ip(request) if request is not None else "okänd adress",
    )


@receiver(user_logged_in, dispatch_uid="konton.krav_pa_nytt_losenord")
def krav_pa_nytt_losenord(sender, request=None, user=None, **kwargs):
    """Remember in the session that the password was set by an administrator, so the
    middleware needs no query per page to send the user to choose their own."""
    from .middleware import LOSENORD_SESSION_KEY
    from .services import losenord_maste_bytas

    if request is not None and hasattr(request, "session") and losenord_maste_bytas(user):
        request.session[LOSENORD_SESSION_KEY] = True
