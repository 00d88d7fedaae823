"""
Demo data for seed_demo: a dozen systems of BUN, SN and KS with their classified
information assets, a dataskyddsombud, a säkerhetsskyddsanalys due next month and two
säkerhetsskyddsavtal; four systems within the cybersäkerhetslag's scope, two of them with
their checklist answered (one with a review overdue).

Idempotent: the registers are added only when the demo's first system does not exist, the
checklist answers only when there are none.
"""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from policy.demo import DEMO_PASSWORD
from policy.models import Enhet, Organ, Roll, User

from .models import (
    Checklistsvar,
    Informationstillgang,
    Klassningsniva,
    Kontrollpunkt,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
    System,
)

# (organ, tillgång, personuppgifter, K, R, T)
TILLGANGAR = [
    ("bun", "Elevakter", "kansliga", 3, 3, 2),
    ("bun", "Betyg och omdömen", "vanliga", 2, 4, 2),
    ("bun", "Schema och frånvaro", "vanliga", 2, 2, 3),
    ("bun", "Elever med skyddade personuppgifter", "skyddade", 4, 3, 2),
    ("sn", "Journaler inom hemtjänsten", "kansliga", 4, 4, 3),
    ("sn", "Biståndsbeslut", "kansliga", 3, 4, 2),
    ("sn", "Larmmottagning trygghetslarm", "vanliga", 2, 3, 4),
    ("ks", "Ekonomisystemets data", "vanliga", 2, 4, 3),
    ("ks", "Personalakter och lön", "kansliga", 3, 4, 3),
    ("ks", "Diarium och ärenden", "vanliga", 2, 3, 2),
    ("ks", "Kommunens webbplats", "inga", 1, 3, 2),
]

# (organ, system, leverantör, drift, ansvarig enhet, [tillgångar])
SYSTEM = [
    (
        "bun",
        "Elevhälsans journalsystem",
        "Journalbolaget AB",
        "Leverantörens moln",
        "Ullvigymnasiet",
        ["Elevakter", "Elever med skyddade personuppgifter"],
    ),
    (
        "bun",
        "Skolplattformen",
        "Skolsystem Sverige AB",
        "Leverantörens moln",
        "Ullvigymnasiet",
        ["Betyg och omdömen", "Schema och frånvaro"],
    ),
    (
        "bun",
        "Frånvarohantering",
        "Skolsystem Sverige AB",
        "Leverantörens moln",
        "Karlbergsskolan",
        ["Schema och frånvaro"],
    ),
    (
        "bun",
        "Förskolans kommunikationsapp",
        "Appbolaget AB",
        "Leverantörens moln",
        "Förskolan Skogsbrynet",
        ["Schema och frånvaro"],
    ),
    (
        "sn",
        "Verksamhetssystem för omsorg",
        "Omsorgsdata AB",
        "IT-avdelningens serverhall",
        "Hemtjänsten Centrum",
        ["Journaler inom hemtjänsten", "Biståndsbeslut"],
    ),
    (
        "sn",
        "Trygghetslarm",
        "Larmcentralen AB",
        "Leverantörens larmcentral",
        "Hemtjänsten Centrum",
        ["Larmmottagning trygghetslarm"],
    ),
    (
        "sn",
        "Digital signering av insatser",
        "Omsorgsdata AB",
        "Leverantörens moln",
        "Äldreboendet Nyhem",
        ["Journaler inom hemtjänsten"],
    ),
    (
        "sn",
        "Ekonomiskt bistånd",
        "Omsorgsdata AB",
        "IT-avdelningens serverhall",
        "Individ- och familjeomsorgen",
        ["Biståndsbeslut"],
    ),
    (
        "ks",
        "Ekonomisystemet",
        "Ekonomisystem AB",
        "IT-avdelningens serverhall",
        "Ekonomiavdelningen",
        ["Ekonomisystemets data"],
    ),
    (
        "ks",
        "Lönesystemet",
        "Lönesystem AB",
        "Leverantörens moln",
        "Ekonomiavdelningen",
        ["Personalakter och lön"],
    ),
    (
        "ks",
        "Ärendehanteringssystemet",
        "Diariebolaget AB",
        "IT-avdelningens serverhall",
        "Kansliet",
        ["Diarium och ärenden"],
    ),
    (
        "ks",
        "Webbplatsens publiceringsverktyg",
        "Webbyrån AB",
        "Leverantörens moln",
        "Kansliet",
        ["Kommunens webbplats"],
    ),
]


