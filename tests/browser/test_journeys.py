"""The site as its users walk it, end to end: a citizen on a phone, a press office, UPI, and the Provinces
proposing and replicating practices. Every response is below 500 and no page logs a console error.

The admin journeys log in through the admin's login form (django-axes counts failures: each login here
succeeds at the first attempt). The logins are the development ones (``create_dev_users``) plus a
practices group member of a second Province, created in the server's database.
"""

import csv
import datetime
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from core.management.commands.create_dev_users import DEV_PASSWORD
from tests.browser.conftest import MANAGE, ROOT, axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# Screenshots of every step when set (a folder): to look at the pages while working on them.
SCREENSHOTS = os.environ.get("JOURNEY_SCREENSHOTS")

SESSIONS = {}  # username -> the cookies of its admin session

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.core.management import call_command
from core.models import Province
from practices.roles import practices_group
from news.models import NewsIndexPage
from practices.models import PracticeIndexPage
from core.management.commands.create_dev_users import DEV_PASSWORD
call_command("create_dev_users", stdout=open("/dev/null", "w"))
user, created = get_user_model().objects.get_or_create(username="buone-pratiche.brescia")
if created:
    user.set_password(DEV_PASSWORD)
    user.save()
user.groups.add(practices_group(Province.objects.get(sigla="BS")))
print(json.dumps({
    "newsroom": NewsIndexPage.objects.get(locale__language_code="it").pk,
    "catalogue": PracticeIndexPage.objects.get(locale__language_code="it").pk,
}))
"""


@pytest.fixture(scope="module")
def admin_pages(site_url, site_env):
    """The development logins exist; the ids of the pages the editors add to."""
    result = subprocess.run(
        [*MANAGE, "shell", "-c", SETUP], env=site_env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Journey:
    """A browser context that records server errors and console errors, and takes screenshots if asked."""

    def __init__(self, browser, site_url, name, viewport=DESKTOP):
        self.url = site_url
        self.name = name
        self.context = browser.new_context(viewport=viewport, locale="it-IT", accept_downloads=True)
        self.page = self.context.new_page()
        self.server_errors = []
        self.console_errors = []
        self.autosave_refusals = 0
        self.shots = 0
        self.page.on("response", self._response)
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def _response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")
        elif self._is_autosave_refusal(response):
            self.autosave_refusals += 1

    @staticmethod
    def _is_autosave_refusal(response):
        """Wagtail's autosave posts the form while the editor is still filling it in; an incomplete form is
        answered 400 with a JSON "validation_error" (and the browser logs the 400 in the console)."""
        return (
            response.status == 400
            and response.request.method == "POST"
            and "/admin/pages/" in response.url
            and response.headers.get("content-type", "").startswith("application/json")
        )

    def goto(self, path):
        response = self.page.goto(self.url + path)
        assert response.status == 200, path
        return response

    def shot(self, label):
        if SCREENSHOTS:
            self.shots += 1
            viewport = self.page.viewport_size["width"]
            self.page.screenshot(
                path=Path(SCREENSHOTS) / f"{self.name}-{self.shots:02d}-{label}-{viewport}.png"
            )

    def login(self, username):
        """Log in through the admin's form once per user; later journeys of the same user reuse the session."""
        if username in SESSIONS:
            self.context.add_cookies(SESSIONS[username])
            self.goto("/admin/")
            return
        self.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", DEV_PASSWORD)
        self.page.get_by_role("button", name="Accedi").click()
        self.page.wait_for_url(self.url + "/admin/")
        SESSIONS[username] = self.context.cookies()

    def check_and_close(self):
        errors = [
            text for text in self.console_errors if not re.search(r"status of 400 \(Bad Request\)", text)
        ]
        refusals = len(self.console_errors) - len(errors)
        self.context.close()
        assert self.server_errors == []
        assert errors == []
        assert refusals <= self.autosave_refusals  # every 400 logged was an autosave of an incomplete form


def message(page):
    return page.locator(".messages").inner_text()


def choose_uploaded_image(page, title, alt_text, path):
    page.get_by_role("button", name="Scegli una immagine").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Carica").click()
    modal.locator("#id_image-chooser-upload-file").set_input_files(path)
    modal.locator("#id_image-chooser-upload-title").fill(title)
    modal.locator("#id_image-chooser-upload-description").fill(alt_text)
    modal.get_by_role("button", name="Carica").click()
    modal.wait_for(state="detached")


def choose_uploaded_document(page, title, path):
    page.get_by_role("button", name="Scegli un documento").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Carica").click()
    modal.locator("#id_document-chooser-upload-file").set_input_files(path)
    modal.locator("#id_document-chooser-upload-title").fill(title)
    modal.get_by_role("button", name="Carica").click()
    modal.wait_for(state="detached")


