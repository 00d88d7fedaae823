"""
Single sign-on with the municipality's identity provider (OpenID Connect), active only
when OIDC_RP_CLIENT_ID and the endpoints are set (settings.py adds this backend then).

A login maps to an EXISTING user with the same e-mail address; an unknown address is
refused unless OIDC_CREATE_USERS is on. When OIDC_GROUPS_CLAIM names a claim, the user's
role groups follow it at every login (OIDC_GROUP_MAP translates the provider's group
names to roles); without the claim the roles set in the admin stay as they are.
"""

import logging

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from policy.models import Roll

logger = logging.getLogger("konton.sakerhet")


def _email(claims) -> str:
    value = claims.get("email")
    return value.strip() if isinstance(value, str) else ""


class KommunOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        # A provider that says the address is unverified must not map it to an account.
        return bool(_email(claims)) and claims.get("email_verified") is not False

    def filter_users_by_claims(self, claims):
        email = _email(claims)
        if not email:
            return self.UserModel.objects.none()
        # Inactive users match too, so that no duplicate is created; the login view
        # refuses them.
        return self.UserModel.objects.filter(email__iexact=email)

    def create_user(self, claims):
        email = _email(claims)
        username = email.casefold()[:150]
        if self.UserModel.objects.filter(username__iexact=username).exists():
            username = self.get_username(claims)
        user = self.UserModel.objects.create_user(
            username,
            email=email,
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        logger.info("Nytt konto skapat vid inloggning med organisationskonto: %s.", username)
        self.sync_roles(user, claims)
        return user

    def update_user(self, user, claims):
        self.sync_roles(user, claims)
        return user

    def roles_from_claims(self, claims) -> set[str] | None:
        """The roles the provider gives the user, or None when it says nothing."""
        claim = getattr(settings, "OIDC_GROUPS_CLAIM", "")
        if not claim or claim not in claims:
            return None
        values = claims[claim]
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list | tuple):
            return None
        mapping = getattr(settings, "OIDC_GROUP_MAP", {})
        return {mapping.get(str(v), str(v)) for v in values} & set(Roll.values)

    def sync_roles(self, user, claims) -> None:
        roles = self.roles_from_claims(claims)
        if roles is None:
            return
        from .services import anvandare_roller_fran_organisationskontot

        if not anvandare_roller_fran_organisationskontot(user=user, roller=roles):
            return
        logger.info(
            "Roller för %s uppdaterade från organisationskontot: %s.",
            user.get_username(),
            ", ".join(sorted(roles)) or "inga",
        )
