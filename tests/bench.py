"""Benchmarks: `make bench` (python -m tests.bench).

Measures the median and 95th-percentile server time of the main pages through Django's test client, on
the database named by DATABASE_URL (default: a SQLite file under .bench/), after migrating it and loading
the content. The catalogue has its own benchmark at scale (`python -m practices.bench`).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def measure(client, path, repeat=REPEAT):
    client.get(path)  # warm up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


class Report:
    def __init__(self):
        from django.test import Client

        self.client = Client()
        self.rows = []

    def page(self, label, path, repeat=REPEAT):
        median, p95 = measure(self.client, path, repeat)
        self.rows.append((label, path, median, p95))
        print(f"{label:<45} {median:8.1f} ms median {p95:8.1f} ms p95   {path}")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.bench' / 'bench.sqlite3'}")
    (ROOT / ".bench").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, {REPEAT} requests per page"
    )
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_site_content", verbosity=0)
    report = Report()
    for label, path in [
        ("home page (it)", "/"),
        ("home page (en)", "/en/"),
        ("progress timeline", "/il-progetto/stato-di-avanzamento/"),
        ("Provinces index (76)", "/province/"),
        ("Province page (Cuneo, 247 Comuni)", "/province/cuneo/"),
    ]:
        report.page(label, path)
    for label, path in [
        ("newsroom", "/sala-stampa/"),
        ("events index", "/eventi/"),
        ("practice catalogue", "/buone-pratiche/"),
        ("document library", "/documenti-e-risorse/biblioteca/"),
        ("site search", "/cerca/?q=province+comuni"),
    ]:
        report.page(label, path)


if __name__ == "__main__":
    main()
