"""Keep a translated page's sectors and themes in its own language, through the terms' translation keys.

wagtail-localize synchronises foreign keys and many-to-many fields as they are: an English page created from
an Italian one points at the Italian terms. Before any translatable object with a locale is saved, each of its
sector and theme relations is replaced by the same term (same ``translation_key``) in the object's locale,
when that translation exists. Listings and filters match on codes and translation keys, so nothing else moves.
"""

from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.models import TranslatableMixin


def is_taxonomy(model):
    from core.models.taxonomy import TranslatableTaxonomy

    return isinstance(model, type) and issubclass(model, TranslatableTaxonomy)


def localized_term(model, pk, locale):
    """The pk of the term ``pk`` of ``model`` in ``locale`` (``pk`` itself when it has no translation)."""
    term = model.objects.filter(pk=pk).only("translation_key", "locale_id").first()
    if term is None or term.locale_id == locale.pk:
        return pk
    translated = model.objects.filter(translation_key=term.translation_key, locale=locale).values_list(
        "pk", flat=True
    )
    return translated.first() or pk


def localize_taxonomy(sender, instance, raw=False, **kwargs):
    """``pre_save`` receiver: point the object's taxonomy relations at the terms of its locale."""
    if (
        raw
        or not isinstance(instance, TranslatableMixin)
        or is_taxonomy(type(instance))
        or not instance.locale_id
    ):
        return
    locale = instance.locale
    for field in instance._meta.get_fields():
        model = getattr(field, "related_model", None)
        if not is_taxonomy(model):
            continue
        if isinstance(field, models.ForeignKey):
            pk = getattr(instance, field.attname)
            if pk is not None:
                setattr(instance, field.attname, localized_term(model, pk, locale))
        elif isinstance(field, ParentalManyToManyField):
            # modelcluster keeps the chosen terms in memory and writes them after the row is saved.
            terms = list(getattr(instance, field.name).all())
            localized = [localized_term(model, term.pk, locale) for term in terms]
            if localized != [term.pk for term in terms]:
                getattr(instance, field.name).set(model.objects.filter(pk__in=localized))
