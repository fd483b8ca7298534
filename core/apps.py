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
        from core.taxonomy_sync import localize_taxonomy

        install_request_cache()
        _forget_cached_settings_on_change()
        post_migrate.connect(setup_roles, dispatch_uid="core-setup-roles")
        pre_save.connect(localize_taxonomy, dispatch_uid="core-localize-taxonomy")
        pre_save.connect(
            purge_renditions_on_collection_change, sender=SiteImage, dispatch_uid="core-image-moved"
        )
        page_cache.connect()


def _forget_cached_settings_on_change():
    """The cached site settings (``SiteSettings.for_request``) go when anything they show changes."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Page, Site
    from wagtail.signals import page_unpublished, post_page_move

    from core.models import SiteImage, SiteSettings

    def forget(sender, instance=None, **kwargs):
        if isinstance(instance, (Page, Site, SiteImage, SiteSettings)):
            SiteSettings.forget_cached()

    for signal in (post_save, post_delete):
        signal.connect(forget, weak=False, dispatch_uid=f"core-settings-cache-{id(signal)}")
    for signal in (page_unpublished, post_page_move):
        signal.connect(forget, weak=False, dispatch_uid=f"core-settings-cache-{id(signal)}")
