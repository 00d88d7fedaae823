"""
What changed in an analysis since Säkerhetsavdelningen last looked at it, read from the
django-simple-history records. Before a first review of a revision, the comparison is with
the approved analysis it was copied from.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Risk, Riskanalys
from .services import RISKFALT


@dataclass
class Riskandring:
    titel: str
    typ: str  # "ny", "andrad", "borttagen"
    risk: Risk | None = None
    falt: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def typ_text(self):
        return {"ny": _("Ny"), "andrad": _("Ändrad"), "borttagen": _("Borttagen")}[self.typ]


def _varde(obj, namn):
    if namn in ("omrade", "enhet"):
        return getattr(obj, f"{namn}_id")
    return getattr(obj, namn)


def _visa(risk_model_field, varde, cache):
    if varde is None or varde == "":
        return "–"
    if risk_model_field.choices:
        return str(dict(risk_model_field.flatchoices).get(varde, varde))
    if risk_model_field.is_relation:
        model = risk_model_field.related_model
        return cache.setdefault(
            (model, varde), str(model.objects.filter(pk=varde).first() or varde)
        )
    return varde


def andringar(analys: Riskanalys) -> list[Riskandring]:
    nuvarande = {r.pk: r for r in analys.risker.all()}
    if analys.senast_granskad:
        tidigare = {}
        for h in Risk.history.filter(
            riskanalys_id=analys.pk, history_date__lte=analys.senast_granskad
        ).order_by("id", "-history_date"):
            tidigare.setdefault(h.id, h)
        tidigare = {k: v for k, v in tidigare.items() if v.history_type != "-"}
        nyckel = {pk: pk for pk in nuvarande}
    elif analys.revision_av_id:
        tidigare = {r.pk: r for r in Risk.objects.filter(riskanalys_id=analys.revision_av_id)}
        nyckel = {pk: r.ursprung_id for pk, r in nuvarande.items()}
    else:
        return []
    cache: dict = {}
    ut = []
    for pk, risk in nuvarande.items():
        fore = tidigare.get(nyckel[pk])
        if fore is None:
            ut.append(Riskandring(risk.titel, "ny", risk))
            continue
        diff = []
        for namn in RISKFALT:
            a, b = _varde(fore, namn), _varde(risk, namn)
            if a != b:
                f = Risk._meta.get_field(namn)
                diff.append((f.verbose_name, _visa(f, a, cache), _visa(f, b, cache)))
        if diff:
            ut.append(Riskandring(risk.titel, "andrad", risk, diff))
    kvar = set(nyckel.values())
    for pk, fore in tidigare.items():
        if pk not in kvar:
            ut.append(Riskandring(fore.titel, "borttagen"))
    return ut
