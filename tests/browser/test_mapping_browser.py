"""The mapping in the browser, on the package's server: a referent from the invitation to the submission,
UPI from the dashboard to the published results, and the results page under axe-core in both languages at
desktop and phone widths.

The data the journeys start from (a campaign, the referent's and UPI's accounts, the invitation, the example
campaign) are made with ``manage.py`` in the server's environment, as an administrator does on the server;
everything after that goes through the pages, except the English translation of the results, which the
translation editor would make.
"""

import csv
import io
import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import MANAGE, ROOT, axe_violations, check_page

pytestmark = pytest.mark.browser

REFERENT_PASSWORD = "Treviso-Servizi-2026!"
UPI_PASSWORD = "Upi-Mappatura-2026!"

SETUP = """
import contextlib, datetime, io, json, os
from django.core.management import call_command
UPI_PASSWORD = os.environ["UPI_PASSWORD"]
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from core.models import Province
from core.roles import UPI_GROUP_NAME
from mapping.models import Campaign, MappingPage, Questionnaire
from mapping.roles import REFERENT_GROUP_PREFIX

User = get_user_model()
now = timezone.now()
campaign, _ = Campaign.objects.get_or_create(
    title="Mappatura dei servizi 2026",
    defaults={
        "questionnaire": Questionnaire.objects.get(locale__language_code="it"),
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=30),
    },
)
campaign.provinces.set(Province.objects.filter(sigla__in=["TV", "PD", "VT"]))
referent, _ = User.objects.get_or_create(username="ref.treviso", defaults={"email": "ref.treviso@example.org"})
referent.set_unusable_password()
referent.save()
referent.groups.add(Group.objects.get(name=REFERENT_GROUP_PREFIX + "Treviso"))
upi, _ = User.objects.get_or_create(username="upi.mappatura", defaults={"email": "upi@example.org"})
upi.set_password(UPI_PASSWORD)
upi.save()
upi.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
mapping = MappingPage.objects.get(locale__language_code="it")
# UPI invites the referents (the development e-mail backend prints the message with its link), and fills
# the example campaign that the dashboard and the results show.
invitation, example = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(invitation):
    call_command("invite_referents", campaign=campaign.pk)
call_command("generate_example_mapping", stdout=example)
print(json.dumps({
    "campaign": campaign.pk, "mapping_page": mapping.pk,
    "invitation": invitation.getvalue(), "example": example.getvalue(),
}))
"""

# After UPI has published the results: their English translation (as the translation editor would make
# it), and a Province whose submitted answers the results publish, with a Comune of the same name.
AFTER_PUBLISHING = """
import json
from core.loader import ContentLoader
from core.models import ItalianComune
from mapping.models import MappingResultsPage, Response
from mapping.results import has_consent

page = MappingResultsPage.objects.get(locale__language_code="it", campaign__is_example=True)
english = ContentLoader().translate(page)
english.title, english.slug = "Mapping results", "mapping-results"
english.save_revision().publish()
english = MappingResultsPage.objects.get(pk=english.pk)
for response in (
    Response.objects.filter(campaign=page.campaign, state="inviata").select_related("province", "version")
    .order_by("province__name")
):
    description = next(
        (response.answers[code] for code in ("sua_descrizione", "europa_descrizione", "innovazione_descrizione")
         if response.answers.get(code)),
        None,
    )
    if description and has_consent(response.version, response.answers) and ItalianComune.objects.filter(
        name=response.province.name, sigla=response.province.sigla
    ).exists():
        break
print(json.dumps({
    "it": page.url, "en": english.url, "province": response.province.name,
    "slug": response.province.slug, "sigla": response.province.sigla,
    "description": description,
}))
"""


