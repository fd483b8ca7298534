"""The site's URLs plus the development media route (``static()`` in site_cms.urls when DEBUG)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from site_cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
