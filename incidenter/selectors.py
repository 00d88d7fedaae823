"""
Reads of incidents that depend on who asks. Every list, count, search, statistic, export,
PDF and attachment download starts from `incidents_visible_to(user)` or
`get_incident_for_user(user, referens)`, so none of them can show what the user may not open.

Who sees what (docs/access.md):
- everybody sees the reports they made themselves (an external party nothing else);
- a chef sees the normal incidents of the units they lead and their sub-units;
- a nämndföreträdare and kommunledning see the normal incidents of their body / of all
  bodies, read only;
- Säkerhetsavdelningen (handle_incident) sees every normal incident;
- a skyddad incident is seen only by the säkerhetschef (view_skyddad_incident), its
  reporter, and people granted it on that incident (guardian, `view_incident`).
"""

import functools

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from policy.models import Roll

from .models import Incident, IncidentUserObjectPermission


def _normal_scope(user, p: str = "") -> Q | None:
    """Which normal incidents the user sees by role; None: all of them."""
    if user.has_perm("incidenter.handle_incident") or user.har_roll(Roll.KOMMUNLEDNING):
        return None
    q = Q(**{f"{p}pk__in": []})
    if user.ledda_enhet_ids:
        ids = user.ledda_enhet_ids
        q |= Q(**{f"{p}enhet_id__in": ids}) | Q(**{f"{p}enhet__overordnad_id__in": ids})
    if user.foretradda_organ_ids:
        q |= Q(**{f"{p}enhet__organ_id__in": user.foretradda_organ_ids})
    return q


def ser_alla_normala(user) -> bool:
    """The user sees every normal incident, as everyone else who does: figures of normal
    incidents are then the same for all of them (and may be shared)."""
    if not user.is_authenticated or not user.is_active or user.ar_extern:
        return False
    return _normal_scope(user) is None


def ser_alla_normala_i(user, organ) -> bool:
    """As ser_alla_normala, for one body's normal incidents."""
    return ser_alla_normala(user) or (
        user.is_authenticated
        and user.is_active
        and not user.ar_extern
        and organ.pk in user.foretradda_organ_ids
    )


def sakerhetsfunktion(*, skyddad: bool = False):
    """Who is told of what needs Säkerhetsavdelningen: for a skyddad incident, those who may
    see every skyddad incident; otherwise those who handle every normal incident. Asked by
    permission, as incident_q asks who may see, so the two cannot part."""
    from policy.models import User

    perm = "incidenter.view_skyddad_incident" if skyddad else "incidenter.handle_incident"
    return User.objects.with_perm(
        perm, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    ).order_by("pk")


def granted_incident_ids(user):
    return IncidentUserObjectPermission.objects.filter(
        user=user, permission__codename="view_incident"
    ).values("content_object_id")


def incident_q(user, p: str = "", *, bara_skyddade: bool = False) -> Q | None:
    """The condition on Incident (under the lookup prefix `p`, e.g. "incident__") for what
    the user sees; None: nothing. Other apps join through it instead of a subquery over
    every visible incident. `bara_skyddade`: only the skyddade among them, asked for
    without the branch of normal incidents (PostgreSQL keeps that branch and checks it on
    every row; without it, the partial index of skyddade incidents serves)."""
    if not user.is_authenticated or not user.is_active:
        return None
    own = Q(**{f"{p}rapportor": user})
    skyddad = Q(**{f"{p}konfidentialitet": Incident.Konfidentialitet.SKYDDAD})
    if user.ar_extern:
        return own & skyddad if bara_skyddade else own
    if user.has_perm("incidenter.view_skyddad_incident"):
        andra = skyddad
    else:
        andra = Q(**{f"{p}pk__in": granted_incident_ids(user)})
    if user.has_perm("informationssakerhet.dataskyddsombud"):
        # The dataskyddsombud reads every personal-data breach, skyddad or not, and no
        # other skyddad incident.
        andra |= Q(**{f"{p}personuppgiftsincident": True})
    if bara_skyddade:
        return (own | andra) & skyddad
    normal = Q(**{f"{p}konfidentialitet": Incident.Konfidentialitet.NORMAL})
    scope = _normal_scope(user, p)
    return own | (normal if scope is None else normal & scope) | andra


