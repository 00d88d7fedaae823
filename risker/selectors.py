"""
Reads of risk analyses, risks and åtgärder that depend on who asks, and the rules for who
may change what. Every list, count, matrix, export and panel starts from these.

Visibility: a body's own staff, chefs and nämndföreträdare see all of their body's analyses,
drafts included. Säkerhetsavdelningen, the säkerhetschef and kommunledning (view_all_risker)
see every analysis that has been submitted at least once, never another body's untouched
draft. External parties see nothing.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

# The user's own bodies are the policy's rule, also for activities and information assets.
from policy.selectors import chef_organ_ids, egna_organ_ids

from .models import Atgard, Risk, Riskanalys


def redigerbara_organ_ids(user) -> frozenset[int]:
    """The bodies whose analyses the user may draft and change."""
    if not user.has_perm("risker.edit_riskanalys"):
        return frozenset()
    return frozenset(user.foretradda_organ_ids) | chef_organ_ids(user)


def synlighet(user) -> tuple[frozenset[int], bool] | None:
    """Everything that decides which analyses the user sees: the bodies whose analyses they
    see in every status, and whether they see every analysis submitted at least once.
    None: nothing. Two users with the same value see exactly the same analyses and risks, so
    a cache of what the register and the matrix show is keyed by it. (Not åtgärder: a
    person also sees those they answer for, see risk_atgarder_visible_to.)"""
    if not user.is_authenticated or user.ar_extern:
        return None
    alla_inlamnade = user.has_perm("risker.view_all_risker") or user.has_perm(
        "risker.review_riskanalys"
    )
    return egna_organ_ids(user), alla_inlamnade


def _analys_q(user, prefix: str = "") -> Q | None:
    """The condition on Riskanalys (under `prefix`) for what the user sees; None: nothing."""
    s = synlighet(user)
    if s is None:
        return None
    egna, alla_inlamnade = s
    q = Q(**{f"{prefix}organ_id__in": egna})
    if alla_inlamnade:
        q |= ~Q(**{f"{prefix}status": Riskanalys.Status.UTKAST})
    return q


def riskanalyser_visible_to(user) -> QuerySet[Riskanalys]:
    q = _analys_q(user)
    if q is None:
        return Riskanalys.objects.none()
    return Riskanalys.objects.filter(q)


def risker_visible_to(user) -> QuerySet[Risk]:
    q = _analys_q(user, "riskanalys__")
    if q is None:
        return Risk.objects.none()
    return Risk.objects.filter(q)


def atgarder_visible_to(user) -> QuerySet[Atgard]:
    """Åtgärder of visible risks, of incidents and activities the user sees, and those the
    user answers for."""
    if not user.is_authenticated:
        return Atgard.objects.none()
    q = Q(ansvarig=user)
    risk_q = _analys_q(user, "risk__riskanalys__")
    if risk_q is not None:
        q |= Q(risk__isnull=False) & risk_q
    from incidenter.selectors import incident_q

    inc_q = incident_q(user, "incident__")
    if inc_q is not None:
        q |= Q(incident__isnull=False) & inc_q
    from verksamhet.selectors import aktivitet_q

    akt_q = aktivitet_q(user, "aktivitet__")
    if akt_q is not None:
        q |= Q(aktivitet__isnull=False) & akt_q
    return Atgard.objects.filter(q)


def risk_atgarder_visible_to(user) -> QuerySet[Atgard]:
    """The åtgärder of risks, as atgarder_visible_to() sees them: without its incident
    branch, whose subquery over every visible incident costs ~100 ms at 100 000 incidents
    (docs/performance.md). For lists that only show risks' åtgärder."""
    if not user.is_authenticated:
        return Atgard.objects.none()
    q = Q(ansvarig=user)
    risk_q = _analys_q(user, "risk__riskanalys__")
    if risk_q is not None:
        q |= risk_q
    return Atgard.objects.filter(risk__isnull=False).filter(q)


def incidenter_for_risk(user, risk: Risk):
    """The incidents that realised a risk, limited to those the user may see (a skyddad
    incident's title is itself protected)."""
    from incidenter.selectors import incident_q

    q = incident_q(user)
    if q is None:
        return risk.incidenter.none()
    return risk.incidenter.filter(q).order_by("-rapporterad")


def get_atgard_for_user(user, pk) -> Atgard:
    """One åtgärd the user may see, its responsible person included, whether or not they
    may see the risk or incident it treats."""
    try:
        return (
            atgarder_visible_to(user)
            .select_related("ansvarig", "organ", "risk__riskanalys", "incident", "skapad_av")
            .get(pk=pk)
        )
    except (Atgard.DoesNotExist, ValueError, TypeError):
        raise Http404("Åtgärden finns inte eller så saknar du behörighet.") from None


def get_riskanalys_for_user(user, pk) -> Riskanalys:
    try:
        return riskanalyser_visible_to(user).select_related("organ", "enhet", "skala").get(pk=pk)
    except (Riskanalys.DoesNotExist, ValueError, TypeError):
        raise Http404("Riskanalysen finns inte eller så saknar du behörighet.") from None


def get_risk_for_user(user, pk) -> Risk:
    try:
        return (
            risker_visible_to(user)
            .select_related("riskanalys", "riskanalys__organ", "organ", "enhet", "omrade", "skala")
            .get(pk=pk)
        )
    except (Risk.DoesNotExist, ValueError, TypeError):
        raise Http404("Risken finns inte eller så saknar du behörighet.") from None


# --- What a user may do (the services enforce these; templates use them to show buttons) ---


def kan_redigera(user, analys: Riskanalys) -> bool:
    return analys.ar_redigerbar and analys.organ_id in redigerbara_organ_ids(user)


def kan_folja_upp(user, analys: Riskanalys) -> bool:
    """Åtgärder, incident links and acceptance continue after approval: they are follow-up,
    not the assessment that was reviewed."""
    return analys.organ_id in redigerbara_organ_ids(user) or user.ar_sakerhetsfunktion


def kan_lamna_in(user, analys: Riskanalys) -> bool:
    return (
        analys.ar_redigerbar
        and user.has_perm("risker.submit_riskanalys")
        and analys.organ_id in user.foretradda_organ_ids
    )


def kan_granska(user, analys: Riskanalys | None = None) -> bool:
    return user.has_perm("risker.review_riskanalys")


def kan_acceptera(user, risk: Risk) -> bool:
    return user.has_perm("risker.accept_risk") and risk.organ_id in user.foretradda_organ_ids


def kan_skapa_analys(user) -> bool:
    return bool(redigerbara_organ_ids(user))
