"""
The annual follow-up (Årlig uppföljning av säkerhetsarbetet, year N): the context that
templates/rapporter/arsrapport.html renders as an HTML preview and as the PDF.

Every figure comes from an aggregate query over the selectors for the user the report is
made for (`incidents_visible_to`, `risker_visible_to`, `riskanalyser_visible_to`,
`atgarder_visible_to`), so a person who may not see a skyddad incident finds no trace of
it, and the number of queries is the same whatever the number of incidents or risks.

"Incidents of the year" are those reported in that calendar year, local time, exactly as
on the incident statistics page: the tables per area, per month and per body come from
`incidenter.statistik`, and the report's own aggregates use the same year.
"""

import datetime
from collections import defaultdict

from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from incidenter import statistik
from incidenter.models import Incident, Kategori
from incidenter.selectors import incidents_visible_to
from koping_sakerhet.lib import charts
from policy.models import Ansvar, Omrade, OmradesText, Organ, PolicyVersion, Styrdokument
from risker import levels
from risker.models import Atgard, Risk, Riskanalys
from risker.register import gallande
from risker.selectors import atgarder_visible_to, riskanalyser_visible_to, risker_visible_to

MANADER = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
ANTAL_TOPPRISKER = 3
ANTAL_ALLVARLIGASTE = 10
ANTAL_FORSENADE = 15
ALLVARLIGA = (Incident.Allvarlighet.HOG, Incident.Allvarlighet.KRITISK)
GRANSKNING = (
    Riskanalys.Status.INLAMNAD,
    Riskanalys.Status.UNDER_GRANSKNING,
    Riskanalys.Status.ATER,
)

