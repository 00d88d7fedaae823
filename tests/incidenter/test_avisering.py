"""On submit the unit's chef and Säkerhetsavdelningen are told, in the app and by e-mail;
a skyddad report only reaches the säkerhetschef."""

from django.core import mail

from incidenter.models import Incident
from incidenter.tasks import incident_notify_pending
from paminnelser.models import Notis
from tests.incidenter.test_rapportera import BrokenBackend, _data  # noqa: F401
from tests.incidenter.test_sakerhetsskydd import _minimal


def _mottagare():
    return set(Notis.objects.values_list("mottagare__username", flat=True))


def test_it_notifies_the_chef_and_security_in_the_app_and_by_email(
    client_as,
    medarbetare,
    chef,
    sakerhetsavdelning,
    sakerhetschef,
    annan_chef,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(medarbetare).post(
            "/incidenter/rapportera/", _data(medarbetare, personskada_eller_fara="True")
        )
    incident = Incident.objects.get()
    assert _mottagare() == {chef.username, sakerhetsavdelning.username, sakerhetschef.username}
    assert incident.notifierad is not None
    notis = Notis.objects.get(mottagare=chef)
    assert "PRIORITERAD" in notis.rubrik and incident.referens in notis.rubrik
    assert {m.to[0] for m in mail.outbox} == {
        chef.email,
        sakerhetsavdelning.email,
        sakerhetschef.email,
    }
    # The header shows the unread notice to the chef.
    page = client_as(chef).get("/").content.decode()
    assert "Mina påminnelser" in page


def test_it_sends_a_skyddad_report_only_to_the_sakerhetschef(
    client_as, medarbetare, chef, sakerhetschef, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(medarbetare).post("/incidenter/rapportera/sakerhetsskydd/", _minimal(medarbetare))
    assert _mottagare() == {sakerhetschef.username}


def test_it_catches_up_a_notification_that_never_went_out(medarbetare, chef, sakerhetsavdelning):
    from datetime import timedelta

    from django.utils import timezone

    from tests.incidenter.factories import incident_factory

    incident = incident_factory(
        rapportor=medarbetare, rapporterad=timezone.now() - timedelta(minutes=10)
    )
    assert incident.notifierad is None
    assert incident_notify_pending() == 1
    assert chef.username in _mottagare()
    # Once only.
    assert incident_notify_pending() == 0


def test_it_tells_of_a_skyddad_incident_exactly_those_who_may_see_every_skyddad_one(
    people, medarbetare, annan_medarbetare
):
    """One rule: who is told (incidenter.selectors.sakerhetsfunktion) is who may see, by
    permission, whether it comes from a role or was given to the person directly."""
    from django.contrib.auth.models import Permission

    from incidenter.services import incident_notify_reported
    from policy.models import User
    from tests.incidenter.factories import skyddad_incident

    annan_medarbetare.user_permissions.add(Permission.objects.get(codename="view_skyddad_incident"))
    User.objects.create_superuser("root", "root@test.koping.se", "x")
    incident_notify_reported(skyddad_incident(rapportor=medarbetare))
    far_se = {
        u.username
        for u in User.objects.filter(is_superuser=False)
        if u.has_perm("incidenter.view_skyddad_incident")
    }
    assert _mottagare() == far_se == {"sakerhetschef", annan_medarbetare.username}
