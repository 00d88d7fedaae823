"""
Demo data for seed_demo: Köping's mandate period 2023–2026 with its documents, the RSA in
progress (samhällsviktig verksamhet, kritiska beroenden, risks linked from the register,
contributions asked from BUN, SN, TN and Köpingbostäder AB: one accepted, one submitted,
one late, one being written), a past activation of the krisledningsnämnd (a long power cut in January 2026) with its
staff log and decisions, and samverkan partners.

Idempotent: a period, activation or partner that already exists is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from policy.models import Organ, Roll, User

from .models import (
    Aktivering,
    Avtal,
    Beslut,
    Beslutsfattare,
    KritisktBeroende,
    Loggpost,
    Mandatperiod,
    Overtagande,
    Partner,
    Perioddokument,
    Rsa,
    RsaAvsnitt,
    RsaBidrag,
    SamhallsviktigVerksamhet,
    Samverkansaktivitet,
)

STROMAVBROTT = "Långvarigt elavbrott i Köpings tätort"

# (typ, status, beslutande organ, §, beslutsdatum, diarienummer)
DOKUMENT = [
    (Perioddokument.Typ.STYRDOKUMENT, "faststalld", "kf", "§ 45", "2023-04-24", "KS 2023/112"),
    (Perioddokument.Typ.RSA, "under_arbete", "kf", "", None, "KS 2023/113"),
    (Perioddokument.Typ.PLAN, "faststalld", "kf", "§ 88", "2023-09-25", "KS 2023/240"),
    (Perioddokument.Typ.OVNINGSPLAN, "faststalld", "ks", "§ 12", "2024-02-06", "KS 2024/31"),
    (Perioddokument.Typ.REGLEMENTE, "faststalld", "kf", "§ 9", "2023-02-27", "KS 2023/20"),
    (Perioddokument.Typ.CIVILT_FORSVAR, "ej_paborjad", "ks", "", None, ""),
]

AVSNITT = {
    RsaAvsnitt.Typ.BESKRIVNING: (
        "Köpings kommun har omkring 26 000 invånare vid Mälarens västra del, med hamn, "
        "järnväg och E18 genom kommunen.",
        False,
        "",
    ),
    RsaAvsnitt.Typ.PROCESS: (
        "Nämnderna och bolagen har analyserat sina verksamheter; Säkerhetsavdelningen har "
        "sammanställt analysen och hållit workshoppar med räddningstjänsten.",
        False,
        "",
    ),
    RsaAvsnitt.Typ.SAMHALLSVIKTIG: ("", False, ""),
    RsaAvsnitt.Typ.BEROENDEN: (
        "Reservkraft för vattenverket och äldreboendena är den mest kritiska sårbarheten.",
        True,
        "OSL 18 kap. 13 §",
    ),
}

# (namn, kommunal organ-slug eller None, annan ägare, förmåga, text, beroenden)
VERKSAMHETER = [
    (
        "Dricksvattenförsörjning",
        "tn",
        "",
        "viss_brist",
        "Reservkraft saknas vid en tryckstegring.",
        ["el", "personal", "it_tele"],
    ),
    (
        "Äldreboenden och hemtjänst",
        "sn",
        "",
        "viss_brist",
        "Reservkraft finns på två av fyra boenden.",
        ["el", "varme", "livsmedel", "personal", "transporter"],
    ),
    (
        "Fjärrvärme",
        None,
        "Mälarenergi AB",
        "god",
        "Reservpannor med eget bränslelager.",
        ["el", "drivmedel"],
    ),
    ("Skolor och förskolor", "bun", "", "god", "", ["el", "varme", "livsmedel", "personal"]),
]

PARTNER = [
    ("Länsstyrelsen Västmanland", Partner.Typ.LANSSTYRELSEN),
    ("Räddningstjänsten Mälardalen (VMKF)", Partner.Typ.RADDNINGSTJANST),
    ("Polisen, lokalpolisområde Köping", Partner.Typ.POLISEN),
    ("Region Västmanland", Partner.Typ.REGION),
    ("Köpings Hamn AB", Partner.Typ.BOLAG),
    ("Frivilliga Resursgruppen Köping", Partner.Typ.FRIVILLIG),
    ("Arboga kommun", Partner.Typ.GRANNKOMMUN),
]


def _organ(slug):
    return Organ.objects.filter(slug=slug).first()


@transaction.atomic
def create() -> dict:
    sak = User.objects.filter(groups__name=Roll.SAKERHETSAVDELNING).order_by("pk").first()
    period = _period(sak)
    rsa = _rsa(period)
    _bidrag(rsa, sak)
    aktivering = _aktivering(sak)
    _samverkan()
    return {"period": period, "rsa": rsa, "aktivering": aktivering}


def _period(sak) -> Mandatperiod:
    period, skapad = Mandatperiod.objects.get_or_create(
        valar=2022, defaults={"rsa_frist": datetime.date(2023, 10, 31)}
    )
    if not skapad:
        return period
    for typ, status, slug, paragraf, datum, dnr in DOKUMENT:
        Perioddokument.objects.create(
            period=period,
            typ=typ,
            titel=f"{typ.label} {period}",
            status=status,
            beslutande_organ=_organ(slug),
            paragraf=paragraf,
            beslutsdatum=datetime.date.fromisoformat(datum) if datum else None,
            diarienummer=dnr,
            forfallodatum=datetime.date(2026, 12, 31) if status != "faststalld" else None,
            ansvarig=sak,
        )
    return period


def _rsa(period) -> Rsa:
    rsa, skapad = Rsa.objects.get_or_create(
        period=period,
        defaults={"titel": f"Risk- och sårbarhetsanalys {period}", "diarienummer": "KS 2023/113"},
    )
    if not skapad:
        return rsa
    for typ in RsaAvsnitt.ORDNING:
        text, sekretess, grund = AVSNITT.get(typ, ("", False, ""))
        RsaAvsnitt.objects.create(
            rsa=rsa, typ=typ, text=text, sekretess=sekretess, sekretessgrund=grund
        )
    for namn, slug, annan, formaga, text, beroenden in VERKSAMHETER:
        v = SamhallsviktigVerksamhet.objects.create(
            rsa=rsa,
            namn=namn,
            agartyp="kommunal" if slug else "annan",
            agare_organ=_organ(slug) if slug else None,
            agare_annan=annan,
            formaga=formaga,
            formaga_text=text,
        )
        KritisktBeroende.objects.bulk_create(
            KritisktBeroende(verksamhet=v, typ=typ) for typ in beroenden
        )
    from risker.models import Risk

    rsa.risker.set(
        Risk.objects.filter(titel__in=["Värmebölja på äldreboende", "Avbrott i trygghetslarm"])
    )
    return rsa


UPPDRAG = (
    "Beskriv er samhällsviktiga verksamhet, vad den är beroende av och hur väl den klarar en "
    "långvarig störning. Koppla de risker ur era riskanalyser som gäller krisberedskap."
)


def _bidrag(rsa, sak) -> None:
    """Asked through the service (so each body's own verksamhet is copied into its
    contribution); then TN's accepted, SN's submitted and Köpingbostäder's late."""
    from . import services

    if sak is None or rsa.bidrag.exists():
        return
    organ = [o for o in (_organ(s) for s in ("bun", "sn", "tn", "kopingbostader")) if o]
    if not organ:
        return
    idag = timezone.localdate()
    nu = timezone.now()
    sarbarheter, atgarder = RsaAvsnitt.Typ.SARBARHETER, RsaAvsnitt.Typ.ATGARDER
    bidrag = {
        b.organ.slug: b
        for b in services.bidrag_request(
            user=sak,
            rsa=rsa,
            organ=organ,
            sista_dag=idag + datetime.timedelta(days=21),
            avsnitt=[sarbarheter, atgarder],
            uppdrag=UPPDRAG,
        )
    }
    if "tn" in bidrag:
        tn = bidrag["tn"]
        tn.verksamheter.update(
            formaga_text="Reservkraft saknas vid tryckstegringen i Malma; vattenverket klarar "
            "sju dygn på egen reservkraft."
        )
        tn.texter.filter(typ=sarbarheter).update(
            text="Tryckstegringen i Malma har ingen fast reservkraft. Ett mobilt aggregat "
            "finns men behöver en förare i beredskap."
        )
        RsaBidrag.objects.filter(pk=tn.pk).update(
            status=RsaBidrag.Status.INLAMNAT, inlamnat=nu - datetime.timedelta(days=6)
        )
        services.bidrag_accept(user=sak, bidrag=tn, kommentar="Tack, införs i avsnitt 3 och 6.")
    if "sn" in bidrag:
        sn = bidrag["sn"]
        sn.verksamheter.update(
            formaga="viss_brist",
            formaga_text="Reservkraft finns nu på tre av fyra boenden; hemtjänstens bilar "
            "behöver drivmedel i tre dygn.",
        )
        sn.texter.filter(typ=atgarder).update(
            text="Reservkraft till Äldreboendet Nyhem; avtal om drivmedel för hemtjänsten."
        )
        from risker.models import Risk

        sn.risker.set(Risk.objects.filter(titel="Avbrott i trygghetslarm", organ=sn.organ))
        RsaBidrag.objects.filter(pk=sn.pk).update(
            status=RsaBidrag.Status.INLAMNAT, inlamnat=nu - datetime.timedelta(days=2)
        )
    if "kopingbostader" in bidrag:
        RsaBidrag.objects.filter(pk=bidrag["kopingbostader"].pk).update(
            sista_dag=idag - datetime.timedelta(days=10),
            begart=nu - datetime.timedelta(days=45),
        )


