"""
The live status of every body's duties: done (klar), due (kommande), overdue (försenad),
or without a source in the portal yet. One rule, asked by "Vårt ansvar", the start pages,
the reminders and the annual report.

The evidence of all the bodies asked about is read in one query per kind of evidence,
however many bodies and duties there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lib import versioner
from policy.models import Organ

from .models import Egenbedomning, Kvittens, Skyldighet

KLAR = "klar"
KOMMANDE = "kommande"
FORSENAD = "forsenad"
SAKNAR_KALLA = "saknar_kalla"

ETIKETTER = {
    KLAR: _("Klar"),
    KOMMANDE: _("Kommande"),
    FORSENAD: _("Försenad"),
    SAKNAR_KALLA: _("Saknar källa i portalen"),
}

# The bodies that answer for their own field (nämnder and bolag) and are asked yearly.
SVARANDE_TYPER = (Organ.Typ.NAMND, Organ.Typ.BOLAG)


@dataclass
class Rad:
    skyldighet: Skyldighet
    organ: Organ
    fran: datetime.date
    till: datetime.date
    forfaller: datetime.date
    status: str = KOMMANDE
    bevis: str = ""
    bevis_lank: str = ""
    kvittens: Kvittens | None = field(default=None)

    @property
    def status_text(self) -> str:
        return ETIKETTER[self.status]

    @property
    def kan_kvitteras(self) -> bool:
        return self.status != KLAR and self.skyldighet.bevis in (
            Skyldighet.Bevis.KVITTENS,
            Skyldighet.Bevis.OVNING,
        )


def galler_q(organ: Organ) -> Q:
    """The duties that apply to one body."""
    q = Q(galler=Skyldighet.Galler.ORGAN, organ=organ)
    if organ.typ == Organ.Typ.NAMND:
        q |= Q(galler=Skyldighet.Galler.VARJE_NAMND)
    if organ.typ in SVARANDE_TYPER:
        q |= Q(galler=Skyldighet.Galler.VARJE_NAMND_OCH_BOLAG)
    return q


def galler_for(skyldighet: Skyldighet, organ: Organ) -> bool:
    if skyldighet.galler == Skyldighet.Galler.ORGAN:
        return skyldighet.organ_id == organ.pk
    if skyldighet.galler == Skyldighet.Galler.VARJE_NAMND:
        return organ.typ == Organ.Typ.NAMND
    return organ.typ in SVARANDE_TYPER


def ansvariga_organ():
    """Every body some active duty applies to."""
    specifika = Skyldighet.objects.filter(aktiv=True, galler=Skyldighet.Galler.ORGAN).values(
        "organ_id"
    )
    return Organ.objects.filter(Q(typ__in=SVARANDE_TYPER) | Q(pk__in=specifika)).order_by(
        "typ", "namn"
    )


def ovningar_genomforda(organ_ids, fran: datetime.date, till: datetime.date):
    """Exercises held in the period by these bodies or with their units taking part, as
    {organ id: [(date, title, activity id, area ids)]}, newest first, from the exercises
    recorded in verksamhet (three queries). An exercise shows a duty done when it serves the
    duty's area."""
    from verksamhet.models import Aktivitet, Aktivitetstyp

    ids = list(organ_ids)
    deltagande = Aktivitet.deltagande_enheter.through.objects
    # A body's own exercises and those its units took part in: a subquery rather than a join,
    # so no DISTINCT over the rows is needed.
    ovningar = Aktivitet.objects.filter(
        Q(organ_id__in=ids)
        | Q(pk__in=deltagande.filter(enhet__organ_id__in=ids).values("aktivitet_id")),
        typ__slag=Aktivitetstyp.Slag.OVNING,
        status=Aktivitet.Status.GENOMFORD,
        genomford_datum__gte=fran,
        genomford_datum__lte=till,
    )
    # Three queries whether there are none or many (not prefetches that run only when there
    # is something to fetch); the kinds of exercise are few. Plain values, not model instances: a body
    # with hundreds of exercises in a mandate period is shown on "Vårt ansvar".
    omraden: dict[int, set] = {}
    for typ_id, omrade_id in Aktivitetstyp.omraden.through.objects.filter(
        aktivitetstyp__slag=Aktivitetstyp.Slag.OVNING
    ).values_list("aktivitetstyp_id", "omrade_id"):
        omraden.setdefault(typ_id, set()).add(omrade_id)
    deltagare: dict[int, set] = {}
    for aktivitet_id, organ_id in deltagande.filter(
        aktivitet_id__in=ovningar.values("pk"), enhet__organ_id__in=ids
    ).values_list("aktivitet_id", "enhet__organ_id"):
        deltagare.setdefault(aktivitet_id, set()).add(organ_id)
    ut: dict[int, list] = {}
    for pk, dag, organ_id, typ_id, typ, lokal, organ in ovningar.order_by(
        "-genomford_datum", "-pk"
    ).values_list(
        "pk", "genomford_datum", "organ_id", "typ_id", "typ__namn", "lokal__namn", "organ__namn"
    ):
        # As str(Aktivitet): the type, then the premises or else the body.
        rad = (dag, f"{typ}, {lokal or organ}", pk, frozenset(omraden.get(typ_id, ())))
        for o in {organ_id} | deltagare.get(pk, set()):
            if o in ids:
                ut.setdefault(o, []).append(rad)
    return ut


