"""The data of ``make bench`` (PostgreSQL, the site's content and 10,000 example practices) and the query
plans of the catalogue.

    .venv/bin/python -m practices.bench --prepare [--count 10000]   # sample pages as JSON on the last line
    .venv/bin/python -m practices.bench --explain                    # EXPLAIN (ANALYZE) of the catalogue

The database is ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/bench``), created if
missing, migrated, loaded with the site's content; the example practices are topped up to ``--count``
(Italian, each with its English version) and kept, so only the first run generates them.
"""

import argparse
import io
import json
import os
import sys
import time
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench"
# The catalogue's heaviest common view: a query and two facets.
CATALOGUE_QUERY = {"q": "appalti gare", "settore": "sua", "area": "nord-est"}


def database_url():
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set BENCH_DATABASE_URL=postgres://...")
    return url


def ensure_database(url):
    import psycopg2

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup_django():
    url = database_url()
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.dev")
    import django

    django.setup()


def log(message):
    print(message, file=sys.stderr, flush=True)


def prepare(count):
    """Migrate, load the content, top the example practices up to ``count``; return the sample pages."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from practices.models import PracticePage

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_site_content", verbosity=0, stdout=io.StringIO())
    log(f"  migrated and loaded the content in {time.perf_counter() - start:.0f} s")
    examples = PracticePage.objects.filter(is_example=True, locale__language_code="it")
    existing = examples.count()
    if existing < count:
        log(f"  generating {count - existing} example practices (once: they stay in the database)...")
        start = time.perf_counter()
        call_command("generate_example_practices", count=count - existing, stdout=io.StringIO())
        log(f"  generated in {time.perf_counter() - start:.0f} s")
    with connection.cursor() as cursor:
        # The generator writes every practice row twice (the rows, then their search vectors in bulk), which
        # leaves the table twice its size; rewritten compact, as after a bulk import (seconds, every run).
        cursor.execute("VACUUM FULL practices_practicepage")
        cursor.execute("VACUUM ANALYZE")  # fresh planner statistics, as autovacuum keeps them in production
    return sample_pages()


def sample_pages():
    from events.models import EventPage
    from news.models import NewsPage
    from practices.models import PracticePage

    def first_url(model, order):
        page = model.objects.live().public().filter(locale__language_code="it").order_by(*order).first()
        return page.url if page else None

    practice = (
        PracticePage.objects.live()
        .filter(is_example=True, locale__language_code="it")
        .select_related("province")
        .order_by("path")
        .first()
    )
    return {
        "practices": PracticePage.objects.live().filter(locale__language_code="it").count(),
        "practice": practice.url,
        "news": first_url(NewsPage, ["-first_published_at", "pk"]),
        "event": first_url(EventPage, ["-first_published_at", "pk"]),
        "province": f"/province/{practice.province.slug}/",
    }


def explain():
    """EXPLAIN (ANALYZE) of the catalogue's own queries for a query and two facets (the README shows it)."""
    setup_django()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from practices.catalogue import Catalogue
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.get(locale__language_code="it")
    params = QueryDict(mutable=True)
    for name, value in CATALOGUE_QUERY.items():
        params[name] = value
    with translation.override("it"):
        catalogue = Catalogue(index, params, "it")
        catalogue.count_facets()  # warm
        with CaptureQueriesContext(connection) as captured:
            catalogue.compute_facet_counts()
            catalogue.page_of_results(1)
    labels = iter(
        ["facet counts and total", "the page of results (ids)", "those practices' code, summary and address"]
    )
    for query in captured.captured_queries:
        if "practices_" not in query["sql"]:
            continue  # the site's root paths, read for the cards' URLs
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"])
            print(f"-- {next(labels, 'query')}")
            print("\n".join(row[0] for row in cursor.fetchall()))
            print()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args(argv)
    if args.prepare:
        print(json.dumps(prepare(args.count)))
    elif args.explain:
        explain()
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
