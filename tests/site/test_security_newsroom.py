"""Embargoes that hold: what a press office, a working-group member, a user with no group and an anonymous
visitor can reach of another Province's drafts and pending attachments, always through HTTP."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from news.choices import NewsType
from news.factories import newsroom
from news.models import NewsPage
from news.roles import press_office_group

pytestmark = pytest.mark.django_db

PASSWORD = "password-di-prova"


def make_draft(owner, province, title):
    page = NewsPage(
        title=title,
        slug=slugify(title),
        summary="Sommario di esempio.",
        owner=owner,
        live=False,
        news_type=NewsType.LOCAL_RELEASE,
        province=province,
    )
    newsroom().add_child(instance=page)
    page.save_revision(user=owner)
    return page


@pytest.fixture
def actors(django_user_model):
    from resources.models import WorkingGroupPage  # noqa: F401 - the working groups exist once content is loaded

    def user(name, *groups, **kwargs):
        account = django_user_model.objects.create_user(name, f"{name}@example.invalid", PASSWORD, **kwargs)
        account.groups.add(*groups)
        return account

    treviso, brescia = Province.objects.get(sigla="TV"), Province.objects.get(sigla="BS")
    working_group = Group.objects.filter(name__startswith="Gruppo di lavoro - ").first()
    return {
        "treviso": treviso,
        "brescia": brescia,
        "press_tv": user("stampa_tv", press_office_group(treviso)),
        "press_bs": user("stampa_bs", press_office_group(brescia)),
        "upi": user("redazione_upi", Group.objects.get(name=UPI_GROUP_NAME)),
        "member": user("membro_gruppo", working_group),
        "nogroup": user("senza_gruppo"),
        "superuser": user("amministratore", is_superuser=True, is_staff=True),
        "anonymous": None,
    }


def test_a_press_office_can_search_the_newsroom_explorer(client, actors):
    own = make_draft(actors["press_tv"], actors["treviso"], "Bozza ornitorinco di Treviso")
    make_draft(actors["press_bs"], actors["brescia"], "Bozza ornitorinco di Brescia")
    client.force_login(actors["press_tv"])
    for url in (
        reverse("wagtailadmin_explore", args=[newsroom().pk]),
        reverse("wagtailadmin_explore_results", args=[newsroom().pk]),
    ):
        response = client.get(url, {"q": "ornitorinco"})
        assert response.status_code == 200
        html = response.content.decode()
        assert own.title in html
        assert "Bozza ornitorinco di Brescia" not in html
    # The whole-tree search too.
    response = client.get(
        reverse("wagtailadmin_explore", args=[newsroom().pk]), {"q": "ornitorinco", "search_all": 1}
    )
    assert response.status_code == 200
    assert "Bozza ornitorinco di Brescia" not in response.content.decode()
    # And the admin's page search.
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "ornitorinco"})
    assert response.status_code == 200
    assert "Bozza ornitorinco di Brescia" not in response.content.decode()


@pytest.fixture
def pending(actors):
    """A Treviso press release in draft, with an attachment uploaded by Treviso's press office."""
    from wagtail.models import Collection

    from news.models import NewsPageAttachment
    from news.roles import PRESS_COLLECTION_NAME
    from resources.factories import SiteDocumentFactory

    collection = Collection.objects.get(name=PRESS_COLLECTION_NAME)
    draft = make_draft(actors["press_tv"], actors["treviso"], "Comunicato ornitorinco sotto embargo")
    document = SiteDocumentFactory(
        title="Allegato ornitorinco sotto embargo", collection=collection, uploaded_by_user=actors["press_tv"]
    )
    NewsPageAttachment.objects.create(page=draft, document=document)
    # Another attachment of the same release, uploaded by a UPI editor on Treviso's behalf.
    by_upi = SiteDocumentFactory(
        title="Allegato ornitorinco caricato dalla UPI", collection=collection, uploaded_by_user=actors["upi"]
    )
    NewsPageAttachment.objects.create(page=draft, document=by_upi)
    return {"draft": draft, "document": document, "by_upi": by_upi, "collection": collection}


DOWNLOAD = {
    "press_tv": 200,
    "upi": 200,
    "superuser": 200,
    "press_bs": 403,
    "member": 403,
    "nogroup": 403,
    "anonymous": 302,
}


@pytest.mark.parametrize(("actor", "status"), DOWNLOAD.items())
@pytest.mark.parametrize("which", ["document", "by_upi"])
def test_only_the_owning_province_downloads_a_pending_attachment(
    client, actors, pending, actor, status, which
):
    if actors[actor] is not None:
        client.force_login(actors[actor])
    response = client.get(pending[which].url)
    assert response.status_code == status
    if status == 302:
        assert "login" in response["Location"]


