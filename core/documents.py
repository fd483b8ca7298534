"""Which documents anyone may see, for every app that lists documents (the library, the search).

A document is public unless its collection (or a collection above it) has a privacy setting, or an app
withholds it for now: an app does so by registering a ``withheld_document_ids`` hook that returns the
ids of the documents to keep back (“Documenti e risorse” withholds unpublished group outputs).
"""

from wagtail import hooks
from wagtail.models import Collection

from core.models import SiteDocument


def restricted_collection_ids():
    """Collections with a privacy setting, and every collection below them."""
    ids = set()
    for collection in Collection.objects.filter(view_restrictions__isnull=False).distinct():
        ids.update(collection.get_descendants(inclusive=True).values_list("id", flat=True))
    return ids


def withheld_document_ids():
    """The documents the apps withhold for now (the ``withheld_document_ids`` hooks)."""
    ids = set()
    for hook in hooks.get_hooks("withheld_document_ids"):
        ids.update(hook())
    return ids


def public_documents():
    """The documents anyone may see: not in a private collection, not withheld by an app."""
    return SiteDocument.objects.exclude(collection_id__in=restricted_collection_ids()).exclude(
        id__in=withheld_document_ids()
    )
