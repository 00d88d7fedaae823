from django.db import migrations

STANDARD = [
    {
        "namn": "Uppmaning till nämnderna att uppdatera sina riskanalyser",
        "beskrivning": (
            "Nämnder och bolag ser över sina riskanalyser inför årets uppföljning. "
            "Nämndernas analyser är underlag till kommunens risk- och sårbarhetsanalys."
        ),
        "manad": 2,
        "dag": 1,
        "framforhallning": 14,
        "roll": "namndforetradare",
        "lank": "/risker/analyser/",
    },
    {
        "namn": "Säkerhetsavdelningen sammanställer den årliga uppföljningen",
        "beskrivning": "Sammanställ uppföljningen av säkerhetsarbetet till kommunstyrelsen.",
        "manad": 3,
        "dag": 31,
        "framforhallning": 30,
        "roll": "sakerhetsavdelning",
        "lank": "",
    },
    {
        "namn": "Kommunstyrelsen tar emot den årliga uppföljningen",
        "beskrivning": "Uppföljningen ska vara utskickad till kommunstyrelsens sammanträde.",
        "manad": 5,
        "dag": 15,
        "framforhallning": 21,
        "roll": "kommunledning",
        "lank": "",
    },
    {
        "namn": "Risk- och sårbarhetsanalysen (RSA) rapporteras till Länsstyrelsen",
        "beskrivning": (
            "En gång per mandatperiod, senast 31 oktober året efter valet "
            "(LEH 2 kap. 1 §, MSBFS 2015:5). Behandlas i KS och fastställs av KF först."
        ),
        "manad": 10,
        "dag": 31,
        "framforhallning": 120,
        "roll": "sakerhetsavdelning",
        "ar_i_mandatperioden": 1,
        "lank": "/risker/analyser/",
    },
    {
        "namn": "Behöver säkerhetspolicyn revideras? (KF beslutar)",
        "beskrivning": (
            "En gång per mandatperiod: pröva om policyn behöver revideras. "
            "Ändringar i sak beslutas av kommunfullmäktige."
        ),
        "manad": 3,
        "dag": 1,
        "framforhallning": 30,
        "roll": "sakerhetsavdelning",
        "ar_i_mandatperioden": 1,
        "lank": "/policy/",
    },
    {
        "namn": "Styrdokument för krisberedskap och plan för extraordinära händelser förnyas",
        "beskrivning": (
            "Styrdokument för krisberedskap, plan för extraordinära händelser, övnings- och "
            "utbildningsplan och krisledningsnämndens reglemente antas varje mandatperiod."
        ),
        "manad": 12,
        "dag": 1,
        "framforhallning": 60,
        "roll": "sakerhetsavdelning",
        "ar_i_mandatperioden": 1,
        "lank": "",
    },
]


def seed(apps, schema_editor):
    Arshjulspunkt = apps.get_model("paminnelser", "Arshjulspunkt")
    for punkt in STANDARD:
        Arshjulspunkt.objects.get_or_create(namn=punkt["namn"], defaults=punkt)


def unseed(apps, schema_editor):
    Arshjulspunkt = apps.get_model("paminnelser", "Arshjulspunkt")
    Arshjulspunkt.objects.filter(namn__in=[p["namn"] for p in STANDARD]).delete()


class Migration(migrations.Migration):
    dependencies = [("paminnelser", "0002_arshjul")]

    operations = [migrations.RunPython(seed, unseed)]