def rader_for(organ_lista, *, idag: datetime.date | None = None, per: datetime.date | None = None):
    """{organ id: [Rad]} for the duties of these bodies in the period holding `per` (today
    by default); overdue is judged against `idag`."""
    from policy.models import Styrdokument
    from risker.models import Riskanalys

    idag = idag or timezone.localdate()
    per = per or idag
    organ_lista = list(organ_lista)
    ids = [o.pk for o in organ_lista]
    skyldigheter = list(Skyldighet.objects.filter(aktiv=True).select_related("omrade", "organ"))
    ut: dict[int, list[Rad]] = {o.pk: [] for o in organ_lista}
    if not ids or not skyldigheter:
        return ut
    tidigast = min(s.period(per)[0] for s in skyldigheter)
    senast = max(s.period(per)[1] for s in skyldigheter)

    analyser: dict[int, list] = {}
    for a in (
        Riskanalys.objects.filter(
            organ_id__in=ids,
            status=Riskanalys.Status.GODKAND,
            godkand__isnull=False,
            godkand__date__gte=tidigast,
        )
        .order_by("-godkand")
        .values("pk", "organ_id", "typ", "titel", "godkand")
    ):
        analyser.setdefault(a["organ_id"], []).append(a)
    dokument: dict[int, list] = {}
    for d in Styrdokument.objects.filter(agare_id__in=ids).values(
        "pk", "agare_id", "omrade_id", "titel", "nasta_oversyn"
    ):
        dokument.setdefault(d["agare_id"], []).append(d)
    egenbedomningar: dict[tuple[int, int], dict] = {}
    for e in Egenbedomning.objects.filter(
        organ_id__in=ids,
        status__in=Egenbedomning.BESVARAD,
        uppfoljningsar__ar__gte=tidigast.year,
        uppfoljningsar__ar__lte=senast.year,
    ).values("pk", "organ_id", "uppfoljningsar__ar", "inlamnad"):
        egenbedomningar[(e["organ_id"], e["uppfoljningsar__ar"])] = e
    kvittenser = {
        (k.skyldighet_id, k.organ_id, k.period_fran): k
        for k in Kvittens.objects.filter(organ_id__in=ids, period_fran__gte=tidigast)
    }
    ovningar = ovningar_genomforda(ids, tidigast, senast)

    for organ in organ_lista:
        for s in skyldigheter:
            if not galler_for(s, organ):
                continue
            fran, till, forfaller = s.period(per)
            rad = Rad(s, organ, fran, till, forfaller)
            _bevis(
                rad,
                analyser.get(organ.pk, []),
                dokument.get(organ.pk, []),
                egenbedomningar,
                kvittenser,
                ovningar,
                idag,
            )
            if rad.status == KOMMANDE and forfaller < idag:
                rad.status = FORSENAD
            ut[organ.pk].append(rad)
    for rader in ut.values():
        rader.sort(
            key=lambda r: (
                r.skyldighet.omrade.nummer if r.skyldighet.omrade else 0,
                r.forfaller,
                r.skyldighet.titel,
            )
        )
    return ut


