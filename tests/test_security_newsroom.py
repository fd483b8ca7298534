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
    page = NewsPage(title=title, slug=slugify(title), summary="Sommario di esempio.", owner=owner, live=False,
                    news_type=NewsType.LOCAL_RELEASE, province=province)
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
    for url in (reverse("wagtailadmin_explore", args=[newsroom().pk]),
                reverse("wagtailadmin_explore_results", args=[newsroom().pk])):
        response = client.get(url, {"q": "ornitorinco"})
        assert response.status_code == 200
        html = response.content.decode()
        assert own.title in html
        assert "Bozza ornitorinco di Brescia" not in html
    # The whole-tree search too.
    response = client.get(reverse("wagtailadmin_explore", args=[newsroom().pk]), {"q": "ornitorinco", "search_all": 1})
    assert response.status_code == 200
    assert "Bozza ornitorinco di Brescia" not in response.content.decode()
    # And the admin's page search.
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "ornitorinco"})
    assert response.status_code == 200
    assert "Bozza ornitorinco di Brescia" not in response.content.decode()
