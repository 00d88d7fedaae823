"""
Who sees what of krisberedskapen. Every list, count, PDF and panel starts from these.

- The mandate period, its documents and the RSA: Säkerhetsavdelningen and the
  säkerhetschef (who keep them), kommunledning and the nämndföreträdare (who contribute and
  decide) read them (`krisberedskap.las_krisberedskap`). The RSA's sections marked secret
  are shown only to those who keep the RSA and to kommunledning; the others read the open
  extract.
- A body's contribution to the RSA (RsaBidrag): those who keep the RSA, who ask for and
  review it; the body's nämndföreträdare and the chefs of its units, who write it (as they
  do the body's risk analyses, risker.selectors.redigerbara_organ_ids). Another body's
  contribution is not found (404).
- An activation of the krisledningsnämnd: its members and staff, per activation
  (django-guardian, `ledamot_aktivering` / `stab_aktivering`); Säkerhetsavdelningen
  and the säkerhetschef, who set it up; kommunledning once it is over (the log of a past
  activation). A skyddad activation only to its members and staff and the säkerhetschef.
"""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import (
    Aktivering,
    AktiveringUserObjectPermission,
    Mandatperiod,
    Partner,
    Perioddokument,
    Rsa,
    RsaBidrag,
    SamhallsviktigVerksamhet,
    Samverkansaktivitet,
)

DELTAGARE_PERMS = ("ledamot_aktivering", "stab_aktivering")


# --- Period, documents, RSA ---


def kan_hantera(user) -> bool:
    return user.is_authenticated and user.has_perm("krisberedskap.hantera_krisberedskap")


def kan_lasa(user) -> bool:
    return user.is_authenticated and (
        kan_hantera(user) or user.has_perm("krisberedskap.las_krisberedskap")
    )


def ser_sekretess(user) -> bool:
    """Whether the user reads the RSA's secret sections (else only the open extract)."""
    return kan_hantera(user) or (user.is_authenticated and user.ar_kommunledning)


def perioder_visible_to(user) -> QuerySet[Mandatperiod]:
    if not kan_lasa(user):
        return Mandatperiod.objects.none()
    return Mandatperiod.objects.all()


def get_period_for_user(user, pk) -> Mandatperiod:
    try:
        return perioder_visible_to(user).get(pk=pk)
    except (Mandatperiod.DoesNotExist, ValueError, TypeError):
        raise Http404("Perioden finns inte eller så saknar du behörighet.") from None


def get_perioddokument_for_user(user, pk) -> Perioddokument:
    try:
        return (
            Perioddokument.objects.filter(period__in=perioder_visible_to(user))
            .select_related("period")
            .get(pk=pk)
        )
    except (Perioddokument.DoesNotExist, ValueError, TypeError):
        raise Http404("Dokumentet finns inte eller så saknar du behörighet.") from None


def rsa_visible_to(user) -> QuerySet[Rsa]:
    if not kan_lasa(user):
        return Rsa.objects.none()
    return Rsa.objects.all()


def get_rsa_for_user(user, pk) -> Rsa:
    try:
        return rsa_visible_to(user).select_related("period").get(pk=pk)
    except (Rsa.DoesNotExist, ValueError, TypeError):
        raise Http404("Analysen finns inte eller så saknar du behörighet.") from None


def sammanstallda_verksamheter(rsa: Rsa) -> QuerySet[SamhallsviktigVerksamhet]:
    """The RSA's samhällsviktig verksamhet as compiled: what Säkerhetsavdelningen entered
    and what accepted contributions hold; never a body's work in progress."""
    return rsa.verksamheter.filter(
        Q(bidrag__isnull=True) | Q(bidrag__status=RsaBidrag.Status.GODKANT)
    )


# --- The bodies' contributions to the RSA ---


def bidrag_organ_ids(user) -> frozenset[int]:
    """The bodies whose contribution the user writes: a nämndföreträdare's own body and the
    bodies in which the user leads a unit (the rule of risk analyses)."""
    from risker.selectors import chef_organ_ids

    if not user.is_authenticated or not user.has_perm("krisberedskap.bidra_rsa"):
        return frozenset()
    return frozenset(user.foretradda_organ_ids) | chef_organ_ids(user)


def bidrag_visible_to(user) -> QuerySet[RsaBidrag]:
    qs = RsaBidrag.objects.select_related("organ", "rsa__period")
    if kan_hantera(user):
        return qs
    organ_ids = bidrag_organ_ids(user)
    if not organ_ids:
        return qs.none()
    return qs.filter(organ_id__in=organ_ids)


def get_bidrag_for_user(user, pk) -> RsaBidrag:
    try:
        return bidrag_visible_to(user).get(pk=pk)
    except (RsaBidrag.DoesNotExist, ValueError, TypeError):
        raise Http404("Bidraget finns inte eller så saknar du behörighet.") from None


def kan_bidra(user, bidrag: RsaBidrag) -> bool:
    """Whether the user writes for the body (the services also check the state)."""
    return bidrag.organ_id in bidrag_organ_ids(user)