def _bevis(rad: Rad, analyser, dokument, egenbedomningar, kvittenser, ovningar, idag) -> None:
    B = Skyldighet.Bevis
    s = rad.skyldighet
    kvittens = kvittenser.get((s.pk, rad.organ.pk, rad.fran))
    if kvittens is not None:
        rad.status, rad.kvittens = KLAR, kvittens
        rad.bevis, rad.bevis_lank = (
            _("Kvitterad: %(kommentar)s") % {"kommentar": kvittens.kommentar or kvittens.lank},
            kvittens.lank,
        )
        return
    if s.bevis in (B.RISKANALYS, B.RSA):
        typ = "rsa" if s.bevis == B.RSA else "riskanalys"
        for a in analyser:
            if a["typ"] == typ and rad.fran <= timezone.localdate(a["godkand"]) <= rad.till:
                rad.status = KLAR
                rad.bevis = _("%(titel)s, godkänd") % {"titel": a["titel"]}
                rad.bevis_lank = reverse("risker:analys", args=[a["pk"]])
                return
    elif s.bevis == B.STYRDOKUMENT:
        egna = [d for d in dokument if s.omrade_id is None or d["omrade_id"] == s.omrade_id]
        grans = min(idag, rad.forfaller)
        if egna and all(d["nasta_oversyn"] >= grans for d in egna):
            rad.status = KLAR
            rad.bevis = _("Inget av organets styrdokument har försenad översyn")
            rad.bevis_lank = reverse("policy:styrdokument")
    elif s.bevis == B.EGENBEDOMNING:
        for ar in range(rad.fran.year, rad.till.year + 1):
            e = egenbedomningar.get((rad.organ.pk, ar))
            if e is not None:
                rad.status = KLAR
                rad.bevis = _("Egenbedömningen %(ar)s är inlämnad") % {"ar": ar}
                rad.bevis_lank = reverse("uppfoljning:egenbedomning", args=[e["pk"]])
                return
    elif s.bevis == B.OVNING:
        for dag, titel, aktivitet_id, omraden in ovningar.get(rad.organ.pk, []):
            if rad.fran <= dag <= rad.till and (s.omrade_id is None or s.omrade_id in omraden):
                rad.status, rad.bevis = KLAR, titel
                rad.bevis_lank = reverse("verksamhet:aktivitet", args=[aktivitet_id])
                return


# The version of the kept statuses (rader_cachade): every save or delete of a duty or of
# the evidence it is judged from moves it on (uppfoljning.apps); a write that bypasses save()
# must call versioner.ny_version(VERSION), or is seen when the entry expires.
VERSION = "uppfoljning:status:version"
CACHE_SEKUNDER = 300


def data_andrad(sender=None, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed (uppfoljning.apps)."""
    versioner.data_andrad(VERSION)


def rader_cachade(organ_lista, *, idag: datetime.date | None = None):
    """rader_for, kept in the cache per bodies, day and language until a duty or its
    evidence changes. The statuses are the same for everyone who may see the bodies'
    duties (rader_for takes no user), so "Vårt ansvar" and the start pages need not judge
    a body's hundreds of exercises and analyses on every load."""
    idag = idag or timezone.localdate()
    organ_lista = list(organ_lista)
    grund = ("uppfoljning:status", tuple(o.pk for o in organ_lista), idag, get_language())
    return versioner.versionerad(
        VERSION, grund, lambda: rader_for(organ_lista, idag=idag), CACHE_SEKUNDER
    )


def sammanfattning(rader: list[Rad]) -> dict[str, int]:
    ut = {KLAR: 0, KOMMANDE: 0, FORSENAD: 0, SAKNAR_KALLA: 0}
    for r in rader:
        ut[r.status] += 1
    return ut
