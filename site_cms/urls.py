from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from mapping import accounts as mapping_accounts
from search import views as search_views
from site_cms.sitemaps import MultilingualSitemap
from site_cms.views import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("cerca/"), search_views.search, name="search"),
    # The mapping's referents set their password from the invitation's single-use link.
    path(
        "accesso/imposta-password/<uidb64>/<token>/",
        mapping_accounts.PasswordSetView.as_view(),
        name="mapping_password_set",
    ),
    path(
        "accesso/password-impostata/",
        mapping_accounts.PasswordSetDoneView.as_view(),
        name="mapping_password_set_done",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