def _plus_ar(d: datetime.date, ar: int) -> datetime.date:
    try:
        return d.replace(year=d.year + ar)
    except ValueError:
        return d.replace(year=d.year + ar, day=28)


@transaction.atomic
def create() -> int:
    return _register() + _cybersakerhet()


def _register() -> int:
    if System.objects.filter(namn=SYSTEM[0][1]).exists():
        return 0
    idag = timezone.localdate()
    chef = (
        User.objects.filter(groups__name=Roll.SAKERHETSCHEF, is_active=True).order_by("pk").first()
    )
    sakerhet = (
        User.objects.filter(groups__name=Roll.SAKERHETSAVDELNING, is_active=True)
        .order_by("pk")
        .first()
    )
    if chef is None or sakerhet is None:
        return 0
    nivaer = {n.niva: n for n in Klassningsniva.objects.all()}
    organ = {o.slug: o for o in Organ.objects.filter(slug__in=["bun", "sn", "ks"])}
    antal = 0
    tillgangar = {}
    for i, (slug, namn, pu, k, r, t) in enumerate(TILLGANGAR):
        tillgangar[namn] = Informationstillgang.objects.create(
            namn=namn,
            organ=organ[slug],
            personuppgiftsansvarig=organ[slug] if pu != "inga" else None,
            personuppgifter=pu,
            konfidentialitet=nivaer[k],
            riktighet=nivaer[r],
            tillganglighet=nivaer[t],
            klassad_av=sakerhet,
            klassad_datum=idag - datetime.timedelta(days=300 + 20 * i),
            informationsagare=sakerhet,
            # One review overdue, one due within the month, the rest next year.
            nasta_oversyn=idag + datetime.timedelta(days=[-10, 20][i] if i < 2 else 200 + 10 * i),
        )
        antal += 1
    for slug, namn, leverantor, drift, enhet, namn_tillgangar in SYSTEM:
        s = System.objects.create(
            namn=namn,
            organ=organ[slug],
            leverantor=leverantor,
            drift=drift,
            ansvarig_enhet=Enhet.objects.filter(organ=organ[slug], namn=enhet).first(),
        )
        s.tillgangar.set([tillgangar[t] for t in namn_tillgangar])
        antal += 1

    dpo, skapad = User.objects.get_or_create(
        username="dataskydd",
        defaults={
            "first_name": "Dagny",
            "last_name": "Dataskyddsombud",
            "email": "dataskydd@demo.koping.se",
            "enhet": Enhet.objects.filter(organ__slug="ks", namn="Kansliet").first(),
        },
    )
    if skapad:
        dpo.set_password(DEMO_PASSWORD)
        dpo.save()
    dpo.groups.add(Group.objects.get(name=Roll.DATASKYDDSOMBUD))

    nasta = idag + datetime.timedelta(days=30)
    Sakerhetsskyddsanalys.objects.create(
        datum=_plus_ar(nasta, -2),
        godkand_av="Kommunstyrelsen",
        nasta_senast=nasta,
        ansvarig=chef,
        diarienummer="KS 2024/118",
    )
    for leverantor, ar in (
        ("Driftpartner IT i Mälardalen AB", 2),
        ("Bevakningsbolaget Väst AB", 1),
    ):
        Sakerhetsskyddsavtal.objects.create(
            leverantor=leverantor,
            datum=idag - datetime.timedelta(days=200),
            giltigt_till=_plus_ar(idag, ar) - datetime.timedelta(days=200),
            ansvarig=chef,
            anteckning="Säkerhetsskyddsavtal nivå 2",
        )
    return antal + 3


