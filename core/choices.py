"""The site-wide vocabularies: macro-areas, and the type, language and licence of documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MacroArea(models.TextChoices):
    NORD_OVEST = "nord-ovest", _("Nord-Ovest")
    NORD_EST = "nord-est", _("Nord-Est")
    CENTRO = "centro", _("Centro")
    SUD = "sud", _("Sud")


class DocumentType(models.TextChoices):
    REPORT = "report", _("Rapporto")
    PRESENTATION = "presentation", _("Presentazione")
    QUESTIONNAIRE = "questionnaire", _("Questionario")
    PROTOCOL = "protocol", _("Protocollo")
    PRESS_KIT = "press-kit", _("Cartella stampa")
    TRAINING = "training", _("Materiale formativo")
    PLAN = "plan", _("Piano")
    OTHER = "other", _("Altro")


class DocumentLanguage(models.TextChoices):
    ITALIAN = "it", _("Italiano")
    ENGLISH = "en", _("Inglese")
    OTHER = "other", _("Altra lingua")


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribuzione 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = (
        "cc-by-sa-4.0",
        _("Creative Commons Attribuzione - Condividi allo stesso modo 4.0 (CC BY-SA 4.0)"),
    )
    CC0 = "cc0-1.0", _("Pubblico dominio (CC0 1.0)")
    ALL_RIGHTS = "all-rights-reserved", _("Tutti i diritti riservati")

    @classmethod
    def url_for(cls, value):
        return {
            cls.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.it",
            cls.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/deed.it",
            cls.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.it",
        }.get(value, "")
