"""The production topology on one machine, under load (``make scale-demo``).

Varnish (deploy/varnish/default.vcl) in front of two gunicorn app servers on different ports, load-balanced
round robin; one PostgreSQL database (``province_scale_demo`` by default), the shared Redis, shared media
and document folders. It loads the content, runs a bounded load through the proxy with wrk (64
connections, 60 seconds), publishes a changed page halfway, and reports the throughput, the responses
that were not 2xx, and when the change became visible on each app server and through the proxy. It
stops everything it started; the database and the folders are kept for the next run (``--fresh`` starts
them again).

Needs: varnishd, wrk, PostgreSQL at DATABASE (trust or password in the URL), Redis at REDIS_URL.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
LUA = ROOT / "deploy" / "scale_demo.lua"

# Run with `manage.py shell` before the load starts (Django takes a while to start on a saturated machine):
# it says which page it will change, then publishes the change when told to (a line on its input).
PUBLISH = """
import sys, time
from home.models import ContentPage
page = ContentPage.objects.live().filter(locale__language_code="it").order_by("path").first()
print("PATH", page.url, flush=True)
sys.stdin.readline()
page.intro = "Aggiornamento della prova di carico: {marker}."
page.save_revision().publish()
print("PUBLISHED", time.time(), flush=True)
"""


def log(message):
    print(f"[scale-demo {time.strftime('%H:%M:%S')}] {message}", flush=True)


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local servers only
        return response.status, response.headers, response.read().decode("utf-8", "replace")


def wait_for(url, process, what, seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return get(url, timeout=5)
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit(f"{what} did not start ({url})") from None
            time.sleep(0.3)


def run(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def ensure_database(url, fresh):
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            log(f"created database {name}")
    admin.close()


def backends_vcl(ports):
    # The same probe as deploy/varnish/backends.vcl.
    probe = (
        "probe app_health {\n"
        '    .url = "/robots.txt"; .interval = 3s; .timeout = 5s;\n'
        "    .window = 5; .threshold = 2; .initial = 2;\n}\n"
    )
    backends = "".join(
        f'backend app{i} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = app_health; }}\n'
        for i, port in enumerate(ports)
    )
    init = "sub vcl_init {\n    new app = directors.round_robin();\n"
    init += "".join(f"    app.add_backend(app{i});\n" for i in range(len(ports)))
    return probe + backends + init + "}\n"


def stop(process, name):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log(f"stopped {name}")


def watch_change(targets, path, marker, until):
    """Polls every target for ``path`` until it shows ``marker``; the times it first did, by target."""
    seen = {}

    def poll(name, base):
        while time.time() < until:
            try:
                if marker in get(base + path, timeout=5)[2]:
                    seen[name] = time.time()
                    return
            except OSError:
                pass
            time.sleep(0.05)

    workers = [threading.Thread(target=poll, args=item, daemon=True) for item in targets.items()]
    for worker in workers:
        worker.start()
    return seen, workers


def warm(base, paths):
    """Visits every page once, as a site in service has been visited before (four at a time)."""
    from concurrent.futures import ThreadPoolExecutor

    def visit(path):
        try:
            get(base + path, timeout=60)
        except OSError as error:
            log(f"warm-up: {path}: {error}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(visit, paths))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=64, help="concurrent connections (default 64)")
    parser.add_argument("--app-ports", default="8001,8002", help="the app servers' ports")
    parser.add_argument("--proxy-port", type=int, default=6081)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--publish-at", type=float, default=0.25, help="when the publish starts, as a fraction of the run"
    )
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "SCALE_DEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/province_scale_demo"
        ),
    )
    parser.add_argument(
        "--redis", default=os.environ.get("SCALE_DEMO_REDIS_URL", "redis://127.0.0.1:6379/12")
    )
    parser.add_argument("--workdir", default=str(ROOT / ".scale-demo"), help="shared media, documents, state")
    parser.add_argument("--fresh", action="store_true", help="drop the database and the folders first")
    args = parser.parse_args()

    for tool in ("varnishd", "wrk"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            raise SystemExit(f"{tool} is not installed (apt-get install varnish wrk)")
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    workdir = Path(args.workdir)
    if args.fresh and workdir.exists():
        shutil.rmtree(workdir)
    for folder in ("media", "documents", "static", "varnish"):
        (workdir / folder).mkdir(parents=True, exist_ok=True)
    ports = [int(p) for p in args.app_ports.split(",")]
    proxy = f"http://127.0.0.1:{args.proxy_port}"

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "SECRET_KEY": "scale-demo-only-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": args.database,
        "REDIS_URL": args.redis,
        "MEDIA_ROOT": str(workdir / "media"),
        "DOCUMENTS_ROOT": str(workdir / "documents"),
        "STATIC_ROOT": str(workdir / "static"),
        "FRONTEND_CACHE_URL": proxy,
        "TRUSTED_PROXY_COUNT": "1",
        "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "600"),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("PORT", None)

    ensure_database(args.database, args.fresh)
    log("migrate, load the content, collect the static files")
    setup_env = {k: v for k, v in env.items() if k != "FRONTEND_CACHE_URL"}  # Varnish is not started yet
    run(setup_env, "migrate", "--noinput", "-v0")
    run(setup_env, "load_site_content", "-v0")
    run(setup_env, "collectstatic", "--noinput", "-v0")

    processes = {}
    try:
        for i, port in enumerate(ports, 1):
            processes[f"app server {i} (:{port})"] = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "site_cms.wsgi", "--workers", str(args.workers)]
                + ["--worker-class", "gthread", "--threads", str(args.threads)]
                + ["--bind", f"127.0.0.1:{port}", "--access-logfile", "-", "--log-level", "warning"],
                env=env,
                cwd=ROOT,
                stdout=open(workdir / f"app{i}.log", "w"),  # noqa: SIM115 - closed with the process
                stderr=subprocess.STDOUT,
            )
        (workdir / "varnish" / "backends.vcl").write_text(backends_vcl(ports))
        varnish = subprocess.Popen(
            [varnishd, "-F", "-j", "none", "-n", str(workdir / "varnish" / "state")]
            + ["-a", f"127.0.0.1:{args.proxy_port}", "-f", str(VCL)]
            + ["-p", f"vcl_path={workdir / 'varnish'}:{VCL.parent}", "-s", "malloc,256m"],
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "varnish.log", "w"),  # noqa: SIM115 - closed with the process
        )
        processes["varnish"] = varnish
        for (name, process), port in zip(processes.items(), ports, strict=False):
            wait_for(f"http://127.0.0.1:{port}/robots.txt", process, name)
        wait_for(proxy + "/robots.txt", varnish, "varnish")
        log(
            f"Varnish :{args.proxy_port} → gunicorn :{', :'.join(map(str, ports))} "
            f"({args.workers} workers × {args.threads} threads each)"
        )

        sitemap = get(proxy + "/sitemap.xml")[2]
        paths = sorted({urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
        paths_file = workdir / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        started = time.monotonic()
        warm(proxy, paths)
        log(f"{len(paths)} pages from the sitemap, visited once in {time.monotonic() - started:.1f} s")
        log(f"load: {args.clients} connections for {args.duration} s through Varnish")

        marker = f"modifica-{int(time.time())}"
        publisher = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "shell", "-c", PUBLISH.format(marker=marker)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        path = next(line.split()[1] for line in publisher.stdout if line.startswith("PATH "))
        wrk = subprocess.Popen(
            [
                "wrk",
                "-t2",
                f"-c{args.clients}",
                f"-d{args.duration}s",
                "--timeout",
                "10s",
                "-s",
                str(LUA),
                proxy,
            ],
            env={**os.environ, "SCALE_DEMO_PATHS": str(paths_file)},
            stdout=subprocess.PIPE,
            text=True,
        )
        load_started = time.time()
        targets = {f"app server {i} (:{port})": f"http://127.0.0.1:{port}" for i, port in enumerate(ports, 1)}
        targets["through Varnish"] = proxy
        seen, watchers = watch_change(targets, path, marker, until=load_started + args.duration + 60)
        # The publish itself takes a while on a machine saturated by the load (the load generator runs on
        # it too): it is started at a quarter of the run so that it ends within it.
        time.sleep(args.duration * args.publish_at)
        publisher.stdin.write("publish\n")
        publisher.stdin.flush()
        published_at = float(
            next(line.split()[1] for line in publisher.stdout if line.startswith("PUBLISHED "))
        )
        publisher.wait(timeout=60)
        log(
            f"published a change of {path}: started at {args.duration * args.publish_at:.0f} s into the load, "
            f"done at {published_at - load_started:.1f} s"
        )
        for watcher in watchers:
            watcher.join()
        output, _ = wrk.communicate(timeout=args.duration + 60)
        stats = subprocess.run(
            ["varnishstat", "-1", "-n", str(workdir / "varnish" / "state")]
            + [
                arg for field in ("cache_hit", "cache_miss", "backend_req") for arg in ("-f", f"MAIN.{field}")
            ],
            capture_output=True,
            text=True,
        ).stdout
    finally:
        for name, process in reversed(list(processes.items())):
            stop(process, name)

    statuses = {int(s): int(n) for s, n in re.findall(r"STATUS (\d+) (\d+)", output)}
    total = sum(statuses.values())
    not_2xx = sum(n for s, n in statuses.items() if not 200 <= s < 300)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = re.search(r"LATENCY (.*)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    print()
    print("Scale demo: Varnish + 2 gunicorn app servers + PostgreSQL + Redis + shared folders")
    print(
        f"  load:            {args.clients} connections, {args.duration} s, {len(paths)} pages, through Varnish"
    )
    print(f"  requests:        {total}  ({rate.group(1) if rate else '?'} per second)")
    print(f"  latency:         {latency.group(1) if latency else '?'}")
    print(f"  non-2xx:         {not_2xx}  (statuses: {dict(sorted(statuses.items()))})")
    print(f"  socket errors:   {errors.group(1) if errors else 'none'} (a timeout: no answer within 10 s)")
    counters = dict(re.findall(r"MAIN\.(\w+)\s+(\d+)", stats))
    print(
        f"  Varnish:         {counters.get('cache_hit', '?')} hits, {counters.get('cache_miss', '?')} misses, "
        f"{counters.get('backend_req', '?')} requests to the app servers (warm-up included)"
    )
    for name in targets:
        shown = (
            f"{seen[name] - published_at:.2f} s after the publish"
            if name in seen
            else "NOT by a minute after the load"
        )
        print(f"  change visible {name + ':':<24} {shown}")
    # What must hold: every answer 2xx, the change seen on both app servers and through Varnish. Timeouts
    # (the first visitors of each page after the whole-site purge, waiting for it to be rendered again
    # while the load goes on) are reported above, not counted as failures.
    ok = not_2xx == 0 and total > 0 and len(seen) == len(targets)
    print("  result:          " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
