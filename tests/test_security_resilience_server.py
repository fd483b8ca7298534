"""Resilience of the site as deployed: a real gunicorn server (two workers, persistent database
connections), its own Redis, real stops and kills while requests run.

The server runs on a copy of the migrated test database (tests/resilience_app.py adds the home pages and
an administrator), so nothing it writes reaches the test database; its Redis is a ``redis-server`` of its
own on a free port, never the machine's shared one. Every wait has a deadline: a test that cannot get its
answer fails, it never hangs.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

# The server runs on a copy of the test database: the marker makes pytest-django create that database even
# when this module runs alone (it sets up only the databases that the collected tests ask for).
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_SERVER = shutil.which("redis-server")
ADMIN, PASSWORD = "resilienza", "resilienza-di-prova-2026"
PDF_HEAD = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n"
UPLOAD_SIZE = 4 * 1024 * 1024  # above Django's in-memory limit: the upload goes through a temporary file
LOAD_PATHS = ["/", "/en/", "/sitemap.xml", "/robots.txt"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout} s: {message}")
        time.sleep(0.05)


# Redis ---------------------------------------------------------------------------------------------


class RedisServer:
    """A ``redis-server`` of the tests' own, without persistence, that they stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def answers(self):
        try:
            return self.client().ping()
        except OSError:
            return False
        except Exception:  # noqa: BLE001 (redis's own ConnectionError while it starts)
            return False

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, 10, "redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server():
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


# The server's database -----------------------------------------------------------------------------


class ServerDatabase:
    """A copy of the migrated test database, for the app server, with plain DB-API access for the checks."""

    def __init__(self, vendor, url, connect, params=None):
        self.vendor, self.url, self.connect, self.params = vendor, url, connect, params

    def scalar(self, sql, params=()):
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql.replace("%s", "?") if self.vendor == "sqlite" else sql, params)
            return cursor.fetchone()[0]
        finally:
            connection.close()


def _postgres_params(settings_dict, dbname):
    return {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": dbname,
    }


def _test_database_name(connection):
    """The test database's name: ``NAME`` once pytest-django has switched it (it has not always done so when
    a module's fixture runs), else the name it gives the test database."""
    name = connection.settings_dict["NAME"]
    if name == (connection.settings_dict.get("TEST") or {}).get("NAME") or str(name).startswith("test_"):
        return name
    return connection.creation._get_test_db_name()


