"""Seed the default assessment scale of DOMAIN.md ("Risk assessment") as version 1."""

from django.db import migrations

SANNOLIKHET = [
    (1, "Mycket låg", "mer sällan än en gång per 100 år"),
    (2, "Låg", "en gång per 10–100 år"),
    (3, "Medel", "en gång per 1–10 år"),
    (4, "Hög", "en till några gånger per år"),
    (5, "Mycket hög", "oftare än en gång i månaden"),
]
KONSEKVENS = ["Mycket begränsad", "Begränsad", "Allvarlig", "Mycket allvarlig", "Katastrofal"]
LIV_HALSA = [
    "ingen eller lindrig skada",
    "enstaka skadade som behöver vård",
    "enstaka svårt skadade",
    "dödsfall eller flera svårt skadade",
    "flera döda",
]
DIMENSIONER = ["liv_halsa", "verksamhet", "miljo", "ekonomi", "fortroende"]


def seed(apps, schema_editor):
    Skala = apps.get_model("risker", "Skala")
    SkalaSteg = apps.get_model("risker", "SkalaSteg")
    skala, created = Skala.objects.get_or_create(
        version=1, defaults={"namn": "Kommunens standardskala 5×5", "aktiv": True}
    )
    if not created:
        return
    steg = [
        SkalaSteg(skala=skala, dimension="sannolikhet", varde=v, etikett=e, beskrivning=b)
        for v, e, b in SANNOLIKHET
    ]
    for dim in DIMENSIONER:
        for i, etikett in enumerate(KONSEKVENS, start=1):
            beskrivning = LIV_HALSA[i - 1] if dim == "liv_halsa" else ""
            steg.append(
                SkalaSteg(
                    skala=skala, dimension=dim, varde=i, etikett=etikett, beskrivning=beskrivning
                )
            )
    SkalaSteg.objects.bulk_create(steg)


def unseed(apps, schema_editor):
    apps.get_model("risker", "Skala").objects.filter(version=1, riskanalyser__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("risker", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
