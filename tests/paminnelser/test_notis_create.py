import pytest
from django.core import mail

from paminnelser.models import Notis
from paminnelser.services import notis_create, notis_epost_send


@pytest.fixture
def create(django_capture_on_commit_callbacks):
    """Create a notice and commit: the e-mail goes out on commit."""

    def make(user, nyckel="incident-rapporterad:1"):
        with django_capture_on_commit_callbacks(execute=True):
            return _create_now(user, nyckel)

    return make


def _create_now(user, nyckel):
    return notis_create(
        mottagare=user,
        typ="incident",
        nyckel=nyckel,
        rubrik="Ny incident rapporterad",
        lank="/incidenter/INC-1/",
        text="En incident väntar på mottagning.",
    )


def test_it_stores_the_notice_and_emails_it_once_with_an_absolute_link(
    create, medarbetare, settings
):
    settings.SITE_URL = "https://sakerhet.koping.se"
    notis = create(medarbetare)
    assert notis is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [medarbetare.email]
    assert "Ny incident rapporterad" in message.subject
    assert "https://sakerhet.koping.se/incidenter/INC-1/" in message.body
    notis.refresh_from_db()
    assert notis.skickad is not None
    assert notis.last is None


def test_it_delivers_nothing_on_the_second_call_with_the_same_key(create, medarbetare):
    assert create(medarbetare) is not None
    assert create(medarbetare) is None
    assert Notis.objects.filter(mottagare=medarbetare).count() == 1
    assert len(mail.outbox) == 1


def test_it_never_emails_a_sent_notice_again(create, medarbetare):
    notis = create(medarbetare)
    assert notis_epost_send(notis_id=notis.pk) is False
    assert len(mail.outbox) == 1


def test_it_sends_no_email_before_the_transaction_commits(
    medarbetare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _create_now(medarbetare, "incident-rapporterad:1")
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1
