"""PostgreSQL vacuums the incident table after a hundred new incidents (migration
incidenter/0007): the list's covering indexes are read alone only on table pages that
VACUUM has marked all-visible, and the newest incidents are the ones every list shows."""

from django.db import connection


def test_it_vacuums_the_incident_table_after_a_hundred_new_incidents(require_postgres, db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'incidenter_incident'")
        (installningar,) = cursor.fetchone()
    assert {
        "autovacuum_vacuum_insert_threshold=100",
        "autovacuum_vacuum_insert_scale_factor=0",
        "autovacuum_vacuum_scale_factor=0.01",
    } <= set(installningar or [])
