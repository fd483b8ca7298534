"""The fast tier's site: the two home pages and the section pages a test asks for, built with factories.

After ``migrate`` the database holds the reference data (Provinces, Comuni) and the roles (groups,
collections, the newsroom's workflow), but no page: these helpers add just enough of a site. Each
section page takes the slug the real content gives it, so the URLs the tests request are the site's own.
"""

from wagtail.models import Locale, Page, Site


def locales():
    italian, _created = Locale.objects.get_or_create(language_code="it")
    english, _created = Locale.objects.get_or_create(language_code="en")
    return italian, english


def publish(page):
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def translate(page, locale=None):
    """The English (or ``locale``) copy of a page, published, as wagtail-localize would leave it."""
    locale = locale or locales()[1]
    return publish(page.copy_for_translation(locale))


def build_homes():
    """The Italian home page as the default site's root and its English translation."""
    from home.models import HomePage

    italian, english = locales()
    root = Page.get_first_root_node()
    # Wagtail's installer creates a plain “Welcome” page: the home page replaces it, as in the content.
    for page in root.get_children().filter(content_type__app_label="wagtailcore", content_type__model="page"):
        page.delete()
    home_it = root.add_child(instance=HomePage(title="Sito di prova", slug="home", locale=italian))
    home_it = publish(home_it)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home_it, is_default_site=True)
    else:
        site.root_page = home_it
        site.save()
    return home_it, translate(home_it, english)


def section(parent, model, title, slug, **fields):
    """A section page (an index) of type ``model`` published under ``parent``, in the menu like the real ones."""
    return publish(parent.add_child(instance=model(title=title, slug=slug, show_in_menus=True, **fields)))
