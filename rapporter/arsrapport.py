"""
The annual follow-up (Årlig uppföljning av säkerhetsarbetet, year N): the context that
templates/rapporter/arsrapport.html renders as an HTML preview and as the PDF.

Every figure comes from an aggregate query over the selectors for the user the report is
made for (`incidents_visible_to`, `risker_visible_to`, `riskanalyser_visible_to`,
`atgarder_visible_to`), so a person who may not see a skyddad incident finds no trace of
it, and the number of queries is the same whatever the number of incidents or risks.

"Incidents of the year" are those reported in that calendar year, local time, exactly as
on the incident statistics page: the tables per area, per month and per body come from
`incidenter.statistik`, and the report's own aggregates use the same year. Every table sums
to its total (incidents without a category are "Ej klassad"); the previous year's column is
None, shown as "uppgift saknas", where the portal holds no data for that year.

`context()` calls one data function per part (each queries a fixed number of times) and
then arranges what they fetched: the ärende to KS (tjänsteskrivelse, the areas' texts, the
decision), the year in figures, the areas, the bodies, the legal notifications and the
policy's year. The follow-up's goals, self-assessments and duties come in `_uppfoljning`.
"""

import datetime
from collections import defaultdict

from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from incidenter import statistik
from incidenter.models import Incident, Kategori, Rapporteringsplikt
from incidenter.selectors import incidents_visible_to, skyddade_visible_to
from lib import charts
from policy.models import Ansvar, Omrade, OmradesText, Organ, PolicyVersion, Styrdokument
from risker import levels
from risker.models import Atgard, Risk, Riskanalys
from risker.register import gallande
from risker.selectors import atgarder_visible_to, riskanalyser_visible_to, risker_visible_to

from . import register

MANADER = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
ANTAL_TOPPRISKER = 3
ANTAL_ALLVARLIGASTE = 10
ANTAL_FORSENADE = 15
# The area whose part shows krisberedskapen's registers (krisberedskap.panels.OMRADE_NUMMER):
# areas are data, their numbers follow the adopted policy text.
KRISBEREDSKAP_NUMMER = 1
# The areas whose parts show the information registers (informationssakerhet).
SAKERHETSSKYDD_NUMMER = 3
INFORMATIONSSAKERHET_NUMMER = 5
IT_SAKERHET_NUMMER = 6
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
                {
                    "s": s,
                    "k": k,
                    "antal": antal.get((s, k), 0),
                    "niva": niva,
                    "css": levels.css(niva),
                }
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
            aktuella=Count("pk", filter=Q(status=Riskanalys.Status.GODKAND, period_till__gte=idag)),
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


def _fg(saknas: bool):
    """The previous year's figure, or None where the portal has no data for that year."""
    return (lambda v: None) if saknas else (lambda v: v)


def _tabellrader(antal: dict[tuple, list[int]], namn: dict, fg=lambda v: v) -> list[dict]:
    rader = [
        {"namn": namn.get(k) or _("Okänt"), "ar": v[0], "fg": fg(v[1])}
        for k, v in antal.items()
        if v[0] or v[1]
    ]
    return sorted(rader, key=lambda r: (-r["ar"], -(r["fg"] or 0), str(r["namn"])))


def _atgarder_i_rapporten(user):
    """The åtgärder the report may show: `atgarder_visible_to`, less those of a skyddad
    incident the reader may not open. That selector also gives the åtgärder a person
    answers for, which may belong to such an incident; the report never names or counts
    them. (Only the few skyddade are looked up, not every visible incident.)"""
    return atgarder_visible_to(user).filter(
        Q(incident__isnull=True)
        | Q(incident__konfidentialitet=Incident.Konfidentialitet.NORMAL)
        | Q(incident__in=skyddade_visible_to(user))
    )


