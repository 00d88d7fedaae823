"""
What the annual follow-up shows of the security year, as plain dicts for its templates
(templates/uppfoljning/_rapport_mal.html and _rapport_omrade.html):

- mal_context(user, ar): the goals of the policy version of the year, each with its
  indicators (name, definition, figure, unit, source or "saknar källa") and
  Säkerhetsavdelningen's assessment;
- omraden_context(user, ar): per area (Omrade id) the bodies' self-assessment answers and
  the status of the area's duties (duties of every area are under organ_context);
- organ_context(user, ar): per body (Organ id) its duties done, due and overdue, and the
  state of its self-assessment.

Every figure starts from the apps' selectors with the reader, and the number of queries does
not grow with the number of incidents, risks, bodies or answers.
"""

from collections import Counter

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from policy.models import Omrade

from . import indikatorer, selectors, status
from .models import Egenbedomning, Svar


def _varde_text(resultat: indikatorer.Resultat, enhet: str) -> str:
    if resultat.saknar_kalla:
        return _("saknar källa")
    if resultat.varde is None:
        return _("uppgift saknas")
    varde = number_format(
        resultat.varde,
        decimal_pos=1
        if isinstance(resultat.varde, float) and not float(resultat.varde).is_integer()
        else 0,
    )
    return f"{varde} {enhet}".strip()


def mal_context(user, ar: int) -> dict:
    version = selectors.version_for_ar(ar)
    if version is None:
        return {"ar": ar, "version": None, "mal": []}
    idag = timezone.localdate()
    par = selectors.mal_med_indikatorer(version)
    bedomningar = selectors.bedomningar([m.pk for m, _i in par], ar)
    ut = []
    for mal, lista in par:
        rader = []
        for ind in lista:
            r = indikatorer.berakna(ind, user, ar, idag)
            rader.append(
                {
                    "namn": ind.namn,
                    "definition": ind.definition,
                    "varde": r.varde,
                    "varde_text": _varde_text(r, ind.enhet),
                    "enhet": ind.enhet,
                    "saknar_kalla": r.saknar_kalla,
                    "kalla": r.kalla or _("saknar källa"),
                    "underlag": r.underlag,
                }
            )
        b = bedomningar.get(mal.pk)
        ut.append(
            {
                "id": mal.pk,
                "ordning": mal.ordning,
                "text": mal.text,
                "indikatorer": rader,
                "bedomning": {
                    "varde": b.bedomning,
                    "etikett": b.get_bedomning_display(),
                    "text": b.text,
                    "bedomd_av": str(b.bedomd_av),
                    "bedomd": b.bedomd,
                }
                if b
                else None,
            }
        )
    return {"ar": ar, "version": version, "mal": ut}


def _per_dag(ar: int):
    return indikatorer.referensdag(ar)


def omraden_context(user, ar: int) -> dict[int, dict]:
    omraden = list(Omrade.objects.order_by("nummer"))
    ut = {
        o.pk: {
            "omrade": o,
            "svar": [],
            "svar_summa": Counter(),
            "skyldigheter": [],
            "skyldigheter_summa": Counter(),
        }
        for o in omraden
    }
    svar = (
        Svar.objects.filter(
            egenbedomning__in=selectors.egenbedomningar_visible_to(user).filter(
                uppfoljningsar__ar=ar, status__in=Egenbedomning.BESVARAD
            )
        )
        .select_related("fraga", "egenbedomning__organ")
        .order_by("fraga__omrade__nummer", "fraga__ordning", "egenbedomning__organ__namn")
    )
    for s in svar:
        del_ = ut[s.fraga.omrade_id]
        del_["svar"].append(
            {
                "organ": s.egenbedomning.organ.namn,
                "fraga": s.fraga.text,
                "svar": s.svar,
                "svar_text": s.get_svar_display(),
                "kommentar": s.kommentar,
                "lankar": s.lanklista,
            }
        )
        del_["svar_summa"][s.svar] += 1
    for rader in status.rader_for(status.ansvariga_organ(), per=_per_dag(ar)).values():
        for r in rader:
            if r.skyldighet.omrade_id is None:
                continue
            del_ = ut[r.skyldighet.omrade_id]
            del_["skyldigheter"].append(_rad(r))
            del_["skyldigheter_summa"][r.status] += 1
    for del_ in ut.values():
        del_["svar_summa"] = {v: del_["svar_summa"][v] for v in Svar.Varde.values}
        del_["skyldigheter_summa"] = {s: del_["skyldigheter_summa"][s] for s in status.ETIKETTER}
    return ut


def _rad(r: status.Rad) -> dict:
    return {
        "titel": r.skyldighet.titel,
        "organ": r.organ.namn,
        "omrade": r.skyldighet.omrade.namn if r.skyldighet.omrade else _("Alla områden"),
        "forfaller": r.forfaller,
        "status": r.status,
        "status_text": str(r.status_text),
        "bevis": str(r.bevis),
        "kalla": r.skyldighet.get_kalla_display(),
    }


def organ_context(user, ar: int) -> dict[int, dict]:
    idag = timezone.localdate()
    organ = list(status.ansvariga_organ())
    rader = status.rader_for(organ, idag=idag, per=_per_dag(ar))
    egenbedomningar = {
        e.organ_id: e
        for e in selectors.egenbedomningar_visible_to(user).filter(uppfoljningsar__ar=ar)
    }
    ut = {}
    for o in organ:
        summa = status.sammanfattning(rader[o.pk])
        e = egenbedomningar.get(o.pk)
        ut[o.pk] = {
            "organ": o,
            "klar": summa[status.KLAR],
            "kommande": summa[status.KOMMANDE],
            "forsenad": summa[status.FORSENAD],
            "saknar_kalla": summa[status.SAKNAR_KALLA],
            "totalt": len(rader[o.pk]),
            "forsenade": [_rad(r) for r in rader[o.pk] if r.status == status.FORSENAD],
            "egenbedomning": {
                "status": e.status,
                "status_text": e.get_status_display(),
                "inlamnad": e.inlamnad,
                "sen": e.ar_sen(idag),
            }
            if e
            else None,
        }
    return ut
