"""SQLite under concurrent writers, as the development server and a small install run it.

Several threads run, through Django, read-then-write transactions on a file database (what Wagtail's autosave
and "Pubblica" do at the same moment). With the site's settings every update lands; with SQLite's defaults
some transaction fails at once with "database is locked", which is what editors saw.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKLOAD = r"""
import json, os, threading, time
import django
from django.conf import settings
if os.environ.get("PLAIN_SQLITE"):
    settings.DATABASES["default"]["OPTIONS"] = {}  # SQLite's defaults: deferred transactions, no timeout
django.setup()
from django.db import OperationalError, connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (value INTEGER NOT NULL)")
    cursor.execute("INSERT INTO counter VALUES (0)")
connection.close()

THREADS, ROUNDS = 6, 15
errors = []
start = threading.Barrier(THREADS)

def work():
    start.wait()
    for _round in range(ROUNDS):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter")
                    value = cursor.fetchone()[0]
                    time.sleep(0.002)  # the request does some work between reading and writing
                    cursor.execute("UPDATE counter SET value = %s", [value + 1])
        except OperationalError as exc:
            errors.append(str(exc))
    connection.close()

threads = [threading.Thread(target=work) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT value FROM counter")
    total = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(json.dumps({"errors": errors, "total": total, "expected": THREADS * ROUNDS, "journal_mode": mode}))
"""


def run_workload(tmp_path, plain=False):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrency.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    if plain:
        env["PLAIN_SQLITE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", WORKLOAD],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_concurrent_writers_all_succeed_with_the_site_settings(tmp_path):
    result = run_workload(tmp_path)
    assert result["errors"] == []
    assert result["total"] == result["expected"]  # no update lost either
    assert result["journal_mode"] == "wal"


def test_the_same_writers_fail_with_sqlite_defaults(tmp_path):
    """The control: without the settings, the workload above does hit "database is locked"."""
    result = run_workload(tmp_path, plain=True)
    assert any("database is locked" in error for error in result["errors"])
