"""
Reads of premises, kinds of activity and activities that depend on who asks, and the rules
for who may do what. Every list, count, export, panel and photo starts from these.

Visibility of activities (and so of their checklists, photos and åtgärder): a body's own
staff, its chefs and nämndföreträdare see the body's activities; the person who answers
for an activity sees it; Säkerhetsavdelningen, the säkerhetschef and kommunledning
(view_all_aktiviteter) see all. External parties see nothing. "Own body" is the same rule
as for risk analyses (policy.selectors.egna_organ_ids).
"""

import datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from lib import versioner
from policy.models import Enhet, User
from policy.selectors import chef_organ_ids, egna_organ_ids

from .models import Aktivitet, Aktivitetstyp, Kontrollsvar, Lokal, Utbildningsdeltagande

# The version of what is kept drawn (the list's rows, the "Vårt ansvar" panel): every save
# or delete of an activity or of what its rows show moves it on (verksamhet.apps); a write
# that bypasses save() must call versioner.ny_version(VERSION), or is seen when the entry
# expires.
VERSION = "verksamhet:version"
CACHE_SEKUNDER = 300


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save and post_delete (verksamhet.apps)."""
    versioner.data_andrad(VERSION)


def _intern(user) -> bool:
    return user.is_authenticated and not user.ar_extern


def aktivitet_q(user, prefix: str = "") -> Q | None:
    """The condition on Aktivitet (under `prefix`) for what the user sees; None: nothing."""
    if not _intern(user):
        return None
    if user.has_perm("verksamhet.view_all_aktiviteter"):
        return Q()
    return Q(**{f"{prefix}organ_id__in": egna_organ_ids(user)}) | Q(
        **{f"{prefix}ansvarig_id": user.pk}
    )


def aktiviteter_visible_to(user) -> QuerySet[Aktivitet]:
    q = aktivitet_q(user)
    if q is None:
        return Aktivitet.objects.none()
    return Aktivitet.objects.filter(q)


def get_aktivitet_for_user(user, pk) -> Aktivitet:
    try:
        return (
            aktiviteter_visible_to(user)
            .select_related("typ", "organ", "lokal", "enhet", "ansvarig")
            .get(pk=pk)
        )
    except (Aktivitet.DoesNotExist, ValueError, TypeError):
        raise Http404("Aktiviteten finns inte eller så saknar du behörighet.") from None


def get_kontrollsvar_for_user(user, aktivitet_pk, pk) -> Kontrollsvar:
    """One answer of an inspection the user may see (its photo is served only through this)."""
    aktivitet = get_aktivitet_for_user(user, aktivitet_pk)
    try:
        return aktivitet.svar.get(pk=pk)
    except (Kontrollsvar.DoesNotExist, ValueError, TypeError):
        raise Http404("Kontrollsvaret finns inte.") from None


def lokaler_visible_to(user) -> QuerySet[Lokal]:
    """The premises are known to everyone inside the kommun (not to external parties)."""
    if not _intern(user):
        return Lokal.objects.none()
    return Lokal.objects.all()


def get_lokal_for_user(user, pk) -> Lokal:
    try:
        return lokaler_visible_to(user).select_related("agare", "brandskyddsansvarig").get(pk=pk)
    except (Lokal.DoesNotExist, ValueError, TypeError):
        raise Http404("Lokalen finns inte eller så saknar du behörighet.") from None


def aktivitetstyper_visible_to(user) -> QuerySet[Aktivitetstyp]:
    if not _intern(user):
        return Aktivitetstyp.objects.none()
    return Aktivitetstyp.objects.all()


def get_aktivitetstyp_for_user(user, pk) -> Aktivitetstyp:
    try:
        return aktivitetstyper_visible_to(user).get(pk=pk)
    except (Aktivitetstyp.DoesNotExist, ValueError, TypeError):
        raise Http404("Aktivitetstypen finns inte.") from None


# --- What a user may do (the services enforce these; templates use them for buttons) ---


def kan_registrera(user, aktivitet: Aktivitet) -> bool:
    """Who may record that an activity was done: whoever answers for it, the chefs and
    nämndföreträdare of its body, and the security function."""
    if not _intern(user):
        return False
    if aktivitet.ansvarig_id == user.pk or user.ar_sakerhetsfunktion:
        return True
    return aktivitet.organ_id in (set(user.foretradda_organ_ids) | set(chef_organ_ids(user)))


def kan_skapa(user) -> bool:
    """Who may record an activity that was not planned (an exercise, a training)."""
    if not _intern(user):
        return False
    return user.ar_sakerhetsfunktion or bool(user.foretradda_organ_ids or chef_organ_ids(user))


def skapbara_organ_ids(user) -> frozenset[int] | None:
    """The bodies for which the user may record activities; None: every body."""
    if user.ar_sakerhetsfunktion:
        return None
    return frozenset(user.foretradda_organ_ids) | chef_organ_ids(user)


def kan_planera(user) -> bool:
    return user.has_perm("verksamhet.plan_aktiviteter")


def kan_andra_lokal(user) -> bool:
    return user.has_perm("verksamhet.change_lokal")


# --- Figures for the security year (the annual follow-up) ---


def ovningar_under(ar: int, *, med_extern_part: bool = False) -> QuerySet[Aktivitet]:
    """The exercises held during a year; with `med_extern_part`, only those in which an
    organisation from outside the kommun took part (samverkan). For the annual follow-up,
    which only Säkerhetsavdelningen and KS order: not limited by who asks."""
    qs = Aktivitet.objects.filter(
        typ__slag=Aktivitetstyp.Slag.OVNING,
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum__year=ar,
    )
    if med_extern_part:
        qs = qs.filter(partner__isnull=False).distinct()
    return qs


UTBILDNING_GILTIG_AR = 3


def utbildningstackning(
    *, enheter=None, omrade=None, idag: datetime.date | None = None, ar: int = UTBILDNING_GILTIG_AR
) -> list[dict]:
    """For each unit: its staff (active users of the unit), how many have taken a training
    (serving `omrade`, e.g. Systematiskt brandskyddsarbete) in the last `ar` years, and the
    share. Named participants count once each; where only a number was recorded, the
    numbers are added up. The share never exceeds 100 %."""
    idag = idag or timezone.localdate()
    fran = idag.replace(year=idag.year - ar)
    if enheter is None:
        enheter = Enhet.objects.filter(typ=Enhet.Typ.ENHET)
    enheter = list(enheter.select_related("organ").order_by("organ__namn", "namn"))
    ids = [e.pk for e in enheter]
    utbildningar = Aktivitet.objects.filter(
        typ__slag=Aktivitetstyp.Slag.UTBILDNING,
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum__gt=fran,
        genomford_datum__lte=idag,
    )
    if omrade is not None:
        utbildningar = utbildningar.filter(typ__omraden=omrade)
    personal = dict(
        User.objects.filter(is_active=True, enhet_id__in=ids)
        .values("enhet_id")
        .annotate(n=Count("pk"))
        .values_list("enhet_id", "n")
    )
    # Named participants, each person once, by their unit.
    namngivna = dict(
        User.objects.filter(enhet_id__in=ids, utbildningar__in=utbildningar)
        .values("enhet_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("enhet_id", "n")
    )
    # The numbers of the trainings recorded without names.
    antal = dict(
        Utbildningsdeltagande.objects.filter(
            enhet_id__in=ids, aktivitet__in=utbildningar.filter(deltagare__isnull=True)
        )
        .values("enhet_id")
        .annotate(n=Sum("antal"))
        .values_list("enhet_id", "n")
    )
    rader = []
    for enhet in enheter:
        total = personal.get(enhet.pk, 0)
        utbildade = min(namngivna.get(enhet.pk, 0) + (antal.get(enhet.pk) or 0), total)
        rader.append(
            {
                "enhet": enhet,
                "personal": total,
                "utbildade": utbildade,
                "andel": round(100 * utbildade / total) if total else None,
            }
        )
    return rader