def _aktivering(sak) -> Aktivering | None:
    if sak is None:
        return None
    if Aktivering.objects.filter(titel=STROMAVBROTT).exists():
        return Aktivering.objects.get(titel=STROMAVBROTT)
    tz = timezone.get_current_timezone()

    def t(dag, tim, minut=0):
        return datetime.datetime(2026, 1, dag, tim, minut, tzinfo=tz)

    a = Aktivering.objects.create(
        titel=STROMAVBROTT,
        beslutad_av="ordforande",
        beslutad_av_namn="Elin Ordförande",
        beslutad=t(14, 6, 30),
        skal="Elavbrott sedan kvällen innan i hela tätorten, -18 grader, oklart när strömmen "
        "kommer tillbaka. Äldreboenden och vattenverket går på reservkraft.",
        avslutad=t(16, 18),
        avslutad_av_namn="Elin Ordförande",
        avslutning_skal="Elen åter sedan ett dygn, verksamheterna i normal drift.",
        skapad_av=sak,
    )
    for tid, text in [
        (
            t(14, 6, 45),
            "Stabsläge intaget i kommunhuset. Kontakt med elnätsbolaget: felet sitter i fördelningsstationen.",
        ),
        (
            t(14, 7, 30),
            "Äldreboendet Nyhem: reservkraften startade inte, 34 boende. Räddningstjänsten larmad.",
        ),
        (t(14, 9, 0), "Mobilt reservaggregat på plats vid Nyhem. Värmen tillbaka."),
        (t(14, 12, 0), "Trygghetspunkt öppnad i Sportcentrum med värme, vatten och information."),
        (t(15, 8, 0), "Elnätsbolaget räknar med att hela tätorten har el i kväll."),
        (t(15, 20, 0), "Elen åter i hela tätorten."),
    ]:
        Loggpost.objects.create(aktivering=a, tidpunkt=tid, text=text, forfattare=sak)
    Beslut.objects.create(
        aktivering=a,
        tidpunkt=t(14, 7, 50),
        beslutsfattare=Beslutsfattare.ORDFORANDE,
        beslutsfattare_namn="Elin Ordförande",
        text="Hyra mobilt reservaggregat till Äldreboendet Nyhem.",
        ordforandebeslut=True,
        anmalt=datetime.date(2026, 1, 20),
        registrerat_av=sak,
    )
    Beslut.objects.create(
        aktivering=a,
        tidpunkt=t(14, 11, 0),
        beslutsfattare=Beslutsfattare.NAMNDEN,
        text="Öppna trygghetspunkt i Sportcentrum; kultur- och fritidsnämndens lokaler tas i anspråk.",
        registrerat_av=sak,
    )
    kfn = _organ("kfn")
    if kfn:
        Overtagande.objects.create(
            aktivering=a,
            organ=kfn,
            uppgift="Disposition av Sportcentrums lokaler",
            overtagen=t(14, 11, 0),
            aterlamnad=t(16, 18),
        )
    return a


def _samverkan():
    parter = {}
    for namn, typ in PARTNER:
        parter[namn], _skapad = Partner.objects.get_or_create(namn=namn, defaults={"typ": typ})
    rtj = parter["Räddningstjänsten Mälardalen (VMKF)"]
    Avtal.objects.get_or_create(
        partner=parter["Frivilliga Resursgruppen Köping"],
        titel="Avtal om Frivilliga Resursgruppen",
        defaults={
            "giltigt_fran": datetime.date(2024, 1, 1),
            "giltigt_till": datetime.date(2027, 3, 31),
        },
    )
    if not Samverkansaktivitet.objects.exists():
        ovning = Samverkansaktivitet.objects.create(
            titel="Regional samverkanskonferens, elavbrott",
            typ=Samverkansaktivitet.Typ.SKARPT,
            datum=datetime.date(2026, 1, 14),
        )
        ovning.parter.set([parter["Länsstyrelsen Västmanland"], rtj, parter["Region Västmanland"]])
        ovning = Samverkansaktivitet.objects.create(
            titel="Övning Stormvind",
            typ=Samverkansaktivitet.Typ.OVNING,
            datum=datetime.date(2026, 5, 12),
        )
        ovning.parter.set([rtj, parter["Arboga kommun"]])
