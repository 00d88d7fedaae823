"""A returned, resubmitted or approved risk analysis tells its owner, in the app and by
e-mail, exactly once; a resubmission tells Säkerhetsavdelningen too."""

import pytest
from django.core import mail

from paminnelser.models import Notis
from risker import services

from .factories import bedomning, godkann


@pytest.fixture
def inlamnad(skapa_analys, namndforetradare):
    a = skapa_analys(namndforetradare, risker=[bedomning(2)])
    services.riskanalys_submit(user=namndforetradare, riskanalys=a)
    return a


def _notiser(user):
    return list(Notis.objects.filter(mottagare=user, typ="riskanalys").order_by("skapad", "pk"))


def _retur(analys, granskare):
    services.riskanalys_return(
        user=granskare, riskanalys=analys, kommentarer={}, overgripande="Beskriv metoden."
    )


def test_a_return_tells_the_owner_once(
    inlamnad,
    namndforetradare,
    sakerhetsavdelning,
    chef,
    client_as,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _retur(inlamnad, sakerhetsavdelning)
    [notis] = _notiser(namndforetradare)
    assert "skickad tillbaka för komplettering" in notis.rubrik and inlamnad.titel in notis.rubrik
    assert notis.lank == inlamnad.get_absolute_url()
    assert client_as(namndforetradare).get(notis.lank).status_code == 200
    assert [m.to for m in mail.outbox] == [[namndforetradare.email]]
    assert "skickad tillbaka" in mail.outbox[0].subject
    # Nobody else is told of the return, and the first submission told no one.
    assert Notis.objects.filter(typ="riskanalys").count() == 1
    assert _notiser(chef) == [] and _notiser(sakerhetsavdelning) == []


def test_a_resubmission_tells_the_owner_and_the_security_function(
    inlamnad,
    namndforetradare,
    sakerhetsavdelning,
    sakerhetschef,
    client_as,
    django_capture_on_commit_callbacks,
):
    _retur(inlamnad, sakerhetsavdelning)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.riskanalys_submit(user=namndforetradare, riskanalys=inlamnad)
    assert "inlämnad igen" in _notiser(namndforetradare)[-1].rubrik
    for granskare in (sakerhetsavdelning, sakerhetschef):
        [notis] = _notiser(granskare)
        assert "Komplettering att granska" in notis.rubrik
        assert client_as(granskare).get(notis.lank).status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [namndforetradare.email, sakerhetsavdelning.email, sakerhetschef.email]
    )


def test_an_approval_tells_the_owner_and_each_event_only_once(
    inlamnad, namndforetradare, sakerhetsavdelning, django_capture_on_commit_callbacks
):
    _retur(inlamnad, sakerhetsavdelning)
    services.riskanalys_submit(user=namndforetradare, riskanalys=inlamnad)
    _retur(inlamnad, sakerhetsavdelning)  # a second return is a new event
    services.riskanalys_submit(user=namndforetradare, riskanalys=inlamnad)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        godkann(inlamnad, sakerhetsavdelning, namndforetradare)
    rubriker = [n.rubrik.replace(f"”{inlamnad.titel}”", "X") for n in _notiser(namndforetradare)]
    assert rubriker == [
        "Riskanalysen X är skickad tillbaka för komplettering",
        "Riskanalysen X är inlämnad igen efter komplettering",
        "Riskanalysen X är skickad tillbaka för komplettering",
        "Riskanalysen X är inlämnad igen efter komplettering",
        "Riskanalysen X är godkänd",
    ]
    assert [m.to for m in mail.outbox] == [[namndforetradare.email]]
    assert "godkänd" in mail.outbox[0].subject