def approve_from_dashboard(page, title):
    row = page.locator("#awaiting-review-section tr", has_text=title)
    row.get_by_role("button", name="Azioni").click()
    row.get_by_role("button", name="Approva", exact=True).click()
    row.wait_for(state="detached")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from PIL import Image

    folder = tmp_path_factory.mktemp("journey-files")
    Image.new("RGB", (1200, 800), (23, 92, os.getpid() % 256)).save(folder / "sportello.png")
    (folder / "regolamento.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    (folder / "rapporto-2026.pdf").write_bytes(b"%PDF-1.4\n% rapporto\n%%EOF\n")
    return folder


RELEASE_TITLE = "La Provincia di Treviso apre lo sportello appalti per i Comuni"


def test_a_citizen_on_a_phone_finds_a_practice_and_its_open_data(browser, site_url):
    journey = Journey(browser, site_url, "cittadino", PHONE)
    page = journey.page
    journey.goto("/")
    journey.shot("home")
    # The home page's finder: the citizen's Comune leads to its Province's practices.
    page.fill("#comune-name-home", "Conegliano")
    page.locator("form.comune-finder-form", has=page.locator("#comune-name-home")).get_by_role(
        "button", name="Trova"
    ).click()
    page.wait_for_url(re.compile(r"/buone-pratiche/trova-comune/"))
    assert page.get_by_text("Conegliano è uno dei 94 Comuni della Provincia di Treviso").first.is_visible()
    journey.shot("comune")
    # The catalogue, from the finder's link to the Province's practices in one sector: the filters come
    # folded before the results; the citizen opens them and widens the search to the whole North-East.
    page.locator("main").get_by_role("link", name="SUA", exact=True).click()
    page.wait_for_url(re.compile(r"/buone-pratiche/\?provincia=treviso&settore=sua$"))
    toggle = page.locator("#practice-filters summary")
    assert toggle.bounding_box()["y"] < page.locator(".practice-results").bounding_box()["y"]
    toggle.click()
    journey.shot("filtri")
    page.get_by_role("checkbox", name=re.compile(r"^Treviso \(TV\)")).uncheck()
    page.get_by_role("checkbox", name=re.compile("^Nord-Est")).check()
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url(re.compile(r"settore=sua"))
    assert "area=nord-est" in page.url
    assert toggle.locator(".practice-filters-count").text_content() == "2 filtri attivi"
    journey.shot("risultati")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # A practice, then back to the catalogue's open data.
    page.locator(".practice-results").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/buone-pratiche/sua-provincia-di-treviso/"))
    assert page.locator("h1").inner_text() == "Stazione Unica Appaltante della Provincia di Treviso"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.shot("pratica")
    page.go_back()
    with page.expect_download() as download:
        page.locator(".open-data").get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row["code"] for row in rows] == ["SUA-TV-01"]
    with page.expect_download() as download:
        page.locator(".open-data").get_by_role("link", name="JSON", exact=True).click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [record["code"] for record in data["records"]] == ["SUA-TV-01"]
    journey.check_and_close()


