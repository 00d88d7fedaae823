"""
What the annual follow-up's areas show from the registers: krisberedskapen (the mandate
period's documents, the RSA's state and deadline, the year's activations of the
krisledningsnämnd and the RSA's open åtgärder) for the area Krisberedskap och civilt
försvar, and for every area the year's plan of exercises, training and inspections (done,
planned, overdue), the inspections' anmärkningar and the training coverage.

Everything starts from the apps' selectors with the reader: a skyddad activation shows only
to those who may open it, an activity only to those who see its body. Each function queries
a fixed number of times, whatever the number of activities or records.
"""

import datetime

from django.db.models import Count, Q, Sum


def krisberedskap(user, ar: int, idag: datetime.date) -> dict | None:
    """The area Krisberedskap och civilt försvar's registers for the year `ar`, read on
    `idag` (31 December of a past year); None for a reader who may not read them."""
    from krisberedskap import reports, selectors
    from krisberedskap.models import Perioddokument

    if not selectors.kan_lasa(user):
        return None
    period = selectors.aktuell_period(idag)
    ut = {
        "period": period,
        "dokument": [],
        "rsa": None,
        # Activations decided during the year that this reader may see (a skyddad one
        # only by its members and staff and the säkerhetschef).
        "aktiveringar": list(
            selectors.aktiveringar_visible_to(user)
            .filter(beslutad__year=ar)
            .order_by("beslutad", "pk")
        ),
    }
    if period is None:
        return ut
    ut["dokument"] = [
        {
            "dokument": d,
            "forsenat": d.forfallodatum is not None
            and d.forfallodatum < idag
            and d.status != Perioddokument.Status.FASTSTALLD,
        }
        for d in period.dokument.select_related("beslutande_organ").order_by(
            "forfallodatum", "typ", "titel"
        )
    ]
    ut["dokument_faststallda"] = sum(
        d["dokument"].status == Perioddokument.Status.FASTSTALLD for d in ut["dokument"]
    )
    ut["dokument_forsenade"] = sum(d["forsenat"] for d in ut["dokument"])
    rsa = selectors.rsa_visible_to(user).filter(period=period).select_related("period").first()
    if rsa is not None:
        atgarder = reports.rsa_oppna_atgarder(user, rsa)
        ut["rsa"] = rsa
        ut["rsa_frist"] = period.rsa_frist
        ut["rsa_dagar_kvar"] = rsa.dagar_kvar(idag)
        ut["rsa_dagar_sedan"] = max(0, -ut["rsa_dagar_kvar"])
        ut["rsa_oppna_atgarder"] = list(atgarder[:ANTAL_ATGARDER])
        ut["rsa_antal_oppna"] = atgarder.count()
    return ut


ANTAL_ATGARDER = 10


