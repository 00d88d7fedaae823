"""The e-mails of the reminders: one function per e-mail, each rendered from three
templates in templates/emails/ (subject, text body, HTML body)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def _send(prefix: str, context: dict, to: str) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{prefix}_subject.txt", context)
        text = render_to_string(f"emails/{prefix}_body.txt", context)
        html = render_to_string(f"emails/{prefix}_body.html", context)
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    # Errors propagate: the caller releases its claim and the task retries.
    message.send(fail_silently=False)


def send_paminnelse(notis) -> None:
    _send("paminnelse", {"notis": notis, "mottagare": notis.mottagare}, notis.mottagare.email)


def send_sammanstallning(sammanstallning, notiser) -> None:
    _send(
        "sammanstallning",
        {
            "sammanstallning": sammanstallning,
            "notiser": notiser,
            "mottagare": sammanstallning.mottagare,
        },
        sammanstallning.mottagare.email,
    )
