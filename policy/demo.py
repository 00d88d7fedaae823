"""
The Köping demo organisation and one demo login per role.

The names of nämnder, bolag and units are demo data, not code: a real installation
registers its own bodies in the admin. Every function here is idempotent.
"""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import Enhet, Omrade, Organ, Roll, Styrdokument, User

DEMO_PASSWORD = "demo1234"

ORGAN = [
    # (slug, namn, kortnamn, typ, [(förvaltning, [enheter])])
    ("kf", "Kommunfullmäktige", "KF", Organ.Typ.KF, [("Kommunfullmäktiges kansli", [])]),
    (
        "ks",
        "Kommunstyrelsen",
        "KS",
        Organ.Typ.KS,
        [("Kommunledningsförvaltningen", ["Kansliet", "Ekonomiavdelningen", "IT-avdelningen"])],
    ),
    (
        "sakerhetsavdelningen",
        "Säkerhetsavdelningen",
        "SÄK",
        Organ.Typ.SAKERHETSAVDELNING,
        [("Säkerhetsavdelningen", [])],
    ),
    (
        "bun",
        "Barn- och utbildningsnämnden",
        "BUN",
        Organ.Typ.NAMND,
        [
            (
                "Barn- och utbildningsförvaltningen",
                ["Ullvigymnasiet", "Karlbergsskolan", "Förskolan Skogsbrynet"],
            )
        ],
    ),
    (
        "sn",
        "Socialnämnden",
        "SN",
        Organ.Typ.NAMND,
        [
            (
                "Socialförvaltningen",
                ["Hemtjänsten Centrum", "Individ- och familjeomsorgen", "Äldreboendet Nyhem"],
            )
        ],
    ),
    (
        "tn",
        "Tekniska nämnden",
        "TN",
        Organ.Typ.NAMND,
        [("Tekniska förvaltningen", ["Gata och park", "Fastighetsavdelningen", "VA-avdelningen"])],
    ),
    (
        "kfn",
        "Kultur- och fritidsnämnden",
        "KFN",
        Organ.Typ.NAMND,
        [("Kultur- och fritidsförvaltningen", ["Stadsbiblioteket", "Sportcentrum"])],
    ),
    (
        "bmn",
        "Bygg- och miljönämnden",
        "BMN",
        Organ.Typ.NAMND,
        [("Bygg- och miljöförvaltningen", ["Bygglov", "Miljö- och hälsoskydd"])],
    ),
    (
        "vmkf",
        "Västra Mälardalens Kommunalförbund",
        "VMKF",
        Organ.Typ.KOMMUNALFORBUND,
        [("Räddningstjänsten Mälardalen", [])],
    ),
    (
        "kopingbostader",
        "Köpingbostäder AB",
        "KBAB",
        Organ.Typ.BOLAG,
        [("Köpingbostäder AB", ["Fastighetsförvaltning"])],
    ),
    ("kopings-hamn", "Köpings Hamn AB", "Hamnen", Organ.Typ.BOLAG, [("Köpings Hamn AB", [])]),
]

# (username, first, last, role, organ slug, unit name, chef of that unit)
USERS = [
    ("medarbetare", "Maja", "Medarbetare", Roll.MEDARBETARE, "bun", "Ullvigymnasiet", False),
    ("chef", "Carl", "Chef", Roll.CHEF, "bun", "Ullvigymnasiet", True),
    (
        "namnd",
        "Nora",
        "Nämndföreträdare",
        Roll.NAMNDFORETRADARE,
        "bun",
        "Barn- och utbildningsförvaltningen",
        False,
    ),
    (
        "sakerhet",
        "Sara",
        "Säkerhetshandläggare",
        Roll.SAKERHETSAVDELNING,
        "sakerhetsavdelningen",
        "Säkerhetsavdelningen",
        False,
    ),
    (
        "sakerhetschef",
        "Stefan",
        "Säkerhetschef",
        Roll.SAKERHETSCHEF,
        "sakerhetsavdelningen",
        "Säkerhetsavdelningen",
        True,
    ),
    (
        "ks",
        "Karin",
        "Kommunledning",
        Roll.KOMMUNLEDNING,
        "ks",
        "Kommunledningsförvaltningen",
        False,
    ),
    ("extern", "Erik", "Entreprenör", Roll.EXTERN_PART, "tn", "Fastighetsavdelningen", False),
    (
        "admin",
        "Anna",
        "Systemadministratör",
        Roll.SYSTEMADMINISTRATOR,
        "ks",
        "IT-avdelningen",
        False,
    ),
    ("dataskydd", "Dagny", "Dataskyddsombud", Roll.DATASKYDDSOMBUD, "ks", "Kansliet", False),
]