@pytest.fixture(scope="module")
def server_database(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection, connections

    settings_dict = connection.settings_dict
    name = _test_database_name(connection)
    if connection.vendor == "sqlite":
        if not Path(name).is_file():
            pytest.skip("the test database is not a file")
        target = tmp_path_factory.mktemp("resilience") / "server.sqlite3"
        source, copy = sqlite3.connect(name), sqlite3.connect(target)
        try:
            source.backup(copy)  # what is committed: the migrations only
        finally:
            source.close()
            copy.close()
        yield ServerDatabase("sqlite", f"sqlite:///{target}", lambda: sqlite3.connect(target, timeout=10))
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"no server database for {connection.vendor}")
    import psycopg2

    if connection.in_atomic_block:
        pytest.skip("the test database is in a transaction: it cannot be copied")
    # CREATE DATABASE … TEMPLATE needs the template to have no other session: close ours (the next test
    # that uses the database opens it again).
    connections.close_all()
    copy_name = f"{name}_server"
    admin = psycopg2.connect(**_postgres_params(settings_dict, "postgres"), connect_timeout=10)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [copy_name])
        if cursor.fetchone():  # left by an interrupted run
            cursor.execute(f'DROP DATABASE "{copy_name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{name}"')
    params = _postgres_params(settings_dict, copy_name)
    user = f"{params['user']}:{params['password'] or ''}@" if params["user"] else ""
    try:
        yield ServerDatabase(
            "postgresql",
            f"postgres://{user}{params['host']}:{params['port']}/{copy_name}",
            lambda: psycopg2.connect(**params, connect_timeout=10),
            params,
        )
    finally:
        admin.close()
        # Dropping a database waits for a checkpoint (seconds on a busy server): a process of its own
        # drops it while the tests go on.
        subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [
                sys.executable,
                "-c",
                DROP_DATABASE,
                json.dumps(_postgres_params(settings_dict, "postgres")),
                copy_name,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


DROP_DATABASE = """
import json, sys, psycopg2
connection = psycopg2.connect(**json.loads(sys.argv[1]), connect_timeout=10)
connection.autocommit = True
connection.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[2])
"""


# The app server ------------------------------------------------------------------------------------


class AppServer:
    def __init__(self, process, base, log, documents_root):
        self.process, self.base, self.log, self.documents_root = process, base, log, documents_root

    def status(self, path, timeout=15, headers=None):
        """The status of a GET, or the name of the error when no answer came."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (local URL)
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return {int(pid) for pid in children.split()}

    def log_text(self):
        return self.log.read_text(errors="replace")

    def stored_files(self):
        return sorted(
            str(p.relative_to(self.documents_root)) for p in self.documents_root.rglob("*") if p.is_file()
        )


@pytest.fixture(scope="module")
def app_server(server_database, redis_server, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("resilience-server")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.resilience_settings",
        "DATABASE_URL": server_database.url,
        "CONN_MAX_AGE": "600",
        "REDIS_URL": redis_server.url,
        "MEDIA_ROOT": str(workdir / "media"),
        "DOCUMENTS_ROOT": str(workdir / "documents"),
        "RESILIENCE_ADMIN": ADMIN,
        "RESILIENCE_PASSWORD": PASSWORD,
        "TMPDIR": str(workdir),
    }
    log = workdir / "gunicorn.log"
    command = [
        str(GUNICORN),
        "tests.resilience_app",
        "--preload",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "30",
        "--graceful-timeout",
        "20",
        "--no-control-socket",  # gunicorn's default socket is one per user, shared by every server
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = AppServer(process, f"http://127.0.0.1:{port}", log, workdir / "documents")
    try:
        wait_for(
            lambda: process.poll() is not None or server.status("/robots.txt", timeout=5) == 200,
            90,
            "gunicorn did not start",
        )
        assert process.poll() is None, server.log_text()
        assert server.status("/") == 200, server.log_text()
        yield server
    finally:
        # Quick shutdown: the workers stop at once; the master, which would then wait out its graceful
        # timeout, is killed if it lingers.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(autouse=True)
def _server_log(request):
    """The end of the server's log, printed after each test: pytest shows it when the test failed."""
    yield
    if "app_server" in request.fixturenames:
        lines = request.getfixturevalue("app_server").log_text().splitlines()
        print("gunicorn's log, last lines:", *lines[-40:], sep="\n")


class Load:
    """Clients that request ``paths`` in turn, each noting when its request started and what came back."""

    def __init__(self, server, paths=LOAD_PATHS, clients=4):
        self.server, self.paths, self.clients = server, paths, clients
        self.results = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)]

    def _run(self, offset):
        i = offset
        while not self.stopping.is_set():
            path = self.paths[i % len(self.paths)]
            started = time.monotonic()
            status = self.server.status(path, timeout=30)
            with self.lock:
                self.results.append((started, path, status))
            i += 1

    def started_after(self, moment):
        with self.lock:
            return [(path, status) for started, path, status in self.results if started > moment]

    def wait_for_requests_after(self, moment, count, timeout=60):
        wait_for(
            lambda: len(self.started_after(moment)) >= count, timeout, f"{count} requests after the event"
        )

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=25)


# Redis stops and comes back ------------------------------------------------------------------------


