from .base import BasePage
from .media import DocumentLanguage, DocumentType, Licence, SiteDocument, SiteImage, SiteRendition
from .pages import (
    ContentPage,
    HomePage,
    ProvinceIndexPage,
    SectorIndexPage,
    SectorPage,
    SitemapPage,
    province_index_for_locale,
)
from .settings import SiteSettings
from .taxonomy import Comune, MacroArea, Province, Sector, Theme, normalize_name

__all__ = [
    "BasePage", "Comune", "ContentPage", "DocumentLanguage", "DocumentType", "HomePage", "Licence",
    "MacroArea", "Province", "ProvinceIndexPage", "SectorIndexPage", "SectorPage", "SiteDocument",
    "SiteImage", "SiteRendition", "SiteSettings", "SitemapPage", "Sector", "Theme", "normalize_name",
    "province_index_for_locale",
]
