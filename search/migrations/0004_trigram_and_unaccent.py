"""PostgreSQL only: a trigram index on the vocabulary, and accent-free text-search configurations.

``site_italian`` and ``site_english`` are copies of PostgreSQL's ``italian`` and ``english`` configurations
with ``unaccent`` before the stemmer, so "citta" finds "città". Where the ``unaccent`` extension cannot be
installed the copies are made without it (the search works, without accent folding). Other databases have
nothing to do: SQLite's full-text tokenizer already folds accents.
"""

from django.db import DatabaseError, migrations, transaction

CONFIGS = {"site_italian": ("italian", "italian_stem"), "site_english": ("english", "english_stem")}
WORD_TYPES = "asciiword, word, hword, hword_part, asciihword, hword_asciipart"


def _try(connection, sql):
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(sql)
        return True
    except DatabaseError:
        return False


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    if _try(connection, "CREATE EXTENSION IF NOT EXISTS pg_trgm"):
        _try(connection, "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_searchword "
                         "USING gin (word gin_trgm_ops)")
    unaccent = _try(connection, "CREATE EXTENSION IF NOT EXISTS unaccent")
    with connection.cursor() as cursor:
        for name, (source, stemmer) in CONFIGS.items():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
            if unaccent:
                cursor.execute(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORD_TYPES} "
                               f"WITH unaccent, {stemmer}")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_word_trgm")
        for name in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_word")]

    operations = [migrations.RunPython(forwards, backwards)]
