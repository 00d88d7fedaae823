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

from django.db.models import Count, Q


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