def test_a_published_releases_attachment_is_public(client, actors, pending):
    from news.factories import publish

    publish(pending["draft"], user=actors["upi"])
    client.force_login(actors["press_bs"])
    assert client.get(pending["document"].url).status_code == 200
    client.logout()
    assert client.get(pending["document"].url).status_code == 200


@pytest.fixture
def pending_image(actors, pending):
    from core.factories import SiteImageFactory

    image = SiteImageFactory(
        title="Foto ornitorinco sotto embargo",
        collection=pending["collection"],
        uploaded_by_user=actors["press_tv"],
    )
    draft = pending["draft"]
    draft.lead_image = image
    draft.save()
    return image


CHOOSERS = {
    "documents": ("wagtaildocs_chooser:choose", "wagtaildocs_chooser:choose_results"),
    "images": ("wagtailimages_chooser:choose", "wagtailimages_chooser:choose_results"),
}
SEES_PENDING = {"press_tv": True, "upi": True, "superuser": True, "press_bs": False}


def chooser_html(client, kind, query=None):
    html = ""
    for name in CHOOSERS[kind]:
        response = client.get(reverse(name), {"q": query} if query else {})
        assert response.status_code == 200
        html += response.content.decode()
    return html


@pytest.mark.parametrize(("actor", "sees"), SEES_PENDING.items())
@pytest.mark.parametrize("query", [None, "ornitorinco"])
def test_choosers_show_pending_material_only_to_its_province(
    client, actors, pending, pending_image, actor, sees, query
):
    client.force_login(actors[actor])
    documents = chooser_html(client, "documents", query)
    assert (pending["document"].title in documents) is sees
    assert (pending["by_upi"].title in documents) is sees
    assert (pending_image.title in chooser_html(client, "images", query)) is sees


def test_a_press_office_still_chooses_its_own_pending_documents(client, actors, pending):
    from resources.factories import SiteDocumentFactory

    own = SiteDocumentFactory(
        title="Allegato ornitorinco di Brescia",
        collection=pending["collection"],
        uploaded_by_user=actors["press_bs"],
    )
    client.force_login(actors["press_bs"])
    html = chooser_html(client, "documents", "ornitorinco")
    assert own.title in html
    assert pending["document"].title not in html


@pytest.mark.parametrize(("actor", "sees"), SEES_PENDING.items())
def test_the_page_chooser_names_no_other_provinces_draft(client, actors, pending, actor, sees):
    client.force_login(actors[actor])
    title = pending["draft"].title
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[newsroom().pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "ornitorinco"})
    for response in (browse, search):
        assert response.status_code == 200
        html = response.content.decode()
        assert (title in html) is sees
        assert (pending["draft"].url_path not in html) or sees


# --- Images of pending releases -----------------------------------------------------------------------

OPEN_IMAGE = DOWNLOAD


@pytest.mark.parametrize(("actor", "status"), OPEN_IMAGE.items())
def test_a_pending_image_is_opened_only_by_its_province(client, actors, pending_image, actor, status):
    from pathlib import Path

    from django.conf import settings

    rendition = pending_image.get_rendition("fill-120x80")
    assert rendition.url.startswith("/_immagini-riservate/")
    path = Path(rendition.file.path).resolve()
    assert path.is_file()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())  # nothing for the web server to serve
    if actors[actor] is not None:
        client.force_login(actors[actor])
    response = client.get(rendition.url)
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content)


def test_a_published_releases_image_becomes_public(client, actors, pending, pending_image):
    from pathlib import Path

    from django.conf import settings

    from news.factories import publish

    private = pending_image.get_rendition("fill-120x80")
    private_path = Path(private.file.path)
    publish(pending["draft"], user=actors["upi"])
    pending_image.refresh_from_db()
    assert pending_image.collection.get_view_restrictions().count() == 0
    assert not private_path.exists()  # the private rendition was deleted with its row
    public = pending_image.get_rendition("fill-120x80")
    assert public.url.startswith(settings.MEDIA_URL + "images/")
    assert Path(public.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_public_images_keep_public_renditions():
    from django.conf import settings

    from core.factories import SiteImageFactory

    assert SiteImageFactory().get_rendition("fill-120x80").url.startswith(settings.MEDIA_URL + "images/")


# --- The rest of the matrix: actors without admin access never reach a chooser --------------------------


@pytest.mark.parametrize("actor", ["member", "nogroup", "anonymous"])
@pytest.mark.parametrize(
    "url_name",
    ["wagtaildocs_chooser:choose", "wagtailimages_chooser:choose", "wagtailadmin_choose_page_search"],
)
def test_choosers_are_closed_to_non_editors(client, actors, pending, pending_image, actor, url_name):
    if actors[actor] is not None:
        client.force_login(actors[actor])
    response = client.get(reverse(url_name), {"q": "ornitorinco"})
    assert response.status_code in (302, 403)
    html = response.content.decode()
    for title in (pending["document"].title, pending_image.title, pending["draft"].title):
        assert title not in html
