"""
PostgreSQL: vacuum the incident table after a hundred new incidents, or changes to one in a
hundred, instead of PostgreSQL's default of a fifth of the table.

The incident list, its count and the start page read incidents from covering indexes alone
(0003, 0005), which only works for table pages that VACUUM has marked all-visible; for the
others PostgreSQL fetches every row from the table too. With the defaults a table of
100 000 incidents is vacuumed after some 20 000 new ones, years of reports in Köping, and
the newest rows, the ones every list shows first, would be fetched from the table until
then (measured: the list's page 261 took 5.4 ms with 4 675 such fetches, 3.6 ms without).
Vacuuming a table that is all-visible but for its newest pages is cheap.
"""

from django.db import migrations

TABELL = "incidenter_incident"


def satt(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABELL} SET (autovacuum_vacuum_insert_threshold = 100, "
            "autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_scale_factor = 0.01, "
            "autovacuum_analyze_scale_factor = 0.02)"
        )


def aterstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABELL} RESET (autovacuum_vacuum_insert_threshold, "
            "autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_scale_factor, "
            "autovacuum_analyze_scale_factor)"
        )


class Migration(migrations.Migration):
    dependencies = [("incidenter", "0006_skyddade_index")]

    operations = [migrations.RunPython(satt, aterstall)]