def manage(site_env, *args, env=None):
    """Run ``manage.py`` in the server's environment; its standard output."""
    result = subprocess.run(
        [*MANAGE, *args],
        env={**site_env, **(env or {})},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def shell_json(site_env, code, env=None):
    """Run ``code`` in ``manage.py shell``: the JSON it prints last."""
    return json.loads(manage(site_env, "shell", "-c", code, env=env).strip().splitlines()[-1])


@pytest.fixture(scope="module")
def mapping_data(site_url, site_env):
    """The starting data, made in one ``manage.py shell`` (each Django start costs seconds)."""
    return shell_json(site_env, SETUP, env={"UPI_PASSWORD": UPI_PASSWORD, "WAGTAILADMIN_BASE_URL": site_url})


def watch(page):
    """Record every 5xx response of the page in its ``console_errors``."""
    page.on(
        "response",
        lambda response: (
            response.status >= 500 and page.console_errors.append(f"{response.status} {response.url}")
        ),
    )


def check_here(page):
    """The common checks on the page the browser is on (after a click or a form)."""
    assert page.console_errors == []
    assert axe_violations(page) == []


def choose(page, name, value):
    """Choose an answer by its label, as a person does (Bootstrap Italia draws the radio over the input)."""
    radio = page.locator(f"input[name={name}][value='{value}']")
    page.locator(f"label[for={radio.get_attribute('id')}]").click()
    assert radio.is_checked()


def submit_and_wait(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_a_referent_answers_from_the_invitation_to_the_submission(page, site_url, mapping_data):
    watch(page)
    # UPI has invited the referents (``SETUP``); the e-mail (printed by the development e-mail backend) holds the link.
    # (Other referents of the invited Provinces, such as the development logins, get their own message.)
    out = mapping_data["invitation"]
    assert "invitations sent." in out
    message = next(part for part in out.split("-" * 79) if "To: ref.treviso@example.org" in part)
    assert "Provincia di Treviso" in message
    link = re.search(r"http://\S+/accesso/imposta-password/\S+/", message).group(0)
    assert link.startswith(site_url)

    # The single-use link: the password is set, the referent is logged in.
    page.goto(link)
    assert page.locator("h1").inner_text() == "Imposta la password"
    check_here(page)
    page.fill("#id_new_password1", REFERENT_PASSWORD)
    page.fill("#id_new_password2", REFERENT_PASSWORD)
    submit_and_wait(page, "Imposta la password")
    assert "La password è stata impostata" in page.locator("main").inner_text()
    page.get_by_role("link", name="Vai al questionario").click()
    page.wait_for_load_state()
    check_here(page)
    row = page.locator("tr", has_text="Mappatura dei servizi 2026")
    row.get_by_role("link", name="Inizia").click()
    page.wait_for_load_state()

    # Part of it: the general section, then the first sector, saved as a draft.
    assert page.locator("h2").first.inner_text() == "1. Informazioni generali"
    check_here(page)
    choose(page, "consenso_pubblicazione", "Sì")
    submit_and_wait(page, "Salva e continua")
    assert page.locator("h2").first.inner_text() == "2. Stazione Unica Appaltante"
    choose(page, "sua_servizi", "si")
    page.fill("#id_sua_descrizione", "Gare d'appalto per i Comuni del territorio")
    page.fill("#id_sua_comuni", "500")  # out of range: explained, nothing typed is lost
    submit_and_wait(page, "Salva e continua")
    assert page.locator(".text-danger", has_text="400").count() == 1
    assert page.input_value("#id_sua_descrizione") == "Gare d'appalto per i Comuni del territorio"
    check_here(page)
    page.fill("#id_sua_comuni", "94")
    submit_and_wait(page, "Salva")
    assert "Risposte salvate." in page.locator("main").inner_text()
    check_here(page)

    # Leave: log out. The site forgets the referent; the answers stay on the server.
    submit_and_wait(page, "Esci")
    assert "Le risposte salvate restano" in page.locator("main").inner_text()
    check_here(page)
    page.goto(f"{site_url}/il-progetto/mappatura/questionario/")
    assert "/_util/login/" in page.url

    # Come back, on a phone: log in again, continue where the answers stop.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.fill("#id_username", "ref.treviso")
    page.fill("#id_password", REFERENT_PASSWORD)
    submit_and_wait(page, "Accedi")
    row = page.locator("tr", has_text="Mappatura dei servizi 2026")
    assert "Avviata" in row.inner_text()
    # The way on is in view, its word whole (not cut letter by letter), and the page does not scroll sideways.
    go_on = row.get_by_role("link", name="Continua")
    box = go_on.bounding_box()
    assert box["x"] + box["width"] <= 390 and box["height"] < 30
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_here(page)
    go_on.click()
    page.wait_for_load_state()
    assert page.locator("input[name=consenso_pubblicazione][value='Sì']").is_checked()
    page.get_by_role("link", name="2. Stazione Unica Appaltante").click()
    page.wait_for_load_state()
    assert page.input_value("#id_sua_comuni") == "94"

    # Submitting too early lists what is missing, each with a link to its section.
    submit_and_wait(page, "Invia il questionario")
    assert page.locator("h1").inner_text() == "Risposte mancanti"
    check_here(page)
    page.get_by_role("link", name=re.compile("Politiche Europee")).first.click()
    page.wait_for_load_state()

    # Finish: the two other sectors, then submit.
    choose(page, "europa_servizi", "no")
    submit_and_wait(page, "Salva e continua")
    choose(page, "innovazione_servizi", "in-programma")
    page.fill("#id_innovazione_descrizione", "Un centro servizi per i dati dei Comuni")
    submit_and_wait(page, "Salva")
    check_here(page)
    submit_and_wait(page, "Invia il questionario")
    main = page.locator("main").inner_text()
    assert "Questionario inviato. Grazie" in main and "le risposte si possono leggere, non modificare" in main
    assert page.locator("input[name=consenso_pubblicazione]").first.is_disabled()
    assert page.get_by_role("button", name="Invia il questionario").count() == 0
    check_here(page)


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return info.value


def test_upi_follows_the_mapping_from_the_dashboard_to_the_published_results(
    page, site_url, site_env, mapping_data
):
    watch(page)
    example = int(re.search(r"Example campaign (\d+)", mapping_data["example"]).group(1))

    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", "upi.mappatura")
    page.fill("#id_password", UPI_PASSWORD)
    submit_and_wait(page, "Accedi")

    # The dashboard: the campaigns, then the example campaign's Provinces and rates.
    page.goto(f"{site_url}/admin/mappatura/")
    page.get_by_role("link", name=re.compile(r"\[Esempio\]")).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/mappatura/{example}/")
    assert "Campagna di esempio" in page.locator("main").inner_text()
    assert page.locator("table.mapping-provinces tbody tr").count() == 76
    assert page.console_errors == []

    # The exports, as downloaded: one row per invited Province; the workbook has the codebook.
    csv_file = download(page, "Esporta le risposte (CSV)")
    assert csv_file.suggested_filename.startswith("ESEMPIO-")
    table = list(csv.reader(io.StringIO(csv_file.path().read_text(encoding="utf-8"))))
    assert table[0][0].startswith("DATI DI ESEMPIO") and table[1][:2] == ["sigla", "provincia"]
    assert len(table[2:]) == 76 and len({row[0] for row in table[2:]}) == 76
    xlsx_file = download(page, "Esporta le risposte e il codebook (XLSX)")
    assert xlsx_file.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(xlsx_file.path().read_bytes()), read_only=True)
    assert workbook.sheetnames == ["risposte", "codebook"]
    assert len(list(workbook["risposte"].iter_rows(values_only=True))) == 1 + 1 + 76
    codes = {row[0] for row in list(workbook["codebook"].iter_rows(values_only=True))[2:]}
    assert {"consenso_pubblicazione", "sua_servizi", "sua_comuni"} <= codes

    # Reopen a submitted response from its printable view.
    submitted = page.locator("table.mapping-provinces tr.mapping-state-inviata").first
    province = submitted.locator("th a").inner_text()
    submitted.locator("th a").click()
    page.wait_for_load_state()
    submit_and_wait(page, "Riapri la risposta")
    assert f"La risposta della Provincia di {province} è stata riaperta" in page.locator("body").inner_text()
    page.goto(f"{site_url}/admin/mappatura/{example}/")
    reopened = page.locator(
        "table.mapping-provinces tr", has=page.get_by_role("link", name=province, exact=True)
    )
    assert "Riaperta" in reopened.inner_text()

    # Publish the results: a “Risultati della mappatura” page under the mapping's page, in the editor.
    page.goto(f"{site_url}/admin/pages/{mapping_data['mapping_page']}/add_subpage/")
    assert "/admin/pages/add/mapping/mappingresultspage/" in page.url
    page.fill("#id_title", "Risultati della mappatura")
    page.get_by_role("button", name="Scegli campagna").click()
    page.locator(".modal").get_by_role("link", name="[Esempio] Mappatura dei servizi delle Province").click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').click()
    assert "pubblicata" in page.locator(".messages").inner_text()
    assert page.console_errors == []

    published = shell_json(site_env, AFTER_PUBLISHING)
    response = page.goto(site_url + published["it"])
    assert response.status == 200 and page.locator("h1").inner_text() == "Risultati della mappatura"
    assert "Dati di esempio" in page.locator("main").inner_text()

    # The loop closes: the Province's page and the Comune finder show its services, aligned with the
    # page's content and within the screen, on a desktop and on a phone.
    name = published["province"]
    finder = f"{site_url}/buone-pratiche/trova-comune/?comune={name} ({published['sigla']})"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in (f"{site_url}/province/{published['slug']}/", finder):
            page.goto(url)
            heading = page.get_by_role("heading", name="Servizi offerti ai Comuni")
            assert published["description"] in page.locator("section", has=heading).inner_text()
            assert heading.bounding_box()["x"] == page.locator("h1").bounding_box()["x"], url
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    assert f"{name} è uno dei" in page.locator("main").inner_text()
    assert page.console_errors == []

    # The published results pass the common checks in both languages, on a desktop and on a phone.
    for language, heading in (("it", "Risultati della mappatura"), ("en", "Mapping results")):
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            check_page(page, site_url + published[language], lang=language, heading=heading)