def verksamhet_per_omrade(user, ar: int, idag: datetime.date, omraden) -> dict[int, dict]:
    """{area id: the year's plan (done, planned ahead, overdue, cancelled), the inspections'
    anmärkningar, and the training coverage where the area has training}, for the
    activities the reader sees. An activity whose kind serves several areas counts in each."""
    from verksamhet.models import Aktivitet, Aktivitetstyp, Kontrollsvar
    from verksamhet.selectors import aktiviteter_visible_to, utbildningstackning

    S = Aktivitet.Status
    synliga = aktiviteter_visible_to(user)
    plan = {
        r["typ__omraden"]: r
        for r in synliga.filter(datum__year=ar, typ__omraden__isnull=False)
        .values("typ__omraden")
        .annotate(
            totalt=Count("pk"),
            genomforda=Count("pk", filter=Q(status=S.GENOMFORD)),
            planerade=Count("pk", filter=Q(status=S.PLANERAD, datum__gte=idag)),
            forsenade=Count("pk", filter=Q(status=S.PLANERAD, datum__lt=idag)),
            installda=Count("pk", filter=Q(status=S.INSTALLD)),
        )
        .order_by()
    }
    anmarkningar = dict(
        Kontrollsvar.objects.filter(
            aktivitet__in=synliga.filter(status=S.GENOMFORD, genomford_datum__year=ar),
            resultat=Kontrollsvar.Resultat.ANMARKNING,
            aktivitet__typ__omraden__isnull=False,
        )
        .values("aktivitet__typ__omraden")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("aktivitet__typ__omraden", "n")
    )
    med_utbildning = set(
        Aktivitetstyp.objects.filter(slag=Aktivitetstyp.Slag.UTBILDNING, aktiv=True).values_list(
            "omraden", flat=True
        )
    )
    ut = {}
    for o in omraden:
        rad = plan.get(o.pk, {})
        tackning = None
        if o.pk in med_utbildning:
            # Coverage is a count per unit, not personal data: read for every unit.
            rader = utbildningstackning(omrade=o, idag=idag)
            personal = sum(r["personal"] for r in rader)
            utbildade = sum(r["utbildade"] for r in rader)
            tackning = {
                "personal": personal,
                "utbildade": utbildade,
                "andel": round(100 * utbildade / personal) if personal else None,
                "enheter": len([r for r in rader if r["personal"]]),
            }
        ut[o.pk] = {
            **{
                k: rad.get(k, 0)
                for k in ("totalt", "genomforda", "planerade", "forsenade", "installda")
            },
            "anmarkningar": anmarkningar.get(o.pk, 0),
            "tackning": tackning,
        }
    return ut


# --- Informationssäkerhet, IT-säkerhet and säkerhetsskydd (informationssakerhet) ---


def informationssakerhet(user, ar: int, idag: datetime.date, incidenter_i_ar) -> dict | None:
    """The area Informationssäkerhet: the systems and information assets the reader sees,
    how many are classified and overdue for review, how many hold personal data, and the
    year's personal-data breaches among the incidents the reader sees (`incidenter_i_ar`,
    incidents_visible_to(user) of the year), with how many were reported to IMY. None for
    a reader who sees no register (an external party)."""
    from incidenter.models import Plikttyp
    from informationssakerhet import selectors
    from informationssakerhet.models import Informationstillgang

    if selectors.register_q(user) is None:
        return None
    P = Informationstillgang.Personuppgifter
    klassad = Q(
        konfidentialitet__isnull=False, riktighet__isnull=False, tillganglighet__isnull=False
    )
    ut = selectors.tillgangar_visible_to(user).aggregate(
        tillgangar=Count("pk"),
        klassade=Count("pk", filter=klassad),
        forsenade=Count("pk", filter=Q(nasta_oversyn__lt=idag)),
        med_personuppgifter=Count("pk", filter=~Q(personuppgifter=P.INGA)),
        kansliga=Count("pk", filter=Q(personuppgifter=P.KANSLIGA)),
        skyddade=Count("pk", filter=Q(personuppgifter=P.SKYDDADE)),
    )
    ut["system"] = selectors.system_visible_to(user).count()
    ut["andel_klassade"] = _andel(ut["klassade"], ut["tillgangar"])
    anmald = Q(
        plikter__typ__utlosare=Plikttyp.Utlosare.PERSONUPPGIFTSINCIDENT,
        plikter__utford__isnull=False,
    )
    ut.update(
        incidenter_i_ar.filter(personuppgiftsincident=True).aggregate(
            personuppgiftsincidenter=Count("pk", distinct=True),
            anmalda_imy=Count("pk", filter=anmald, distinct=True),
        )
    )
    return ut


