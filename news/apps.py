from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Sala stampa")

    def ready(self):
        # Models and signal receivers can be imported only once the app registry is ready.
        from wagtail.signals import page_published

        from news.models import NewsPage
        from news.signals import publish_attachments

        page_published.connect(publish_attachments, sender=NewsPage, dispatch_uid="news_publish_attachments")