def _grunddata(idag) -> dict:
    """The policy in force, its area texts and duties, the areas, bodies and documents."""
    version = PolicyVersion.objects.gallande().select_related("beslutad_av").first()
    texter = {
        t.omrade_id: t
        for t in (
            OmradesText.objects.filter(version=version) if version else OmradesText.objects.none()
        )
    }
    ansvar_namnd = list(
        Ansvar.objects.filter(version=version, galler=Ansvar.Galler.NAMND_OCH_STYRELSE)
        if version
        else []
    )
    omraden = list(Omrade.objects.all())
    styrdokument = list(
        Styrdokument.objects.select_related("agare", "omrade").order_by(
            "omrade__nummer", "nasta_oversyn", "titel"
        )
    )
    return {
        "version": version,
        "texter": texter,
        "ansvar_namnd": ansvar_namnd,
        "omraden": omraden,
        "alla_organ": {o.pk: o for o in Organ.objects.all()},
        "styrdokument": styrdokument,
        "forsenade_dokument": [d for d in styrdokument if d.oversyn_forsenad(idag)],
        "utan_definition": [
            (o, texter.get(o.pk))
            for o in omraden
            if o.pk not in texter or texter[o.pk].saknar_definition
        ],
    }


def _incidentdata(incidenter, ar: int) -> dict:
    """The year's incidents as counts: in figures, per area, month, body and category."""
    return {
        "siffror": _incidentsiffror(incidenter, ar),
        "per_omrade": statistik.per_omrade(incidenter, ar),
        "per_manad": statistik.per_manad(incidenter, ar),
        "per_organ": _statistikrader(statistik.per_organ(incidenter, ar)),
        "per_omrade_kategori": _per(incidenter, ar, "omrade_id", "kategori_id"),
        "kategorinamn": dict(Kategori.objects.values_list("pk", "namn")),
        "per_omrade_organ": _per(incidenter, ar, "omrade_id", "enhet__organ_id"),
        "allvarligaste_incidenter": _allvarligaste_incidenter(incidenter, ar),
        "fg_saknas": not har_uppgifter(incidenter, ar - 1),
    }


def har_uppgifter(incidenter, ar: int) -> bool:
    """Whether the portal holds data for the year `ar`: an incident the reader sees was
    reported, or a risk analysis existed, before the year ended. Without either the portal
    was not in use, and a count for that year would be a 0 that reads as a fact."""
    slut = _arets_borjan(ar + 1)
    return (
        incidenter.filter(rapporterad__lt=slut).exists()
        or Riskanalys.objects.filter(skapad__lt=slut).exists()
    )


def _riskdata(risker) -> dict:
    """The risks of the analyses in force: in figures, per area and cell, per body."""
    risk_celler = defaultdict(dict)
    for r in (
        risker.values("omrade_id", "sannolikhet", "konsekvens").annotate(n=Count("pk")).order_by()
    ):
        risk_celler[r["omrade_id"]][(r["sannolikhet"], r["konsekvens"])] = r["n"]
    return {
        "risk_siffror": risker.aggregate(
            totalt=Count("pk"),
            mycket_hog=Count("pk", filter=Q(niva=levels.Niva.MYCKET_HOG)),
            hog=Count("pk", filter=Q(niva=levels.Niva.HOG)),
            liv_halsa=Count("pk", filter=Q(kons_liv_halsa__gte=levels.LIV_HALSA_GRANS)),
        ),
        "risk_celler": risk_celler,
        "risker_per_organ": {
            r["organ_id"]: r
            for r in risker.values("organ_id")
            .annotate(n=Count("pk"), hoga=Count("pk", filter=Q(niva__gte=levels.Niva.HOG)))
            .order_by()
        },
        "topprisker": _topprisker_per_omrade(risker),
        "allvarligaste_risker": list(
            risker.select_related("organ", "omrade").order_by(*levels.ORDNING)[:ANTAL_ALLVARLIGASTE]
        ),
    }


