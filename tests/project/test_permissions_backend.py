"""A user's permissions are read in one query (konton.backends.Behorigheter) and are
exactly those Django's ModelBackend gives: own, through roles, none when inactive."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from konton.backends import Behorigheter
from policy.models import User
from tests.conftest import ROLLER


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("roll", ROLLER)
def test_it_gives_every_role_the_permissions_django_would(roll, request):
    user = request.getfixturevalue(roll)
    ours = Behorigheter().get_all_permissions(fresh(user))
    assert ours == ModelBackend().get_all_permissions(fresh(user))
    assert ours or roll in ("medarbetare", "extern")


def test_it_reads_them_in_one_query_once_per_request(sakerhetsavdelning):
    user = fresh(sakerhetsavdelning)
    with CaptureQueriesContext(connection) as ctx:
        assert user.has_perm("incidenter.handle_incident")
        assert not user.has_perm("policy.adopt_policy_substantive")
        assert user.has_perm("incidenter.export_incident")
        assert user.roller == {"sakerhetsavdelning"}
        assert user.ledda_enhet_ids == set()
        assert user.foretradda_organ_ids == set()
    assert len(ctx.captured_queries) == 1


def test_it_reads_the_body_a_namndforetradare_represents_with_them(namndforetradare):
    user = fresh(namndforetradare)
    with CaptureQueriesContext(connection) as ctx:
        assert user.foretradda_organ_ids == {namndforetradare.enhet.organ_id}
        assert user.egen_organ_id == namndforetradare.enhet.organ_id
        assert user.roller == {"namndforetradare"}
    assert len(ctx.captured_queries) == 1


def test_it_reads_roles_and_led_units_with_them_and_anew_when_told(chef):
    from policy.models import Enhet

    user = fresh(chef)
    ledda = set(chef.ledda_enheter.values_list("pk", flat=True))
    assert user.roller == set(chef.groups.values_list("name", flat=True)) == {"chef"}
    assert user.ledda_enhet_ids == ledda != set()
    annan = Enhet.objects.exclude(pk__in=ledda).first()
    annan.chefer.add(user)
    assert annan.pk not in user.ledda_enhet_ids  # read once per request
    user.behorighet_andrad()
    assert user.ledda_enhet_ids == ledda | {annan.pk}


def test_it_counts_a_permission_given_to_the_user_alone_and_forgets_a_removed_role(
    medarbetare, sakerhetsavdelning
):
    perm = Permission.objects.get(codename="export_incident")
    assert not fresh(medarbetare).has_perm("incidenter.export_incident")
    medarbetare.user_permissions.add(perm)
    assert fresh(medarbetare).has_perm("incidenter.export_incident")

    sakerhetsavdelning.groups.clear()
    assert not fresh(sakerhetsavdelning).has_perm("incidenter.handle_incident")


def test_it_gives_an_inactive_user_nothing_and_a_superuser_everything(sakerhetsavdelning):
    sakerhetsavdelning.is_active = False
    assert not Behorigheter().get_all_permissions(sakerhetsavdelning)
    root = User.objects.create(username="root", is_superuser=True)
    assert len(Behorigheter().get_all_permissions(root)) == Permission.objects.count()
