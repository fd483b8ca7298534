"""Browser tests: a real server (as `make run` starts it) driven by the system's Chromium.

The server runs in its own process on its own SQLite database, migrated and loaded with the site's
content exactly as on a new machine, so these tests see what a visitor sees. When the tests themselves
run on SQLite, that database starts as a copy of the migrated test database (the same tables and roles
``migrate`` creates, without migrating again).
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy_migrated_test_database(request, target):
    """Copy the migrated SQLite test database to ``target``; False when the tests do not run on SQLite."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return False
    request.getfixturevalue("django_db_setup")
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return False
    source, copy = sqlite3.connect(name), sqlite3.connect(target)
    try:
        source.backup(copy)  # what is committed: the migrations only (tests roll back)
    finally:
        source.close()
        copy.close()
    return True


# Package scope: the server and the browser stop after the last browser test. Playwright runs an event
# loop in this thread while the browser is open, and Django refuses database queries under a running
# loop, so the site tier (which runs after this package) needs the browser closed.
MANAGE = [sys.executable, str(ROOT / "manage.py")]


@pytest.fixture(scope="package")
def site_env(tmp_path_factory, request):
    """The environment of the site's server, for tests that add content with ``manage.py shell``."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    workdir = tmp_path_factory.mktemp("site")
    _copy_migrated_test_database(request, workdir / "site.sqlite3")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DOCUMENTS_ROOT": str(workdir / "documents"),
    }


@pytest.fixture(scope="package")
def site_url(site_env):
    env = site_env
    manage = MANAGE
    for command in (["migrate", "--noinput", "-v0"], ["load_site_content", "-v0"]):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the site did not start") from None
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Chromium, under Playwright. The test database is set up first (its migrated copy is the server's):
    while Playwright's event loop runs, Django refuses database queries."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def axe_violations(page):
    """Serious and critical axe-core violations of the page as loaded, under its own CSP.

    axe is evaluated through the DevTools protocol, to which the page's CSP does not apply: the page
    is checked as a visitor's browser shows it, without loading it again.
    """
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check_page(page, url, *, status=200, lang=None, heading=None):
    """The checks every page of the site passes in the browser, in one place.

    The page answers with ``status``; it declares ``lang`` and shows ``heading`` as its first h1 (when
    given); everything loads under the strict CSP with no console error (a 404 response is itself logged
    as one); and axe-core finds no serious or critical accessibility violation.
    """
    response = page.goto(url, wait_until="load")
    assert response.status == status
    if lang is not None:
        assert page.get_attribute("html", "lang") == lang
    if heading is not None:
        assert page.locator("h1").first.inner_text().strip() == heading
    if status != 404:
        assert page.console_errors == []
    assert axe_violations(page) == []
    return response