@pytest.fixture(scope="module")
def submitted_release(browser, site_url, admin_pages, files):
    """The press office of Treviso writes a release with an image and an attachment and submits it."""
    journey = Journey(browser, site_url, "ufficio-stampa")
    page = journey.page
    journey.login("stampa.treviso")
    journey.goto(f"/admin/pages/{admin_pages['newsroom']}/add_subpage/")  # one page type: its form
    page.locator("#id_title").fill(RELEASE_TITLE)
    page.locator("#id_summary").fill("Uno sportello aiuta i Comuni della Provincia a preparare le gare.")
    page.select_option("#id_news_type", label="Comunicato stampa locale (Provincia)")
    assert page.locator("#id_province-title").inner_text() == "Treviso"  # preset: its own Province
    choose_uploaded_image(
        page, "Lo sportello appalti", "Lo sportello appalti della Provincia", files / "sportello.png"
    )
    page.get_by_role("button", name="Aggiungi Allegati").click()
    choose_uploaded_document(page, "Regolamento dello sportello appalti", files / "regolamento.pdf")
    journey.shot("comunicato")
    page.get_by_role("button", name="Altre azioni").click()
    page.get_by_role("button", name=re.compile("^Invia a Sala stampa")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "inviata per moderazione" in message(page)
    journey.shot("inviato")
    journey.check_and_close()
    return RELEASE_TITLE


def test_a_press_office_submits_a_release_with_an_image_and_an_attachment(
    submitted_release, site_url, browser
):
    journey = Journey(browser, site_url, "ufficio-stampa-dopo")
    journey.login("stampa.treviso")
    journey.goto("/admin/pages/search/?q=sportello+appalti")
    row = journey.page.locator("tr", has_text=submitted_release)
    assert "moderazione" in row.inner_text().lower()  # waiting for UPI's approval
    journey.check_and_close()


def test_upi_approves_uploads_translates_and_schedules(
    submitted_release, browser, site_url, admin_pages, files
):
    journey = Journey(browser, site_url, "upi")
    page = journey.page
    journey.login("redazione.upi")
    # Approve the press office's release from the dashboard: it goes live, attachment included.
    approve_from_dashboard(page, submitted_release)
    journey.shot("approvato")
    public = browser.new_page()
    response = public.goto(
        site_url + "/sala-stampa/la-provincia-di-treviso-apre-lo-sportello-appalti-per-i-comuni/"
    )
    assert response.status == 200
    assert public.get_by_role(
        "link", name=re.compile("Regolamento dello sportello appalti")
    ).first.is_visible()
    assert public.locator("main img[alt='Lo sportello appalti della Provincia']").count() >= 1
    public.close()

    # Documenti → Aggiungi un documento: the multiple upload, then "Aggiorna" with a better title.
    page.get_by_role("link", name="Documenti", exact=True).click()
    page.get_by_role("link", name="Aggiungi un documento").click()
    page.wait_for_url(re.compile(r"/admin/documents/multiple/add/"))
    page.locator("input[type=file]").set_input_files(files / "rapporto-2026.pdf")
    item = page.locator("#upload-list li").first
    item.get_by_label("Titolo*").fill("Rapporto sugli sportelli appalti delle Province 2026")
    journey.shot("documento")
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/admin/documents/multiple/" in r.url
    ) as done:
        item.get_by_role("button", name="Aggiorna").click()
    assert done.value.status == 200 and done.value.json()["success"] is True
    journey.goto("/admin/documents/?q=sportelli")
    assert page.get_by_role(
        "link", name="Rapporto sugli sportelli appalti delle Province 2026"
    ).first.is_visible()

    # Translate the release into English (wagtail-localize), translate its title and publish it.
    journey.goto("/admin/pages/search/?q=sportello+appalti")
    page.locator("tr", has_text=submitted_release).get_by_role("link", name=submitted_release).first.click()
    page.locator("header").get_by_role("button", name="Azioni").first.click()
    page.get_by_role("link", name="Traduci questa pagina").click()
    page.get_by_label("English").check()
    page.locator("main").get_by_role("button", name="Invia").click()
    assert "inviata con successo per la traduzione" in message(page)
    page.get_by_role("button", name="Traduci", exact=True).first.click()
    page.locator("textarea").first.fill("The Province of Treviso opens a procurement desk for the Comuni")
    page.get_by_role("button", name="Salva", exact=True).first.click()
    journey.shot("traduzione")
    page.get_by_role("button", name="Pubblica in English").click()
    assert "Pubblicato 'The Province of Treviso opens a procurement desk for the Comuni'" in message(page)
    english = browser.new_page()
    response = english.goto(
        site_url + "/en/newsroom/la-provincia-di-treviso-apre-lo-sportello-appalti-per-i-comuni/"
    )
    assert response.status == 200
    assert (
        english.locator("h1").inner_text()
        == "The Province of Treviso opens a procurement desk for the Comuni"
    )
    english.close()

    # Schedule a national release: a go-live date in the status panel, then "Schedula pubblicazione".
    journey.goto(f"/admin/pages/{admin_pages['newsroom']}/add_subpage/")
    page.locator("#id_title").fill("Comunicato sotto embargo sui servizi delle Province")
    page.locator("#id_summary").fill("Le Province presentano i risultati della mappatura dei servizi.")
    page.select_option("#id_news_type", label="Comunicato stampa nazionale (UPI)")
    go_live = datetime.datetime.now() + datetime.timedelta(days=7)
    page.locator("#id_date").fill(go_live.strftime("%d/%m/%Y"))  # the date shown: the embargo's end
    page.locator("#id_date").press("Tab")
    page.get_by_role("button", name="Attiva/disattiva stato").click()
    page.locator("[data-side-panel='status']").get_by_role("button", name="Pianifica pubblicazione").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%d/%m/%Y 09:00"))
    page.locator("#id_go_live_at").press("Tab")  # closes the date picker
    page.get_by_role("button", name="Salva programma").press("Enter")
    # The dialog closes and the panel is redrawn after the keypress: wait for the new line to show.
    page.locator("[data-side-panel='status']").get_by_text("Go-live:").wait_for()
    assert "Go-live:" in page.locator("[data-side-panel='status']").inner_text()
    journey.shot("pianificato")
    page.get_by_role("button", name="Altre azioni").click()
    page.get_by_role("button", name="Schedula pubblicazione").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "prevista per la pubblicazione" in message(page)
    journey.check_and_close()
    visitor = browser.new_page()
    response = visitor.goto(site_url + "/sala-stampa/comunicato-sotto-embargo-sui-servizi-delle-province/")
    assert response.status == 404  # not before its time
    visitor.close()


