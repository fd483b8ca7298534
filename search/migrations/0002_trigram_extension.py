"""Spelling-tolerant suggestions use PostgreSQL's pg_trgm; other databases have nothing to install."""

from django.db import DatabaseError, migrations, transaction


def enable_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if not cursor.fetchone():
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            # Without the right to create extensions the search works, without spelling-tolerant suggestions.
            pass


class Migration(migrations.Migration):
    dependencies = [("search", "0001_no_results_daily_hits")]

    operations = [migrations.RunPython(enable_trigram, migrations.RunPython.noop)]
