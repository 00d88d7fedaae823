"""policy.selectors.scope_key: the key of every cache that holds what a scope of people may
see. Two people with the same key must see the same through every app's selectors (apart
from what is theirs alone: own reports, own åtgärder, grants on single objects, which no
shared cache holds), and every part of the key must be needed: without it, two people who
see different things would share an entry."""

import itertools

import pytest
from django.contrib.auth.models import Group, Permission

from incidenter.models import Incident
from incidenter.selectors import incidents_visible_to, ser_alla_normala
from policy.models import Enhet, Roll, User
from policy.selectors import (
    organ_visible_to,
    policyversioner_visible_to,
    scope_key,
    ser_alla_organ,
    ser_utkast,
)
from risker.models import Riskanalys
from risker.selectors import (
    risk_atgarder_visible_to,
    riskanalyser_visible_to,
    risker_visible_to,
)
from tests.conftest import _person
from tests.incidenter.factories import incident_factory, skyddad_incident
from tests.risker.factories import bedomning, riskanalys_factory


def _ids(qs) -> frozenset[int]:
    return frozenset(qs.values_list("pk", flat=True))


def _ser(user) -> tuple:
    """What the person sees through the selectors, less what is theirs alone."""
    return (
        _ids(riskanalyser_visible_to(user)),
        _ids(risker_visible_to(user)),
        _ids(risk_atgarder_visible_to(user).exclude(ansvarig=user)),
        _ids(
            incidents_visible_to(user)
            .filter(konfidentialitet=Incident.Konfidentialitet.NORMAL)
            .exclude(rapportor=user)
        ),
        _ids(
            incidents_visible_to(user)
            .filter(konfidentialitet=Incident.Konfidentialitet.SKYDDAD)
            .exclude(rapportor=user)
        ),
        _ids(organ_visible_to(user)),
        _ids(policyversioner_visible_to(user)),
        ser_alla_normala(user),
        ser_utkast(user),
        ser_alla_organ(user),
    )


def _enhet(organ: str, namn: str) -> Enhet:
    return Enhet.objects.get(organ__slug=organ, namn=namn)


@pytest.fixture
def alla(people, annan_medarbetare, annan_chef, annan_namndforetradare, namndforetradare):
    """Every role, and beside them people whose key differs from one of them in one part
    only, so that each part of the key is put to the test."""
    personer = {u.username: u for u in people.values()}
    for u in (annan_medarbetare, annan_chef, annan_namndforetradare):
        personer[u.username] = u
    karlberg = _enhet("bun", "Karlbergsskolan")
    # The same role and body as medarbetare, another unit: the same key, the same view.
    personer["maja2"] = _person("maja2", Roll.MEDARBETARE, karlberg)
    # A chef of another unit of the same body: only the units led differ.
    personer["chef2"] = _person("chef2", Roll.CHEF, karlberg, chef=True)
    # Säkerhetsavdelningen's second member, in the same unit: the same key.
    personer["sara2"] = _person(
        "sara2", Roll.SAKERHETSAVDELNING, people[Roll.SAKERHETSAVDELNING].enhet
    )
    # A medarbetare given one permission on their own account: only the permissions differ.
    extra = _person("maja3", Roll.MEDARBETARE, karlberg)
    extra.user_permissions.add(Permission.objects.get(codename="view_all_risker"))
    personer["maja3"] = User.objects.get(pk=extra.pk)
    # Kommunledningen's permissions without its role: only the roles differ.
    ks = people[Roll.KOMMUNLEDNING]
    utan_roll = _person("karin2", Roll.MEDARBETARE, ks.enhet)
    utan_roll.groups.clear()
    utan_roll.user_permissions.set(Group.objects.get(name=Roll.KOMMUNLEDNING).permissions.all())
    personer["karin2"] = User.objects.get(pk=utan_roll.pk)
    personer["root"] = User.objects.create_superuser("root", "root@test.koping.se", "x")
    return personer


@pytest.fixture
def varld(alla, people):
    """Analyses and incidents of several bodies and units, in every state that matters."""
    namnd = people[Roll.NAMNDFORETRADARE]
    riskanalys_factory(namnd, titel="BUN utkast", risker=[bedomning(4, lh=4)])
    riskanalys_factory(
        namnd, titel="BUN inlämnad", risker=[bedomning(2)], status=Riskanalys.Status.INLAMNAD
    )
    sn = alla["nils"]
    riskanalys_factory(sn, titel="SN utkast", risker=[bedomning(3)])
    riskanalys_factory(
        sn, titel="SN inlämnad", risker=[bedomning(5, lh=5)], status=Riskanalys.Status.INLAMNAD
    )
    for enhet in (
        _enhet("bun", "Ullvigymnasiet"),
        _enhet("bun", "Karlbergsskolan"),
        _enhet("sn", "Hemtjänsten Centrum"),
        _enhet("ks", "Kansliet"),
    ):
        incident_factory(enhet=enhet, rubrik=f"Normal i {enhet.namn}")
        skyddad_incident(enhet=enhet, rubrik=f"Skyddad i {enhet.namn}")


def _par(alla):
    return list(itertools.combinations(sorted(alla.values(), key=lambda u: u.username), 2))


def test_it_gives_people_with_the_same_key_the_same_view(alla, varld):
    lika = 0
    for a, b in _par(alla):
        if scope_key(a) == scope_key(b):
            lika += 1
            assert _ser(a) == _ser(b), (a.username, b.username)
    # The world has such pairs (medarbetare in two units of one body, two in one unit).
    assert lika >= 2


def test_it_needs_every_part_of_the_key(alla, varld):
    """Without any one part, some two people who see different things would share a key."""
    nycklar = {u.pk: scope_key(u) for u in alla.values()}
    delar = len(next(iter(nycklar.values())))
    for del_ in range(delar):
        utan = {pk: k[:del_] + k[del_ + 1 :] for pk, k in nycklar.items()}
        krockar = [
            (a.username, b.username)
            for a, b in _par(alla)
            if utan[a.pk] == utan[b.pk] and _ser(a) != _ser(b)
        ]
        assert krockar, f"del {del_} av nyckeln behövs inte i den här världen"


def test_it_has_no_key_for_someone_not_logged_in_or_inactive(alla):
    from django.contrib.auth.models import AnonymousUser

    assert scope_key(AnonymousUser()) is None
    maja = alla["maja2"]
    maja.is_active = False
    assert scope_key(maja) is None
