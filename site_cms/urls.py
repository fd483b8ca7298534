from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.destinations import after_login
from core.images import serve_private_rendition
from feedback import views as feedback_views
from mapping import accounts as mapping_accounts
from search import views as search_views
from site_cms.sitemaps import MultilingualSitemap
from site_cms.views import hello_world, robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("_accesso/", after_login, name="after_login"),
    path("_immagini-riservate/<path:name>", serve_private_rendition, name="private_rendition"),
]

if settings.BENCH_HELLO_WORLD:
    # The benchmark's yardstick, with the same middleware as every page (see site_cms.views.hello_world).
    urlpatterns.append(path("_bench/hello/", hello_world, name="bench_hello"))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("cerca/"), search_views.search, name="search"),
    path(_("valutazione-pagina/"), feedback_views.submit, name="page_feedback"),
    # The mapping's referents set their password from the invitation's single-use link.
    path(
        _("accesso/imposta-password/<uidb64>/<token>/"),
        mapping_accounts.PasswordSetView.as_view(),
        name="mapping_password_set",
    ),
    path(
        _("accesso/password-impostata/"),
        mapping_accounts.PasswordSetDoneView.as_view(),
        name="mapping_password_set_done",
    ),
    # ... and leave the questionnaire (a POST: the referents have no admin, so no admin logout).
    path(_("accesso/esci/"), mapping_accounts.LogoutView.as_view(), name="mapping_logout"),
    # In English the Italian segments (an address switched from the other language) redirect to the English ones.
    path(
        "accesso/imposta-password/<uidb64>/<token>/",
        RedirectView.as_view(pattern_name="mapping_password_set", permanent=True, query_string=True),
    ),
    path(
        "accesso/password-impostata/",
        RedirectView.as_view(pattern_name="mapping_password_set_done", permanent=True, query_string=True),
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
