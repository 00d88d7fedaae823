"""
Who may read which stored report, and the reader a report is made for.

- The annual follow-up's list, status page, preview and downloads are for those with
  `rapporter.view_arsrapport` (kommunledning, Säkerhetsavdelningen, the säkerhetschef).
- A stored PDF shows what the person who ordered it could see. One made by someone who
  saw skyddade incidents (`med_skyddade`) is downloadable only by that person and by those
  who see every skyddad incident; everyone else gets a 404, as if it did not exist.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import Http404

from policy.models import Roll, User

from .models import Arsrapport


def kan_se_arsrapporter(user) -> bool:
    return user.is_authenticated and user.has_perm("rapporter.view_arsrapport")


def kan_bestalla_arsrapport(user) -> bool:
    return user.is_authenticated and user.has_perm("rapporter.add_arsrapport")


def arsrapporter_visible_to(user) -> QuerySet[Arsrapport]:
    if not kan_se_arsrapporter(user):
        return Arsrapport.objects.none()
    qs = Arsrapport.objects.select_related("skapad_av")
    if user.has_perm("incidenter.view_skyddad_incident"):
        return qs
    return qs.filter(Q(med_skyddade=False) | Q(skapad_av=user))


def get_arsrapport_for_user(user, pk) -> Arsrapport:
    try:
        return arsrapporter_visible_to(user).get(pk=pk)
    except (Arsrapport.DoesNotExist, ValueError, TypeError):
        raise Http404("Rapporten finns inte eller så saknar du behörighet.") from None


def systemlasare() -> User:
    """The reader the management command uses when no --anvandare is given: exactly what
    kommunledning sees (everything aggregated, every normal incident, no skyddade
    incidents), as an unsaved user with kommunledning's permissions and no unit, reports,
    grants or bodies of its own. Its id (0) matches no row."""
    user = User(id=0, username="system", first_name="Säkerhetsportalen", is_active=True)
    user.roller = frozenset([Roll.KOMMUNLEDNING])
    user.ledda_enhet_ids = frozenset()
    user.foretradda_organ_ids = frozenset()
    perms = Permission.objects.filter(group__name=Roll.KOMMUNLEDNING).values_list(
        "content_type__app_label", "codename"
    )
    # ModelBackend reads its cache first, so no group lookup happens for this user.
    user._perm_cache = {f"{app}.{code}" for app, code in perms}
    user._user_perm_cache = set()
    user._group_perm_cache = set(user._perm_cache)
    return user


# The steps an order goes through, for the status page's progress bar.
STEG = {
    Arsrapport.Status.BESTALLD: 1,
    Arsrapport.Status.SKAPAS: 2,
    Arsrapport.Status.KLAR: 3,
    Arsrapport.Status.MISSLYCKAD: 3,
}


def arsrapport_lage(rapport: Arsrapport) -> dict:
    """Where an order stands, for the status page and the script that asks until it is done."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    texter = {
        Arsrapport.Status.BESTALLD: _("Beställd. Väntar på att skapas."),
        Arsrapport.Status.SKAPAS: _("PDF:en skapas…"),
        Arsrapport.Status.KLAR: _("PDF:en är klar."),
        Arsrapport.Status.MISSLYCKAD: _("PDF:en kunde inte skapas."),
    }
    return {
        "status": rapport.status,
        "text": texter.get(rapport.status, rapport.get_status_display()),
        "steg": STEG.get(rapport.status, 1),
        "av": len(Arsrapport.Status) - 1,
        "pagar": rapport.pagar,
        "klar": rapport.ar_klar,
        "misslyckad": rapport.status == Arsrapport.Status.MISSLYCKAD,
        "pdf": reverse("rapporter:ladda_ned", args=[rapport.pk]) if rapport.ar_klar else "",
        "storlek": rapport.storlek,
        "sha256": rapport.sha256,
    }
