"""Reporting an incident: the form, the receipt, the number, bad input, nothing half-saved."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidenter.models import Bilaga, Incident, Kategori

from .factories import PNG

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _data(user, **extra):
    data = {
        "personskada_eller_fara": "False",
        "rubrik": "Stöld av dator",
        "beskrivning": "En bärbar dator försvann från personalrummet.",
        "intraffade": (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "enhet": user.enhet_id,
        "plats": "Personalrummet",
        "omrade": "",
        "kategori": "",
    }
    data.update(extra)
    return data


def test_it_shows_the_form_with_the_classified_information_warning(client_as, medarbetare):
    response = client_as(medarbetare).get("/incidenter/rapportera/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv aldrig säkerhetsskyddsklassificerade uppgifter här" in html
    # Life and health is asked first.
    assert html.index("Är någon skadad eller i fara?") < html.index("Kort rubrik")
    assert "Vet inte" in html


def test_it_saves_a_report_and_shows_the_receipt_with_a_reference_number(client_as, medarbetare):
    client = client_as(medarbetare)
    response = client.post("/incidenter/rapportera/", _data(medarbetare), follow=True)
    assert response.status_code == 200
    incident = Incident.objects.get()
    year = timezone.localtime().year
    assert incident.referens == f"INC-{year}-0001"
    assert incident.rapportor == medarbetare
    assert incident.status == Incident.Status.RAPPORTERAD
    assert "Tack för din rapport" in response.content.decode()
    assert incident.referens in response.content.decode()
    mina = client.get("/incidenter/mina/").content.decode()
    assert incident.referens in mina and "Rapporterad" in mina


def test_it_numbers_reports_per_year_without_gaps(client_as, medarbetare):
    client = client_as(medarbetare)
    client.post("/incidenter/rapportera/", _data(medarbetare))
    # A rejected report takes no number.
    client.post("/incidenter/rapportera/", _data(medarbetare, rubrik=""))
    client.post("/incidenter/rapportera/", _data(medarbetare))
    year = timezone.localtime().year
    assert list(Incident.objects.order_by("lopnummer").values_list("referens", flat=True)) == [
        f"INC-{year}-0001",
        f"INC-{year}-0002",
    ]


def test_it_takes_the_category_area_and_flags_life_and_health(client_as, medarbetare):
    kategori = Kategori.objects.get(namn="Hot")
    client_as(medarbetare).post(
        "/incidenter/rapportera/",
        _data(medarbetare, kategori=kategori.pk, personskada_eller_fara="True"),
    )
    incident = Incident.objects.get()
    assert incident.omrade == kategori.omrade
    assert incident.ar_prioriterad


@pytest.mark.parametrize(
    "change, message",
    [
        ({"rubrik": ""}, "Kort rubrik"),
        ({"beskrivning": ""}, "Vad hände?"),
        ({"intraffade": ""}, "När hände det?"),
        ({"personskada_eller_fara": ""}, "Är någon skadad eller i fara?"),
        ({"intraffade": "2099-01-01T10:00"}, "kan inte ligga i framtiden"),
        ({"intraffade": "inte ett datum"}, "När hände det?"),
        ({"enhet": "999999"}, "Enhet där det hände"),
    ],
)
def test_it_rejects_bad_input_in_swedish_and_saves_nothing(client_as, medarbetare, change, message):
    response = client_as(medarbetare).post("/incidenter/rapportera/", _data(medarbetare, **change))
    assert response.status_code == 400
    assert "Det finns fel i formuläret" in response.content.decode()
    assert message in response.content.decode()
    assert not Incident.objects.exists()


def test_it_rejects_a_category_outside_the_chosen_area(client_as, medarbetare):
    hot = Kategori.objects.get(namn="Hot")
    brand = Kategori.objects.get(namn="Brand")
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/", _data(medarbetare, omrade=brand.omrade_id, kategori=hot.pk)
    )
    assert response.status_code == 400
    assert "hör inte till det valda säkerhetsområdet" in response.content.decode()


def test_it_saves_an_image_attachment(client_as, medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bild = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    client_as(medarbetare).post(
        "/incidenter/rapportera/", {**_data(medarbetare), "bilagor": [bild]}
    )
    bilaga = Bilaga.objects.get()
    assert bilaga.filnamn == "foto.png"
    assert bilaga.innehallstyp == "image/png"
    # Stored under a random name, not the user's.
    assert "foto" not in bilaga.fil.name


def test_it_rejects_an_exe_renamed_pdf(client_as, medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fil = SimpleUploadedFile("faktura.pdf", EXE, content_type="application/pdf")
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/", {**_data(medarbetare), "bilagor": [fil]}
    )
    assert response.status_code == 400
    assert "inte en tillåten filtyp" in response.content.decode()
    assert not Incident.objects.exists() and not Bilaga.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_it_rejects_a_30_mb_file(client_as, medarbetare, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stor = SimpleUploadedFile(
        "stor.png", PNG + b"\x00" * (30 * 1024 * 1024), content_type="image/png"
    )
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/", {**_data(medarbetare), "bilagor": [stor]}
    )
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert not Incident.objects.exists()


def test_it_saves_the_report_when_the_broker_is_down(client_as, medarbetare, settings):
    # A broker nobody answers on: queuing the notification fails, the report must not.
    from koping_sakerhet.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    try:
        response = client_as(medarbetare).post(
            "/incidenter/rapportera/", _data(medarbetare), follow=True
        )
    finally:
        app.conf.broker_url = old
        app.conf.task_always_eager = True  # As tests/conftest.py had it.
    assert response.status_code == 200
    assert "Tack för din rapport" in response.content.decode()
    incident = Incident.objects.get()
    # Not yet notified: the periodic sweep will find it.
    assert incident.notifierad is None


def test_it_saves_the_report_when_the_mail_server_is_down(client_as, medarbetare, settings):
    settings.EMAIL_BACKEND = "tests.incidenter.test_rapportera.BrokenBackend"
    response = client_as(medarbetare).post(
        "/incidenter/rapportera/", _data(medarbetare), follow=True
    )
    assert response.status_code == 200
    assert "Tack för din rapport" in response.content.decode()
    assert Incident.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP nere")


def test_it_lets_an_external_party_see_only_their_own_reports(client_as, extern, medarbetare):
    from tests.incidenter.factories import incident_factory

    egen = incident_factory(rapportor=extern, enhet=medarbetare.enhet)
    annan = incident_factory(rapportor=medarbetare)
    client = client_as(extern)
    mina = client.get("/incidenter/mina/").content.decode()
    assert egen.referens in mina and annan.referens not in mina
    assert client.get(egen.get_absolute_url()).status_code == 200
    assert client.get(annan.get_absolute_url()).status_code == 404


def test_it_is_usable_on_a_phone(client_as, medarbetare):
    html = client_as(medarbetare).get("/incidenter/rapportera/").content.decode()
    assert 'name="viewport"' in html
    assert 'type="datetime-local"' in html
    assert 'for="id_rubrik"' in html


def test_it_requires_login(client):
    response = client.get("/incidenter/rapportera/")
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


@pytest.mark.parametrize(
    "payload",
    [io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF")],
)
def test_it_accepts_a_real_pdf(client_as, medarbetare, settings, tmp_path, payload):
    settings.MEDIA_ROOT = tmp_path
    fil = SimpleUploadedFile("rapport.pdf", payload.getvalue(), content_type="application/pdf")
    client_as(medarbetare).post("/incidenter/rapportera/", {**_data(medarbetare), "bilagor": [fil]})
    assert Bilaga.objects.get().innehallstyp == "application/pdf"


def test_it_rate_limits_the_report_form_with_a_swedish_429(client_as, medarbetare):
    client = client_as(medarbetare)
    statuses = [
        client.post("/incidenter/rapportera/", _data(medarbetare, rubrik="")).status_code
        for _ in range(21)
    ]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429
    assert (
        "För många" in client.post("/incidenter/rapportera/", _data(medarbetare)).content.decode()
    )
    assert not Incident.objects.exists()
    # Reading the form is not counted.
    assert client.get("/incidenter/rapportera/").status_code == 200


@pytest.mark.parametrize("formular", ["RapportForm", "SakerhetsskyddForm"])
@pytest.mark.parametrize("bunden", [False, True])
def test_it_offers_the_units_areas_and_categories_the_database_holds(medarbetare, formular, bunden):
    """The options are kept for a minute (forms._valbara); they are the querysets' own."""
    from incidenter import forms

    stold = Kategori.objects.get(namn="Stöld")
    Kategori.objects.filter(pk=stold.pk).update(aktiv=False)  # inactive: not offered
    kategori = Kategori.objects.filter(aktiv=True).order_by("-pk").first()
    data = _data(medarbetare, omrade=kategori.omrade_id, kategori=kategori.pk) if bunden else None
    klass = getattr(forms, formular)
    ours = klass(data, user=medarbetare)
    django = klass(data, user=medarbetare)
    falt = [n for n in ("enhet", "omrade", "kategori") if n in ours.fields]
    for n in falt:
        django.fields[n].widget.choices = django.fields[n].choices  # from the queryset
        assert str(ours[n]) == str(django[n])
    assert f'<option value="{medarbetare.enhet_id}" selected>' in str(ours["enhet"])
    if "kategori" in falt:
        html = str(ours["kategori"])
        assert f'<option value="{stold.pk}"' not in html
        assert f'<option value="{kategori.pk}"{" selected" if bunden else ""}>' in html


def test_it_offers_a_new_category_once_the_minute_has_passed(client_as, medarbetare):
    from django.core.cache import cache

    from incidenter.forms import VALBARA_CACHE

    client = client_as(medarbetare)
    client.get("/incidenter/rapportera/")
    omrade = Kategori.objects.first().omrade
    Kategori.objects.create(omrade=omrade, namn="Drönare över skolan")
    assert "Drönare över skolan" not in client.get("/incidenter/rapportera/").text
    cache.delete(VALBARA_CACHE)  # as when its minute runs out
    assert f"{omrade.namn}: Drönare över skolan" in client.get("/incidenter/rapportera/").text
