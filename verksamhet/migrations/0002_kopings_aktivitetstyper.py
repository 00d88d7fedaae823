"""Köping's kinds of exercises, training and inspections, with their cadence and checklists
(Säkerhetsavdelningen changes them afterwards, with history)."""

from django.db import migrations
from django.utils import timezone

BRAND = 4
EL = 8
KRIS = 1
INTERNT = 9

# (namn, slag, [område], omfattning, lokalkategori, intervall, startmånad, dag, källa, punkter)
TYPER = [
    (
        "Brandskyddsrond", "rond", [BRAND], "lokal", "", 3, 2, 15,
        "Lag (2003:778) om skydd mot olyckor 2 kap. 2 §; säkerhetspolicyn, systematiskt "
        "brandskyddsarbete",
        [
            "Utrymningsvägar är fria och skyltade",
            "Nödbelysning och vägledande markeringar fungerar",
            "Branddörrar stänger och hålls inte öppna utan godkänd magnet",
            "Handbrandsläckare finns på plats, är kontrollerade och åtkomliga",
            "Brandlarmet har inga felsignaler och larmknapparna är åtkomliga",
            "Brandfarliga varor förvaras rätt och i tillåten mängd",
            "Elektrisk utrustning och förlängningssladdar är hela",
            "Utrymningsplanen sitter uppe och är aktuell",
        ],
    ),
    (
        "Utrymningsövning", "ovning", [BRAND], "lokal", "skola", 12, 9, 15,
        "Lag (2003:778) om skydd mot olyckor 2 kap. 2 §; rutin för systematiskt "
        "brandskyddsarbete i skolor",
        [],
    ),
    (
        "Elrevision", "revision", [EL], "lokal", "", 36, 4, 15,
        "Elsäkerhetslagen (2016:732); ELSÄK-FS 2022:1",
        [
            "Elcentraler är märkta och låsta",
            "Jordfelsbrytare är provade",
            "Inga skadade kablar, uttag eller strömbrytare",
            "Centraler är termograferade",
            "Åtgärder från förra revisionen är klara",
        ],
    ),
    (
        "Test av reservkraft", "test", [KRIS, EL], "lokal", "vard_omsorg", 6, 3, 15,
        "Plan för extraordinära händelser; lag (2006:544) om kommuners och regioners åtgärder "
        "inför och vid extraordinära händelser",
        [
            "Reservkraftverket startar automatiskt vid strömavbrott",
            "Drift under last i minst en timme",
            "Bränslenivån räcker i minst 72 timmar",
            "Verksamhetskritisk utrustning försörjs",
        ],
    ),
    (
        "Test av larm och passersystem", "test", [INTERNT], "lokal", "", 12, 10, 15,
        "Riktlinje för lås, larm och passersystem",
        [
            "Inbrottslarmet når larmcentralen",
            "Förlorade passerkort är spärrade",
            "Behörigheterna i passersystemet är aktuella",
            "Larmkoder är bytta enligt rutinen",
        ],
    ),
    (
        "Grundläggande brandskyddsutbildning", "utbildning", [BRAND], "organ", "", 12, 3, 15,
        "Säkerhetspolicyn, systematiskt brandskyddsarbete: planera, utbilda, öva",
        [],
    ),
    (
        "Krisledningsövning", "ovning", [KRIS], "organ", "", 12, 11, 15,
        "Lag (2006:544) om kommuners och regioners åtgärder inför och vid extraordinära "
        "händelser 2 kap. 1 §",
        [],
    ),
]


def load(apps, schema_editor):
    Aktivitetstyp = apps.get_model("verksamhet", "Aktivitetstyp")
    Historisk = apps.get_model("verksamhet", "HistoricalAktivitetstyp")
    Omrade = apps.get_model("policy", "Omrade")
    for namn, slag, omraden, omfattning, kategori, intervall, manad, dag, kalla, punkter in TYPER:
        typ, skapad = Aktivitetstyp.objects.get_or_create(
            namn=namn,
            defaults={
                "slag": slag,
                "omfattning": omfattning,
                "lokalkategori": kategori,
                "intervall_manader": intervall,
                "startmanad": manad,
                "dag": dag,
                "forsta_ar": 2026,
                "kalla": kalla,
                "kontrollpunkter": "\n".join(punkter),
            },
        )
        if not skapad:
            continue
        typ.omraden.set(Omrade.objects.filter(nummer__in=omraden))
        values = {f.attname: getattr(typ, f.attname) for f in typ._meta.concrete_fields}
        Historisk.objects.create(
            **values,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="Köpings aktivitetstyper",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("verksamhet", "0001_lokaler_och_aktiviteter"),
        ("policy", "0002_forsta_faststallda_policyn"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
