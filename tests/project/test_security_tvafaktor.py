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
    device = TOTPDevice.objects.get(user=sakerhetschef, confirmed=False)
    secret = re.search(r'<code class="hemlighet">([A-Z2-7 ]+)</code>', html).group(1)
    assert base64.b32decode(
        secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)
    ) == (device.bin_key)
    # Reloading the page keeps the same secret: the app the user scanned still works.
    client.get(AKTIVERA)
    assert TOTPDevice.objects.filter(user=sakerhetschef).count() == 1


def test_it_activates_with_a_right_code_and_lets_the_user_in(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    client.get(AKTIVERA)
    device = TOTPDevice.objects.get(user=sakerhetschef)
    response = client.post(AKTIVERA, {"kod": kod(device), "next": "/risker/"})
    assert response.status_code == 302 and response["Location"] == "/risker/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_it_refuses_a_wrong_code_in_swedish(otp_on, sakerhetschef):
    client = password_only(sakerhetschef)
    client.get(AKTIVERA)
    response = client.post(AKTIVERA, {"kod": "12345x"})
    assert response.status_code == 400
    assert "Ange koden som sex siffror" in response.content.decode()
    device = TOTPDevice.objects.get(user=sakerhetschef)
    wrong = "000000" if kod(device) != "000000" else "111111"
    response = client.post(AKTIVERA, {"kod": wrong})
    assert response.status_code == 400
    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.get(user=sakerhetschef).confirmed
    assert client.get("/").status_code == 302


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
    device = TOTPDevice.objects.get(user=sakerhetschef)
    response = client.post(AKTIVERA, {"kod": kod(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_it_lets_an_optional_role_opt_in_and_then_asks_for_the_code(otp_on, medarbetare):
    client = password_only(medarbetare)
    assert "Aktivera" in client.get("/konto/tvastegsverifiering/").content.decode()
    client.get(AKTIVERA)
    device = TOTPDevice.objects.get(user=medarbetare)
    client.post(AKTIVERA, {"kod": kod(device)})
    assert client.get("/").status_code == 200
    # The next login needs the code too.
    assert password_only(medarbetare).get("/")["Location"].startswith(VERIFIERA)


def test_it_lets_an_optional_role_turn_it_off_but_not_a_required_one(
    client_as, medarbetare, sakerhetschef
):
    TOTPDevice.objects.create(user=medarbetare, name="App", confirmed=True)
    client = client_as(medarbetare)
    client.post("/konto/tvastegsverifiering/stang-av/")
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
