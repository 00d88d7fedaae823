"""
Demo data for seed_demo: risk analyses for Barn- och utbildningsnämnden and Socialnämnden.

- BUN: an approved analysis (with overdue åtgärder and one accepted risk) and a submitted
  revision of it, which the browser journey reviews: Säkerhetsavdelningen sends it back with
  a comment on one risk, the nämndföreträdare ("namnd") fixes and resubmits, and
  Säkerhetsavdelningen approves.
- SN: an approved analysis.

Idempotent: an analysis that already exists (same body and title) is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from policy import demo as policy_demo
from policy.models import Enhet, Omrade, Organ, User

from .models import Atgard, Risk, Riskanalys, Skala

BUN_GODKAND = "Riskanalys Barn- och utbildningsnämnden 2025–2026"
BUN_REVISION = "Riskanalys Barn- och utbildningsnämnden 2026–2027"
SN_GODKAND = "Riskanalys Socialnämnden 2026"

OMRADEN = {
    1: "Krisberedskap och civilt försvar",
    4: "Systematiskt brandskyddsarbete",
    5: "Informationssäkerhet",
    6: "IT-säkerhet",
    9: "Internt skydd",
    10: "Personsäkerhet",
}

# (titel, område, s, liv och hälsa, verksamhet, miljö, ekonomi, förtroende, orsak)
BUN_RISKER = [
    ("Hot och våld mot personal", 10, 3, 4, 2, 1, 1, 3, "Konflikter med elever och vårdnadshavare"),
    ("Brand i skolkök", 4, 2, 4, 3, 2, 3, 2, "Fettbrand, bristande egenkontroll"),
    ("Avbrott i skolplattformen", 6, 4, 1, 3, 1, 2, 3, "Leverantörens driftstörning eller angrepp"),
    (
        "Personuppgiftsincident i elevhälsan",
        5,
        3,
        1,
        2,
        1,
        2,
        4,
        "Felskickad e-post, för vida behörigheter",
    ),
]
SN_RISKER = [
    ("Värmebölja på äldreboende", 1, 3, 4, 3, 1, 2, 3, "Extremväder, lokaler utan kyla"),
    ("Avbrott i trygghetslarm", 6, 2, 5, 4, 1, 1, 4, "Övergång till digitala larm, mobilnätet"),
    ("Hot mot hemtjänstpersonal", 10, 3, 3, 2, 1, 1, 2, "Ensamarbete i brukares hem"),
]


def _omraden() -> dict[int, Omrade]:
    ut = {}
    for nummer, namn in OMRADEN.items():
        ut[nummer] = Omrade.objects.get_or_create(
            nummer=nummer, defaults={"namn": namn, "slug": slugify(namn)}
        )[0]
    return ut


def _analys(
    titel, organ, skapad_av, status, fran, till, omraden, **extra
) -> tuple[Riskanalys, bool]:
    analys, skapad = Riskanalys.objects.get_or_create(
        organ=organ,
        titel=titel,
        defaults={
            "period_fran": fran,
            "period_till": till,
            "status": status,
            "skala": Skala.aktuell(),
            "skapad_av": skapad_av,
            "metodbeskrivning": "Workshop med verksamhetens chefer och skyddsombud. "
            "Sannolikhet och konsekvens enligt kommunens standardskala.",
            **extra,
        },
    )
    if skapad:
        analys.omraden.set(omraden)
    return analys, skapad


def _risker(analys, rader, omraden, enhet=None):
    ut = {}
    for titel, omr, s, lh, v, m, e, f, orsak in rader:
        risk = Risk(
            riskanalys=analys,
            organ=analys.organ,
            enhet=enhet,
            skala=analys.skala,
            titel=titel,
            orsak=orsak,
            omrade=omraden[omr],
            sannolikhet=s,
            kons_liv_halsa=lh,
            kons_verksamhet=v,
            kons_miljo=m,
            kons_ekonomi=e,
            kons_fortroende=f,
            nasta_oversyn=analys.period_till,
        )
        risk.berakna()
        risk.full_clean()
        risk.save()
        ut[titel] = risk
    return ut


@transaction.atomic
def create() -> dict[str, Riskanalys]:
    users = policy_demo.create_users()
    namnd = User.objects.get(username="namnd")
    chef = User.objects.get(username="chef")
    sakerhet = User.objects.get(username="sakerhet")
    bun = Organ.objects.get(slug="bun")
    sn = Organ.objects.get(slug="sn")
    omraden = _omraden()
    idag = timezone.localdate()
    nu = timezone.now()
    ar = idag.year

    godkand, ny = _analys(
        BUN_GODKAND,
        bun,
        namnd,
        Riskanalys.Status.GODKAND,
        datetime.date(ar - 1, 1, 1),
        datetime.date(ar, 12, 31),
        [omraden[n] for n in (4, 5, 6, 10)],
        inlamnad=nu - datetime.timedelta(days=200),
        inlamnad_av=namnd,
        godkand=nu - datetime.timedelta(days=180),
        godkand_av=sakerhet,
        granskare=sakerhet,
        senast_granskad=nu - datetime.timedelta(days=180),
        diarienummer=f"BUN {ar - 1}/112",
    )
    if ny:
        gymnasiet = Enhet.objects.get(organ=bun, namn="Ullvigymnasiet")
        risker = _risker(godkand, BUN_RISKER, omraden, enhet=gymnasiet)
        hot = risker["Hot och våld mot personal"]
        hot.rest_sannolikhet, hot.rest_konsekvens = 2, 3
        hot.save()
        Atgard.objects.create(
            beskrivning="Utbilda all personal i hot- och våldsprevention",
            ansvarig=chef,
            organ=bun,
            forfallodatum=idag - datetime.timedelta(days=30),
            risk=hot,
            skapad_av=namnd,
        )
        Atgard.objects.create(
            beskrivning="Installera larmknappar i expeditionen",
            ansvarig=chef,
            organ=bun,
            forfallodatum=idag + datetime.timedelta(days=20),
            status=Atgard.Status.PAGAENDE,
            risk=hot,
            skapad_av=namnd,
        )
        Atgard.objects.create(
            beskrivning="Egenkontroll av brandskyddet i skolköken varje månad",
            ansvarig=chef,
            organ=bun,
            forfallodatum=idag - datetime.timedelta(days=10),
            risk=risker["Brand i skolkök"],
            skapad_av=namnd,
        )
        Atgard.objects.create(
            beskrivning="Se över behörigheterna i elevhälsans journalsystem",
            ansvarig=chef,
            organ=bun,
            forfallodatum=idag + datetime.timedelta(days=60),
            status=Atgard.Status.PAGAENDE,
            risk=risker["Personuppgiftsincident i elevhälsan"],
            skapad_av=namnd,
        )
        plattform = risker["Avbrott i skolplattformen"]
        plattform.accepterad = nu - datetime.timedelta(days=170)
        plattform.accepterad_av = namnd
        plattform.acceptans_motivering = (
            "Leverantörens avtal har redan krav på tillgänglighet; reservrutiner på papper finns."
        )
        plattform.save()

    revision, ny = _analys(
        BUN_REVISION,
        bun,
        namnd,
        Riskanalys.Status.INLAMNAD,
        datetime.date(ar, 1, 1),
        datetime.date(ar + 1, 12, 31),
        [omraden[n] for n in (4, 5, 6, 10)],
        revision_av=godkand,
        inlamnad=nu - datetime.timedelta(days=3),
        inlamnad_av=namnd,
        diarienummer=f"BUN {ar}/87",
    )
    if ny:
        kopior = {}
        for original in godkand.risker.all():
            risk = Risk.objects.get(pk=original.pk)
            risk.pk = risk.id = None
            risk._state.adding = True
            risk.riskanalys = revision
            risk.ursprung = original
            risk.andring = Risk.Andring.OFORANDRAD
            risk.nasta_oversyn = revision.period_till
            risk.save()
            kopior[risk.titel] = risk
        pui = kopior["Personuppgiftsincident i elevhälsan"]
        pui.sannolikhet = 4
        pui.andring = Risk.Andring.ANDRAD
        pui.berakna()
        pui.save()
        nya = _risker(
            revision,
            [("Obehörig i skolans lokaler", 9, 3, 3, 2, 1, 2, 2, "Olåsta entréer under skoltid")],
            omraden,
        )
        for risk in nya.values():
            risk.andring = Risk.Andring.NY
            risk.save()

    sn_analys, ny = _analys(
        SN_GODKAND,
        sn,
        sakerhet,
        Riskanalys.Status.GODKAND,
        datetime.date(ar, 1, 1),
        datetime.date(ar, 12, 31),
        [omraden[n] for n in (1, 6, 10)],
        inlamnad=nu - datetime.timedelta(days=60),
        godkand=nu - datetime.timedelta(days=40),
        godkand_av=sakerhet,
        granskare=sakerhet,
        senast_granskad=nu - datetime.timedelta(days=40),
    )
    if ny:
        risker = _risker(sn_analys, SN_RISKER, omraden)
        Atgard.objects.create(
            beskrivning="Reservrutin för trygghetslarm vid avbrott i mobilnätet",
            ansvarig=users[next(iter(users))],
            organ=sn,
            forfallodatum=idag - datetime.timedelta(days=5),
            risk=risker["Avbrott i trygghetslarm"],
            skapad_av=sakerhet,
        )
        Atgard.objects.create(
            beskrivning="Kylda vilorum och en plan för värmebölja på varje äldreboende",
            ansvarig=users[next(iter(users))],
            organ=sn,
            forfallodatum=idag + datetime.timedelta(days=90),
            risk=risker["Värmebölja på äldreboende"],
            skapad_av=sakerhet,
        )
    return {"bun_godkand": godkand, "bun_revision": revision, "sn": sn_analys}
