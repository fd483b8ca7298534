"""What the block families share: the groups editors see them in, and the rich-text features."""

from django.utils.translation import gettext_lazy as _

TEXT = _("Testo")
MEDIA = _("Immagini e documenti")
STRUCTURE = _("Struttura")

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