@transaction.atomic
def create_organisation() -> dict[str, Organ]:
    organ = {}
    for slug, namn, kortnamn, typ, forvaltningar in ORGAN:
        o, _ = Organ.objects.update_or_create(
            slug=slug, defaults={"namn": namn, "kortnamn": kortnamn, "typ": typ}
        )
        organ[slug] = o
        for forv_namn, enheter in forvaltningar:
            forv, _ = Enhet.objects.get_or_create(
                organ=o, namn=forv_namn, defaults={"typ": Enhet.Typ.FORVALTNING}
            )
            for enhet_namn in enheter:
                Enhet.objects.get_or_create(
                    organ=o, namn=enhet_namn, defaults={"overordnad": forv, "typ": Enhet.Typ.ENHET}
                )
    return organ


@transaction.atomic
def create_users(password: str = DEMO_PASSWORD) -> dict[str, User]:
    create_organisation()
    users = {}
    for username, first, last, role, organ_slug, enhet_namn, is_chef in USERS:
        enhet = Enhet.objects.get(organ__slug=organ_slug, namn=enhet_namn)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.koping.se",
                "enhet": enhet,
                "organisation": "Byggservice i Köping AB" if role == Roll.EXTERN_PART else "",
                "is_staff": role == Roll.SYSTEMADMINISTRATOR,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if is_chef:
            enhet.chefer.add(user)
        users[role] = user
    return users


# One governing document per area: (område, titel, typ, ägare, beslutat för så många dagar
# sedan, nästa översyn om så många dagar). Some are overdue, some due soon, on purpose.
STYRDOKUMENT = [
    (1, "Plan för extraordinära händelser", Styrdokument.Typ.PLAN, "ks", 600, 500),
    (
        2,
        "Riktlinje för trygghetsskapande och brottsförebyggande arbete",
        Styrdokument.Typ.RIKTLINJE,
        "ks",
        400,
        330,
    ),
    (3, "Anvisning för säkerhetsskydd", Styrdokument.Typ.ANVISNING, "ks", 800, -20),
    (
        4,
        "Rutin för systematiskt brandskyddsarbete i skolor",
        Styrdokument.Typ.RUTIN,
        "bun",
        320,
        45,
    ),
    (5, "Riktlinje för informationssäkerhet", Styrdokument.Typ.RIKTLINJE, "ks", 300, 430),
    (6, "Anvisning för IT-säkerhet och behörigheter", Styrdokument.Typ.ANVISNING, "ks", 760, -60),
    (7, "Rutin vid misstänkt informationspåverkan", Styrdokument.Typ.RUTIN, "ks", 120, 610),
    (8, "Rutin för elsäkerhet i kommunens fastigheter", Styrdokument.Typ.RUTIN, "tn", 250, 115),
    (9, "Riktlinje för lås, larm och passersystem", Styrdokument.Typ.RIKTLINJE, "tn", 500, 230),
    (
        10,
        "Rutin vid hot och våld mot medarbetare i skolan",
        Styrdokument.Typ.RUTIN,
        "bun",
        720,
        -10,
    ),
]


@transaction.atomic
def create_styrdokument() -> list[Styrdokument]:
    """Demo governing documents, registered by Säkerhetsavdelningen through the service.
    Needs the areas (loaded by the policy's data migration)."""
    from .services import styrdokument_create

    users = create_users()
    organ = {o.slug: o for o in Organ.objects.all()}
    omraden = {o.nummer: o for o in Omrade.objects.all()}
    idag = timezone.localdate()
    ut = []
    for nummer, titel, typ, agare, sedan, oversyn in STYRDOKUMENT:
        if nummer not in omraden:
            continue
        befintligt = Styrdokument.objects.filter(titel=titel, omrade=omraden[nummer]).first()
        if befintligt:
            ut.append(befintligt)
            continue
        ut.append(
            styrdokument_create(
                user=users[Roll.SAKERHETSAVDELNING],
                titel=titel,
                typ=typ,
                omrade=omraden[nummer],
                agare=organ[agare],
                beslutsdatum=idag - datetime.timedelta(days=sedan),
                nasta_oversyn=idag + datetime.timedelta(days=oversyn),
                diarienummer=f"{organ[agare].kortnamn} {idag.year - sedan // 365}/{100 + nummer}",
            )
        )
    return ut
