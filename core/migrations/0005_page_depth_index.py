"""An index on the depth of Wagtail's pages.

Every page request reads the top of the tree, the live pages at depth 2 and 3 (``core.request_cache``:
the header, the footer, the breadcrumbs, the routing). Wagtail indexes the path but not the depth, so that
read scanned the whole page table: some 5 ms per request with 10,000 practices, for 28 rows.
"""

from django.db import migrations

INDEX = "core_page_depth"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_merge"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