def _atgardsdata(atgarder, ar: int, idag) -> dict:
    """The åtgärder in figures, per area and body, and the most overdue."""
    return {
        "atgard_siffror": atgarder.aggregate(
            oppna=Count("pk", filter=Q(status__in=Atgard.OPPNA)),
            forsenade=Count("pk", filter=Q(status__in=Atgard.OPPNA, forfallodatum__lt=idag)),
            klara_under_aret=Count("pk", filter=Q(status=Atgard.Status.KLAR, klar_datum__year=ar)),
        ),
        "atgarder_per_omrade": _atgarder_per(
            atgarder.annotate(omr=Coalesce("risk__omrade_id", "incident__omrade_id")), idag, "omr"
        ),
        "atgarder_per_organ": _atgarder_per(atgarder, idag, "organ_id"),
        # The åtgärder cover every year: one of a skyddad incident marks the report as with
        # skyddade, as a skyddad incident of the year does.
        "skyddade": atgarder.filter(
            incident__konfidentialitet=Incident.Konfidentialitet.SKYDDAD
        ).exists(),
        "forsenade_atgarder": list(
            atgarder.filter(status__in=Atgard.OPPNA, forfallodatum__lt=idag)
            .select_related(
                "organ",
                "risk",
                "incident",
                "aktivitet__typ",
                "aktivitet__lokal",
                "aktivitet__organ",
            )
            .order_by("forfallodatum", "pk")[:ANTAL_FORSENADE]
        ),
    }


def _analysdata(user, idag) -> dict:
    return {
        "analyser": _organ_analyser(user, idag),
        "analyser_i_granskning": riskanalyser_visible_to(user)
        .filter(status__in=GRANSKNING)
        .count(),
    }


def _arendedata(ar: int) -> dict:
    """The year's ärende to KS (its tjänsteskrivelse and decision) and the areas' texts."""
    from .arenden import arende_for_ar, berattelser_for

    arende = arende_for_ar(ar)
    return {"arende": arende, "berattelser": berattelser_for(arende)}


def _plikter(incidenter, ar: int) -> list[dict]:
    """The legal notifications of the year's incidents, per clock (type): made on time, made
    late, not made with the clock run out, and still running. The clock is the incident's
    own rule (`Rapporteringsplikt.deadline`), read in two queries whatever the number."""
    nu = timezone.now()
    plikter = (
        Rapporteringsplikt.objects.filter(incident__in=incidenter.filter(_under(ar)))
        .select_related("typ", "incident")
        .prefetch_related("incident__plikter")
    )
    typer: dict[int, dict] = {}
    for plikt in plikter:
        rad = typer.setdefault(
            plikt.typ_id,
            {"typ": plikt.typ, "i_tid": 0, "sent": 0, "ej_gjord": 0, "pagar": 0, "utan_frist": 0},
        )
        syskon = plikt.incident.plikter.all()
        deadline = plikt.deadline(syskon)
        if not plikt.har_frist:
            rad["utan_frist"] += 1
        elif plikt.utford:
            rad["i_tid" if deadline is None or plikt.utford <= deadline else "sent"] += 1
        elif plikt.ar_forsenad(syskon, now=nu):
            rad["ej_gjord"] += 1
        else:
            rad["pagar"] += 1
    rader = sorted(typer.values(), key=lambda r: (r["typ"].ordning, r["typ"].pk))
    for rad in rader:
        rad["totalt"] = (
            rad["i_tid"] + rad["sent"] + rad["ej_gjord"] + rad["pagar"] + rad["utan_frist"]
        )
    return rader


def _uppfoljning(user, ar: int, omradesdelar: list[dict], organdelar: list[dict]) -> dict:
    """The goals' indicators and assessments (`mal`, the chapter "Policyns mål"), each
    area's self-assessment answers and duties (`uppfoljning` on each area part) and each
    body's duties and self-assessment (`uppfoljning` on each body row), from the security
    year (uppfoljning.rapport). Each of its parts queries a fixed number of times."""
    from uppfoljning import rapport

    omraden = rapport.omraden_context(user, ar)
    organ = rapport.organ_context(user, ar)
    for d in omradesdelar:
        d["uppfoljning"] = omraden.get(d["omrade"].pk)
    for d in organdelar:
        d["uppfoljning"] = organ.get(d["organ"].pk)
    return {
        "mal": rapport.mal_context(user, ar),
        # The number of overdue duties of the bodies in the table (None: not followed up).
        "organ_forsenade": sum(
            len(d["uppfoljning"]["forsenade"]) for d in organdelar if d["uppfoljning"]
        ),
    }


