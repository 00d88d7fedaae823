"""
Reads of the policy and the organisation that depend on who asks.

- Every logged-in user may read the policy in force and every earlier version; drafts
  are for those who prepare or decide revisions.
- A body's "Vårt ansvar" page is for its own people (members and nämndföreträdare) and for
  those who see the whole koncern: Säkerhetsavdelningen, the säkerhetschef and
  kommunledningen. External parties are not members of a body.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import versioner

from .models import Ansvar, Enhet, Omrade, OmradesText, Organ, PolicyVersion, Styrdokument

# The bodies the policy gives a responsibility (see Ansvar.galler_for); VMKF has none.
ANSVARSORGAN = [
    Organ.Typ.KF,
    Organ.Typ.KS,
    Organ.Typ.NAMND,
    Organ.Typ.BOLAG,
    Organ.Typ.SAKERHETSAVDELNING,
]


# The version of what "Vårt ansvar" keeps drawn (policy.views._ansvarsdel): the versions of
# the policy, their responsibilities, the governing documents, the areas and the bodies.
# Every save or delete of them moves it on (policy.apps); a write that bypasses save() must
# call versioner.ny_version(VERSION), or is seen when the entry expires (CACHE_SEKUNDER).
VERSION = "policy:ansvar:version"
CACHE_SEKUNDER = 600


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save and post_delete (policy.apps)."""
    versioner.data_andrad(VERSION)


def scope_key(user) -> tuple | None:
    """Everything about a person that decides what the selectors of every app show them:
    roles, permissions, the units they lead, the body of their own unit. Two people with the
    same key see the same, apart from what is theirs alone (their own reports, the åtgärder
    they answer for, grants on single objects), which is always read live. A cache that holds
    what a scope of people may see is keyed by it (tests/project/test_scope_key.py checks it
    against the selectors for every pair of roles). None: the person sees nothing to share."""
    if not user.is_authenticated or not user.is_active:
        return None
    # A superuser's permissions are all of them (get_all_permissions), so no flag of its own.
    return (
        tuple(sorted(user.roller)),
        tuple(sorted(user.get_all_permissions())),
        tuple(sorted(user.ledda_enhet_ids)),
        user.egen_organ_id,
    )


def ser_utkast(user) -> bool:
    return user.has_perm("policy.draft_policyversion") or user.has_perm(
        "policy.record_policydecision"
    )


def ser_alla_organ(user) -> bool:
    return user.ar_sakerhetsfunktion or user.ar_kommunledning


def chef_organ_ids(user) -> frozenset[int]:
    """The bodies in which the user leads a unit (kept on the user for the request)."""
    if not hasattr(user, "_chef_organ_ids"):
        user._chef_organ_ids = (
            frozenset(
                Enhet.objects.filter(id__in=user.ledda_enhet_ids).values_list("organ_id", flat=True)
            )
            if user.ledda_enhet_ids
            else frozenset()
        )
    return user._chef_organ_ids


def egna_organ_ids(user) -> frozenset[int]:
    """The user's own bodies: the one of their unit, those where they lead a unit and those
    they are nämndföreträdare of. Whose risk analyses, activities and information assets
    they see in every status."""
    ids = set(user.foretradda_organ_ids) | set(chef_organ_ids(user))
    if user.egen_organ_id:
        ids.add(user.egen_organ_id)
    return frozenset(ids)


def gallande_version() -> PolicyVersion | None:
    return PolicyVersion.objects.gallande().select_related("beslutad_av").first()


def policyversioner_visible_to(user) -> QuerySet[PolicyVersion]:
    qs = PolicyVersion.objects.select_related("beslutad_av", "skapad_av", "baserad_pa")
    if not ser_utkast(user):
        qs = qs.exclude(status=PolicyVersion.Status.UTKAST)
    return qs


def get_policyversion_for_user(user, nummer: int) -> PolicyVersion:
    return get_object_or_404(policyversioner_visible_to(user), versionsnummer=nummer)


def get_policyversion_by_id_for_user(user, pk) -> PolicyVersion:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("Ogiltig version.")) from None
    return get_object_or_404(policyversioner_visible_to(user), pk=pk)


def version_med_innehall(version: PolicyVersion) -> PolicyVersion:
    """A version with its sections, goals, area texts and responsibilities fetched in four
    queries, whatever their number."""
    return (
        PolicyVersion.objects.select_related("beslutad_av", "baserad_pa")
        .prefetch_related(
            "avsnitt",
            "mal",
            "ansvar",
            Prefetch("omraden", queryset=OmradesText.objects.select_related("omrade")),
        )
        .get(pk=version.pk)
    )


def omradestext(version: PolicyVersion | None, omrade: Omrade) -> OmradesText | None:
    if version is None:
        return None
    return OmradesText.objects.filter(version=version, omrade=omrade).first()


def organ_visible_to(user) -> QuerySet[Organ]:
    """The bodies whose "Vårt ansvar" page the user may open."""
    qs = Organ.objects.filter(typ__in=ANSVARSORGAN)
    if ser_alla_organ(user):
        return qs
    if user.ar_extern or not user.enhet_id:
        return qs.none()
    return qs.filter(pk=user.egen_organ_id)


def get_organ_for_user(user, slug: str) -> Organ:
    """The body, if the policy gives it a responsibility (else 404) and the user may see
    its page (else PermissionDenied)."""
    # One query when the user may see the page (the everyday case); only a refusal asks
    # again, to tell a body that does not exist (404) from one that is not theirs (403).
    organ = organ_visible_to(user).filter(slug=slug).first()
    if organ is None:
        get_object_or_404(Organ, slug=slug, typ__in=ANSVARSORGAN)
        raise PermissionDenied(_("Du kan bara se ansvaret för ditt eget organ."))
    return organ


def gallande_ansvar_for(organ: Organ) -> QuerySet[Ansvar]:
    """The responsibilities the policy in force gives this body (none without one), in one
    query: the version in force is a subquery, not a fetch of its own."""
    gallande = PolicyVersion.objects.gallande().order_by("-versionsnummer").values("pk")[:1]
    return Ansvar.objects.filter(
        version=Subquery(gallande), galler__in=Ansvar.galler_for(organ)
    ).order_by("ordning", "pk")


def styrdokument_lista() -> QuerySet[Styrdokument]:
    return Styrdokument.objects.select_related("omrade", "agare")


def oversyn_senast(idag: datetime.date | None = None) -> datetime.date:
    """A governing document, risk or analysis whose review falls on or before this day is
    due for review (settings.OVERSYN_DAGAR_FORE)."""
    return (idag or timezone.localdate()) + datetime.timedelta(settings.OVERSYN_DAGAR_FORE)


def styrdokument_for_oversyn(organ_ids, idag: datetime.date | None = None):
    """Governing documents owned by these bodies whose review is overdue or due soon."""
    return (
        styrdokument_lista()
        .filter(agare_id__in=organ_ids, nasta_oversyn__lte=oversyn_senast(idag))
        .order_by("nasta_oversyn")
    )
