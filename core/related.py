"""Related pages, one rule for the whole site.

A page lists the pages an editor related to it (a chooser block, an inline, a list of pages) only as far
as anyone may see them: live, not view-restricted, in the page's own language (each chosen page is
replaced by its translation in that language; without one it is left out), the page itself excluded.
"""

from wagtail.models import Page


def related_pages(page, chosen):
    """The visible translations, in ``page``'s language, of the ``chosen`` pages, in the editor's order."""
    keys = list(dict.fromkeys(candidate.translation_key for candidate in chosen if candidate is not None))
    if not keys:
        return []
    visible = (
        Page.objects.live()
        .public()
        .filter(locale_id=page.locale_id, translation_key__in=keys)
        .exclude(pk=page.pk)
        .specific()
    )
    by_key = {candidate.translation_key: candidate for candidate in visible}
    return [by_key[key] for key in keys if key in by_key]
