"""Single sign-on (OpenID Connect) maps the organisation account to an existing user by
e-mail, takes roles from a claim when configured, and shows its button only when set up."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import include, path

from konton.oidc import KommunOIDCBackend
from koping_sakerhet import urls as project_urls
from policy.models import Roll, User

# The project's URLs as they are when OIDC is configured (settings decide at start-up).
urlpatterns = [*project_urls.urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]
BACKEND = "konton.oidc.KommunOIDCBackend"


@pytest.fixture
def oidc(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "sakerhetsportalen"
    settings.OIDC_RP_CLIENT_SECRET = "hemligt"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.koping.se/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.koping.se/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.koping.se/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.koping.se/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_GROUPS_CLAIM = ""
    settings.OIDC_GROUP_MAP = {}
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    return settings


def sign_in(monkeypatch, claims):
    """What the backend does with the claims the provider returns for a login."""
    backend = KommunOIDCBackend()
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: claims)
    return backend.get_or_create_user("access-token", "id-token", {})


def test_it_maps_the_organisation_account_to_the_existing_user_by_email(oidc, monkeypatch, chef):
    user = sign_in(monkeypatch, {"email": " CHEF@demo.koping.se ", "email_verified": True})
    assert user == chef
    assert User.objects.filter(email__iexact="chef@demo.koping.se").count() == 1


def test_it_refuses_an_unknown_address_without_creating_a_user(oidc, monkeypatch, people):
    count = User.objects.count()
    assert sign_in(monkeypatch, {"email": "okand@koping.se"}) is None
    assert User.objects.count() == count


def test_it_creates_unknown_users_only_when_told_to(oidc, monkeypatch, people):
    oidc.OIDC_CREATE_USER = True
    user = sign_in(
        monkeypatch, {"email": "Ny.Person@koping.se", "given_name": "Ny", "family_name": "Person"}
    )
    assert user.username == "ny.person@koping.se"
    assert (user.first_name, user.last_name) == ("Ny", "Person")
    assert not user.has_usable_password()
    assert user.roller == frozenset()


def test_it_refuses_an_unverified_or_missing_address(oidc, monkeypatch, chef):
    with pytest.raises(SuspiciousOperation):
        sign_in(monkeypatch, {"email": "chef@demo.koping.se", "email_verified": False})
    with pytest.raises(SuspiciousOperation):
        sign_in(monkeypatch, {"sub": "abc"})


def test_it_refuses_an_address_two_accounts_share(oidc, monkeypatch, chef):
    User.objects.create_user("chef2", email="chef@demo.koping.se")
    with pytest.raises(SuspiciousOperation):
        sign_in(monkeypatch, {"email": "chef@demo.koping.se"})


def test_it_takes_roles_from_the_groups_claim_when_configured(oidc, monkeypatch, medarbetare):
    oidc.OIDC_GROUPS_CLAIM = "groups"
    oidc.OIDC_GROUP_MAP = {"SG-Sakerhet": Roll.SAKERHETSAVDELNING}
    annan = Group.objects.create(name="Nyhetsbrev")
    medarbetare.groups.add(annan)
    user = sign_in(
        monkeypatch,
        {"email": "medarbetare@demo.koping.se", "groups": ["SG-Sakerhet", "Alla anställda"]},
    )
    user = User.objects.get(pk=user.pk)
    assert user.roller == frozenset({Roll.SAKERHETSAVDELNING, "Nyhetsbrev"})
    # A role name given as is counts too; a claim that is absent changes nothing.
    sign_in(monkeypatch, {"email": "medarbetare@demo.koping.se", "groups": "chef"})
    assert User.objects.get(pk=user.pk).har_roll(Roll.CHEF)
    sign_in(monkeypatch, {"email": "medarbetare@demo.koping.se"})
    assert User.objects.get(pk=user.pk).roller == frozenset({Roll.CHEF, "Nyhetsbrev"})


def test_it_keeps_admin_set_roles_without_a_groups_claim(oidc, monkeypatch, sakerhetschef):
    sign_in(monkeypatch, {"email": "sakerhetschef@demo.koping.se", "groups": ["chef"]})
    assert User.objects.get(pk=sakerhetschef.pk).roller == frozenset({Roll.SAKERHETSCHEF})


@pytest.mark.urls(__name__)
def test_it_shows_the_sso_button_only_when_configured(oidc, client):
    html = client.get("/logga-in/?next=/risker/").content.decode()
    assert "Logga in med organisationskonto" in html
    assert 'href="/oidc/authenticate/?next=/risker/"' in html
    assert 'name="password"' in html  # local login remains
    oidc.OIDC_ENABLED = False
    assert "organisationskonto" not in client.get("/logga-in/").content.decode()


def test_it_shows_no_sso_button_by_default(client, db):
    assert "organisationskonto" not in client.get("/logga-in/").content.decode()


@pytest.mark.urls(__name__)
def test_it_sends_the_user_to_the_identity_provider(oidc, client, db):
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    url = urlparse(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://idp.koping.se/authorize"
    query = parse_qs(url.query)
    assert query["client_id"] == ["sakerhetsportalen"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]


@pytest.mark.urls(__name__)
def test_it_trusts_the_providers_second_factor_only_when_told_to(oidc, sakerhetschef):
    oidc.OTP_REQUIRED = True
    client = Client()
    client.force_login(sakerhetschef, backend=BACKEND)
    assert client.get("/")["Location"].startswith("/konto/tvastegsverifiering/aktivera/")
    oidc.OIDC_MFA_AT_IDP = True
    assert client.get("/").status_code == 200


def test_it_logs_roles_from_the_organisation_account_and_tells_the_sakerhetschef(
    oidc, medarbetare, sakerhetschef, settings
):
    from konton.models import Behorighetslogg
    from konton.oidc import KommunOIDCBackend
    from paminnelser.models import Notis

    settings.OIDC_GROUPS_CLAIM = "groups"
    KommunOIDCBackend().sync_roles(medarbetare, {"groups": ["medarbetare", "chef"]})
    entry = Behorighetslogg.objects.get(behorighet="roll:chef")
    assert entry.anvandare == medarbetare and entry.handling == Behorighetslogg.Handling.BEVILJAD
    assert Notis.objects.filter(mottagare=sakerhetschef, typ="roll").exists()
