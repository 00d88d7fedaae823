"""
Who may assign which role, in one place (docs/access.md, "Who assigns roles").

A role is a Django group (policy/roles.py). Every role but medarbetare and extern part
reaches incident content (a chef the normal incidents of the units they lead, a
nämndföreträdare those of their body, KS and Säkerhetsavdelningen all normal ones, the
säkerhetschef the skyddade), and the systemadministratör role reaches the admin. So the
systemadministratör, who keeps the user register, assigns only the two roles that see
nothing but a person's own reports; every other role is assigned by the säkerhetschef (or
a superuser created on the command line). Nobody but a superuser changes their own roles.
"""

from policy.models import Roll

# Roles that see no incident but the user's own reports.
UTAN_INCIDENTINNEHALL = (Roll.MEDARBETARE, Roll.EXTERN_PART)


def roller_som_far_tilldelas(user) -> frozenset[str]:
    """The role names `user` may give or take away."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser or user.har_roll(Roll.SAKERHETSCHEF):
        return frozenset(Roll.values)
    if user.har_roll(Roll.SYSTEMADMINISTRATOR):
        return frozenset(UTAN_INCIDENTINNEHALL)
    return frozenset()


def far_andra_anvandare(andrar, anvandare) -> bool:
    """Whether `andrar` may change `anvandare` at all in the admin: never oneself (a
    superuser excepted) and never a superuser unless one is one."""
    if andrar.is_superuser:
        return True
    return anvandare.pk != andrar.pk and not anvandare.is_superuser


def far_tilldela_roller(user) -> bool:
    """The roles page in the portal (/konto/roller/): the säkerhetschef (and a superuser)."""
    return user.is_authenticated and (user.is_superuser or user.har_roll(Roll.SAKERHETSCHEF))
