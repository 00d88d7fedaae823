"""
A user's permissions (their own and their roles'), their roles and the units they lead, read
in one SQL query (`behorighet`, through User.behorighet). Every page asks for all three (the
menu, the two-factor check, the selectors), and building ModelBackend's two querysets cost
more than running them: 1.6 ms a page, against 0.2 ms for the same answer here
(docs/performance.md). The same four reads as one ORM UNION were measured too, alternating
with this on the benchmark's database: median 8 ms against 0.8 ms, p10 2.9 against 0.6 ms,
most of it Django building the union; so raw SQL it stays, its table names taken from the
models. The auth backend (konton.backends.Behorigheter) gives these permissions to Django.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from .models import Enhet, User


def _sql() -> str:
    # Table names from the models, so a rename cannot leave this query behind.
    user_perms = User.user_permissions.through._meta.db_table
    user_groups = User.groups.through._meta.db_table
    group_perms = Group.permissions.through._meta.db_table
    chefer = Enhet.chefer.through._meta.db_table
    return f"""
        SELECT 'perm', ct.app_label || '.' || p.codename
        FROM {Permission._meta.db_table} p
        JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id
        WHERE p.id IN (SELECT permission_id FROM {user_perms} WHERE user_id = %s)
           OR p.id IN (SELECT gp.permission_id FROM {group_perms} gp
                       JOIN {user_groups} ug ON ug.group_id = gp.group_id
                       WHERE ug.user_id = %s)
        UNION ALL
        SELECT 'roll', g.name
        FROM {Group._meta.db_table} g
        JOIN {user_groups} ug ON ug.group_id = g.id
        WHERE ug.user_id = %s
        UNION ALL
        SELECT 'chef', CAST(c.enhet_id AS TEXT) FROM {chefer} c WHERE c.user_id = %s
        UNION ALL
        SELECT 'organ', CAST(e.organ_id AS TEXT) FROM {Enhet._meta.db_table} e WHERE e.id = %s
    """


def behorighet(user) -> dict[str, frozenset[str]]:
    """The user's permissions ("perm": "app.codename", as ModelBackend gives them to an
    active user who is not a superuser), role names ("roll"), the ids of the units they
    lead ("chef") and the body of their own unit ("organ"), in one query. Read through
    User.roller, User.ledda_enhet_ids, User.foretradda_organ_ids and Behorigheter, once
    per request."""
    svar = {"perm": set(), "roll": set(), "chef": set(), "organ": set()}
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [user.pk] * 4 + [user.enhet_id])
        for slag, varde in cursor:
            svar[slag].add(varde)
    return {slag: frozenset(v) for slag, v in svar.items()}