_ALLVARLIGHET_RANG = Case(
    When(allvarlighet=Incident.Allvarlighet.KRITISK, then=Value(4)),
    When(allvarlighet=Incident.Allvarlighet.HOG, then=Value(3)),
    When(allvarlighet=Incident.Allvarlighet.MEDEL, then=Value(2)),
    When(allvarlighet=Incident.Allvarlighet.LAG, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


def _arets_borjan(ar: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(ar, 1, 1))


def _under(ar: int) -> Q:
    """Reported during the calendar year `ar`, local time (as incidenter.statistik)."""
    return Q(rapporterad__gte=_arets_borjan(ar), rapporterad__lt=_arets_borjan(ar + 1))


def _incidentsiffror(qs, ar: int) -> dict:
    """The year in figures for incidents, with the previous year, in one query."""
    i_ar, i_fg = _under(ar), _under(ar - 1)
    return qs.filter(i_ar | i_fg).aggregate(
        totalt=Count("pk", filter=i_ar),
        totalt_fg=Count("pk", filter=i_fg),
        personskada=Count("pk", filter=i_ar & Q(personskada_eller_fara=True)),
        personskada_fg=Count("pk", filter=i_fg & Q(personskada_eller_fara=True)),
        allvarliga=Count("pk", filter=i_ar & Q(allvarlighet__in=ALLVARLIGA)),
        allvarliga_fg=Count("pk", filter=i_fg & Q(allvarlighet__in=ALLVARLIGA)),
        personuppgift=Count("pk", filter=i_ar & Q(personuppgiftsincident=True)),
        personuppgift_fg=Count("pk", filter=i_fg & Q(personuppgiftsincident=True)),
        oppna=Count("pk", filter=i_ar & Q(status__in=Incident.OPPNA)),
        skyddade=Count("pk", filter=Q(konfidentialitet=Incident.Konfidentialitet.SKYDDAD)),
    )


def _per(qs, ar: int, *falt) -> dict[tuple, list[int]]:
    """{(values of the fields…): [count in year N, count in N-1]} in one grouped query."""
    rader = (
        qs.filter(_under(ar) | _under(ar - 1))
        .values(*falt)
        .annotate(n=Count("pk", filter=_under(ar)), fg=Count("pk", filter=_under(ar - 1)))
        .order_by()
    )
    return {tuple(r[f] for f in falt): [r["n"], r["fg"]] for r in rader}


def _statistikrader(rader: list[dict]) -> dict:
    """incidenter.statistik rows as {id: [count in N, count in N-1]}."""
    return {r["id"]: [r["antal"], r["foregaende"]] for r in rader}


def _allvarligaste_incidenter(qs, ar: int) -> list[Incident]:
    """Life and health first, then the assessed severity, then the newest."""
    return list(
        qs.filter(_under(ar))
        .filter(Q(personskada_eller_fara=True) | Q(allvarlighet__in=ALLVARLIGA))
        .annotate(rang=_ALLVARLIGHET_RANG)
        .select_related("omrade", "kategori", "enhet__organ")
        .order_by("-personskada_eller_fara", "-rang", "-rapporterad", "-pk")[:ANTAL_ALLVARLIGASTE]
    )


def _matris(antal: dict[tuple[int, int], int]) -> list[dict]:
    """The 5×5 matrix rows (highest likelihood first), like risker.register.matris, from
    counts already fetched."""
    rader = []
    for s in range(5, 0, -1):
        celler = []
        for k in range(1, 6):
            niva = levels.niva_for_poang(s * k)
            celler.append(
                {"s": s, "k": k, "antal": antal.get((s, k), 0), "niva": niva, "css": levels.css(niva)}
            )
        rader.append({"s": s, "celler": celler})
    return rader


def _topprisker_per_omrade(risker) -> dict[int, list[Risk]]:
    """The highest risks of each area by the level rule, in one query (a window function)."""
    ordning = [F(f[1:]).desc() if f.startswith("-") else F(f).asc() for f in levels.ORDNING]
    qs = (
        Risk.objects.filter(pk__in=risker.values("pk"))
        .annotate(rad=Window(RowNumber(), partition_by=[F("omrade_id")], order_by=ordning))
        .filter(rad__lte=ANTAL_TOPPRISKER)
        .select_related("organ")
        .order_by("omrade_id", "rad")
    )
    ut: dict[int, list[Risk]] = defaultdict(list)
    for risk in qs:
        ut[risk.omrade_id].append(risk)
    return ut


def _organ_analyser(user, idag) -> dict[int, dict]:
    rader = (
        riskanalyser_visible_to(user)
        .values("organ_id")
        .annotate(
            aktuella=Count(
                "pk", filter=Q(status=Riskanalys.Status.GODKAND, period_till__gte=idag)
            ),
            godkanda=Count("pk", filter=Q(status=Riskanalys.Status.GODKAND)),
            i_granskning=Count("pk", filter=Q(status__in=GRANSKNING)),
            utkast=Count("pk", filter=Q(status=Riskanalys.Status.UTKAST)),
            senast_godkand=Max("godkand"),
            giltig_till=Max("period_till", filter=Q(status=Riskanalys.Status.GODKAND)),
        )
        .order_by()
    )
    return {r["organ_id"]: r for r in rader}


def _atgarder_per(qs, idag, *falt) -> dict:
    rader = (
        qs.values(*falt)
        .annotate(
            planerade=Count("pk", filter=Q(status=Atgard.Status.PLANERAD)),
            pagaende=Count("pk", filter=Q(status=Atgard.Status.PAGAENDE)),
            klara=Count("pk", filter=Q(status=Atgard.Status.KLAR)),
            oppna=Count("pk", filter=Q(status__in=Atgard.OPPNA)),
            forsenade=Count("pk", filter=Q(status__in=Atgard.OPPNA, forfallodatum__lt=idag)),
        )
        .order_by()
    )
    return {tuple(r[f] for f in falt): r for r in rader}


def _tabellrader(antal: dict[tuple, list[int]], namn: dict) -> list[dict]:
    rader = [
        {"namn": namn.get(k) or _("Okänt"), "ar": v[0], "fg": v[1]}
        for k, v in antal.items()
        if v[0] or v[1]
    ]
    return sorted(rader, key=lambda r: (-r["ar"], -r["fg"], str(r["namn"])))


def context(user, ar: int, *, idag: datetime.date | None = None) -> dict:
    """Everything the annual report shows for `user`, in a fixed number of queries."""
    idag = idag or timezone.localdate()
    incidenter = incidents_visible_to(user)
    risker = gallande(risker_visible_to(user))
    atgarder = atgarder_visible_to(user)

    version = PolicyVersion.objects.gallande().select_related("beslutad_av").first()
    texter = {
        t.omrade_id: t
        for t in (OmradesText.objects.filter(version=version) if version else OmradesText.objects.none())
    }
    ansvar_namnd = list(
        Ansvar.objects.filter(version=version, galler=Ansvar.Galler.NAMND_OCH_STYRELSE)
        if version
        else []
    )
    omraden = list(Omrade.objects.all())
    alla_organ = {o.pk: o for o in Organ.objects.all()}
    styrdokument = list(Styrdokument.objects.select_related("agare", "omrade").order_by("omrade__nummer", "nasta_oversyn", "titel"))

    siffror = _incidentsiffror(incidenter, ar)
    per_omrade = statistik.per_omrade(incidenter, ar)
    per_manad = statistik.per_manad(incidenter, ar)
    per_organ = _statistikrader(statistik.per_organ(incidenter, ar))
    kategorier = statistik.per_kategori(incidenter, ar)
    kategori_omrade = dict(Kategori.objects.values_list("pk", "omrade_id"))
    per_omrade_organ = _per(incidenter, ar, "omrade_id", "enhet__organ_id")

    risk_siffror = risker.aggregate(
        totalt=Count("pk"),
        mycket_hog=Count("pk", filter=Q(niva=levels.Niva.MYCKET_HOG)),
        hog=Count("pk", filter=Q(niva=levels.Niva.HOG)),
        liv_halsa=Count("pk", filter=Q(kons_liv_halsa__gte=levels.LIV_HALSA_GRANS)),
    )
    risk_celler = defaultdict(dict)
    for r in risker.values("omrade_id", "sannolikhet", "konsekvens").annotate(n=Count("pk")).order_by():
        risk_celler[r["omrade_id"]][(r["sannolikhet"], r["konsekvens"])] = r["n"]
    risker_per_organ = {
        r["organ_id"]: r
        for r in risker.values("organ_id")
        .annotate(n=Count("pk"), hoga=Count("pk", filter=Q(niva__gte=levels.Niva.HOG)))
        .order_by()
    }
    topprisker = _topprisker_per_omrade(risker)
    allvarligaste_risker = list(
        risker.select_related("organ", "omrade").order_by(*levels.ORDNING)[:ANTAL_ALLVARLIGASTE]
    )

    atgard_siffror = atgarder.aggregate(
        oppna=Count("pk", filter=Q(status__in=Atgard.OPPNA)),
        forsenade=Count("pk", filter=Q(status__in=Atgard.OPPNA, forfallodatum__lt=idag)),
        klara_under_aret=Count("pk", filter=Q(status=Atgard.Status.KLAR, klar_datum__year=ar)),
    )
    atgarder_per_omrade = _atgarder_per(
        atgarder.annotate(omr=Coalesce("risk__omrade_id", "incident__omrade_id")), idag, "omr"
    )
    atgarder_per_organ = _atgarder_per(atgarder, idag, "organ_id")
    forsenade_atgarder = list(
        atgarder.filter(status__in=Atgard.OPPNA, forfallodatum__lt=idag)
        .select_related(
            "organ", "risk", "incident", "aktivitet__typ", "aktivitet__lokal", "aktivitet__organ"
        )
        .order_by("forfallodatum", "pk")[:ANTAL_FORSENADE]
    )
    analyser = _organ_analyser(user, idag)
    analyser_i_granskning = riskanalyser_visible_to(user).filter(status__in=GRANSKNING).count()
    beslutade_versioner = list(
        PolicyVersion.objects.filter(beslutsdatum__year=ar)
        .select_related("beslutad_av")
        .order_by("beslutsdatum", "versionsnummer")
    )
    allvarligaste_incidenter = _allvarligaste_incidenter(incidenter, ar)
    # Every query is above this line; below, only arithmetic over what was fetched.

    forsenade_dok = [d for d in styrdokument if d.oversyn_forsenad(idag)]
    utan_definition = [
        (o, texter.get(o.pk)) for o in omraden if o.pk not in texter or texter[o.pk].saknar_definition
    ]

    omradesdelar = []
    for o in omraden:
        omradets_kategorier = [
            {"namn": r["namn"], "ar": r["antal"], "fg": r["foregaende"]}
            for r in kategorier
            if r["id"] is not None and kategori_omrade.get(r["id"]) == o.pk
        ]
        organ_rader = _tabellrader(
            {k: v for k, v in per_omrade_organ.items() if k[0] == o.pk},
            {k: alla_organ.get(k[1]) for k in per_omrade_organ if k[0] == o.pk},
        )
        dok = [d for d in styrdokument if d.omrade_id == o.pk]
        ansvariga = {d.agare for d in dok}
        ansvariga.update(r.organ for r in topprisker.get(o.pk, []))
        a = atgarder_per_omrade.get((o.pk,), {})
        i_omradet = next((r for r in per_omrade if r["id"] == o.pk), {})
        omradesdelar.append(
            {
                "omrade": o,
                "text": texter.get(o.pk),
                "ansvariga": sorted(ansvariga, key=lambda x: x.namn),
                "incidenter_ar": i_omradet.get("antal", 0),
                "incidenter_fg": i_omradet.get("foregaende", 0),
                "kategorier": sorted(omradets_kategorier, key=lambda r: (-r["ar"], -r["fg"], r["namn"])),
                "organ": organ_rader,
                "matris": _matris(risk_celler.get(o.pk, {})),
                "antal_risker": sum(risk_celler.get(o.pk, {}).values()),
                "topprisker": topprisker.get(o.pk, []),
                "atgarder": {
                    k: a.get(k, 0) for k in ("planerade", "pagaende", "klara", "oppna", "forsenade")
                },
                "styrdokument": [(d, d.oversyn_forsenad(idag)) for d in dok],
            }
        )

    organdelar = []
    for organ in sorted(alla_organ.values(), key=lambda x: (x.typ != Organ.Typ.NAMND, x.namn)):
        if organ.typ not in (Organ.Typ.NAMND, Organ.Typ.BOLAG):
            continue
        inc = per_organ.get(organ.pk, [0, 0])
        an = analyser.get(organ.pk, {})
        at = atgarder_per_organ.get((organ.pk,), {})
        organdelar.append(
            {
                "organ": organ,
                "aktuell_analys": bool(an.get("aktuella")),
                "godkand_till": an.get("giltig_till"),
                "i_granskning": an.get("i_granskning", 0),
                "utkast": an.get("utkast", 0),
                "risker": risker_per_organ.get(organ.pk, {}).get("n", 0),
                "hoga_risker": risker_per_organ.get(organ.pk, {}).get("hoga", 0),
                "oppna_atgarder": at.get("oppna", 0),
                "forsenade_atgarder": at.get("forsenade", 0),
                "incidenter_ar": inc[0],
                "incidenter_fg": inc[1],
            }
        )

    manader = [
        {"namn": MANADER[r["manad"] - 1], "ar": r["antal"], "fg": r["foregaende"]} for r in per_manad
    ]
    nummer = {o.pk: o.nummer for o in omraden}
    omrade_rader = [
        {
            "namn": r["namn"],
            "nummer": nummer.get(r["id"], ""),
            "ar": r["antal"],
            "fg": r["foregaende"],
        }
        for r in per_omrade
    ]
    titel = _("Årlig uppföljning av säkerhetsarbetet %(ar)s") % {"ar": ar}
    return {
        "titel": titel,
        "ar": ar,
        "fg": ar - 1,
        "idag": idag,
        "genererad": timezone.now(),
        "lasare": user,
        "version": version,
        "siffror": siffror,
        "risk_siffror": risk_siffror,
        "atgard_siffror": atgard_siffror,
        "analyser_i_granskning": analyser_i_granskning,
        "organ_utan_aktuell_analys": [d["organ"] for d in organdelar if not d["aktuell_analys"]],
        "allvarligaste_incidenter": allvarligaste_incidenter,
        "allvarligaste_risker": allvarligaste_risker,
        "forsenade_atgarder": forsenade_atgarder,
        "utan_definition": utan_definition,
        "forsenade_dokument": forsenade_dok,
        "ansvar_namnd": ansvar_namnd,
        "omraden": omradesdelar,
        "organdelar": organdelar,
        "beslutade_versioner": beslutade_versioner,
        "manader": manader,
        "omrade_rader": omrade_rader,
        "summa_ar": sum(r["ar"] for r in omrade_rader),
        "summa_fg": sum(r["fg"] for r in omrade_rader),
        "diagram_manad": charts.staplar_lodrata(
            [charts.Stapel(m["namn"], m["ar"], m["fg"]) for m in manader],
            titel=_("Incidenter per månad %(ar)s och %(fg)s") % {"ar": ar, "fg": ar - 1},
            beskrivning=_("Stapeldiagram. Siffrorna finns i tabellen under diagrammet."),
        ),
        "diagram_omrade": charts.staplar_vagrata(
            [
                charts.Stapel(f"{r['nummer']}. {r['namn']}" if r["nummer"] else r["namn"], r["ar"], r["fg"])
                for r in omrade_rader
            ],
            titel=_("Incidenter per säkerhetsområde %(ar)s och %(fg)s") % {"ar": ar, "fg": ar - 1},
            beskrivning=_("Stapeldiagram. Siffrorna finns i tabellen under diagrammet."),
        ),
        "med_skyddade": bool(siffror["skyddade"]),
    }
