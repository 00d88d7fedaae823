"""
The default incident categories per security area and the default reporting duties
(DOMAIN.md). Both are data that Säkerhetsavdelningen edits; this only fills in what is
missing after a migrate, and never changes or deletes what someone has edited.
"""

from dataclasses import dataclass
from datetime import timedelta

# Area number (order of the policy) -> category names.
KATEGORIER = {
    1: [
        "Störning i samhällsviktig verksamhet",
        "Avbrott i el, vatten, värme eller tele",
        "Extremväder",
        "Höjd beredskap",
        "Övning",
    ],
    2: [
        "Skadegörelse",
        "Klotter",
        "Otrygg miljö",
        "Ordningsstörning",
        "Organiserad brottslighet (påverkan, infiltration)",
    ],
    3: ["Säkerhetsskyddshändelse"],
    4: [
        "Brand",
        "Brandtillbud",
        "Brist i brandskydd",
        "Blockerad utrymningsväg",
        "Onödigt larm",
        "Missad brandskyddskontroll",
    ],
    5: [
        "Personuppgiftsincident",
        "Felskickad information",
        "Förlorad handling",
        "Obehörig åtkomst till information",
    ],
    6: [
        "Nätfiske",
        "Skadlig kod",
        "Intrång",
        "Överbelastning",
        "Stulen eller förlorad enhet",
        "Driftstörning",
    ],
    7: ["Desinformation om kommunen", "Falska konton", "Påverkanskampanj", "Förfalskade dokument"],
    8: ["Elolycka", "Elchock", "Brist i elanläggning"],
    9: ["Inbrott", "Stöld", "Skadegörelse i lokaler", "Larm", "Passersystem", "Kamerabevakning"],
    10: ["Hot", "Våld", "Trakasserier", "Otillåten påverkan", "Arbetsskada eller tillbud"],
}
SAKERHETSSKYDD = "Säkerhetsskyddshändelse"
ARBETSMILJO = {"Arbetsskada eller tillbud", "Elolycka", "Elchock"}


@dataclass(frozen=True)
class Kalendermanader:
    """A time limit counted by the calendar ("en månad"), not as a number of days."""

    antal: int


# (kod, utlösare, namn, mottagare, frist (timedelta or Kalendermanader), efter, lagens ord)
PLIKTTYPER = [
    (
        "imy",
        "personuppgiftsincident",
        "Anmälan av personuppgiftsincident",
        "Integritetsskyddsmyndigheten (IMY)",
        timedelta(hours=72),
        None,
        "Inom 72 timmar efter vetskap, GDPR art. 33. Komplettera inom 4 veckor.",
    ),
    (
        "registrerade",
        "personuppgiftsincident_hog_risk",
        "Information till de registrerade",
        "De registrerade",
        timedelta(hours=72),
        None,
        "Utan onödigt dröjsmål, GDPR art. 34.",
    ),
    (
        "csirt-tidig",
        "betydande_cyberincident",
        "Tidig varning",
        "CSIRT-enheten (CERT-SE)",
        timedelta(hours=24),
        None,
        "Inom 24 timmar, cybersäkerhetslagen (2025:1506).",
    ),
    (
        "csirt-anmalan",
        "betydande_cyberincident",
        "Incidentanmälan",
        "CSIRT-enheten (CERT-SE)",
        timedelta(hours=72),
        None,
        "Inom 72 timmar, cybersäkerhetslagen (2025:1506).",
    ),
    (
        "csirt-slut",
        "betydande_cyberincident",
        "Slutrapport",
        "CSIRT-enheten (CERT-SE)",
        Kalendermanader(1),
        "csirt-anmalan",
        "Senast en månad efter incidentanmälan, cybersäkerhetslagen (2025:1506).",
    ),
    (
        "av",
        "allvarlig_arbetsmiljohandelse",
        "Anmälan av allvarlig olycka eller tillbud",
        "Arbetsmiljöverket",
        timedelta(hours=24),
        None,
        "Utan dröjsmål, arbetsmiljölagen 3 kap. 3 a §.",
    ),
    (
        "polis",
        "brott",
        "Polisanmälan",
        "Polisen",
        None,
        None,
        "Polisanmälan rekommenderas. Ange K-nummer.",
    ),
    (
        "sapo",
        "sakerhetsskydd",
        "Rapport om säkerhetsskyddshändelse",
        "Säkerhetspolisen",
        timedelta(hours=24),
        None,
        "Skyndsamt, säkerhetsskyddsförordningen (2021:955) 2 kap. 4 §.",
    ),
]


def ensure_defaults(**kwargs):
    from policy.models import Omrade

    from .models import Kategori, Plikttyp

    omraden = {o.nummer: o for o in Omrade.objects.all()}
    for nummer, namn_lista in KATEGORIER.items():
        omrade = omraden.get(nummer)
        if omrade is None:
            continue
        for namn in namn_lista:
            Kategori.objects.get_or_create(
                omrade=omrade,
                namn=namn,
                defaults={
                    "ar_sakerhetsskydd": namn == SAKERHETSSKYDD,
                    "arbetsmiljo": namn in ARBETSMILJO,
                },
            )
    for ordning, (kod, utlosare, namn, mottagare, frist, efter, lagtext) in enumerate(PLIKTTYPER):
        Plikttyp.objects.get_or_create(
            kod=kod,
            defaults={
                "utlosare": utlosare,
                "namn": namn,
                "mottagare": mottagare,
                "frist": frist if isinstance(frist, timedelta) else None,
                "frist_manader": frist.antal if isinstance(frist, Kalendermanader) else None,
                "efter": Plikttyp.objects.filter(kod=efter).first() if efter else None,
                "lagtext": lagtext,
                "ordning": ordning,
            },
        )
