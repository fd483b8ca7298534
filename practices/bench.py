"""Benchmark of the catalogue on PostgreSQL with 10,000 example practices (``make bench``).

    .venv/bin/python -m practices.bench [--count 10000] [--runs 30]

Uses the PostgreSQL database of ``BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/practices_bench``, created if missing), migrates it, loads the
site's content and tops the example practices up to ``--count`` (Italian; each with its English version).
Then it requests, through Django's test client (no network), a catalogue page with a query and two
facets, the page of a practice and the page of a Province, and prints the median and 90th percentile
times in milliseconds and the number of SQL queries of each.
"""

import argparse
import io
import os
import statistics
import sys
import time
from urllib.parse import urlparse

from django.db import connection, reset_queries

import psycopg2

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/practices_bench"


def ensure_database(url):
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


def timed(client, url, params, runs):
    client.get(url, params)  # warm-up (template loading, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101 (benchmark harness)
    connection.force_debug_cursor = True
    reset_queries()
    client.get(url, params)
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], queries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set BENCH_DATABASE_URL=postgres://...")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.dev")

    # Django is imported and set up only once DATABASE_URL names the benchmark database.
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_site_content", verbosity=0, stdout=io.StringIO())

    from practices.models import PracticePage

    existing = PracticePage.objects.filter(is_example=True, locale__language_code="it").count()
    if existing < args.count:
        print(f"Generating {args.count - existing} example practices (once; kept in the database)...")
        start = time.perf_counter()
        call_command("generate_example_practices", count=args.count - existing, stdout=io.StringIO())
        print(f"  done in {time.perf_counter() - start:.0f} s")
    total = PracticePage.objects.filter(locale__language_code="it").count()
    with django.db.connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum keeps them in production

    client = Client()
    practice = PracticePage.objects.filter(is_example=True, locale__language_code="it").order_by("pk").first()
    cases = [
        (
            "catalogue: q=appalti + sector + macro-area",
            "/buone-pratiche/",
            {"q": "appalti gare", "settore": "sua", "area": "nord-est"},
        ),
        (
            "catalogue (English): q=tenders + sector + stage",
            "/en/good-practices/",
            {"q": "tenders", "settore": "sua", "fase": "operativa"},
        ),
        ("catalogue, no filter", "/buone-pratiche/", {}),
        ("practice page", practice.url, {}),
        ("Province page", f"/province/{practice.province.slug}/", {}),
    ]
    print(f"PostgreSQL, {total} Italian practices (+ English versions), {args.runs} runs each")
    print(f"{'page':50} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for label, path, params in cases:
        median, p90, queries = timed(client, path, params, args.runs)
        print(f"{label:50} {median:10.1f} {p90:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