def test_redis_going_away_mid_run_and_coming_back(app_server, redis_server):
    log_start = len(app_server.log_text())
    assert app_server.status("/") == 200
    assert redis_server.client().dbsize() > 0  # the site does cache in this Redis
    with Load(app_server) as load:
        load.wait_for_requests_after(time.monotonic(), 4)
        redis_server.kill()
        stopped = time.monotonic()
        load.wait_for_requests_after(stopped, 12)
        redis_server.start()  # empty: no persistence
        back = time.monotonic()
        load.wait_for_requests_after(back, 12)
    # Not even the requests in flight fail: a cache error is a cache miss.
    assert {status for _started, _path, status in load.results} == {200}
    log = app_server.log_text()[log_start:]
    assert "Cache non raggiungibile" in log, log  # logged at WARNING (the level of the root handler)
    assert "Traceback" not in log, log
    # The workers use Redis again by themselves.
    assert redis_server.client().dbsize() > 0


# The database drops its connections ----------------------------------------------------------------


def _terminate_backends(server_database):
    """Terminate every connection to the server's database; return when they are gone."""
    import psycopg2

    params = server_database.params
    monitor = psycopg2.connect(**{**params, "dbname": "postgres"}, connect_timeout=10)
    monitor.autocommit = True
    name = params["dbname"]
    try:
        with monitor.cursor() as cursor:
            cursor.execute(
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
            )
            pids = [pid for pid, _done in cursor.fetchall()]

            def gone():
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
                return cursor.fetchone()[0] == 0

            wait_for(gone, 10, "the terminated backends are still there")
        return len(pids)
    finally:
        monitor.close()


@pytest.mark.postgres
def test_killing_the_database_connections_fails_no_later_request(app_server, server_database):
    if server_database.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only: SQLite is a file opened by each worker, it has no server that could drop "
            "the connections"
        )
    # Under load: the requests in flight may fail, none of those that start once the connections are gone.
    with Load(app_server) as load:
        load.wait_for_requests_after(time.monotonic(), 8)
        assert _terminate_backends(server_database) >= 1  # at least the workers' persistent connections
        killed = time.monotonic()
        load.wait_for_requests_after(killed, 16)
    assert [(path, status) for path, status in load.started_after(killed) if status != 200] == []
    assert len([status for _started, _path, status in load.results if status != 200]) <= load.clients
    # Between requests: each idle worker holds a dead connection, and finds it out at its next request.
    assert _terminate_backends(server_database) >= 1
    with Load(app_server) as load:
        load.wait_for_requests_after(0, 16)
    assert {status for _started, _path, status in load.results} == {200}


# A worker restart during an upload ----------------------------------------------------------------


