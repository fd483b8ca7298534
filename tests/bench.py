"""Benchmark of the main pages: ``make bench`` (``python -m tests.bench``).

Runs the site for real, as in production: gunicorn with 2 workers, the production settings (DEBUG off,
hashed static files), PostgreSQL (``BENCH_DATABASE_URL``, default the ``bench`` database, see
``practices.bench``) with the site's content and 10,000 example practices, Redis (``BENCH_REDIS_URL``) as
the shared cache. Two servers run side by side: one with the anonymous page cache off
(``PAGE_CACHE_SECONDS=0``) for every row, one with it on for the "page cache" rows.

For each page it prints ONE table row:

- SQL queries of one request (Django's test client with the same settings, after a warm-up request);
- median and 90th percentile of single requests, one after the other (keep-alive ``http.client``);
- requests/s under 8 concurrent clients (``wrk -c 8``), and that rate as a ratio to the rate of a
  hello-world view with the same middleware, measured in the same run (the figure to compare: it cancels
  out most of the machine's speed and load);
- CPU milliseconds per request of the app and the database together (gunicorn workers and PostgreSQL
  backends, read from /proc over the concurrent run): the other figure that load barely changes.

    .venv/bin/python -m tests.bench [--practices 10000] [--runs 30] [--seconds 5] [--only catalogue ...]
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HELLO = "/_bench/hello/"
NO_RESULTS = "/cerca/?q="  # followed by a random string, a new one for every request
PAGE_CACHE_ON = "600"
SINGLE_BUDGET = 12  # seconds of single requests per row at most (the whole run stays near 10 minutes)
MIN_RUNS = 10


def random_word():
    return "".join(random.choices(string.ascii_lowercase, k=12))  # noqa: S311 (not a secret)


def rows(sample):
    """(label, path, served with the page cache on)."""
    from practices.bench import CATALOGUE_QUERY

    pages = [
        ("home", "/"),
        ("practice page", sample["practice"]),
        ("news page", sample["news"]),
        ("event page", sample["event"]),
        ("Province page", sample["province"]),
        ("newsroom", "/sala-stampa/"),
        ("catalogue", "/buone-pratiche/"),
        ("catalogue, query + 2 facets", "/buone-pratiche/?" + urlencode(CATALOGUE_QUERY)),
        ("search with results", "/cerca/?q=province+comuni"),
        ("search, no results (random)", NO_RESULTS),
    ]
    table = [(label, path, False) for label, path in pages if path]
    table += [("home, page cache", "/", True), ("news page, page cache", sample["news"], True)]
    return [row for row in table if row[1]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(page_cache_seconds, static_root):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
            "DATABASE_URL": os.environ["BENCH_DATABASE_URL"],
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(static_root),
            "PAGE_CACHE_SECONDS": page_cache_seconds,
            "BENCH_HELLO_WORLD": "1",
            "CONN_MAX_AGE": "3600",  # persistent connections (production: 60 s) kept for the whole run
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603 (our own commands)


class Server:
    """gunicorn, 2 sync workers, on a free port."""

    def __init__(self, env, workers=2):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the server runs)
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            [
                *(gunicorn, "site_cms.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"),
                *("--timeout", "120"),  # a busy machine must not get a slow first request killed
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _body = self.get(HELLO)
                if status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        self.log.seek(0)
        sys.exit("gunicorn did not start:\n" + self.log.read().decode(errors="replace")[-3000:])

    def get(self, path, connection=None):
        conn = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError):
            # A sync worker closes the connection after each answer: a closed connection is opened again.
            conn.close()
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
        body = response.read()
        if connection is None:
            conn.close()
        return response.status, body

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def path_for(path):
    return path + random_word() if path == NO_RESULTS else path


def single_requests(server, path, runs, budget=SINGLE_BUDGET):
    """Median and p90 in ms of ``runs`` requests one after the other (after warm-up requests); fewer, but at
    least MIN_RUNS, when they take longer than ``budget`` seconds in all (a slow or busy machine)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    for _ in range(3):
        server.get(path_for(path), conn)
    times = []
    deadline = time.monotonic() + budget
    for _ in range(runs):
        if len(times) >= MIN_RUNS and time.monotonic() > deadline:
            break
        start = time.perf_counter()
        status, _body = server.get(path_for(path), conn)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
    conn.close()
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.9) - 1)]


WRK_RANDOM_QUERY = """
math.randomseed(os.time())
request = function()
  local word = ""
  for i = 1, 12 do word = word .. string.char(math.random(97, 122)) end
  return wrk.format("GET", "%s" .. word)
end
"""


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    """CPU seconds (user + system) a process has used so far (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def server_pids(server):
    """The gunicorn workers of a server and the PostgreSQL backends of the benchmark's database."""
    import psycopg2

    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    pids = {int(pid) for pid in children.read_text().split()} if children.exists() else set()
    with psycopg2.connect(os.environ["BENCH_DATABASE_URL"]) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids |= {row[0] for row in cursor.fetchall()}
    db.close()
    return pids


