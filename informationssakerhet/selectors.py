"""
Reads of the information registers that depend on who asks, and who may change them.

A body's assets and systems are seen by the body's own staff, its chefs and
nämndföreträdare (the rule of risk analyses, risker.selectors.egna_organ_ids);
Säkerhetsavdelningen, the säkerhetschef and kommunledning see every body's
(view_all_informationssakerhet). External parties see nothing.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .models import Checklistsvar, Informationstillgang, Kontrollpunkt, System

NIVAER = ("konfidentialitet", "riktighet", "tillganglighet")


def _intern(user) -> bool:
    return user.is_authenticated and user.is_active and not user.ar_extern


def register_q(user, prefix: str = "") -> Q | None:
    """The condition on a register row with an `organ` (under `prefix`); None: nothing."""
    if not _intern(user):
        return None
    if user.has_perm("informationssakerhet.view_all_informationssakerhet"):
        return Q()
    from risker.selectors import egna_organ_ids

    return Q(**{f"{prefix}organ_id__in": egna_organ_ids(user)})


def tillgangar_visible_to(user) -> QuerySet[Informationstillgang]:
    q = register_q(user)
    if q is None:
        return Informationstillgang.objects.none()
    return Informationstillgang.objects.filter(q)


def system_visible_to(user) -> QuerySet[System]:
    q = register_q(user)
    if q is None:
        return System.objects.none()
    return System.objects.filter(q)


def med_klassning(qs: QuerySet[System]) -> QuerySet[System]:
    """Systems with what their derived classification needs, in two queries."""
    return qs.select_related("organ", "systemagare", "ansvarig_enhet").prefetch_related(
        Prefetch(
            "tillgangar",
            queryset=Informationstillgang.objects.select_related(*NIVAER).order_by("namn"),
        )
    )


def get_tillgang_for_user(user, pk) -> Informationstillgang:
    try:
        return (
            tillgangar_visible_to(user)
            .select_related(
                "organ", "personuppgiftsansvarig", "informationsagare", "klassad_av", *NIVAER
            )
            .get(pk=pk)
        )
    except (Informationstillgang.DoesNotExist, ValueError, TypeError):
        raise Http404("Tillgången finns inte eller så saknar du behörighet.") from None


def get_system_for_user(user, pk) -> System:
    try:
        return med_klassning(system_visible_to(user)).get(pk=pk)
    except (System.DoesNotExist, ValueError, TypeError):
        raise Http404("Systemet finns inte eller så saknar du behörighet.") from None


def andringsbara_organ_ids(user) -> frozenset[int] | None:
    """The bodies whose register the user keeps; None: every body. The security function
    keeps all; a body's nämndföreträdare and chefs keep its own."""
    if user.ar_sakerhetsfunktion:
        return None
    if not _intern(user):
        return frozenset()
    from risker.selectors import chef_organ_ids

    return frozenset(user.foretradda_organ_ids) | chef_organ_ids(user)


def kan_andra(user, organ_id: int | None = None) -> bool:
    """Whether the user may change the register of a body (any body: `organ_id` None)."""
    ids = andringsbara_organ_ids(user)
    if ids is None:
        return True
    return bool(ids) if organ_id is None else organ_id in ids


def kopplade_incidenter(user, system: System):
    """The incidents linked to a system, only those the user may see."""
    from incidenter.selectors import incidents_visible_to

    return (
        incidents_visible_to(user)
        .filter(pk__in=system.kopplingar.filter(incident__isnull=False).values("incident_id"))
        .order_by("-rapporterad")
    )


def kopplade_risker(user, system: System):
    """The risks linked to a system, only those the user may see."""
    from risker.selectors import risker_visible_to

    return (
        risker_visible_to(user)
        .filter(pk__in=system.kopplingar.filter(risk__isnull=False).values("risk_id"))
        .select_related("riskanalys")
        .order_by("titel")
    )


# --- The cybersäkerhet checklist of a system in the law's scope ---


def kan_andra_kontrollpunkter(user) -> bool:
    return (
        user.is_authenticated
        and not user.ar_extern
        and user.has_perm("informationssakerhet.change_kontrollpunkt")
    )


def checklista(system: System, idag) -> list[dict]:
    """Every active control point with the system's answer (None: not answered) and whether
    its review is overdue, in two queries."""
    svar = {
        s.kontrollpunkt_id: s
        for s in Checklistsvar.objects.filter(system=system).select_related("besvarad_av")
    }
    rader = []
    for punkt in Kontrollpunkt.objects.filter(aktiv=True):
        s = svar.get(punkt.pk)
        rader.append(
            {"punkt": punkt, "svar": s, "forsenad": s is not None and s.oversyn_forsenad(idag)}
        )
    return rader


def checklista_summa(rader: list[dict]) -> dict:
    """The checklist in figures: answers per status, points not answered, reviews overdue."""
    summa = {status: 0 for status in Checklistsvar.Status.values}
    for rad in rader:
        if rad["svar"] is not None:
            summa[rad["svar"].status] += 1
    return {
        "per_status": summa,
        "obesvarade": sum(rad["svar"] is None for rad in rader),
        "forsenade": sum(rad["forsenad"] for rad in rader),
        "punkter": len(rader),
    }


def get_kontrollpunkt_for_checklista(pk) -> Kontrollpunkt:
    """An active control point (a retired one is not answered any more)."""
    try:
        return Kontrollpunkt.objects.get(pk=pk, aktiv=True)
    except (Kontrollpunkt.DoesNotExist, ValueError, TypeError):
        raise Http404("Kontrollpunkten finns inte.") from None


def nasta_kontrollpunkt(punkt: Kontrollpunkt) -> Kontrollpunkt | None:
    """The active point after `punkt` in the checklist's order (None: it was the last)."""
    punkter = list(Kontrollpunkt.objects.filter(aktiv=True))
    efter = [p for i, p in enumerate(punkter) if i and punkter[i - 1].pk == punkt.pk]
    return efter[0] if efter else None
