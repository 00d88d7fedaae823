"""The e-mails of the reminders: one function per e-mail, each rendered from three
templates in templates/emails/ (subject, text body, HTML body)."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def nytt_meddelande_id() -> str:
    """A Message-ID under the portal's own domain (never the slow look-up of this host's)."""
    return make_msgid(
        "sakerhetsportalen", domain=urlsplit(settings.SITE_URL).hostname or "localhost"
    )


def _send(prefix: str, context: dict, to: str, meddelande_id: str = "") -> None:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{prefix}_subject.txt", context)
        text = render_to_string(f"emails/{prefix}_body.txt", context)
        html = render_to_string(f"emails/{prefix}_body.html", context)
    subject = " ".join(subject.split())
    # The Message-ID recorded before sending: a message sent again after a lost record
    # carries the same id, so mail clients show it once.
    headers = {"Message-ID": meddelande_id} if meddelande_id else None
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    # Errors propagate: the caller releases its claim and the task retries.
    message.send(fail_silently=False)


def send_paminnelse(notis) -> None:
    _send(
        "paminnelse",
        {"notis": notis, "mottagare": notis.mottagare},
        notis.mottagare.email,
        notis.meddelande_id,
    )


def send_sammanstallning(sammanstallning, notiser) -> None:
    _send(
        "sammanstallning",
        {
            "sammanstallning": sammanstallning,
            "notiser": notiser,
            "mottagare": sammanstallning.mottagare,
        },
        sammanstallning.mottagare.email,
        sammanstallning.meddelande_id,
    )
