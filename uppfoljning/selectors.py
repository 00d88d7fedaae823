"""
Reads of the follow-up that depend on who asks.

- The goals, their indicators and assessments, and the overview of self-assessments are
  for those who see the whole koncern: Säkerhetsavdelningen, the säkerhetschef and
  kommunledningen (policy.selectors.ser_alla_organ).
- A self-assessment is seen by them and by the body's own people; its nämndföreträdare
  answers and submits it.
- The ansvarsmatris is read by everyone inside the koncern.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from policy.models import Mal, PolicyVersion
from policy.selectors import ser_alla_organ

from .models import Egenbedomning, Indikator, Malbedomning, Skyldighet, Uppfoljningsar


def ser_uppfoljningen(user) -> bool:
    return user.is_authenticated and not user.ar_extern and ser_alla_organ(user)


def krav_uppfoljningen(user) -> None:
    if not ser_uppfoljningen(user):
        raise PermissionDenied(_("Uppföljningen av målen är för Säkerhetsavdelningen och KS."))


def ser_matrisen(user) -> bool:
    return user.is_authenticated and not user.ar_extern


def version_for_ar(ar: int) -> PolicyVersion | None:
    """The policy version in force at the end of the year (the one in force now when none
    was decided by then)."""
    slut = datetime.date(ar, 12, 31)
    beslutad = (
        PolicyVersion.objects.exclude(status=PolicyVersion.Status.UTKAST)
        .filter(beslutsdatum__lte=slut)
        .order_by("-beslutsdatum", "-versionsnummer")
        .first()
    )
    return beslutad or PolicyVersion.objects.gallande().first()


def mal_med_indikatorer(version: PolicyVersion) -> list[tuple[Mal, list[Indikator]]]:
    """The version's goals, each with its indicators. A goal of a revision without
    indicators of its own keeps those of the goal in the same place in the version it was
    revised from."""
    kedja, v = [], version
    while v is not None and len(kedja) < 20:
        kedja.append(v.pk)
        v = v.baserad_pa
    indikatorer: dict[tuple[int, int], list[Indikator]] = {}
    for ind in Indikator.objects.filter(mal__version_id__in=kedja).select_related("mal"):
        indikatorer.setdefault((ind.mal.version_id, ind.mal.ordning), []).append(ind)
    ut = []
    for mal in Mal.objects.filter(version=version).order_by("ordning"):
        egna = []
        for version_id in kedja:
            egna = indikatorer.get((version_id, mal.ordning), [])
            if egna:
                break
        ut.append((mal, sorted(egna, key=lambda i: (i.ordning, i.pk))))
    return ut


def bedomningar(mal_ids, ar: int) -> dict[int, Malbedomning]:
    return {
        b.mal_id: b
        for b in Malbedomning.objects.filter(mal_id__in=mal_ids, ar=ar).select_related("bedomd_av")
    }


def get_mal_for_user(user, pk) -> Mal:
    krav_uppfoljningen(user)
    try:
        return Mal.objects.select_related("version").get(pk=int(pk))
    except (Mal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def skyldigheter_lista() -> QuerySet[Skyldighet]:
    return Skyldighet.objects.select_related("omrade", "organ")


def get_skyldighet_for_user(user, pk) -> Skyldighet:
    if not ser_matrisen(user):
        raise Http404
    try:
        return skyldigheter_lista().get(pk=int(pk))
    except (Skyldighet.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def egenbedomningar_visible_to(user) -> QuerySet[Egenbedomning]:
    qs = Egenbedomning.objects.select_related("organ", "uppfoljningsar")
    if not user.is_authenticated or user.ar_extern:
        return qs.none()
    if ser_alla_organ(user):
        return qs
    egna = set(user.foretradda_organ_ids)
    if user.egen_organ_id:
        egna.add(user.egen_organ_id)
    return qs.filter(organ_id__in=egna)


def get_egenbedomning_for_user(user, pk) -> Egenbedomning:
    try:
        return egenbedomningar_visible_to(user).get(pk=int(pk))
    except (Egenbedomning.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def kan_besvara(user, egenbedomning: Egenbedomning) -> bool:
    return (
        egenbedomning.ar_redigerbar
        and user.has_perm("uppfoljning.answer_egenbedomning")
        and egenbedomning.organ_id in user.foretradda_organ_ids
    )


def kan_granska(user) -> bool:
    return user.has_perm("uppfoljning.review_egenbedomning")


def kan_kvittera(user, organ) -> bool:
    return user.has_perm("uppfoljning.add_kvittens") and (
        user.ar_sakerhetsfunktion or organ.pk in user.foretradda_organ_ids
    )


def aktuellt_ar() -> Uppfoljningsar | None:
    return Uppfoljningsar.objects.order_by("-ar").first()


def egna_egenbedomningar(user) -> QuerySet[Egenbedomning]:
    """The self-assessments the user answers for (a nämndföreträdare's body's)."""
    if not user.foretradda_organ_ids:
        return Egenbedomning.objects.none()
    return egenbedomningar_visible_to(user).filter(Q(organ_id__in=user.foretradda_organ_ids))