# The systems the demo kommun counts as within the cybersäkerhetslag's scope.
CYBERSAKERHETSLAG = [
    "Verksamhetssystem för omsorg",
    "Trygghetslarm",
    "Ekonomisystemet",
    "Lönesystemet",
]
# (system, {control point: (status, comment, evidence)}); a point left out is not answered.
CHECKLISTSVAR = [
    (
        "Verksamhetssystem för omsorg",
        {
            "Policyer för riskanalys och informationssäkerhet": (
                "uppfyllt",
                "Riskanalysen uppdaterades i våras.",
                "SN 2026/41",
            ),
            "Incidenthantering": ("uppfyllt", "", "https://intranat.koping.se/incidentrutin"),
            "Kontinuitet, säkerhetskopiering och krishantering": (
                "delvis",
                "Återläsning från säkerhetskopia är inte provad i år.",
                "",
            ),
            "Säkerhet i leveranskedjan": (
                "delvis",
                "Underleverantörernas krav följs inte upp.",
                "Avtal Omsorgsdata AB",
            ),
            "Säkerhet vid anskaffning, utveckling och underhåll": ("uppfyllt", "", ""),
            "Bedömning av åtgärdernas effektivitet": (
                "ej_uppfyllt",
                "Ingen granskning är gjord.",
                "",
            ),
            "Cyberhygien och utbildning": ("uppfyllt", "Alla användare gick utbildningen.", ""),
            "Kryptering": ("uppfyllt", "", "Leverantörens säkerhetsbeskrivning"),
            "Personalsäkerhet, åtkomstkontroll och tillgångsförvaltning": (
                "uppfyllt",
                "Behörigheterna följs upp varje kvartal.",
                "",
            ),
            "Flerfaktorsautentisering och säker kommunikation": (
                "uppfyllt",
                "SITHS-kort krävs.",
                "",
            ),
        },
    ),
    (
        "Lönesystemet",
        {
            "Policyer för riskanalys och informationssäkerhet": ("uppfyllt", "", "KS 2025/310"),
            "Incidenthantering": ("uppfyllt", "", ""),
            "Kontinuitet, säkerhetskopiering och krishantering": ("uppfyllt", "", ""),
            "Säkerhet i leveranskedjan": ("delvis", "Leverantörens moln i tredje land.", ""),
            "Kryptering": (
                "ej_tillampligt",
                "Leverantören krypterar; kommunen hanterar inga nycklar.",
                "",
            ),
            "Flerfaktorsautentisering och säker kommunikation": (
                "ej_uppfyllt",
                "Inloggning med lösenord; flerfaktor beställd.",
                "",
            ),
        },
    ),
]


def _cybersakerhet() -> int:
    """The systems in the law's scope and two checklists, answered by Säkerhetsavdelningen
    a few months ago; the first system's continuity review is overdue."""
    if Checklistsvar.objects.exists():
        return 0
    sakerhet = (
        User.objects.filter(groups__name=Roll.SAKERHETSAVDELNING, is_active=True)
        .order_by("pk")
        .first()
    )
    if sakerhet is None:
        return 0
    System.objects.filter(namn__in=CYBERSAKERHETSLAG).update(cybersakerhetslag=True)
    punkter = {p.rubrik: p for p in Kontrollpunkt.objects.filter(aktiv=True)}
    idag = timezone.localdate()
    besvarad = timezone.now() - datetime.timedelta(days=120)
    antal = 0
    for namn, svar in CHECKLISTSVAR:
        system = System.objects.filter(namn=namn, cybersakerhetslag=True).first()
        if system is None:
            continue
        for rubrik, (status, kommentar, underlag) in svar.items():
            if rubrik not in punkter:
                continue
            forsenad = rubrik.startswith("Kontinuitet") and status == "delvis"
            Checklistsvar.objects.create(
                system=system,
                kontrollpunkt=punkter[rubrik],
                status=status,
                kommentar=kommentar,
                underlag=underlag,
                besvarad_av=sakerhet,
                besvarad=besvarad,
                nasta_oversyn=idag + datetime.timedelta(days=-7 if forsenad else 245),
            )
            antal += 1
    return antal