def _policyaret(ar: int) -> dict:
    return {
        "beslutade_versioner": list(
            PolicyVersion.objects.filter(beslutsdatum__year=ar)
            .select_related("beslutad_av")
            .order_by("beslutsdatum", "versionsnummer")
        )
    }


def _summerad(rader: list[dict]) -> dict:
    """The total row of a table whose rows carry "ar" and "fg" (None: no data)."""
    return {
        "ar": sum(r["ar"] for r in rader),
        "fg": None if any(r["fg"] is None for r in rader) else sum(r["fg"] for r in rader),
    }


def _omradesdelar(g: dict, inc: dict, risk: dict, atg: dict, idag) -> list[dict]:
    """One part per security area, from what was fetched (no queries). Every table of an
    area sums to the area's count: incidents without a category are a row "Ej klassad"."""
    fg = _fg(inc["fg_saknas"])
    delar = []
    for o in g["omraden"]:
        kategorier = _tabellrader(
            {k: v for k, v in inc["per_omrade_kategori"].items() if k[0] == o.pk},
            {
                k: inc["kategorinamn"].get(k[1]) if k[1] else _("Ej klassad")
                for k in inc["per_omrade_kategori"]
                if k[0] == o.pk
            },
            fg,
        )
        organ_rader = _tabellrader(
            {k: v for k, v in inc["per_omrade_organ"].items() if k[0] == o.pk},
            {k: g["alla_organ"].get(k[1]) for k in inc["per_omrade_organ"] if k[0] == o.pk},
            fg,
        )
        dok = [d for d in g["styrdokument"] if d.omrade_id == o.pk]
        ansvariga = {d.agare for d in dok}
        ansvariga.update(r.organ for r in risk["topprisker"].get(o.pk, []))
        a = atg["atgarder_per_omrade"].get((o.pk,), {})
        i_omradet = next((r for r in inc["per_omrade"] if r["id"] == o.pk), {})
        celler = risk["risk_celler"].get(o.pk, {})
        delar.append(
            {
                "omrade": o,
                "text": g["texter"].get(o.pk),
                "ansvariga": sorted(ansvariga, key=lambda x: x.namn),
                "incidenter_ar": i_omradet.get("antal", 0),
                "incidenter_fg": fg(i_omradet.get("foregaende", 0)),
                "kategorier": kategorier,
                "kategorier_summa": _summerad(kategorier),
                "organ": organ_rader,
                "organ_summa": _summerad(organ_rader),
                "matris": _matris(celler),
                "antal_risker": sum(celler.values()),
                "topprisker": risk["topprisker"].get(o.pk, []),
                "atgarder": {
                    k: a.get(k, 0) for k in ("planerade", "pagaende", "klara", "oppna", "forsenade")
                },
                "styrdokument": [(d, d.oversyn_forsenad(idag)) for d in dok],
            }
        )
    return delar


# The bodies the policy gives a security duty, in the order the table shows them.
ORGAN_ORDNING = (Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG)


