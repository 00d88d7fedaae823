"""
The dataskyddsombud (DPO) and the register of personal-data breaches (GDPR art. 33.5).

The DPO is told of every incident the handler has marked as a personuppgiftsincident, may
read those incidents (also skyddade ones: incidenter.selectors.incident_q has the branch)
and no other skyddade ones, and reads the register of every such breach, reported to IMY
or not.
"""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_noop

from paminnelser.services import notis_create
from paminnelser.texter import Text

PERM = "informationssakerhet.dataskyddsombud"
# The sweep catches up incidents marked this many days back (the triage tells at once).
SVEP_DAGAR = 30


def ombud():
    """The active dataskyddsombud (by the role's permission, so a superuser is not one)."""
    from policy.models import Roll

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Roll.DATASKYDDSOMBUD)
        .distinct()
    )


def ombud_underratta(*, incident) -> int:
    """Tell every DPO of a personal-data breach, once per incident. Only the reference: the
    notice shows the title to a reader who may see the incident."""
    if not incident.personuppgiftsincident:
        return 0
    antal = 0
    for user in ombud():
        notis = notis_create(
            mottagare=user,
            typ="personuppgiftsincident",
            nyckel=f"personuppgiftsincident:{incident.pk}",
            rubrik=Text(gettext_noop("Personuppgiftsincident %(ref)s"), ref=incident.referens),
            lank=incident.get_absolute_url(),
            text=Text(
                gettext_noop("Handläggaren har bedömt incidenten som en personuppgiftsincident.")
            ),
            incident=incident,
        )
        antal += notis is not None
    return antal


def incident_triagerad(sender, *, incident, **kwargs) -> None:
    """Receiver of incidenter.signals.triagerad (apps.py): the DPO is told at once."""
    ombud_underratta(incident=incident)


def create_ombud_notiser(nu) -> int:
    """The sweep's rule: every recent personal-data breach told to every DPO (once)."""
    from datetime import timedelta

    from incidenter.models import Incident

    if not ombud().exists():
        return 0
    antal = 0
    for incident in Incident.objects.filter(
        personuppgiftsincident=True, rapporterad__gte=nu - timedelta(days=SVEP_DAGAR)
    ):
        antal += ombud_underratta(incident=incident)
    return antal


def far_se_registret(user) -> bool:
    return (
        user.is_authenticated
        and not user.ar_extern
        and (user.has_perm(PERM) or user.has_perm("incidenter.handle_incident"))
    )


def personuppgiftsincidenter_visible_to(user):
    """The art. 33.5 register: every personal-data breach the user may see, with its IMY
    duty (reported or not) and its åtgärder."""
    from incidenter.models import Rapporteringsplikt
    from incidenter.selectors import incidents_visible_to
    from risker.models import Atgard

    return (
        incidents_visible_to(user)
        .filter(personuppgiftsincident=True)
        .select_related("enhet__organ", "kategori")
        .prefetch_related(
            Prefetch(
                "plikter",
                queryset=Rapporteringsplikt.objects.filter(typ__utlosare="personuppgiftsincident")
                .select_related("typ")
                .order_by("pk"),
            ),
            Prefetch("atgarder", queryset=Atgard.objects.order_by("pk")),
        )
        .order_by("-upptackt", "-pk")
    )


def registerrad(incident) -> dict:
    """One breach as the register shows it: the facts, the effects, the measures, and
    whether (and when) it was reported to IMY."""
    imy = [p for p in incident.plikter.all() if p.typ.utlosare == "personuppgiftsincident"]
    anmald = next((p for p in imy if p.utford), None)
    atgarder = [incident.omedelbara_atgarder] if incident.omedelbara_atgarder else []
    atgarder += [a.beskrivning for a in incident.atgarder.all()]
    return {
        "incident": incident,
        "fakta": incident.beskrivning,
        "effekter": _effekter(incident),
        "atgarder": atgarder,
        "anmald": anmald,
    }


def _effekter(incident) -> str:
    from django.utils.translation import gettext as _

    delar = [_("Allvarlighetsgrad: %(grad)s") % {"grad": incident.get_allvarlighet_display()}]
    if incident.personuppgiftsincident_hog_risk:
        delar.append(_("hög risk för de registrerade"))
    if incident.orsak:
        delar.append(_("orsak: %(orsak)s") % {"orsak": incident.orsak})
    return "; ".join(delar)


def export_response(rader):
    from django.utils.translation import gettext as _

    from lib import exports

    rubriker = [
        _("Referens"),
        _("Kännedom"),
        _("Organ"),
        _("Enhet"),
        _("Rubrik"),
        _("Vad hände"),
        _("Effekter"),
        _("Åtgärder"),
        _("Anmäld till IMY"),
        _("IMY:s referens"),
    ]
    rows = (
        [
            r["incident"].referens,
            r["incident"].upptackt,
            r["incident"].enhet.organ.namn,
            r["incident"].enhet.namn,
            r["incident"].rubrik,
            r["fakta"],
            r["effekter"],
            "\n".join(r["atgarder"]),
            r["anmald"].utford if r["anmald"] else _("Inte anmäld"),
            r["anmald"].mottagarens_referens if r["anmald"] else "",
        ]
        for r in rader
    )
    return exports.xlsx_response(
        "personuppgiftsincidenter.xlsx", rubriker, rows, title=_("Personuppgiftsincidenter")
    )
