from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Province, Sector, Theme


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    menu_label = _("Province")
    list_display = ["name", "sigla", "region", "macro_area"]
    list_filter = ["macro_area", "region"]
    search_fields = ["name", "sigla"]
    ordering = ["name"]
    inspect_view_enabled = True


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = _("Settori")
    list_display = ["name", "code"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Temi")
    list_display = ["name", "slug"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (ProvinceViewSet, SectorViewSet, ThemeViewSet)
    menu_icon = "list-ul"
    menu_label = _("Tassonomie")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)