def _organdelar(g: dict, inc: dict, risk: dict, atg: dict, analyser: dict) -> list[dict]:
    """One row per body (no queries): kommunstyrelsen, every nämnd and bolag, and any other
    body with incidents or risks, so that the incident column sums to the year's total."""
    fg = _fg(inc["fg_saknas"])

    def med(organ) -> bool:
        return (
            organ.typ in ORGAN_ORDNING
            or any(inc["per_organ"].get(organ.pk, [0, 0]))
            or organ.pk in risk["risker_per_organ"]
        )

    def ordning(organ):
        typ = ORGAN_ORDNING.index(organ.typ) if organ.typ in ORGAN_ORDNING else len(ORGAN_ORDNING)
        return (typ, organ.namn)

    delar = []
    for organ in sorted(filter(med, g["alla_organ"].values()), key=ordning):
        i = inc["per_organ"].get(organ.pk, [0, 0])
        an = analyser.get(organ.pk, {})
        at = atg["atgarder_per_organ"].get((organ.pk,), {})
        r = risk["risker_per_organ"].get(organ.pk, {})
        delar.append(
            {
                "organ": organ,
                # Whether the policy asks the body for its own risk analysis.
                "ska_ha_analys": organ.typ in ORGAN_ORDNING,
                "aktuell_analys": bool(an.get("aktuella")),
                "godkand_till": an.get("giltig_till"),
                "i_granskning": an.get("i_granskning", 0),
                "utkast": an.get("utkast", 0),
                "risker": r.get("n", 0),
                "hoga_risker": r.get("hoga", 0),
                "oppna_atgarder": at.get("oppna", 0),
                "forsenade_atgarder": at.get("forsenade", 0),
                "incidenter_ar": i[0],
                "incidenter_fg": fg(i[1]),
            }
        )
    return delar


def _organsumma(delar: list[dict]) -> dict:
    falt = ("risker", "hoga_risker", "oppna_atgarder", "forsenade_atgarder", "incidenter_ar")
    summa = {f: sum(d[f] for d in delar) for f in falt}
    fg = [d["incidenter_fg"] for d in delar]
    summa["incidenter_fg"] = None if None in fg else sum(fg)
    return summa


def _incidenter_under_aret(inc: dict, omraden, ar: int) -> dict:
    """The chapter "Incidenter under året": per month and per area, tables and charts."""
    fg = _fg(inc["fg_saknas"])
    manader = [
        {"namn": MANADER[r["manad"] - 1], "ar": r["antal"], "fg": fg(r["foregaende"])}
        for r in inc["per_manad"]
    ]
    nummer = {o.pk: o.nummer for o in omraden}
    omrade_rader = [
        {
            "namn": r["namn"],
            "nummer": nummer.get(r["id"], ""),
            "ar": r["antal"],
            "fg": fg(r["foregaende"]),
        }
        for r in inc["per_omrade"]
    ]
    summa = _summerad(omrade_rader)
    if inc["fg_saknas"]:
        jamfor = _("%(ar)s (uppgift saknas för %(fg)s)")
    else:
        jamfor = _("%(ar)s och %(fg)s")
    jamfor = jamfor % {"ar": ar, "fg": ar - 1}
    return {
        "manader": manader,
        "omrade_rader": omrade_rader,
        "summa_ar": summa["ar"],
        "summa_fg": summa["fg"],
        "diagram_manad": charts.staplar_lodrata(
            [charts.Stapel(m["namn"], m["ar"], m["fg"]) for m in manader],
            titel=_("Incidenter per månad %(jamfor)s") % {"jamfor": jamfor},
            beskrivning=_("Stapeldiagram. Siffrorna finns i tabellen under diagrammet."),
        ),
        "diagram_omrade": charts.staplar_vagrata(
            [
                charts.Stapel(
                    f"{r['nummer']}. {r['namn']}" if r["nummer"] else r["namn"], r["ar"], r["fg"]
                )
                for r in omrade_rader
            ],
            titel=_("Incidenter per säkerhetsområde %(jamfor)s") % {"jamfor": jamfor},
            beskrivning=_("Stapeldiagram. Siffrorna finns i tabellen under diagrammet."),
        ),
    }


