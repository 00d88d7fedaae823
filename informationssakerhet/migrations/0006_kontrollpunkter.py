"""The checklist's control points, after NIS2 art. 21.2 a–j (which the cybersäkerhetslag
2025:1506 implements). Data: Säkerhetsavdelningen rewords, adds and retires points."""

from django.db import migrations

PUNKTER = [
    (
        "a",
        "Policyer för riskanalys och informationssäkerhet",
        "Det finns fastställda policyer för riskanalys och för informationssäkerhet som "
        "omfattar systemet, och riskanalysen av systemet är aktuell.",
    ),
    (
        "b",
        "Incidenthantering",
        "Incidenter som rör systemet upptäcks, rapporteras och hanteras enligt en rutin, "
        "också en betydande incident som ska rapporteras inom 24 timmar.",
    ),
    (
        "c",
        "Kontinuitet, säkerhetskopiering och krishantering",
        "Det finns en kontinuitetsplan för systemet, säkerhetskopior som återläsning har "
        "provats från, och en plan för krishantering om systemet faller bort.",
    ),
    (
        "d",
        "Säkerhet i leveranskedjan",
        "Säkerhetskrav ställs på leverantörer och deras underleverantörer i avtalen och "
        "följs upp.",
    ),
    (
        "e",
        "Säkerhet vid anskaffning, utveckling och underhåll",
        "Säkerhetskrav ingår när systemet anskaffas, utvecklas och underhålls; sårbarheter "
        "hanteras och säkerhetsuppdateringar installeras i tid.",
    ),
    (
        "f",
        "Bedömning av åtgärdernas effektivitet",
        "Det finns rutiner för att bedöma hur väl åtgärderna fungerar, till exempel tester, "
        "granskningar eller revisioner.",
    ),
    (
        "g",
        "Cyberhygien och utbildning",
        "Grundläggande cyberhygien tillämpas (uppdateringar, lösenord, behörigheter) och "
        "användare och ansvariga utbildas i cybersäkerhet.",
    ),
    (
        "h",
        "Kryptering",
        "Det finns rutiner för kryptering av information vid lagring och överföring där "
        "det behövs.",
    ),
    (
        "i",
        "Personalsäkerhet, åtkomstkontroll och tillgångsförvaltning",
        "Behörigheter ges efter behov och följs upp, personalsäkerhet tillämpas och "
        "systemets tillgångar finns förtecknade.",
    ),
    (
        "j",
        "Flerfaktorsautentisering och säker kommunikation",
        "Flerfaktorsautentisering används för åtkomst till systemet, och kommunikationen "
        "är skyddad där det behövs.",
    ),
]


def skapa(apps, schema_editor):
    Kontrollpunkt = apps.get_model("informationssakerhet", "Kontrollpunkt")
    if Kontrollpunkt.objects.exists():
        return
    for ordning, (bokstav, rubrik, beskrivning) in enumerate(PUNKTER, 1):
        Kontrollpunkt.objects.create(
            ordning=ordning,
            hanvisning=f"NIS2 art. 21.2 {bokstav}",
            rubrik=rubrik,
            beskrivning=beskrivning,
        )


class Migration(migrations.Migration):
    dependencies = [("informationssakerhet", "0005_cybersakerhet")]

    operations = [migrations.RunPython(skapa, migrations.RunPython.noop)]
