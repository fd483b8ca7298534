"""Where document files live: outside MEDIA_ROOT, so no public media URL can reach them.

Images are public and stay in MEDIA_ROOT, which the web server (or, in development, Django's
``static()`` route) serves as it is. Documents may sit in a private collection: they are kept in
``DOCUMENTS_ROOT`` and only ever leave through Wagtail's document serve view, which applies the
collection's privacy settings and the site's ``before_serve_document`` checks.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="core.storage.ProtectedDocumentStorage")
class ProtectedDocumentStorage(FileSystemStorage):
    """A file-system storage rooted at ``settings.DOCUMENTS_ROOT`` with no public URL."""

    def __init__(self):
        super().__init__()

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.DOCUMENTS_ROOT)

    def url(self, name):
        # Wagtail falls back on its serve view when the storage has no URL.
        raise NotImplementedError("Documents are only served through the document serve view.")


PRIVATE_RENDITIONS = "private-images/"


@deconstructible(path="core.storage.RenditionStorage")
class RenditionStorage(FileSystemStorage):
    """Image renditions: public ones in ``MEDIA_ROOT/images/`` (served by the web server), those of images in
    a collection with view restrictions under ``DOCUMENTS_ROOT/private-images/``, served only by the
    permission-checked view ``core.images.serve_private_rendition``."""

    def path(self, name):
        if name.startswith(PRIVATE_RENDITIONS):
            from django.utils._os import safe_join

            return safe_join(settings.DOCUMENTS_ROOT, name)
        return super().path(name)

    def _save(self, name, content):
        saved = super()._save(name, content)
        if not name.startswith(PRIVATE_RENDITIONS):
            return saved
        # FileSystemStorage names the file relative to MEDIA_ROOT; keep the name relative to DOCUMENTS_ROOT.
        import os

        full_path = os.path.normpath(os.path.join(self.location, saved))
        return os.path.relpath(full_path, settings.DOCUMENTS_ROOT).replace(os.sep, "/")

    def url(self, name):
        if name.startswith(PRIVATE_RENDITIONS):
            from django.urls import reverse

            return reverse("private_rendition", args=[name[len(PRIVATE_RENDITIONS) :]])
        return super().url(name)
