"""The production topology's reverse proxy, for real: Varnish (deploy/varnish/default.vcl) in front of
gunicorn, on the browser tier's database (migrated and loaded like a new machine).

A page is served from Varnish the second time; a page published from another process (``manage.py
shell``, as an editor's publish or ``publish_scheduled`` would) shows through the proxy within two
seconds, because the publish purges Wagtail's frontend cache (``FRONTEND_CACHE_URL``). With Redis on
127.0.0.1:6379 the app servers share their page cache there (as in production); without it their own
page cache is off and only the proxy caches.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import MANAGE, ROOT, _free_port

VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None
)
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
REDIS_DB = "redis://127.0.0.1:6379/13"

pytestmark = [
    pytest.mark.proxy,
    pytest.mark.skipif(VARNISHD is None, reason="Varnish is not installed (apt-get install varnish)"),
]


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def get(url):
    """(status, headers, body) of a plain GET with no cookie, as an anonymous visitor's."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test server
        return response.status, response.headers, response.read().decode()


def wait_for(url, process, what):
    deadline = time.monotonic() + 60
    while True:
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


def backends_vcl(ports):
    lines = [f'backend app{i} {{ .host = "127.0.0.1"; .port = "{port}"; }}' for i, port in enumerate(ports)]
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines += [f"    app.add_backend(app{i});" for i in range(len(ports))]
    lines.append("}")
    return "\n".join(lines) + "\n"


def start_varnish(workdir, backend_ports, port):
    """varnishd in the foreground with the repository's VCL and ``backend_ports`` as its app servers."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "backends.vcl").write_text(backends_vcl(backend_ports))
    command = [
        VARNISHD,
        "-F",
        "-j",
        "none",
        "-n",
        str(workdir / "state"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(VCL),
        "-p",
        f"vcl_path={workdir}:{VCL.parent}",
        "-s",
        "malloc,64m",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def proxied_site(site_url, site_env, tmp_path_factory):
    """(proxy URL, app URL, the app's environment): gunicorn behind Varnish, stopped after the module."""
    workdir = tmp_path_factory.mktemp("proxy")
    app_port, proxy_port = _free_port(), _free_port()
    env = {
        **site_env,
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{proxy_port}",
        "PAGE_CACHE_SECONDS": "600" if redis_available() else "0",
        "LOG_LEVEL": "ERROR",
    }
    if redis_available():
        env["REDIS_URL"] = REDIS_DB
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "site_cms.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{app_port}",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    varnish = start_varnish(workdir, [app_port], proxy_port)
    try:
        app_url, proxy_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{proxy_port}"
        wait_for(app_url + "/robots.txt", app, "gunicorn")
        wait_for(proxy_url + "/robots.txt", varnish, "varnishd")
        yield proxy_url, app_url, env
    finally:
        stop(varnish)
        stop(app)


def shell(env, code):
    result = subprocess.run(
        [*MANAGE, "shell", "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


CREATE_PAGE = """
from home.models import ContentPage, HomePage
home = HomePage.objects.get(locale__language_code="it")
page = home.add_child(instance=ContentPage(title="Prova del proxy, prima versione", slug="prova-proxy"))
page.save_revision().publish()
print(page.url)
"""

PUBLISH_CHANGE = """
from home.models import ContentPage
page = ContentPage.objects.get(slug="prova-proxy")
page.title = "Prova del proxy, seconda versione"
page.save_revision().publish()
print("published")
"""


def test_publish_shows_through_the_proxy_within_two_seconds(proxied_site):
    proxy_url, app_url, env = proxied_site
    path = shell(env, CREATE_PAGE)
    status, headers, body = get(proxy_url + path)
    assert status == 200 and "prima versione" in body
    assert headers["Cache-Control"].startswith("public") and "s-maxage=" in headers["Cache-Control"]
    status, headers, body = get(proxy_url + path)
    assert headers["X-Cache"] == "hit" and "prima versione" in body
    get(proxy_url + "/")
    assert get(proxy_url + "/")[1]["X-Cache"] == "hit"

    shell(env, PUBLISH_CHANGE)
    published = time.monotonic()
    while True:
        status, headers, body = get(proxy_url + path)
        if "seconda versione" in body:
            break
        assert time.monotonic() - published < 2, "the new version did not show through the proxy in 2 s"
        time.sleep(0.1)
    assert status == 200
    # The purge dropped the listings too: the home page is fetched again from the app.
    assert get(proxy_url + "/")[1]["X-Cache"] == "miss"
    # And the app servers themselves answer the new version.
    assert "seconda versione" in get(app_url + path)[2]


def test_personal_requests_pass_through_the_proxy(proxied_site):
    proxy_url, _app_url, _env = proxied_site
    get(proxy_url + "/")
    request = urllib.request.Request(proxy_url + "/", headers={"Cookie": "sessionid=not-a-session"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local test server
        assert response.headers["X-Cache"] == "pass"
        assert "private" in response.headers["Cache-Control"]
    assert get(proxy_url + "/cerca/?q=province")[1]["X-Cache"] == "pass"
