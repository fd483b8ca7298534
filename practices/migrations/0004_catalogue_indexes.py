"""Indexes for the catalogue's lists.

- ``practice_real``: the real practices among the examples (the home page lists the newest real ones).
- On PostgreSQL, the sort orders of the catalogue, ``start_year DESC NULLS LAST`` ("più recenti", the
  default) and ``last_verified DESC NULLS LAST`` ("verificate di recente"): its first page then reads 20
  practices in index order instead of sorting every practice (62 ms to 4 ms at 10,000 practices). SQLite
  has no NULLS LAST in an index.
"""

from django.db import migrations, models

SORT_INDEXES = {
    "practice_start_year_desc": "start_year DESC NULLS LAST",
    "practice_last_verified_desc": "last_verified DESC NULLS LAST",
}


def create_sort_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in SORT_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON practices_practicepage ({columns})")


def drop_sort_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in SORT_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_province_proposals_replications"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="practicepage",
            index=models.Index(
                condition=models.Q(("is_example", False)), fields=["page_ptr"], name="practice_real"
            ),
        ),
        migrations.RunPython(create_sort_indexes, drop_sort_indexes),
    ]
