"""The newsroom's vocabularies and constants, shared by the models, the forms and the feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsType(models.TextChoices):
    NATIONAL_RELEASE = "comunicato-nazionale", _("Comunicato stampa nazionale (UPI)")
    LOCAL_RELEASE = "comunicato-locale", _("Comunicato stampa locale (Provincia)")
    NEWS = "notizia", _("Notizia")
    PRESS_COVERAGE = "rassegna-stampa", _("Rassegna stampa")


RELEASE_TYPES = (NewsType.NATIONAL_RELEASE, NewsType.LOCAL_RELEASE)

# What a Province's press office may write: national releases are UPI's.
PRESS_OFFICE_TYPES = (NewsType.LOCAL_RELEASE, NewsType.NEWS, NewsType.PRESS_COVERAGE)


# Image sizes of the listings and of the feeds' enclosures.
LISTING_RENDITION = "fill-640x360"
FEED_RENDITION = "fill-1200x630"


class DatePrecision(models.TextChoices):
    DAY = "day", _("Giorno")
    MONTH = "month", _("Mese")
    YEAR = "year", _("Anno")
