"""Status, confidentiality and severity are shown by their label, in the reader's language
(Incident.get_FOO_display, written out for speed: the incident list shows fifty a page)."""

from django.utils import translation

from incidenter.models import Incident


def test_it_shows_the_label_of_every_status_severity_and_confidentiality():
    for status, label in Incident.Status.choices:
        assert Incident(status=status).get_status_display() == label
    for varde, label in Incident.Allvarlighet.choices:
        assert Incident(allvarlighet=varde).get_allvarlighet_display() == label
    for varde, label in Incident.Konfidentialitet.choices:
        assert Incident(konfidentialitet=varde).get_konfidentialitet_display() == label


def test_it_shows_the_label_in_the_readers_language():
    incident = Incident(status=Incident.Status.UNDER_UTREDNING)
    with translation.override("sv"):
        assert incident.get_status_display() == "Under utredning"
    with translation.override("en"):
        assert incident.get_status_display() == "Under investigation"


def test_it_shows_an_unknown_value_as_it_is():
    assert Incident(status="okand").get_status_display() == "okand"
