"""The default classification scale, after SKR's KLASSA: four levels, kept as data."""

from django.db import migrations

NIVAER = [
    (1, "Låg", "Ringa skada om informationen röjs, ändras eller inte är tillgänglig."),
    (2, "Måttlig", "Måttlig skada för verksamheten, enskilda eller kommunens förtroende."),
    (3, "Hög", "Allvarlig skada, till exempel för enskildas hälsa, rättigheter eller ekonomi."),
    (4, "Mycket hög", "Synnerligen allvarlig skada, till exempel fara för liv eller samhällsviktig verksamhet."),
]


def skapa(apps, schema_editor):
    Klassningsniva = apps.get_model("informationssakerhet", "Klassningsniva")
    for niva, namn, beskrivning in NIVAER:
        Klassningsniva.objects.get_or_create(
            niva=niva, defaults={"namn": namn, "beskrivning": beskrivning}
        )


class Migration(migrations.Migration):
    dependencies = [("informationssakerhet", "0001_register_och_klassning")]

    operations = [migrations.RunPython(skapa, migrations.RunPython.noop)]
