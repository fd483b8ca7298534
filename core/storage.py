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
