"""Images in a collection with view restrictions (the press offices' pending collection, a working group's
reserved collection) are private: their renditions are written outside ``MEDIA_ROOT`` (see
``core.storage.RenditionStorage``) and served here, after the collection's view restrictions and the
``before_serve_private_image`` hooks (the newsroom's embargo) have accepted the request. When an image
changes collection its renditions are deleted, so that they are made again on the right side.
"""

import mimetypes

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from wagtail import hooks
from wagtail.models import BaseViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from core.storage import PRIVATE_RENDITIONS


def is_private(image):
    return image.collection_id is not None and image.collection.get_view_restrictions().exists()


def serve_private_rendition(request, name):
    from core.models import SiteRendition

    rendition = get_object_or_404(
        SiteRendition.objects.select_related("image__collection"), file=PRIVATE_RENDITIONS + name
    )
    image = rendition.image
    for restriction in image.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            if restriction.restriction_type == BaseViewRestriction.PASSWORD:
                raise Http404
            if not request.user.is_authenticated:
                return require_wagtail_login(next=request.get_full_path())
            raise PermissionDenied
    for fn in hooks.get_hooks("before_serve_private_image"):
        result = fn(image, request)
        if isinstance(result, HttpResponse):
            return result
    try:
        handle = rendition.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def purge_renditions_on_collection_change(sender, instance, raw=False, **kwargs):
    """``pre_save`` of the image model: a moved image loses its renditions (they are made again)."""
    if raw or instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first()
    if previous is not None and previous != instance.collection_id:
        for rendition in instance.renditions.all():
            rendition.file.delete(save=False)  # now, not when the transaction commits
            rendition.delete()