def it_sakerhet(user, idag: datetime.date) -> dict | None:
    """The area IT-säkerhet: the systems the reader sees that are within the
    cybersäkerhetslag's scope, their checklist per control point (how many systems answer
    each status, the share fulfilled of those where the point applies), the systems that
    fulfil every applicable point, and the reviews overdue. Three queries."""
    from informationssakerhet import selectors
    from informationssakerhet.models import Checklistsvar, Kontrollpunkt

    if selectors.register_q(user) is None:
        return None
    S = Checklistsvar.Status
    system_ids = list(
        selectors.system_visible_to(user)
        .filter(cybersakerhetslag=True)
        .values_list("pk", flat=True)
    )
    punkter = list(Kontrollpunkt.objects.filter(aktiv=True))
    svar = list(
        Checklistsvar.objects.filter(system_id__in=system_ids, kontrollpunkt__aktiv=True)
        .values_list("system_id", "kontrollpunkt_id", "status", "nasta_oversyn")
        .order_by()
    )
    per_punkt = {p.pk: dict.fromkeys(S.values, 0) for p in punkter}
    per_system = {pk: dict.fromkeys(S.values, 0) for pk in system_ids}
    forsenade = 0
    for system_id, punkt_id, status, nasta in svar:
        per_punkt[punkt_id][status] += 1
        per_system[system_id][status] += 1
        forsenade += nasta < idag
    antal = len(system_ids)
    rader = []
    for p in punkter:
        r = per_punkt[p.pk]
        besvarade = sum(r.values())
        rader.append(
            {
                "punkt": p,
                **r,
                "obesvarade": antal - besvarade,
                "andel_uppfyllt": _andel(r[S.UPPFYLLT], antal - r[S.EJ_TILLAMPLIGT]),
            }
        )
    # A system fulfils the checklist when every point is answered and every applicable
    # point is fulfilled.
    uppfyller = sum(
        1
        for r in per_system.values()
        if r[S.UPPFYLLT] + r[S.EJ_TILLAMPLIGT] == len(punkter) and r[S.UPPFYLLT]
    )
    return {
        "system": antal,
        "punkter": rader,
        "summa": {s: sum(r[s] for r in rader) for s in (*S.values, "obesvarade")},
        "uppfyller_alla": uppfyller,
        "forsenade": forsenade,
    }


# An SUA that ends within this many days of the report is shown as expiring (the reminder's
# lead time, informationssakerhet.paminnelser).
SUA_DAGAR = 60


def sakerhetsskydd(user, ar: int, idag: datetime.date) -> dict:
    """The area Säkerhetsskydd's registers, metadata only, for a reader who may open them
    (`informationssakerhet.sakerhetsskydd.har_atkomst`): the latest säkerhetsskyddsanalys
    by `idag` and when the next is due, the SUA in force, expiring and expired during the
    year, and the number of positions per säkerhetsklass (never units or people). Reading
    them is logged as every opening of those pages is. For everyone else only
    {"behorig": False}: the report says the registers are kept separately, the same words
    whether or not they hold anything."""
    from informationssakerhet import sakerhetsskydd as ss
    from informationssakerhet.models import (
        Sakerhetsklassplacering,
        Sakerhetsskyddsanalys,
        Sakerhetsskyddsavtal,
    )

    if not ss.har_atkomst(user):
        return {"behorig": False}
    ss.logga(user, f"årlig uppföljning {ar}")
    analys = Sakerhetsskyddsanalys.objects.filter(datum__lte=idag).first()
    grans = idag + datetime.timedelta(days=SUA_DAGAR)
    galler = Q(datum__lte=idag, giltigt_till__gte=idag)
    avtal = Sakerhetsskyddsavtal.objects.aggregate(
        gallande=Count("pk", filter=galler),
        gar_ut=Count("pk", filter=galler & Q(giltigt_till__lte=grans)),
        utgangna=Count("pk", filter=Q(giltigt_till__year=ar, giltigt_till__lt=idag)),
    )
    per_klass = dict(
        Sakerhetsklassplacering.objects.values("klass")
        .annotate(n=Sum("antal"))
        .order_by()
        .values_list("klass", "n")
    )
    return {
        "behorig": True,
        "analys": analys,
        "analysstatus": ss.analysstatus(analys, idag),
        "avtal": avtal,
        "sua_dagar": SUA_DAGAR,
        "placeringar": [
            {"klass": namn, "antal": per_klass.get(klass, 0)}
            for klass, namn in Sakerhetsklassplacering.Klass.choices
        ],
        "placeringar_summa": sum(per_klass.values()),
    }


def _andel(del_: int, av: int) -> int | None:
    """A share in whole per cent; None when there is nothing to share."""
    return round(100 * del_ / av) if av > 0 else None