PRACTICE_TITLE = "Servizio di prova per la progettazione europea dei Comuni"
PRACTICE_SLUG = "servizio-di-prova-per-la-progettazione-europea-dei-comuni"


def test_a_province_proposal_is_validated_published_and_replicated(browser, site_url, admin_pages):
    # The practices group of the Provincia di Treviso proposes a practice for its own Province.
    journey = Journey(browser, site_url, "proposta")
    page = journey.page
    journey.login("buone-pratiche.treviso")
    journey.goto(f"/admin/pages/{admin_pages['catalogue']}/add_subpage/")  # one page type: its form
    page.locator("#id_title").fill(PRACTICE_TITLE)
    page.locator("#id_code").fill("EUR-TV-90")
    page.select_option("#id_sector", label="Servizi associati per le Politiche Europee")
    page.locator("#id_summary").fill("Un ufficio della Provincia prepara con i Comuni i progetti europei.")
    assert page.locator("#id_province-title").inner_text() == "Treviso"  # preset: its own Province
    journey.shot("proposta")
    page.get_by_role("button", name="Altre azioni").click()
    page.get_by_role("button", name=re.compile("^Invia a Buone pratiche: validazione UPI")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "inviata per moderazione" in message(page)
    journey.check_and_close()

    # UPI validates it: the approval publishes it.
    journey = Journey(browser, site_url, "validazione")
    journey.login("redazione.upi")
    approve_from_dashboard(journey.page, PRACTICE_TITLE)
    journey.shot("validata")
    journey.check_and_close()

    # The Provincia di Brescia's practices group declares that it is adapting the practice.
    journey = Journey(browser, site_url, "replica")
    page = journey.page
    journey.login("buone-pratiche.brescia")
    page.get_by_role("link", name="Repliche delle pratiche").click()
    page.get_by_role("link", name="Aggiungi replica di una pratica").first.click()
    page.get_by_role("button", name="Scegli una pagina").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox").first.fill("progettazione europea")
    modal.get_by_role("link", name=PRACTICE_TITLE).click()
    modal.wait_for(state="detached")
    assert page.locator("#id_province-title").inner_text() == "Brescia"  # its own Province, preset
    page.select_option("#id_status", label="In adattamento")
    page.locator("#id_date").fill(datetime.date.today().strftime("%d/%m/%Y"))
    page.locator("#id_date").press("Tab")  # closes the date picker
    page.locator("#id_note").fill("Prova: la Provincia adatta il servizio ai propri Comuni.")
    journey.shot("replica")
    page.get_by_role("button", name="Salva").click()
    page.wait_for_url(re.compile(r"/admin/snippets/practices/replication/$"))
    journey.check_and_close()

    # The practice page, both Provinces' pages and the open data show the replication.
    journey = Journey(browser, site_url, "pubblico")
    page = journey.page
    journey.goto(f"/buone-pratiche/{PRACTICE_SLUG}/")
    assert page.locator("h1").inner_text() == PRACTICE_TITLE
    network = page.locator(".practice-replications")
    assert network.get_by_role("link", name="Brescia").count() == 1
    assert "Prova: la Provincia adatta il servizio ai propri Comuni." in network.inner_text()
    journey.goto("/province/treviso/")  # who replicates its practices
    replicated = page.locator(".province-replications li", has_text=PRACTICE_TITLE)
    assert replicated.get_by_role("link", name="Brescia").count() == 1
    journey.goto("/province/brescia/")  # what it replicates
    replicates = page.locator(".province-replications li", has_text=PRACTICE_TITLE)
    assert "della Provincia di Treviso" in replicates.inner_text()
    journey.shot("provincia")
    data = json.loads(page.request.get(site_url + "/buone-pratiche/export/json/").text())
    record = next(record for record in data["records"] if record["code"] == "EUR-TV-90")
    assert [(r["province"], r["status"]) for r in record["replications"]] == [("BS", "in-adattamento")]
    journey.check_and_close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_map_and_a_practice_page_pass_axe(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, locale="it-IT")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    for path in ("/buone-pratiche/?copertura=europa", "/buone-pratiche/sua-provincia-di-treviso/"):
        response = page.goto(site_url + path)
        assert response.status == 200
        if path.startswith("/buone-pratiche/?"):
            page.locator(".region-map").scroll_into_view_if_needed()
            assert page.locator(".region-map").is_visible()
        assert axe_violations(page) == [], path
    context.close()
    assert console_errors == []
