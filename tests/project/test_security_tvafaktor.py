"""Two-factor authentication (TOTP): required for säkerhetsavdelning, säkerhetschef and
systemadministratör when OTP_REQUIRED is on (production), optional for everybody else."""

import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

AKTIVERA = "/konto/tvastegsverifiering/aktivera/"
VERIFIERA = "/konto/tvastegsverifiering/verifiera/"


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True
    return settings


def kod(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def ny_kod(client) -> str:
    """The code of the authenticator being set up (its secret waits in the session)."""
    return kod(TOTPDevice(key=client.session["tvafaktor_ny_nyckel"]))


def registreringskod(user) -> str:
    from konton.services import registreringskod_create

    return registreringskod_create(utfardad_av=None, user=user)


def password_only(user) -> Client:
    """A client past the password step only, as after a real login form."""
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["sakerhetsavdelning", "sakerhetschef", "sysadmin"])
def test_it_sends_required_roles_to_set_up_an_authenticator(otp_on, role, request):
    client = password_only(request.getfixturevalue(role))
    for url in ["/", "/risker/", "/policy/", "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(AKTIVERA + "?next="), url


@pytest.mark.parametrize(
    "role", ["medarbetare", "chef", "namndforetradare", "kommunledning", "extern"]
)
def test_it_lets_other_roles_in_with_the_password_alone(otp_on, role, request):
    client = password_only(request.getfixturevalue(role))
    assert client.get("/").status_code == 200


def test_it_asks_nobody_when_otp_is_off(settings, sakerhetschef):
    settings.OTP_REQUIRED = False
    assert password_only(sakerhetschef).get("/").status_code == 200


def test_it_requires_the_code_after_a_real_password_login(otp_on, sakerhetsavdelning):
    client = Client()
    response = client.post("/logga-in/", {"username": "sakerhet", "password": "demo1234"})
    assert response.status_code == 302
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(AKTIVERA)
    assert "Aktivera tvåstegsverifiering" in response.content.decode()


def test_it_shows_the_qr_code_inline_and_the_secret_as_text(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    response = client.get(AKTIVERA)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<path" in html
    assert "data:" not in html and "style=" not in html
    nyckel = TOTPDevice(key=client.session["tvafaktor_ny_nyckel"])
    secret = re.search(r'<code class="hemlighet">([A-Z2-7 ]+)</code>', html).group(1)
    assert base64.b32decode(
        secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)
    ) == (nyckel.bin_key)
    # Reloading the page keeps the same secret: the app the user scanned still works.
    assert secret in client.get(AKTIVERA).content.decode()
    # Opening the page stores no device: only a confirmed one is ever saved.
    assert not TOTPDevice.objects.filter(user=sakerhetschef).exists()


def test_it_activates_with_a_right_code_and_lets_the_user_in(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    client.get(AKTIVERA)
    response = client.post(
        AKTIVERA,
        {
            "kod": ny_kod(client),
            "registreringskod": registreringskod(sakerhetschef),
            "next": "/risker/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/risker/"
    device = TOTPDevice.objects.get(user=sakerhetschef)
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_it_refuses_a_wrong_code_in_swedish(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    client.get(AKTIVERA)
    reg = registreringskod(sakerhetschef)
    response = client.post(AKTIVERA, {"kod": "12345x", "registreringskod": reg})
    assert response.status_code == 400
    assert "Ange koden som sex siffror" in response.content.decode()
    wrong = "000000" if ny_kod(client) != "000000" else "111111"
    response = client.post(AKTIVERA, {"kod": wrong, "registreringskod": reg})
    assert response.status_code == 400
    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=sakerhetschef).exists()
    assert client.get("/").status_code == 302


def test_it_lets_a_required_role_enrol_only_with_a_code_from_the_sakerhetschef(
    otp_on, client_as, sakerhetschef, sakerhetsavdelning
):
    """Whoever holds the password first must not be the one who enrols the authenticator."""
    client = password_only(sakerhetsavdelning)
    html = client.get(AKTIVERA).content.decode()
    assert "Registreringskod från säkerhetschefen" in html
    for reg in ("", "ABCD-EF12-3456"):
        response = client.post(AKTIVERA, {"kod": ny_kod(client), "registreringskod": reg})
        assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=sakerhetsavdelning).exists()

    chefen = client_as(sakerhetschef)
    sida = chefen.get(f"/konto/roller/{sakerhetsavdelning.pk}/")
    assert "Utfärda registreringskod" in sida.content.decode()
    html = chefen.post(f"/konto/roller/{sakerhetsavdelning.pk}/registreringskod/").content.decode()
    reg = re.search(r'<code class="hemlighet">([0-9A-F-]+)</code>', html).group(1)
    response = client.post(AKTIVERA, {"kod": ny_kod(client), "registreringskod": reg.lower()})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=sakerhetsavdelning).confirmed
    # Used once: removing the authenticator does not let the same code enrol again.
    TOTPDevice.objects.filter(user=sakerhetsavdelning).delete()
    client = password_only(sakerhetsavdelning)
    client.get(AKTIVERA)
    assert (
        client.post(AKTIVERA, {"kod": ny_kod(client), "registreringskod": reg}).status_code == 400
    )


@pytest.mark.parametrize("role", ["sakerhetsavdelning", "sysadmin", "chef", "kommunledning"])
def test_it_lets_only_the_sakerhetschef_issue_enrolment_codes(
    client_as, request, role, medarbetare
):
    client = client_as(request.getfixturevalue(role))
    assert client.post(f"/konto/roller/{medarbetare.pk}/registreringskod/").status_code == 403
    assert client.get(f"/konto/roller/{medarbetare.pk}/").status_code == 403


def test_it_asks_for_the_code_when_a_device_exists(otp_on, sysadmin):
    device = TOTPDevice.objects.create(user=sysadmin, name="App", confirmed=True)
    client = password_only(sysadmin)
    response = client.get("/risker/")
    assert response["Location"].startswith(VERIFIERA + "?next=")
    assert (
        client.post(
            VERIFIERA, {"kod": "999999" if kod(device) != "999999" else "888888"}
        ).status_code
        == 400
    )
    assert client.get("/").status_code == 302


def test_it_lets_the_user_in_after_a_right_code(otp_on, sysadmin):
    device = TOTPDevice.objects.create(user=sysadmin, name="App", confirmed=True)
    client = password_only(sysadmin)
    old_session = client.cookies["sessionid"].value
    response = client.post(VERIFIERA, {"kod": kod(device), "next": "/risker/"})
    assert response.status_code == 302 and response["Location"] == "/risker/"
    assert client.cookies["sessionid"].value != old_session  # a new session key
    assert client.get("/").status_code == 200


def test_it_never_lets_the_password_alone_replace_a_device(otp_on, sysadmin):
    TOTPDevice.objects.create(user=sysadmin, name="App", confirmed=True)
    client = password_only(sysadmin)
    response = client.get(AKTIVERA)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=sysadmin, confirmed=False).exists()
    assert "<svg" not in client.get(AKTIVERA, follow=True).content.decode()


def test_it_ignores_an_offsite_next(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    client.get(AKTIVERA)
    response = client.post(
        AKTIVERA,
        {
            "kod": ny_kod(client),
            "registreringskod": registreringskod(sakerhetschef),
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/"


def test_it_lets_an_optional_role_opt_in_and_then_asks_for_the_code(otp_on, medarbetare):
    client = password_only(medarbetare)
    assert "Aktivera" in client.get("/konto/tvastegsverifiering/").content.decode()
    client.get(AKTIVERA)
    client.post(AKTIVERA, {"kod": ny_kod(client)})
    assert TOTPDevice.objects.get(user=medarbetare).confirmed
    assert client.get("/").status_code == 200
    # The next login needs the code too.
    assert password_only(medarbetare).get("/")["Location"].startswith(VERIFIERA)


def test_it_lets_an_optional_role_turn_it_off_but_not_a_required_one(
    client_as, medarbetare, sakerhetschef
):
    device = TOTPDevice.objects.create(user=medarbetare, name="App", confirmed=True)
    client = client_as(medarbetare)
    client.post("/konto/tvastegsverifiering/stang-av/", {"kod": kod(device)})
    assert not TOTPDevice.objects.filter(user=medarbetare).exists()

    client = client_as(sakerhetschef)
    response = client.post("/konto/tvastegsverifiering/stang-av/", follow=True)
    assert "kan inte stängas av" in response.content.decode()
    assert TOTPDevice.objects.filter(user=sakerhetschef, confirmed=True).exists()


def test_it_logs_test_clients_past_the_code_for_required_roles(otp_on, client_as, people):
    for user in people.values():
        assert client_as(user).get("/").status_code == 200, user.username


def test_it_limits_how_many_codes_can_be_tried(otp_on, sysadmin):
    TOTPDevice.objects.create(user=sysadmin, name="App", confirmed=True)
    client = password_only(sysadmin)
    statuses = [client.post(VERIFIERA, {"kod": "12345"}).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_it_lets_the_sysadmin_remove_a_lost_authenticator_in_the_admin(
    otp_on, client_as, sysadmin, sakerhetschef
):
    device = TOTPDevice.objects.create(user=sakerhetschef, name="Förlorad telefon", confirmed=True)
    client = client_as(sysadmin)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert "Förlorad telefon" in listing.content.decode()
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    # The säkerhetschef is asked to set up a new one at the next login.
    assert password_only(sakerhetschef).get("/")["Location"].startswith(AKTIVERA)


def test_it_keeps_the_authenticators_from_other_roles_in_the_admin(client_as, sakerhetsavdelning):
    assert client_as(sakerhetsavdelning).get("/admin/otp_totp/totpdevice/").status_code in (
        302,
        403,
    )


def test_it_shows_no_menu_before_the_code_is_entered(otp_on, sakerhetschef, client_as):
    html = password_only(sakerhetschef).get(AKTIVERA).content.decode()
    assert "Huvudmeny" not in html and "Mina påminnelser" not in html
    assert "Logga ut" in html
    assert "Huvudmeny" in client_as(sakerhetschef).get("/").content.decode()


def test_it_keeps_every_two_factor_page_but_the_code_from_a_password_only_session(
    otp_on, medarbetare
):
    """The password alone must not switch two-factor authentication off."""
    TOTPDevice.objects.create(user=medarbetare, name="App", confirmed=True)
    client = password_only(medarbetare)
    for url in ("/konto/tvastegsverifiering/", AKTIVERA):
        assert client.get(url)["Location"].startswith(VERIFIERA), url
    response = client.post("/konto/tvastegsverifiering/stang-av/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFIERA)
    assert TOTPDevice.objects.filter(user=medarbetare, confirmed=True).exists()


def test_it_turns_two_factor_off_only_with_a_fresh_code(client_as, medarbetare):
    device = TOTPDevice.objects.create(user=medarbetare, name="App", confirmed=True)
    client = client_as(medarbetare)
    html = client.get("/konto/tvastegsverifiering/").content.decode()
    assert 'name="kod"' in html
    for data in ({}, {"kod": "000000" if kod(device) != "000000" else "111111"}):
        response = client.post("/konto/tvastegsverifiering/stang-av/", data)
        assert response.status_code == 400
        assert TOTPDevice.objects.filter(user=medarbetare).exists()
    assert "Koden stämmer inte" in response.content.decode()