def context(user, ar: int, *, idag: datetime.date | None = None) -> dict:
    """Everything the annual report shows for `user`, in a fixed number of queries: the
    data functions query, the parts below them only arrange what was fetched."""
    idag = idag or timezone.localdate()
    incidenter = incidents_visible_to(user)
    risker = gallande(risker_visible_to(user))
    atgarder = _atgarder_i_rapporten(user)

    g = _grunddata(idag)
    inc = _incidentdata(incidenter, ar)
    risk = _riskdata(risker)
    atg = _atgardsdata(atgarder, ar, idag)
    an = _analysdata(user, idag)
    policyaret = _policyaret(ar)
    arende = _arendedata(ar)
    plikter = _plikter(incidenter, ar)
    # The registers are read as they stood at the year's end (today while it runs).
    per = min(datetime.date(ar, 12, 31), idag)
    kris = register.krisberedskap(user, ar, per)
    verksamhet = register.verksamhet_per_omrade(user, ar, per, g["omraden"])
    informationsregister = {
        INFORMATIONSSAKERHET_NUMMER: (
            "informationssakerhet",
            register.informationssakerhet(user, ar, per, incidenter.filter(_under(ar))),
        ),
        IT_SAKERHET_NUMMER: ("it_sakerhet", register.it_sakerhet(user, per)),
        SAKERHETSSKYDD_NUMMER: ("sakerhetsskydd", register.sakerhetsskydd(user, ar, per)),
    }
    # Every query is above this line; below, only arithmetic over what was fetched
    # (and the follow-up's own parts, in _uppfoljning).

    organdelar = _organdelar(g, inc, risk, atg, an["analyser"])
    omradesdelar = _omradesdelar(g, inc, risk, atg, idag)
    for d in omradesdelar:
        d["berattelse"] = arende["berattelser"].get(d["omrade"].pk, "")
        d["verksamhet"] = verksamhet.get(d["omrade"].pk)
        d["krisberedskap"] = kris if d["omrade"].nummer == KRISBEREDSKAP_NUMMER else None
        if d["omrade"].nummer in informationsregister:
            namn, delen = informationsregister[d["omrade"].nummer]
            d[namn] = delen
    return {
        "titel": _("Årlig uppföljning av säkerhetsarbetet %(ar)s") % {"ar": ar},
        "ar": ar,
        "fg": ar - 1,
        "idag": idag,
        # The period is the calendar year; a report made before it ends is preliminary,
        # with its figures up to the day it was made.
        "period_fran": datetime.date(ar, 1, 1),
        "period_till": datetime.date(ar, 12, 31),
        "preliminar": idag <= datetime.date(ar, 12, 31),
        "genererad": timezone.now(),
        "lasare": user,
        "version": g["version"],
        "siffror": {
            k: None if inc["fg_saknas"] and k.endswith("_fg") else v
            for k, v in inc["siffror"].items()
        },
        "fg_saknas": inc["fg_saknas"],
        "risk_siffror": risk["risk_siffror"],
        "atgard_siffror": atg["atgard_siffror"],
        "analyser_i_granskning": an["analyser_i_granskning"],
        "organ_utan_aktuell_analys": [
            d["organ"] for d in organdelar if d["ska_ha_analys"] and not d["aktuell_analys"]
        ],
        "allvarligaste_incidenter": inc["allvarligaste_incidenter"],
        "allvarligaste_risker": risk["allvarligaste_risker"],
        "forsenade_atgarder": atg["forsenade_atgarder"],
        "utan_definition": g["utan_definition"],
        "forsenade_dokument": g["forsenade_dokument"],
        "ansvar_namnd": g["ansvar_namnd"],
        "omraden": omradesdelar,
        "arende": arende["arende"],
        # Until KS's decision is recorded, every page says "Utkast".
        "utkast": not arende["arende"].last,
        "plikter": plikter,
        "plikter_summa": {
            k: sum(r[k] for r in plikter)
            for k in ("i_tid", "sent", "ej_gjord", "pagar", "utan_frist", "totalt")
        },
        **_uppfoljning(user, ar, omradesdelar, organdelar),
        "organdelar": organdelar,
        "organsumma": _organsumma(organdelar),
        "beslutade_versioner": policyaret["beslutade_versioner"],
        **_incidenter_under_aret(inc, g["omraden"], ar),
        # The säkerhetsskydd registers' metadata, shown only to a reader who may open them,
        # keeps the stored PDF from the others as a skyddad incident does (those who see
        # every skyddad incident are the säkerhetschef, who may open them too).
        "med_skyddade": bool(inc["siffror"]["skyddade"])
        or atg["skyddade"]
        or informationsregister[SAKERHETSSKYDD_NUMMER][1]["behorig"],
    }
