from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Buone pratiche")

    def ready(self):
        # Models and signal receivers can be imported only once the app registry is ready.
        from django.db.models.signals import post_delete

        from practices import listing
        from practices.coverage import invalidate_coverage

        listing.connect()

        def on_delete(sender, **kwargs):
            invalidate_coverage()

        post_delete.connect(
            on_delete,
            sender="practices.PracticePage",
            weak=False,
            dispatch_uid="practices-coverage-on-delete",
        )
