"""The Django admin gives the systemadministratör the user register, never the security
organisation: no superuser status, single permissions or roles that reach incident content,
nothing on their own account, no authenticator secret; a password set there must be changed
at the next login. Who may assign which role: konton/roller.py."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from konton.models import Behorighetslogg, Losenordsbyte
from konton.services import anvandare_roller_set
from paminnelser.models import Notis
from policy.models import Roll, User


def _andra(user, **extra):
    """The user change form's fields as the admin posts them."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "enhet": user.enhet_id or "",
        "organisation": "",
        "groups": [g.pk for g in user.groups.all()],
    }
    data.update(extra)
    return data


def _grupp(roll):
    return Group.objects.get(name=roll)


def test_it_offers_the_sysadmin_no_superuser_permissions_or_incident_roles(
    client_as, sysadmin, medarbetare
):
    html = client_as(sysadmin).get(f"/admin/policy/user/{medarbetare.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html
    assert 'name="is_staff"' not in html
    for roll in (Roll.SAKERHETSCHEF, Roll.SAKERHETSAVDELNING, Roll.CHEF, Roll.KOMMUNLEDNING):
        assert (
            f'value="{_grupp(roll).pk}"'
            not in html.split('name="groups"', 1)[1].split("</select>", 1)[0]
        )


def test_it_ignores_a_forged_post_for_superuser_or_the_sakerhetschef_role(
    client_as, sysadmin, medarbetare
):
    client = client_as(sysadmin)
    response = client.post(
        f"/admin/policy/user/{medarbetare.pk}/change/",
        _andra(
            medarbetare,
            is_superuser="on",
            is_staff="on",
            user_permissions=[1, 2, 3],
            groups=[_grupp(Roll.MEDARBETARE).pk, _grupp(Roll.SAKERHETSCHEF).pk],
        ),
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(pk=medarbetare.pk)
    assert not user.is_superuser and not user.is_staff
    assert not user.user_permissions.exists()
    assert set(user.groups.values_list("name", flat=True)) == {Roll.MEDARBETARE}


def test_it_lets_nobody_but_a_superuser_change_themself_in_the_admin(client_as, sysadmin):
    client = client_as(sysadmin)
    assert client.get(f"/admin/policy/user/{sysadmin.pk}/password/").status_code == 403
    response = client.post(
        f"/admin/policy/user/{sysadmin.pk}/change/",
        _andra(
            sysadmin, groups=[_grupp(Roll.SYSTEMADMINISTRATOR).pk, _grupp(Roll.SAKERHETSCHEF).pk]
        ),
    )
    assert response.status_code == 403
    assert not User.objects.get(pk=sysadmin.pk).har_roll(Roll.SAKERHETSCHEF)


def test_it_keeps_the_roles_the_sysadmin_may_not_assign(client_as, sysadmin, chef):
    client = client_as(sysadmin)
    response = client.post(
        f"/admin/policy/user/{chef.pk}/change/",
        _andra(chef, groups=[_grupp(Roll.EXTERN_PART).pk]),
    )
    assert response.status_code == 302
    roller = set(User.objects.get(pk=chef.pk).groups.values_list("name", flat=True))
    assert roller == {Roll.CHEF, Roll.EXTERN_PART}


def test_it_logs_every_role_change_and_tells_the_sakerhetschef(
    client_as, sysadmin, sakerhetschef, medarbetare
):
    client_as(sysadmin).post(
        f"/admin/policy/user/{medarbetare.pk}/change/",
        _andra(medarbetare, groups=[_grupp(Roll.MEDARBETARE).pk, _grupp(Roll.EXTERN_PART).pk]),
    )
    entry = Behorighetslogg.objects.get(behorighet=f"roll:{Roll.EXTERN_PART}")
    assert entry.handling == Behorighetslogg.Handling.BEVILJAD
    assert (entry.utford_av, entry.anvandare) == (sysadmin, medarbetare)
    notis = Notis.objects.get(mottagare=sakerhetschef, typ="roll")
    assert str(medarbetare) in notis.rubrik and str(sysadmin) in notis.rubrik


def test_it_lets_only_the_sakerhetschef_assign_the_security_roles(
    sakerhetschef, sakerhetsavdelning, sysadmin, medarbetare
):
    for andrar in (sysadmin, sakerhetsavdelning):
        with pytest.raises(PermissionDenied):
            anvandare_roller_set(
                andrad_av=andrar,
                user=medarbetare,
                roller=[Roll.MEDARBETARE, Roll.SAKERHETSAVDELNING],
            )
    assert not User.objects.get(pk=medarbetare.pk).har_roll(Roll.SAKERHETSAVDELNING)
    anvandare_roller_set(
        andrad_av=sakerhetschef,
        user=medarbetare,
        roller=[Roll.MEDARBETARE, Roll.SAKERHETSAVDELNING],
    )
    assert User.objects.get(pk=medarbetare.pk).har_roll(Roll.SAKERHETSAVDELNING)
    with pytest.raises(PermissionDenied):
        anvandare_roller_set(andrad_av=sakerhetschef, user=sakerhetschef, roller=[])


def test_it_lets_the_sysadmin_not_make_anyone_chef_of_a_unit(client_as, sysadmin, medarbetare):
    enhet = medarbetare.enhet
    html = client_as(sysadmin).get(f"/admin/policy/enhet/{enhet.pk}/change/").content.decode()
    assert 'name="chefer"' not in html


# --- The authenticator's secret ---


def test_it_never_shows_an_authenticators_secret_in_the_admin(client_as, sysadmin, sakerhetschef):
    device = TOTPDevice.objects.create(user=sakerhetschef, name="Telefon", confirmed=True)
    client = client_as(sysadmin)
    for url in (
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert device.key not in html and "otpauth" not in html, url
        assert 'name="key"' not in html, url
    for url in (
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url


def test_it_resets_an_authenticator_with_a_log_and_a_notice(
    client_as, sysadmin, sakerhetschef, sakerhetsavdelning
):
    device = TOTPDevice.objects.create(user=sakerhetsavdelning, name="Telefon", confirmed=True)
    response = client_as(sysadmin).post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    entry = Behorighetslogg.objects.get(handling=Behorighetslogg.Handling.TVAFAKTOR)
    assert (entry.utford_av, entry.anvandare) == (sysadmin, sakerhetsavdelning)
    assert Notis.objects.filter(mottagare=sakerhetsavdelning, typ="tvafaktor").exists()
    assert Notis.objects.filter(mottagare=sakerhetschef, typ="tvafaktor").exists()


def test_it_lets_no_administrator_add_or_change_an_authenticator(client_as, sysadmin, chef):
    device = TOTPDevice.objects.create(user=chef, name="Telefon", confirmed=True)
    client = client_as(sysadmin)
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    client.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        {"user": chef.pk, "name": "Ny", "key": "00" * 20, "confirmed": "on"},
    )
    device.refresh_from_db()
    assert device.name == "Telefon"


# --- A password set by an administrator ---


def test_it_makes_the_user_change_a_password_the_admin_set(client_as, sysadmin, medarbetare):
    response = client_as(sysadmin).post(
        f"/admin/policy/user/{medarbetare.pk}/password/",
        {"password1": "Ett-nytt-losen-42", "password2": "Ett-nytt-losen-42"},
    )
    assert response.status_code == 302
    assert Losenordsbyte.objects.filter(anvandare=medarbetare, satt_av=sysadmin).exists()
    assert Behorighetslogg.objects.filter(
        handling=Behorighetslogg.Handling.LOSENORD, anvandare=medarbetare, utford_av=sysadmin
    ).exists()
    notis = Notis.objects.get(mottagare=medarbetare, typ="losenord")
    assert "administratör" in notis.rubrik

    client = Client()
    assert (
        client.post(
            "/logga-in/", {"username": medarbetare.username, "password": "Ett-nytt-losen-42"}
        ).status_code
        == 302
    )
    for url in ("/", "/incidenter/mina/", "/paminnelser/"):
        assert client.get(url)["Location"] == "/konto/losenord/", url
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "Ett-nytt-losen-42",
            "new_password1": "Mitt-eget-losen-77",
            "new_password2": "Mitt-eget-losen-77",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert not Losenordsbyte.objects.filter(anvandare=medarbetare).exists()


def test_it_lets_the_sakerhetschef_assign_roles_in_the_portal(
    client_as, sakerhetschef, medarbetare
):
    client = client_as(sakerhetschef)
    assert (
        str(medarbetare)
        in client.get("/konto/roller/?sok=" + medarbetare.username).content.decode()
    )
    response = client.post(
        f"/konto/roller/{medarbetare.pk}/",
        {"roller": [Roll.MEDARBETARE, Roll.SAKERHETSAVDELNING]},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=medarbetare.pk).har_roll(Roll.SAKERHETSAVDELNING)
    html = client.get("/konto/behorigheter/").content.decode()
    assert f"roll:{Roll.SAKERHETSAVDELNING}" in html
    # Not themself.
    response = client.post(f"/konto/roller/{sakerhetschef.pk}/", {"roller": []})
    assert response.status_code == 400
    assert User.objects.get(pk=sakerhetschef.pk).har_roll(Roll.SAKERHETSCHEF)


def test_it_issues_an_enrolment_code_on_the_command_line(sakerhetschef):
    from io import StringIO

    from django.core.management import call_command

    from konton.services import registreringskod_giltig

    out = StringIO()
    call_command("registreringskod", sakerhetschef.username, stdout=out)
    kod = out.getvalue().rsplit(" ", 1)[1].strip()
    assert registreringskod_giltig(user=sakerhetschef, kod=kod) is not None


def test_it_shows_no_password_hash_in_a_users_history_and_reverts_nothing(
    client_as, sysadmin, medarbetare
):
    client = client_as(sysadmin)
    client.post(
        f"/admin/policy/user/{medarbetare.pk}/password/",
        {"password1": "Ett-nytt-losen-42", "password2": "Ett-nytt-losen-42"},
    )
    hash_nu = User.objects.get(pk=medarbetare.pk).password
    html = client.get(f"/admin/policy/user/{medarbetare.pk}/history/").content.decode()
    assert hash_nu.split("$")[-1] not in html
    assert medarbetare.password.split("$")[-1] not in html
    aldsta = medarbetare.history.order_by("history_id").first()
    response = client.post(
        f"/admin/policy/user/{medarbetare.pk}/history/{aldsta.history_id}/",
        _andra(medarbetare),
    )
    assert response.status_code == 403
    assert User.objects.get(pk=medarbetare.pk).password == hash_nu