class AdminSession:
    """An administrator logged in through the admin's login form, with plain HTTP."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}
        self.csrf = ""

    def _request(self, method, path, body=None, headers=None, timeout=60):
        connection = http.client.HTTPConnection(self.server.base.removeprefix("http://"), timeout=timeout)
        try:
            connection.request(method, path, body=body, headers={**self._headers(), **(headers or {})})
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        self._keep_cookies(response)
        return response, data

    def _headers(self):
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def _keep_cookies(self, response):
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.csrf = self.cookies.get("csrftoken", self.csrf)

    def log_in(self):
        response, _data = self._request("GET", "/admin/login/")
        assert response.status == 200
        form = f"username={ADMIN}&password={PASSWORD}&csrfmiddlewaretoken={self.csrf}&next=/admin/"
        response, data = self._request(
            "POST", "/admin/login/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert response.status == 302, data[:2000]
        assert "sessionid" in self.cookies

    def upload_request(self, title):
        """The multipart request of the admin's document upload: (path, headers, head, file body, tail)."""
        response, _data = self._request("GET", "/admin/documents/multiple/add/")
        assert response.status == 200
        boundary = uuid.uuid4().hex
        collection = self.server_root_collection

        def field(name, value):
            return (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )

        head = (
            field("csrfmiddlewaretoken", self.csrf)
            + field("title", title)
            + field("collection", collection)
            + f'--{boundary}\r\nContent-Disposition: form-data; name="files[]"; filename="{title}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        content = PDF_HEAD + b"%" + b"x" * (UPLOAD_SIZE - len(PDF_HEAD) - 8) + b"\n%%EOF\n"
        tail = f"\r\n--{boundary}--\r\n".encode()
        headers = {
            **self._headers(),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(len(head) + len(content) + len(tail)),
            "X-Requested-With": "XMLHttpRequest",
            "X-CSRFToken": self.csrf,
        }
        return "/admin/documents/multiple/add/", headers, head + content + tail

    def upload(self, title, during=None, timeout=60):
        """Upload a large PDF; ``during`` runs once half of it is sent. The JSON answer, or the error."""
        path, headers, body = self.upload_request(title)
        half = len(body) // 2
        connection = http.client.HTTPConnection(self.server.base.removeprefix("http://"), timeout=timeout)
        try:
            connection.putrequest("POST", path)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.endheaders()
            connection.send(body[:half])
            if during is not None:
                during()
            connection.send(body[half:])
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__
        finally:
            connection.close()
        assert response.status == 200, data[:2000]
        return json.loads(data)


def _documents(server_database):
    return server_database.scalar("SELECT count(*) FROM core_sitedocument")


@pytest.fixture
def admin(app_server, server_database):
    wait_for(lambda: len(app_server.workers()) == 2, 20, "the server has not its two workers")
    session = AdminSession(app_server)
    session.server_root_collection = server_database.scalar(
        "SELECT id FROM wagtailcore_collection WHERE depth = 1"
    )
    session.log_in()
    return session


def test_a_graceful_worker_restart_during_an_upload_lets_it_complete(app_server, server_database, admin):
    before_documents = _documents(server_database)
    before_workers = set()

    def restart_workers():  # as gunicorn's --max-requests or a deployment's rolling restart does
        # Half of the file is sent: one of the workers is reading it.
        before_workers.update(app_server.workers())
        for pid in before_workers:
            os.kill(pid, signal.SIGTERM)  # a worker finishes the request it serves, then exits
        wait_for(lambda: len(app_server.workers() - before_workers) >= 1, 20, "no new worker")

    answer = admin.upload("caricato-durante-il-riavvio", during=restart_workers)
    assert answer["success"] is True, answer
    assert _documents(server_database) == before_documents + 1
    stored = server_database.scalar("SELECT file FROM core_sitedocument WHERE id = %s", [answer["doc_id"]])
    assert (app_server.documents_root / stored).stat().st_size == UPLOAD_SIZE
    wait_for(lambda: not (app_server.workers() & before_workers), 20, "the old workers did not stop")
    assert admin.upload("caricato-dopo-il-riavvio")["success"] is True


def test_a_worker_killed_during_an_upload_leaves_no_half_written_document(app_server, server_database, admin):
    # The first half of the file can still wait in the listening socket when the workers die (no worker has
    # taken the request yet); the new workers then serve it whole. Such an attempt is a complete upload,
    # not the case under test: the test tries again until a worker was killed while reading.
    for attempt in range(3):
        before_documents, before_files = _documents(server_database), app_server.stored_files()
        before_workers = set()

        def kill_workers(before_workers=before_workers):  # as the out-of-memory killer or a timeout would
            before_workers.update(app_server.workers())
            for pid in before_workers:
                os.kill(pid, signal.SIGKILL)

        answer = admin.upload(f"caricato-durante-la-caduta-{attempt}", during=kill_workers)
        wait_for(
            lambda b=before_workers: len(app_server.workers() - b) == 2, 20, "the workers were not replaced"
        )
        if isinstance(answer, str):  # the client saw the connection fail
            break
        assert answer["success"] is True and _documents(server_database) == before_documents + 1, answer
    else:
        pytest.fail("in three attempts the workers were never killed while one read the upload")
    assert _documents(server_database) == before_documents
    assert app_server.stored_files() == before_files
    # The master has replaced the workers; the next attempt succeeds.
    answer = admin.upload("caricato-al-secondo-tentativo")
    assert answer["success"] is True, answer
    assert _documents(server_database) == before_documents + 1
    assert re.search(r"caricato-al-secondo-tentativo", "".join(app_server.stored_files()))
