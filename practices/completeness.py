"""How complete a practice record is: its structured sections, filled or missing.

The practice page hides empty sections from visitors and shows them to editors, in preview, as what is
missing; the admin's “Completezza” report lists the records with the share of sections filled.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# (key, label, fields: the section is filled when any of them is)
SECTIONS = [
    ("context", _("Contesto e problema"), ["context"]),
    ("how", _("Come funziona"), ["how_it_works", "organisation", "staff", "agreement_model"]),
    (
        "resources",
        _("Risorse necessarie (personale, budget, strumenti)"),
        ["resources_staff", "resources_budget", "funding_source"],
    ),
    ("results", _("Risultati (indicatori)"), ["indicators"]),
    ("difficulties", _("Difficoltà incontrate"), ["difficulties", "lessons_learned"]),
    (
        "transfer",
        _("Cosa serve a un'altra Provincia per replicarla"),
        ["prerequisites", "what_to_adapt", "transfer_effort"],
    ),
    ("comuni", _("Comuni serviti"), ["comuni_count", "n_comuni"]),
    ("contact", _("Contatti (ufficio ed e-mail)"), ["contact_email"]),
    ("documents", _("Materiali: documenti e immagini"), ["body"]),
    ("verified", _("Ultima verifica"), ["last_verified"]),
]
FIELDS = sorted({name for _key, _label, names in SECTIONS for name in names if name != "n_comuni"})


def filled(value):
    if value is None:
        return False
    if isinstance(value, str):
        return bool(strip_tags(value).strip())
    if hasattr(value, "source"):  # RichText
        return filled(value.source)
    try:
        return len(value) > 0
    except TypeError:
        return bool(value)


def sections_of(values):
    """``values``: field name → value (``n_comuni``: the number of Comuni listed). Returns key → bool."""
    return {key: any(filled(values.get(name)) for name in names) for key, _label, names in SECTIONS}


def sections_of_page(page, comuni_listed):
    values = {name: getattr(page, name) for name in FIELDS}
    values["n_comuni"] = comuni_listed
    return sections_of(values)


def percent(sections):
    return round(100 * sum(sections.values()) / len(sections))


def labels():
    return {key: label for key, label, _names in SECTIONS}