def incidents_visible_to(user) -> QuerySet[Incident]:
    q = incident_q(user)
    return Incident.objects.none() if q is None else Incident.objects.filter(q)


def skyddade_visible_to(user) -> QuerySet[Incident]:
    """The skyddade among incidents_visible_to(user): what each person counts live beside
    figures shared for normal incidents."""
    q = incident_q(user, bara_skyddade=True)
    return Incident.objects.none() if q is None else Incident.objects.filter(q)


def get_incident_for_user(user, referens: str) -> Incident:
    """The incident, or 404 when it does not exist or the user may not see it: an outsider
    cannot tell the two apart."""
    qs = incidents_visible_to(user).select_related(*_MED, "rapportor", "handlaggare")
    return _en(qs, referens)


def get_incident_detail_for_user(user, referens: str) -> Incident:
    """As get_incident_for_user, for the detail page, with `har_<lista>` for each list in
    DETALJLISTOR: whether the incident has such rows. Most incidents have no attachments,
    reporting duties or risks, and the page asks for a list only when it has rows (an EXISTS
    each in this query costs less than a query each). The reporter and the handler are not
    joined: the page reads everyone it names in one query."""
    return _en(incidents_visible_to(user).select_related(*_MED).annotate(**_har()), referens)


_MED = ("enhet__organ", "omrade", "kategori")

# The related lists that the detail page shows only when they have rows.
DETALJLISTOR = ("bilagor", "plikter", "atgarder", "risker")


@functools.cache
def _har() -> dict[str, Exists]:
    # Built once, on first use (the relations need every app loaded): annotate() resolves
    # a copy and leaves these as they are, and building them cost a third of a millisecond.
    villkor = {}
    for namn in DETALJLISTOR:
        # Through the relation, not the model: risks are in risker, which builds on
        # incidenter and not the other way.
        rel = Incident._meta.get_field(namn)
        rader = rel.through if rel.many_to_many else rel.related_model
        villkor[f"har_{namn}"] = Exists(rader.objects.filter(incident=OuterRef("pk")))
    return villkor


def _en(qs: QuerySet[Incident], referens: str) -> Incident:
    # No ORDER BY: the reference is unique, and the model's ordering cost a sort.
    incident = next(iter(qs.filter(referens=referens).order_by()[:1]), None)
    if incident is None:
        raise Http404
    return incident


def kan_hantera(user, incident: Incident) -> bool:
    """Receive, investigate and close: Säkerhetsavdelningen, and the chef of the unit for
    its normal incidents. Assumes the incident is visible to the user."""
    if user.has_perm("incidenter.handle_incident"):
        return True
    return not incident.ar_skyddad and (
        incident.enhet_id in user.ledda_enhet_ids
        or incident.enhet.overordnad_id in user.ledda_enhet_ids
    )


def can_add_attachment(user, incident: Incident) -> bool:
    """The reporter and those who handle the incident, never to a säkerhetsskyddshändelse.
    Assumes the incident is visible to the user."""
    if incident.ar_sakerhetsskydd:
        return False
    return incident.rapportor_id == user.pk or kan_hantera(user, incident)


def far_se_listan(user) -> bool:
    """Who may open the incident list: handlers, chefs, nämndföreträdare and kommunledning
    (the last two read only). What rows each of them sees is incidents_visible_to's business."""
    return (
        user.has_perm("incidenter.handle_incident")
        or bool(user.ledda_enhet_ids)
        or user.har_roll(Roll.NAMNDFORETRADARE, Roll.KOMMUNLEDNING)
    )


def can_triage(user, incident: Incident) -> bool:
    """Reclassify, reject, reopen, set confidentiality and duties: Säkerhetsavdelningen."""
    return user.has_perm("incidenter.handle_incident")


def incidents_to_handle(user) -> QuerySet[Incident]:
    """Open incidents the user handles: all for Säkerhetsavdelningen, own units for a chef."""
    qs = incidents_visible_to(user).filter(status__in=Incident.OPPNA)
    if user.has_perm("incidenter.handle_incident"):
        return qs
    ids = user.ledda_enhet_ids
    if not ids:
        return qs.none()
    return qs.filter(Q(enhet_id__in=ids) | Q(enhet__overordnad_id__in=ids)).exclude(
        konfidentialitet=Incident.Konfidentialitet.SKYDDAD
    )