def rate(server, path, seconds, clients=8):
    """Requests/s under ``clients`` concurrent keep-alive clients (wrk), the non-2xx/3xx answers, and the
    CPU time per request of the app and the database together (gunicorn workers + PostgreSQL backends):
    a figure the machine's other load barely changes, unlike the times."""
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s"]
    script = None
    if path == NO_RESULTS:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(WRK_RANDOM_QUERY % path)
        script.close()
        command += ["-s", script.name]
    command.append(f"http://127.0.0.1:{server.port}{path}")
    pids = server_pids(server)
    before = {pid: process_cpu(pid) for pid in pids}
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    # A process that ended during the run is left out (its CPU time can no longer be read): the servers keep
    # their database connections for the whole run (CONN_MAX_AGE) so that none does.
    after = {pid: process_cpu(pid) for pid in server_pids(server)}
    cpu = sum(max(0.0, used - before.get(pid, 0.0)) for pid, used in after.items())
    if script:
        os.unlink(script.name)
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    requests = re.search(r"(\d+) requests in", output)
    cpu_ms = cpu * 1000 / int(requests.group(1)) if requests and int(requests.group(1)) else 0.0
    return float(found.group(1)) if found else 0.0, int(errors.group(1)) if errors else 0, cpu_ms


def count_queries(env, paths):
    """SQL queries of one request per path, in a process with the servers' settings (test client)."""
    result = run(
        [PYTHON, "-m", "tests.bench", "--count-queries"],
        {**env, "BENCH_PATHS": json.dumps(paths)},
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def count_queries_here():
    """Child process of count_queries: Django with the servers' settings, one warm-up request per path."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.query_counts import queries_of

    client = Client()
    counts = {}
    for path in json.loads(os.environ["BENCH_PATHS"]):
        client.get(path_for(path))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path_for(path))
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
        counts[path] = len(queries_of(captured))
    print(json.dumps(counts))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30, help="single requests per page")
    parser.add_argument("--seconds", type=int, default=5, help="duration of each concurrent run")
    parser.add_argument("--only", nargs="*", help="rows whose label contains one of these words")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.count_queries:
        return count_queries_here()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk).")
    sys.path.insert(0, str(ROOT))
    from practices.bench import database_url

    os.environ["BENCH_DATABASE_URL"] = database_url()
    began = time.monotonic()
    print(f"Preparing {os.environ['BENCH_DATABASE_URL']} (content and {args.practices} example practices)")
    dev = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_cms.settings.dev", "PYTHONPATH": str(ROOT)}
    prepared = run(
        [PYTHON, "-m", "practices.bench", "--prepare", "--count", str(args.practices)],
        dev,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(prepared.stderr)
    sample = json.loads(prepared.stdout.strip().splitlines()[-1])
    static_root = ROOT / ".bench" / "static"
    uncached_env = server_env("0", static_root)
    cached_env = server_env(PAGE_CACHE_ON, static_root)
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        uncached_env,
    )
    # The bench's own Redis database starts empty: nothing cached from an earlier run (or an earlier
    # database of the same name) is served.
    import redis

    redis.Redis.from_url(uncached_env["REDIS_URL"]).flushdb()
    table = rows(sample)
    if args.only:
        table = [row for row in table if any(word.lower() in row[0].lower() for word in args.only)]
    queries = count_queries(uncached_env, [HELLO] + [path for _label, path, cached in table if not cached])
    queries_cached = count_queries(cached_env, [path for _label, path, cached in table if cached])
    print(f"Servers: gunicorn, 2 workers each, production settings; {sample['practices']} live practices")
    servers = {False: Server(uncached_env), True: Server(cached_env)}
    try:
        hello_before, _errors, hello_cpu = rate(servers[False], HELLO, args.seconds)
        results = []
        for label, path, cached in table:
            server = servers[cached]
            median, p90 = single_requests(server, path, args.runs)
            per_second, errors, cpu_ms = rate(server, path, args.seconds)
            count = (queries_cached if cached else queries)[path]
            results.append((label, count, median, p90, per_second, errors, cpu_ms))
            print(f"  measured {label}", file=sys.stderr, flush=True)
        hello_median, hello_p90 = single_requests(servers[False], HELLO, args.runs)
        hello_after = rate(servers[False], HELLO, args.seconds)[0]
    finally:
        for server in servers.values():
            server.stop()
    hello = (hello_before + hello_after) / 2
    print()
    print(
        "| page | SQL queries | median ms | p90 ms | req/s (8 clients) | × hello-world | CPU ms/request |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
        f"| hello-world (same middleware) | {queries[HELLO]} | {hello_median:.1f} | {hello_p90:.1f} | {hello:.0f} "
        f"| 1.000 | {hello_cpu:.1f} |"
    )
    for label, count, median, p90, per_second, errors, cpu_ms in results:
        note = f" ({errors} non-2xx)" if errors else ""
        print(
            f"| {label} | {count} | {median:.1f} | {p90:.1f} | {per_second:.1f}{note} | {per_second / hello:.3f} "
            f"| {cpu_ms:.1f} |"
        )
    print()
    print(
        f"hello-world: {hello_before:.0f} req/s before the pages, {hello_after:.0f} after (the ratio uses the "
        f"mean); {args.runs} single requests (at least {MIN_RUNS} and {SINGLE_BUDGET} s) and {args.seconds} s "
        "of 8 clients per row; "
        f"{time.monotonic() - began:.0f} s in all."
    )
    return None


if __name__ == "__main__":
    main()
