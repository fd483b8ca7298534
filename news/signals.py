"""When a release is published, its attachments become public with it."""

from wagtail.models import Collection

from news.roles import PRESS_COLLECTION_NAME


def publish_attachments(sender, instance, **kwargs):
    """Move the release's attachments out of the press offices' closed collection into the public one.

    Until then (draft, in moderation, under embargo) they can be neither downloaded nor found.
    """
    root = Collection.get_first_root_node()
    pending = root.get_children().filter(name=PRESS_COLLECTION_NAME).first()
    if pending is None:
        return
    for attachment in instance.attachments.select_related("document"):
        document = attachment.document
        if document.collection_id == pending.pk:
            document.collection = root
            document.save(update_fields=["collection"])
