"""When a release is published, its attachments and images become public with it."""

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
    # Its images too (lead, listing and social images, and those in its body): their renditions, private
    # until now, are deleted and made again in the public media (core.images).
    for image in release_images(instance).filter(collection=pending):
        image.collection = root
        image.save(update_fields=["collection"])


def release_images(page):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ReferenceIndex

    from core.models import SiteImage

    ids = {page.lead_image_id, page.listing_image_id, page.social_image_id} - {None}
    ids |= {
        int(pk)
        for pk in ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=ContentType.objects.get_for_model(SiteImage))
        .values_list("to_object_id", flat=True)
    }
    return SiteImage.objects.filter(pk__in=ids)
