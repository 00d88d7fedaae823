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


def test_it_labels_each_timeline_line_as_django_would():
    """Handelse's labels are written out the same way (a timeline line shows two or three)."""
    from incidenter.models import Handelse

    for namn, varden in [
        ("typ", [*Handelse.Typ.values, "okand"]),
        ("fran_status", ["", *Incident.Status.values, "okand"]),
        ("till_status", ["", *Incident.Status.values, "okand"]),
    ]:
        falt = Handelse._meta.get_field(namn)
        for varde in varden:
            rad = Handelse(**{namn: varde})
            for sprak in ("sv", "en"):
                with translation.override(sprak):
                    egen = str(getattr(rad, f"get_{namn}_display")())
                    assert egen == str(rad._get_FIELD_display(falt)), (namn, varde, sprak)


def test_it_labels_each_history_line_in_the_readers_language(medarbetare):
    """The change history's |andringstyp in Swedish words, and English on the English pages:
    django-simple-history's own get_history_type_display() is English in both."""
    from django.template import Context, Template

    from tests.incidenter.factories import incident_factory

    incident = incident_factory(rapportor=medarbetare)
    incident.rubrik = "Ny rubrik"
    incident.save()
    rader = list(incident.history.all())
    rader.append(type(rader[0])(history_type="-"))
    rader.append(type(rader[0])(history_type="?"))
    mall = Template("{% load incidentlista %}{{ h|andringstyp }}")
    for sprak, ord in (
        ("sv", ["Ändrad", "Skapad", "Borttagen", "?"]),
        ("en", ["Changed", "Created", "Removed", "?"]),
    ):
        with translation.override(sprak):
            assert [mall.render(Context({"h": h})) for h in rader] == ord
