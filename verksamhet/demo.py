"""
Demo data for seed_demo: premises for the demo units with their documentation, this year's
plan made from Köping's kinds of activity, the activities before today mostly done (a
brandskyddsrond with an anmärkning and its åtgärd, a training), some left overdue, and one
exercise with a partner organisation from outside the kommun.

Idempotent: nothing is added once the demo's first premises exist.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from policy.models import Enhet, Organ, Roll, User

from . import services
from .models import Aktivitet, Aktivitetstyp, Kontrollsvar, Lokal, Lokaldokument

# (namn, adress, kategori, ägare, [(organ, enhet)])
LOKALER = [
    ("Ullvigymnasiet", "Ullvivägen 2, 731 33 Köping", "skola", "tn", [("bun", "Ullvigymnasiet")]),
    (
        "Karlbergsskolan",
        "Karlbergsvägen 1, 731 30 Köping",
        "skola",
        "tn",
        [("bun", "Karlbergsskolan")],
    ),
    (
        "Förskolan Skogsbrynet",
        "Skogsbrynet 4, 731 42 Köping",
        "forskola",
        "tn",
        [("bun", "Förskolan Skogsbrynet")],
    ),
    (
        "Äldreboendet Nyhem",
        "Nyhemsgatan 10, 731 36 Köping",
        "vard_omsorg",
        "kopingbostader",
        [("sn", "Äldreboendet Nyhem")],
    ),
    (
        "Stadshuset",
        "Barnhemsgatan 2, 731 85 Köping",
        "kontor",
        "ks",
        [
            ("ks", "Kansliet"),
            ("ks", "Ekonomiavdelningen"),
            ("ks", "IT-avdelningen"),
            ("sn", "Individ- och familjeomsorgen"),
        ],
    ),
    (
        "Sportcentrum",
        "Idrottsvägen 1, 731 50 Köping",
        "kultur_fritid",
        "ks",
        [("kfn", "Sportcentrum")],
    ),
]
PARTNER = ["Räddningstjänsten Mälardalen", "Polisen, lokalpolisområde Västerås"]


def _sakerhet() -> User:
    return (
        User.objects.filter(groups__name=Roll.SAKERHETSAVDELNING, is_active=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def create() -> int:
    if Lokal.objects.filter(namn=LOKALER[0][0]).exists():
        return 0
    sakerhet = _sakerhet()
    if sakerhet is None:
        return 0
    idag = timezone.localdate()
    for namn, adress, kategori, agare, enheter in LOKALER:
        services.lokal_save(
            user=sakerhet,
            namn=namn,
            adress=adress,
            kategori=kategori,
            agare=Organ.objects.get(slug=agare),
            enheter=[Enhet.objects.get(organ__slug=o, namn=e) for o, e in enheter],
        )
    ullvi = Lokal.objects.get(namn="Ullvigymnasiet")
    for slag, titel, dagar in [
        (
            Lokaldokument.Slag.BRANDSKYDDSDOKUMENTATION,
            "Brandskyddsdokumentation Ullvigymnasiet",
            200,
        ),
        (Lokaldokument.Slag.UTRYMNINGSPLAN, "Utrymningsplan Ullvigymnasiet", -15),
    ]:
        services.lokaldokument_create(
            user=sakerhet,
            lokal=ullvi,
            slag=slag,
            titel=titel,
            beslutsdatum=idag - datetime.timedelta(days=700),
            nasta_oversyn=idag + datetime.timedelta(days=dagar),
        )
    services.plan_create(user=sakerhet, ar=idag.year)
    _registrera(idag)
    _ovning(sakerhet, idag)
    return Aktivitet.objects.count()


def _registrera(idag):
    """Every activity before today done, except every third: those are left overdue."""
    tidigare = list(
        Aktivitet.objects.filter(status=Aktivitet.Status.PLANERAD, datum__lt=idag)
        .select_related("typ", "organ", "enhet", "ansvarig")
        .order_by("datum", "pk")
    )
    anmarkning_gjord = False
    for i, a in enumerate(tidigare):
        if i % 3 == 2:
            continue
        if a.typ.slag == Aktivitetstyp.Slag.UTBILDNING:
            enheter = list(Enhet.objects.filter(organ=a.organ, typ=Enhet.Typ.ENHET)[:3])
            if not enheter:
                continue
            services.utbildning_register(
                user=a.ansvarig,
                aktivitet=a,
                genomford_datum=a.datum,
                kurs="Grundläggande brandskydd",
                antal_per_enhet={e: 4 + n for n, e in enumerate(enheter)},
            )
        elif a.typ.slag == Aktivitetstyp.Slag.OVNING:
            services.ovning_register(
                user=a.ansvarig,
                aktivitet=a,
                genomford_datum=a.datum,
                scenario="Brandlarm under lektionstid; en utrymningsväg är blockerad.",
                ovningsform=Aktivitet.Ovningsform.FULLSKALA
                if a.lokal_id
                else Aktivitet.Ovningsform.SEMINARIE,
                enheter=[a.enhet] if a.enhet else [],
                gick_bra="Alla var ute inom fyra minuter.",
                gick_mindre_bra="Återsamlingsplatsen var okänd för vikarierna.",
            )
        else:
            svar = [{"resultat": Kontrollsvar.Resultat.OK} for _ in a.typ.punkter]
            if svar and not anmarkning_gjord and a.lokal and a.lokal.namn == "Ullvigymnasiet":
                svar[0] = {
                    "resultat": Kontrollsvar.Resultat.ANMARKNING,
                    "kommentar": "Utrymningsvägen vid aulan var blockerad av stolar.",
                }
                anmarkning_gjord = True
            services.kontroll_register(
                user=a.ansvarig,
                aktivitet=a,
                genomford_datum=a.datum,
                svar=svar,
                atgard_ansvarig=services.standard_atgardsansvarig(a),
                atgard_forfallodatum=a.datum + datetime.timedelta(days=30),
            )


def _ovning(sakerhet, idag):
    """A krisledningsövning of KS with two partner organisations (samverkan)."""
    typ = Aktivitetstyp.objects.get(namn="Krisledningsövning")
    ks = Organ.objects.get(slug="ks")
    a = services.aktivitet_create(
        user=sakerhet,
        typ=typ,
        organ=ks,
        datum=idag - datetime.timedelta(days=21),
        ansvarig=sakerhet,
    )
    services.ovning_register(
        user=sakerhet,
        aktivitet=a,
        genomford_datum=a.datum,
        scenario="Långvarigt elavbrott i hela kommunen under en vinterhelg.",
        ovningsform=Aktivitet.Ovningsform.SEMINARIE,
        enheter=list(Enhet.objects.filter(organ__slug__in=["ks", "sn", "tn"], typ=Enhet.Typ.ENHET)),
        partner="\n".join(PARTNER),
        gick_bra="Krisledningsnämnden samlades inom en timme.",
        gick_mindre_bra="Reservkraften på Äldreboendet Nyhem var inte testad.",
        atgarder="Testa reservkraften på Äldreboendet Nyhem",
        atgard_ansvarig=sakerhet,
        atgard_forfallodatum=idag + datetime.timedelta(days=45),
    )
