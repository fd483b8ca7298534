"""Loads the site's content: idempotent, it never overwrites what an editor changed."""

import io

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.content import site as content
from home.content.groups import ensure_press_office_groups, ensure_upi_group
from home.content.loader import ContentLoader
from home.models import (
    ContentPage,
    HomePage,
    ProvinceIndexPage,
    Sector,
    SectorIndexPage,
    SectorPage,
    SiteImage,
    SitemapPage,
    SiteSettings,
)


class Command(BaseCommand):
    help = "Loads the project's content in Italian and English (safe to run again: nothing is overwritten)."

    def handle(self, *args, **options):
        loader = ContentLoader(stdout=self.stdout if options["verbosity"] > 0 else None)
        with transaction.atomic():
            home = load_base_content(loader)
        first_load = home in loader.created
        for hook in hooks.get_hooks("load_site_content"):
            with transaction.atomic():
                hook(loader, home)
        if first_load:
            with transaction.atomic():
                order_menu(home)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Content loaded ({len(loader.created)} new pages)."))


# The order of the main menu on a new site (Italian slugs); editors reorder freely afterwards.
MENU_ORDER = ["il-progetto", "settori", "buone-pratiche", "province", "sala-stampa", "eventi",
              "documenti-e-risorse", "comunicazione"]


def order_menu(home):
    """Put the sections the apps added in the menu order, in every language tree."""
    rank = {}
    for page in home.get_children().filter(slug__in=MENU_ORDER):
        rank[page.translation_key] = MENU_ORDER.index(page.slug)
    for tree in home.get_translations(inclusive=True):
        children = sorted(
            (child for child in tree.get_children() if child.translation_key in rank),
            key=lambda child: rank[child.translation_key],
        )
        for previous, child in zip(children, children[1:], strict=False):
            child.refresh_from_db()
            previous.refresh_from_db()
            child.move(previous, pos="right")


def ensure_locales():
    for code in ("it", "en"):
        Locale.objects.get_or_create(language_code=code)


def ensure_sectors(loader):
    italian = loader.italian
    sectors = {}
    for order, data in enumerate(content.SECTORS):
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


def ensure_home(loader):
    home = HomePage.objects.filter(locale=loader.italian).first()
    if home is not None:
        for text in content.HOME.values():
            loader.t(text)
        loader.t(content.SITE_TITLE)
        return home
    root = Page.get_first_root_node()
    # Wagtail's installer creates a plain “Welcome” page: the site's home page replaces it.
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        page.delete()
    home = HomePage(
        title=loader.t(content.SITE_TITLE),
        slug="home",
        locale=loader.italian,
        body=home_body(loader),
        **{key: loader.t(value) for key, value in content.HOME.items() if key != "hero_cta_label"},
        hero_cta_label=loader.t(content.HOME["hero_cta_label"]),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    loader.created.append(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name=content.SITE_TITLE.it)
    else:
        site.root_page = home
        site.site_name = content.SITE_TITLE.it
        site.save()
    return home


def home_body(loader):
    return (
        loader.stream()
        .key_figures(content.KEY_FIGURES_HEADING, content.KEY_FIGURES)
        .heading(content.HOME_INTRO_HEADING)
        .paragraph(*content.HOME_INTRO)
        .json()
    )


def build_body(loader, spec):
    stream = loader.stream()
    for kind, value in spec:
        if kind == "heading":
            stream.heading(value)
        elif kind == "paragraph":
            stream.paragraph(*value)
    return stream.json()


def content_page(loader, parent, data, body_spec=None, model=ContentPage, menu=False, **extra):
    loader.t(data["slug"])
    return loader.page(
        parent, model, data["slug"].it,
        title=data["title"], intro=data["intro"], show_in_menus=menu,
        **({"body": build_body(loader, body_spec)} if body_spec else {}),
        **extra,
    )


def load_base_content(loader):
    ensure_locales()
    sectors = ensure_sectors(loader)
    home = ensure_home(loader)

    project = content_page(loader, home, content.PROJECT, content.PROJECT_BODY, menu=True)
    progress = content_page(
        loader, project, content.PROGRESS, menu=True,
        body=loader.stream().timeline(content.PROGRESS_HEADING, content.PROGRESS_STEPS).json(),
    )
    sector_index = content_page(loader, home, content.SECTORS_INDEX, model=SectorIndexPage, menu=True)
    sector_pages = []
    for data in content.SECTORS:
        body = loader.stream().heading(content.SECTOR_REFERENCE_HEADING).paragraph(data["reference"]).json()
        sector_pages.append(
            loader.page(
                sector_index, SectorPage, data["slug"].it,
                title=data["name"], sector=sectors[data["code"]], intro=data["description"],
                listing_summary=data["description"], body=body,
            )
        )
    provinces = content_page(loader, home, content.PROVINCES, model=ProvinceIndexPage, menu=True)
    communication = content_page(loader, home, content.COMMUNICATION, content.COMMUNICATION_BODY, menu=True)
    accessibility = content_page(loader, home, content.ACCESSIBILITY, content.ACCESSIBILITY_BODY)
    privacy = content_page(loader, home, content.PRIVACY, content.PRIVACY_BODY)
    legal = content_page(loader, home, content.LEGAL, content.LEGAL_BODY)
    sitemap = content_page(loader, home, content.SITEMAP, model=SitemapPage)

    if not home.hero_cta_page_id:
        home.hero_cta_page = project
        home.save_revision().publish()

    ensure_settings(loader, accessibility, privacy, legal, sitemap)
    ensure_upi_group()
    ensure_press_office_groups()

    for page in [home, project, progress, sector_index, *sector_pages, provinces, communication,
                 accessibility, privacy, legal, sitemap]:
        loader.translate(page)
    return home


def ensure_settings(loader, accessibility, privacy, legal, sitemap):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    changed = False
    for field, page in (("accessibility_page", accessibility), ("privacy_page", privacy),
                        ("legal_notes_page", legal), ("sitemap_page", sitemap)):
        if getattr(settings, f"{field}_id") is None:
            setattr(settings, field, page)
            changed = True
    if not settings.funding_statement:
        settings.funding_statement = content.FUNDING_STATEMENT.it
        settings.funding_statement_en = content.FUNDING_STATEMENT.en
        changed = True
    if settings.logo_eu_id is None:
        settings.logo_eu = eu_emblem()
        changed = True
    if changed:
        settings.save()


def eu_emblem():
    """The EU emblem (twelve gold stars on blue), drawn to its official geometry."""
    import math

    from PIL import Image, ImageDraw

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
