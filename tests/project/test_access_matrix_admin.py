"""
The Django admin in the access matrix, and half-logged-in sessions.

Every admin URL (each registered model's list, add, change, delete and history pages, the
custom pages, every app index) is opened as every role on the demo world of
test_access_matrix.py. The rule: nobody reaches incident content, an authenticator's secret
or role assignment through the admin who could not through the portal. Only the
systemadministratör has the admin at all, and there only the user register (with the roles
it may give), units, bodies and the list of authenticators without their secrets.

And: a session past the password but not the code of a two-factor user reaches nothing,
on any URL of the project or the admin, but the code's page, logging out and the public
pages.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from incidenter.models import Incident
from konton.middleware import FRIA_VYER
from konton.roller import UTAN_INCIDENTINNEHALL
from konton.testing import verifiera_tvafaktor
from tests.project import test_access_matrix as matrix

# The demo world and the stub PDFs of the access matrix.
world = matrix.world
fast_pdfs = matrix.fast_pdfs
_fall = matrix._fall

pytestmark = pytest.mark.xdist_group("access_matrix")

ROLLER = [
    "anonym",
    "medarbetare",
    "chef",
    "namndforetradare",
    "sakerhetsavdelning",
    "sakerhetschef",
    "kommunledning",
    "extern",
    "sysadmin",
]

# What the systemadministratör opens in the admin: (app_label, model, page).
SYSADMIN = {
    ("policy", "user", "changelist"),
    ("policy", "user", "add"),
    ("policy", "user", "change"),
    ("policy", "user", "history"),
    ("policy", "user", "password"),
    ("policy", "enhet", "changelist"),
    ("policy", "enhet", "add"),
    ("policy", "enhet", "change"),
    ("policy", "enhet", "history"),
    ("policy", "organ", "changelist"),
    ("policy", "organ", "add"),
    ("policy", "organ", "change"),
    ("policy", "organ", "history"),
    ("otp_totp", "totpdevice", "changelist"),
    ("otp_totp", "totpdevice", "change"),  # read only, without the key
    ("otp_totp", "totpdevice", "delete"),  # the reset
    ("otp_totp", "totpdevice", "history"),
}
SYSADMIN_APPAR = {"policy", "otp_totp"}


def _admin_urls(w) -> list[tuple[tuple[str, str, str], str]]:
    """(app, model, page) and URL for every page of every registered model."""
    urls = [(("", "", "index"), reverse("admin:index"))]
    appar = set()
    for model in admin.site._registry:
        app, namn = model._meta.app_label, model._meta.model_name
        appar.add(app)
        urls.append(((app, namn, "changelist"), reverse(f"admin:{app}_{namn}_changelist")))
        urls.append(((app, namn, "add"), reverse(f"admin:{app}_{namn}_add")))
        if model._meta.label == "policy.User":
            objekt = [w.people["medarbetare"], w.people["sakerhetschef"], w.people["sysadmin"]]
        elif model is TOTPDevice:
            # Someone else's: one's own authenticator is reset by another administrator.
            objekt = [model.objects.exclude(user=w.people["sysadmin"]).order_by("pk").first()]
        else:
            objekt = [model.objects.order_by("pk").first()]
        for obj in objekt:
            if obj is None:
                continue
            for sida in ("change", "delete", "history"):
                urls.append(
                    ((app, namn, sida), reverse(f"admin:{app}_{namn}_{sida}", args=[obj.pk]))
                )
            if model._meta.label == "policy.User":
                urls.append(((app, namn, "password"), f"/admin/policy/user/{obj.pk}/password/"))
            if model._meta.label == "otp_totp.TOTPDevice":
                for sida in ("config", "qrcode"):
                    urls.append(((app, namn, sida), f"/admin/otp_totp/totpdevice/{obj.pk}/{sida}/"))
    for app in sorted(appar):
        urls.append(((app, "", "app_index"), reverse("admin:app_list", args=[app])))
    return urls


def _hemligheter(w) -> list[str]:
    """What no admin page may show to anyone without access in the portal."""
    texter = list(Incident.objects.values_list("rubrik", flat=True))
    texter += list(Incident.objects.exclude(beskrivning="").values_list("beskrivning", flat=True))
    for device in TOTPDevice.objects.all():
        texter.append(device.key)
    return [t for t in texter if t and len(t) >= 8]


def _oppnad(response) -> bool:
    return response.status_code == 200


@pytest.mark.parametrize("roll", ROLLER)
def test_it_gives_every_role_only_its_own_part_of_the_admin(world, db, roll):
    client = Client(raise_request_exception=False)
    if roll != "anonym":
        client.force_login(world.people[roll])
        verifiera_tvafaktor(client, world.people[roll])
    # Someone's authenticator, whose key no page may show.
    if not TOTPDevice.objects.filter(user=world.people["sakerhetschef"]).exists():
        TOTPDevice.objects.create(user=world.people["sakerhetschef"], name="App", confirmed=True)
    hemligheter = _hemligheter(world)
    fel = []
    for (app, modell, sida), url in _admin_urls(world):
        response = client.get(url)
        if response.status_code == 500:
            fel.append(f"{url}: 500")
            continue
        if roll == "sysadmin":
            if sida == "index" or (sida == "app_index" and app in SYSADMIN_APPAR):
                vantat = True
            elif (app, modell, sida) in SYSADMIN:
                # Never its own account: that is changed by someone else.
                vantat = not (
                    modell == "user"
                    and sida == "password"
                    and url.startswith(f"/admin/policy/user/{world.people['sysadmin'].pk}/")
                )
            else:
                vantat = False
        else:
            vantat = False
        if _oppnad(response) != vantat:
            fel.append(
                f"{url}: väntade {'öppen' if vantat else 'stängd'}, fick {response.status_code}"
            )
        if response.status_code != 200:
            continue
        html = response.content.decode()
        for text in hemligheter:
            if text in html:
                fel.append(f"{url}: visar {text[:30]!r}")
        if 'name="is_superuser"' in html or 'name="user_permissions"' in html:
            fel.append(f"{url}: erbjuder superanvändare eller enskilda behörigheter")
        for select in re.findall(r'<select name="groups".*?</select>', html, re.S):
            tillatna = {str(g.pk) for g in Group.objects.filter(name__in=UTAN_INCIDENTINNEHALL)}
            for varde in re.findall(r'value="(\d+)"', select):
                if varde not in tillatna:
                    fel.append(f"{url}: erbjuder rollen {Group.objects.get(pk=varde).name}")
    assert not fel, f"{roll}:\n" + "\n".join(fel)


@pytest.mark.parametrize("roll", ["sakerhetschef", "medarbetare"])
def test_it_lets_a_password_only_session_reach_nothing_but_the_code(world, db, roll, settings):
    """Half logged in: past the password, not the code (a medarbetare who turned it on)."""
    settings.OTP_REQUIRED = True
    user = world.people[roll]
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    verifiera = reverse("konton:tvafaktor_verifiera")
    fria = {reverse(n) for n in FRIA_VYER if not n.startswith("oidc")}
    fel = []
    fall = [(label, f.metod, url) for label, f, url in _fall(world)]
    fall += [("admin", "GET", url) for _namn, url in _admin_urls(world)]
    fall += [("admin", "POST", url) for _namn, url in _admin_urls(world)]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    for label, metod, url in fall:
        if url.split("?")[0] in fria | {verifiera}:
            continue  # logging out would end the session the other cases use
        response = getattr(client, metod.lower())(url, {})
        plats = response.get("Location", "")
        if not (response.status_code == 302 and plats.startswith(verifiera)):
            fel.append(f"{label} {metod} {url}: {response.status_code} {plats}")
    assert not fel, f"{roll}:\n" + "\n".join(fel)
