"""
The register extract (registerutdrag, GDPR art. 15): every incident in which a named person
appears, for the säkerhetschef, who must answer such a request completely. Each extract is
logged in Atkomstlogg with the name searched for.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from policy.models import User

from .models import Atkomstlogg, Handelse, Incident
from .services import atkomst_log


class RegisterutdragForm(forms.Form):
    namn = forms.CharField(
        label=gettext_lazy("Personens namn"),
        min_length=2,
        max_length=200,
        help_text=gettext_lazy("För- och efternamn. Söker även i fritext om inblandade personer."),
    )
    epost = forms.EmailField(label=gettext_lazy("E-postadress"), required=False, max_length=254)
    anvandarnamn = forms.CharField(
        label=gettext_lazy("Användarnamn i Säkerhetsportalen"), required=False, max_length=150
    )

    def clean_namn(self):
        namn = " ".join(self.cleaned_data["namn"].split())
        if len(namn) < 2:
            raise forms.ValidationError(_("Ange personens namn."))
        return namn


@dataclass
class Traff:
    incident: Incident
    roller: list[str] = field(default_factory=list)


def _personer(namn: str, epost: str, anvandarnamn: str) -> list[int]:
    q = Q(fullt_namn__iexact=namn)
    if epost:
        q |= Q(email__iexact=epost)
    if anvandarnamn:
        q |= Q(username__iexact=anvandarnamn)
    return list(
        User.objects.annotate(fullt_namn=Concat("first_name", Value(" "), "last_name"))
        .filter(q)
        .values_list("pk", flat=True)
    )


def _i_text(incident: Incident, falt: str, texter: list[str]) -> bool:
    varde = (getattr(incident, falt) or "").casefold()
    return any(t.casefold() in varde for t in texter)


def registerutdrag_create(
    *, anvandare, namn: str, epost: str = "", anvandarnamn: str = ""
) -> list[Traff]:
    """Find the person as reporter, handler, author in the timeline, or named in the people
    involved, the contact person or the free text; log the extract; return the hits."""
    if not anvandare.has_perm("incidenter.register_extract"):
        raise PermissionDenied(_("Registerutdrag tas bara ut av säkerhetschefen."))
    person_ids = _personer(namn, epost, anvandarnamn)
    texter = [t for t in (namn, epost) if t]
    q = (
        Q(rapportor_id__in=person_ids)
        | Q(handlaggare_id__in=person_ids)
        | Q(pk__in=Handelse.objects.filter(anvandare_id__in=person_ids).values("incident_id"))
    )
    for text in texter:
        for falt in ("inblandade_personer", "kontaktperson", "beskrivning", "omedelbara_atgarder"):
            q |= Q(**{f"{falt}__icontains": text})
    # Deliberately every incident, not incidents_visible_to(): the extract is the
    # säkerhetschef's legal duty and must include skyddade incidents and all bodies.
    incidenter = (
        Incident.objects.filter(q)
        .select_related("rapportor", "handlaggare", "enhet__organ", "kategori")
        .order_by("rapporterad", "pk")
    )
    atkomst_log(user=anvandare, handling=Atkomstlogg.Handling.REGISTERUTDRAG, detalj=namn)
    skrivit = set(
        Handelse.objects.filter(anvandare_id__in=person_ids).values_list("incident_id", flat=True)
    )
    traffar = []
    for incident in incidenter:
        roller = []
        if incident.rapportor_id in person_ids:
            roller.append(_("Rapportör"))
        if incident.handlaggare_id in person_ids:
            roller.append(_("Handläggare"))
        if incident.pk in skrivit:
            roller.append(_("Antecknad i tidslinjen"))
        if _i_text(incident, "inblandade_personer", texter):
            roller.append(_("Inblandad person"))
        if _i_text(incident, "kontaktperson", texter):
            roller.append(_("Kontaktperson"))
        if _i_text(incident, "beskrivning", texter) or _i_text(
            incident, "omedelbara_atgarder", texter
        ):
            roller.append(_("Nämnd i fritext"))
        traffar.append(Traff(incident, roller))
    return traffar


EXPORTRUBRIKER = [
    "Referensnummer",
    "Rubrik",
    "Rapporterad",
    "Status",
    "Personens roll i ärendet",
    "Rapportör",
    "Handläggare",
    "Inblandade personer",
    "Kontaktperson",
    "Vad hände",
    "Vad har redan gjorts",
    "Personuppgifter gallrade",
]


def exportrader(traffar: list[Traff]):
    for t in traffar:
        i = t.incident
        yield [
            i.referens,
            i.rubrik,
            i.rapporterad,
            i.get_status_display(),
            ", ".join(t.roller),
            str(i.rapportor),
            str(i.handlaggare) if i.handlaggare_id else "",
            i.inblandade_personer,
            i.kontaktperson,
            i.beskrivning,
            i.omedelbara_atgarder,
            i.personuppgifter_gallrade,
        ]
