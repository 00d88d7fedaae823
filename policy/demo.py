"""
The Köping demo organisation and one demo login per role.

The names of nämnder, bolag and units are demo data, not code: a real installation
registers its own bodies in the admin. Every function here is idempotent.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Enhet, Organ, Roll, User

DEMO_PASSWORD = "demo1234"

ORGAN = [
    # (slug, namn, kortnamn, typ, [(förvaltning, [enheter])])
    ("kf", "Kommunfullmäktige", "KF", Organ.Typ.KF, [("Kommunfullmäktiges kansli", [])]),
    ("ks", "Kommunstyrelsen", "KS", Organ.Typ.KS,
     [("Kommunledningsförvaltningen", ["Kansliet", "Ekonomiavdelningen", "IT-avdelningen"])]),
    ("sakerhetsavdelningen", "Säkerhetsavdelningen", "SÄK", Organ.Typ.SAKERHETSAVDELNING,
     [("Säkerhetsavdelningen", [])]),
    ("bun", "Barn- och utbildningsnämnden", "BUN", Organ.Typ.NAMND,
     [("Barn- och utbildningsförvaltningen", ["Ullvigymnasiet", "Karlbergsskolan", "Förskolan Skogsbrynet"])]),
    ("sn", "Socialnämnden", "SN", Organ.Typ.NAMND,
     [("Socialförvaltningen", ["Hemtjänsten Centrum", "Individ- och familjeomsorgen", "Äldreboendet Nyhem"])]),
    ("tn", "Tekniska nämnden", "TN", Organ.Typ.NAMND,
     [("Tekniska förvaltningen", ["Gata och park", "Fastighetsavdelningen", "VA-avdelningen"])]),
    ("kfn", "Kultur- och fritidsnämnden", "KFN", Organ.Typ.NAMND,
     [("Kultur- och fritidsförvaltningen", ["Stadsbiblioteket", "Sportcentrum"])]),
    ("bmn", "Bygg- och miljönämnden", "BMN", Organ.Typ.NAMND,
     [("Bygg- och miljöförvaltningen", ["Bygglov", "Miljö- och hälsoskydd"])]),
    ("vmkf", "Västra Mälardalens Kommunalförbund", "VMKF", Organ.Typ.KOMMUNALFORBUND,
     [("Räddningstjänsten Mälardalen", [])]),
    ("kopingbostader", "Köpingbostäder AB", "KBAB", Organ.Typ.BOLAG,
     [("Köpingbostäder AB", ["Fastighetsförvaltning"])]),
    ("kopings-hamn", "Köpings Hamn AB", "Hamnen", Organ.Typ.BOLAG, [("Köpings Hamn AB", [])]),
]

# (username, first, last, role, organ slug, unit name, chef of that unit)
USERS = [
    ("medarbetare", "Maja", "Medarbetare", Roll.MEDARBETARE, "bun", "Ullvigymnasiet", False),
    ("chef", "Carl", "Chef", Roll.CHEF, "bun", "Ullvigymnasiet", True),
    ("namnd", "Nora", "Nämndföreträdare", Roll.NAMNDFORETRADARE, "bun",
     "Barn- och utbildningsförvaltningen", False),
    ("sakerhet", "Sara", "Säkerhetssamordnare", Roll.SAKERHETSAVDELNING, "sakerhetsavdelningen",
     "Säkerhetsavdelningen", False),
    ("sakerhetschef", "Stefan", "Säkerhetschef", Roll.SAKERHETSCHEF, "sakerhetsavdelningen",
     "Säkerhetsavdelningen", True),
    ("ks", "Karin", "Kommunledning", Roll.KOMMUNLEDNING, "ks", "Kommunledningsförvaltningen", False),
    ("extern", "Erik", "Entreprenör", Roll.EXTERN_PART, "tn", "Fastighetsavdelningen", False),
    ("admin", "Anna", "Systemadministratör", Roll.SYSTEMADMINISTRATOR, "ks", "IT-avdelningen", False),
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
