from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app builds on: base page, blocks, media, taxonomy, roles, settings, seed framework."""

    name = "core"
    verbose_name = _("Sito e tassonomia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and signal receivers can be imported only once the app registry is ready.
        from django.db.models.signals import post_migrate, pre_save

        from core import page_cache
        from core.images import purge_renditions_on_collection_change
        from core.models import SiteImage
        from core.request_cache import install as install_request_cache
        from core.roles import setup_roles
        from core.site_cache import install as install_site_cache
        from core.taxonomy_sync import localize_taxonomy

        install_request_cache()
        install_site_cache()
        post_migrate.connect(setup_roles, dispatch_uid="core-setup-roles")
        pre_save.connect(localize_taxonomy, dispatch_uid="core-localize-taxonomy")
        pre_save.connect(
            purge_renditions_on_collection_change, sender=SiteImage, dispatch_uid="core-image-moved"
        )
        page_cache.connect()
