"""Slots other apps fill on pages of the site's base, through Wagtail hooks.

``home`` imports none of the other apps: the newsroom, events and the practice catalogue add their
blocks to the home page, the sector pages and the Province pages by registering a hook, e.g.::

    @hooks.register("province_page_sections")
    def latest_news(request, province):
        return {"template": "news/includes/province_news.html", "context": {...}, "order": 20}

Hook names: ``home_page_sections`` (receives the HomePage), ``sector_page_sections`` (the SectorPage),
``province_page_sections`` (the Province). A hook returns a dict or None (nothing to show).

The other way round, apps find the base's pages through hooks too: ``province_index`` (receives a
locale, returns the live page listing the Provinces in that language, or None) and
``search_helpful_links`` (see ``search.service.helpful_links``).
"""

from wagtail import hooks


def collect_sections(hook_name, request, obj):
    sections = []
    for hook in hooks.get_hooks(hook_name):
        section = hook(request, obj)
        if section:
            sections.append(section)
    return sorted(sections, key=lambda section: section.get("order", 100))


def province_index(locale):
    """The live page that lists the Provinces in ``locale``, with a page per Province; None if none."""
    for hook in hooks.get_hooks("province_index"):
        page = hook(locale)
        if page is not None:
            return page
    return None
