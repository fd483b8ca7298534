"""The site's base data: its languages, the three sectors and the EU emblem.

Sectors are a translatable controlled vocabulary: their names come from the project's progress report.
"""

import io
import math

from django.core.files.images import ImageFile

from wagtail.models import Locale

from PIL import Image, ImageDraw

from core.loader import Text as T
from core.models import Sector, SiteImage

SECTORS = [
    {
        "code": "sua",
        "name": T("Stazione Unica Appaltante", "Single Procurement Office"),
        "short_name": T("SUA", "SUA"),
        "slug": T("stazione-unica-appaltante", "single-procurement-office"),
        "icon": "it-file",
        "description": T(
            "La Provincia gestisce le procedure di gara per conto dei Comuni del proprio territorio.",
            "The Province runs procurement procedures on behalf of the Comuni of its territory.",
        ),
        "reference": T(
            "Il rapporto finale dei focus group indica come pratica di riferimento per questo settore la Stazione "
            "Unica Appaltante della Provincia di Treviso.",
            "The focus groups' final report names the Single Procurement Office of the Province of Treviso as the "
            "reference practice for this sector.",
        ),
    },
    {
        "code": "europa",
        "name": T("Servizi associati per le Politiche Europee", "Shared services for European Policies"),
        "short_name": T("Politiche europee", "European policies"),
        "slug": T("politiche-europee", "european-policies"),
        "icon": "it-horn",
        "description": T(
            "Servizi condivisi tra Provincia e Comuni per accedere ai fondi e alle politiche dell'Unione europea.",
            "Services shared by the Province and the Comuni to access European Union funds and policies.",
        ),
        "reference": T(
            "Il rapporto finale dei focus group indica come pratica di riferimento per questo settore il «Servizio "
            "Europa di Area Vasta» della Provincia di Brescia.",
            "The focus groups' final report names the “Servizio Europa di Area Vasta” (wide-area Europe service) of "
            "the Province of Brescia as the reference practice for this sector.",
        ),
    },
    {
        "code": "innovazione",
        "name": T(
            "Servizi di innovazione, raccolta ed elaborazione dati",
            "Innovation, data collection and processing services",
        ),
        "short_name": T("Innovazione e dati", "Innovation and data"),
        "slug": T("innovazione-dati", "innovation-data"),
        "icon": "it-software",
        "description": T(
            "Servizi con cui la Provincia sostiene l'innovazione dei Comuni e raccoglie ed elabora dati per il territorio.",
            "Services by which the Province supports the Comuni's innovation and collects and processes data for the territory.",
        ),
        "reference": T(
            "Il rapporto finale dei focus group indica come modello di riferimento per questo settore un «Centro "
            "Servizi Territoriale».",
            "The focus groups' final report names a “Centro Servizi Territoriale” (territorial service centre) as "
            "the reference model for this sector.",
        ),
    },
]


def ensure_locales():
    for code in ("it", "en"):
        Locale.objects.get_or_create(language_code=code)


def ensure_sectors(loader):
    italian = loader.italian
    sectors = {}
    for order, data in enumerate(SECTORS):
        loader.t(data["slug"])
        sector = Sector.objects.filter(code=data["code"], locale=italian).first()
        if sector is None:
            sector = Sector.objects.create(
                locale=italian,
                code=data["code"],
                name=loader.t(data["name"]),
                short_name=loader.t(data["short_name"]),
                slug=loader.t(data["slug"]),
                description=loader.t(data["description"]),
                icon=data["icon"],
                sort_order=order,
            )
            loader.log(f"  + sector: {sector}")
        else:
            for key in ("name", "short_name", "description"):
                loader.t(data[key])
        sectors[data["code"]] = sector
        loader.translate(sector)
    return sectors


def eu_emblem():
    """The EU emblem (twelve gold stars on blue), drawn to its official geometry."""
    existing = SiteImage.objects.filter(title="Emblema dell'Unione europea").first()
    if existing:
        return existing
    width, height = 810, 540
    image = Image.new("RGB", (width, height), "#003399")
    draw = ImageDraw.Draw(image)
    centre_x, centre_y, radius, star = width / 2, height / 2, height / 3, height / 18
    for index in range(12):
        angle = 2 * math.pi * index / 12
        cx, cy = centre_x + radius * math.sin(angle), centre_y - radius * math.cos(angle)
        points = []
        for point in range(10):
            r = star if point % 2 == 0 else star * 0.382
            a = math.pi * point / 5
            points.append((cx + r * math.sin(a), cy - r * math.cos(a)))
        draw.polygon(points, fill="#FFCC00")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SiteImage.objects.create(
        title="Emblema dell'Unione europea",
        description="Unione europea",
        file=ImageFile(buffer, name="emblema-ue.png"),
    )


def load(loader):
    """Languages and sectors, before any page."""
    ensure_locales()
    return ensure_sectors(loader)
