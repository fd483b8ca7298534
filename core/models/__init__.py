"""The models every app builds on: the abstract page, media, taxonomy, roles and site settings."""

from core.choices import DocumentLanguage, DocumentType, Licence, MacroArea

from .base import BasePage, BodyMixin, IntroMixin
from .media import SiteDocument, SiteImage, SiteRendition
from .roles import ProvinceGroup
from .settings import SiteSettings
from .taxonomy import Comune, Province, Sector, Theme, normalize_name

__all__ = [
    "BasePage",
    "BodyMixin",
    "IntroMixin",
    "Comune",
    "DocumentLanguage",
    "DocumentType",
    "Licence",
    "MacroArea",
    "Province",
    "ProvinceGroup",
    "SiteDocument",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "Sector",
    "Theme",
    "normalize_name",
]