def kan_lamna_in_bidrag(user, bidrag: RsaBidrag) -> bool:
    return (
        user.has_perm("krisberedskap.lamna_in_rsa_bidrag")
        and bidrag.organ_id in user.foretradda_organ_ids
    )


def bidrag_oversikt(rsa: Rsa, idag: datetime.date) -> dict:
    """For Säkerhetsavdelningen, who compiles: which bodies have been asked, which have
    submitted, which are accepted, which are late, and which have not been asked."""
    from policy.models import Organ

    lista = list(
        rsa.bidrag.select_related("organ", "inlamnat_av", "granskat_av")
        .prefetch_related("texter")
        .order_by("organ__namn")
    )
    for b in lista:
        b.sent = b.ar_sent(idag)
    status = [b.status for b in lista]
    S = RsaBidrag.Status
    return {
        "lista": lista,
        "antal": len(lista),
        "inlamnade": status.count(S.INLAMNAT),
        "godkanda": status.count(S.GODKANT),
        "ater": status.count(S.ATER),
        "sena": sum(b.sent for b in lista),
        "ej_tillfragade": list(
            Organ.objects.filter(typ__in=RsaBidrag.ORGANTYPER)
            .exclude(pk__in=[b.organ_id for b in lista])
            .order_by("namn")
        ),
    }


def bidrag_riskval(user, bidrag: RsaBidrag):
    """The risks a body may bring: of its own analyses, submitted at least once (so that
    Säkerhetsavdelningen, who compiles, sees them too), as the user sees the register."""
    from risker.models import Riskanalys
    from risker.selectors import risker_visible_to

    return (
        risker_visible_to(user)
        .filter(riskanalys__organ_id=bidrag.organ_id)
        .exclude(riskanalys__status=Riskanalys.Status.UTKAST)
        .select_related("organ")
        .order_by("titel")
    )


def aktuell_period(idag: datetime.date | None = None) -> Mandatperiod | None:
    """The period running on `idag` (valet år X: X+1–X+4), else the latest."""
    from django.utils import timezone

    idag = idag or timezone.localdate()
    return (
        Mandatperiod.objects.filter(valar__lt=idag.year, valar__gte=idag.year - 4).first()
        or Mandatperiod.objects.first()
    )


# --- Activations ---


def deltagar_aktivering_ids(user) -> QuerySet:
    return AktiveringUserObjectPermission.objects.filter(
        user_id=user.pk, permission__codename__in=DELTAGARE_PERMS
    ).values("content_object_id")


def aktivering_q(user) -> Q | None:
    """The condition on Aktivering for what the user sees; None: nothing."""
    if not user.is_authenticated or user.ar_extern:
        return None
    q = Q(pk__in=deltagar_aktivering_ids(user))
    skyddade = user.has_perm("krisberedskap.view_skyddad_aktivering")
    if kan_hantera(user):
        q |= Q(pk__isnull=False) if skyddade else Q(skyddad=False)
    elif user.has_perm("krisberedskap.view_avslutad_aktivering"):
        avslutad = Q(avslutad__isnull=False)
        q |= avslutad if skyddade else avslutad & Q(skyddad=False)
    return q


def aktiveringar_visible_to(user) -> QuerySet[Aktivering]:
    q = aktivering_q(user)
    if q is None:
        return Aktivering.objects.none()
    return Aktivering.objects.filter(q)


def get_aktivering_for_user(user, pk) -> Aktivering:
    try:
        return aktiveringar_visible_to(user).get(pk=pk)
    except (Aktivering.DoesNotExist, ValueError, TypeError):
        raise Http404("Aktiveringen finns inte eller så saknar du behörighet.") from None


def ar_deltagare(user, aktivering: Aktivering) -> bool:
    return deltagar_aktivering_ids(user).filter(content_object_id=aktivering.pk).exists()


def deltagare(aktivering: Aktivering) -> list[tuple]:
    """The activation's members and staff: (user, "ledamot" or "stab"), members first."""
    rader = (
        AktiveringUserObjectPermission.objects.filter(
            content_object=aktivering, permission__codename__in=DELTAGARE_PERMS
        )
        .select_related("user", "permission")
        .order_by("permission__codename", "user__last_name", "user__first_name")
    )
    return [(r.user, r.permission.codename.removesuffix("_aktivering")) for r in rader]


def kan_skriva(user, aktivering: Aktivering) -> bool:
    """Members and staff write the log and record decisions while the activation runs."""
    return aktivering.ar_pagaende and ar_deltagare(user, aktivering)


# --- Samverkan ---


def partner_visible_to(user) -> QuerySet[Partner]:
    if not kan_lasa(user):
        return Partner.objects.none()
    return Partner.objects.all()


def samverkansaktiviteter_visible_to(user) -> QuerySet[Samverkansaktivitet]:
    if not kan_lasa(user):
        return Samverkansaktivitet.objects.none()
    return Samverkansaktivitet.objects.all()


def samverkansaktiviteter_under(ar: int) -> int:
    """How many samverkan activities were held in a year: the indicator for the policy's
    Mål on samverkan with other organisations (not personal data: a count for everyone)."""
    return Samverkansaktivitet.objects.filter(datum__year=ar).count()
