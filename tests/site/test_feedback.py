"""“Questa pagina ti è stata utile?”: anonymous answers, no cookie, a rate limit, UPI's report."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from feedback.models import PageFeedback
from feedback.views import RATE_LIMIT
from home.factories import ContentPageFactory
from news.roles import press_office_group

pytestmark = pytest.mark.django_db

URL = "/valutazione-pagina/"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_it):
    return ContentPageFactory(parent=home_it, title="Pagina da valutare", slug="pagina-da-valutare")


def post(client, page, **data):
    return client.post(URL, {"page": page.pk, **data}, REMOTE_ADDR="203.0.113.7")


def test_the_question_is_at_the_foot_of_a_content_page_without_a_cookie(client, page):
    response = client.get(page.url)
    html = response.content.decode()
    assert "Questa pagina ti è stata utile?" in html
    assert f'action="{URL}"' in html and f'value="{page.pk}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies and "Set-Cookie" not in response.headers


def test_the_home_page_and_the_province_pages_do_not_ask(client, home_it):
    assert "page-feedback" not in client.get(home_it.url).content.decode()
    assert "page-feedback" not in client.get("/province/brescia/").content.decode()


def test_yes_and_no_are_stored_anonymously(client, page):
    response = post(client, page, useful="si", reason="clear")
    assert response.status_code == 200
    assert "Grazie per la valutazione" in response.content.decode()
    assert not response.cookies and "Set-Cookie" not in response.headers
    response = post(client, page, useful="no", reason="outdated", detail="  Mancano i dati del 2024.  ")
    assert response.status_code == 200
    answers = list(PageFeedback.objects.filter(page=page).order_by("pk").values("useful", "reason", "detail"))
    assert answers == [
        {"useful": True, "reason": "clear", "detail": ""},
        {"useful": False, "reason": "outdated", "detail": "Mancano i dati del 2024."},
    ]
    # Nothing about the reader is a field of the model.
    field_names = {field.name for field in PageFeedback._meta.get_fields()}
    assert field_names == {"id", "page", "useful", "reason", "detail", "submitted_on"}


def test_a_long_reason_is_refused_with_a_message(client, page):
    response = post(client, page, useful="no", detail="x" * 201)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Scrivi al massimo 200 caratteri (ne hai scritti 201)." in html
    assert "x" * 201 in html  # the reader's text is given back to shorten
    assert not PageFeedback.objects.exists()
    assert post(client, page, useful="no", detail="x" * 200).status_code == 200


def test_answer_and_reason_must_agree_and_the_answer_is_required(client, page):
    assert post(client, page, useful="si", reason="outdated").status_code == 400
    response = post(client, page, reason="clear")
    assert response.status_code == 400
    assert "Rispondi sì o no." in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_only_known_public_pages_and_known_fields(client, page, home_it):
    assert client.post(URL, {"page": 999999, "useful": "si"}).status_code == 400
    assert client.post(URL, {"page": "abc", "useful": "si"}).status_code == 400
    assert client.post(URL, {"page": home_it.pk, "useful": "si"}).status_code == 400
    assert post(client, page, useful="si", email="a@example.invalid").status_code == 400
    page.unpublish()
    assert post(client, page, useful="si").status_code == 400
    assert client.get(URL).status_code == 405
    assert not PageFeedback.objects.exists()


def test_rate_limit_per_address(client, page):
    for _ in range(RATE_LIMIT):
        assert post(client, page, useful="si").status_code == 200
    response = post(client, page, useful="si")
    assert response.status_code == 429
    assert "Riprova più tardi" in response.content.decode()
    assert PageFeedback.objects.count() == RATE_LIMIT
    # Another address is not affected, and no address is kept in the cache's keys in clear.
    assert client.post(URL, {"page": page.pk, "useful": "no"}, REMOTE_ADDR="198.51.100.2").status_code == 200
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.7" in key for key in keys)


def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_limit(client, page, settings):
    """Behind one proxy the address is the one the proxy appended, whatever the client wrote before it."""
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(RATE_LIMIT + 1):
        forged = f"192.0.2.{number}, 198.51.100.9"  # the client's own header, then the proxy's entry
        response = client.post(URL, {"page": page.pk, "useful": "si"}, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    other = client.post(URL, {"page": page.pk, "useful": "si"}, HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other.status_code == 200


@pytest.fixture
def report_users(django_user_model):
    upi = django_user_model.objects.create_user("redazione_upi", "upi@example.invalid", "password-di-prova")
    upi.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    press = django_user_model.objects.create_user("stampa_bs", "stampa@example.invalid", "password-di-prova")
    press.groups.add(press_office_group(Province.objects.get(sigla="BS")))
    return {"upi": upi, "press": press}


def test_the_report_is_for_upi_only(client, page, report_users):
    other = ContentPageFactory(parent=page.get_parent(), title="Altra pagina valutata", slug="altra-pagina")
    PageFeedback.objects.create(page=page, useful=True, reason="clear")
    PageFeedback.objects.create(page=page, useful=False, reason="unclear", detail="Troppo tecnica.")
    PageFeedback.objects.create(page=page, useful=False, reason="unclear")
    PageFeedback.objects.create(page=other, useful=True)
    url = reverse("feedback_report")

    client.force_login(report_users["upi"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pagina da valutare" in html and "Altra pagina valutata" in html
    assert "Le informazioni non erano chiare (no): 2" in html and "Troppo tecnica." in html
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()  # in the Reports menu
    filtered = client.get(reverse("feedback_report_results"), {"page": page.pk}).content.decode()
    assert "Pagina da valutare" in filtered and "Altra pagina valutata" not in filtered
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200 and b"Pagina da valutare" in b"".join(export.streaming_content)

    client.force_login(report_users["press"])
    assert client.get(url).status_code in (302, 403)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("feedback_report_results")).status_code in (302, 403)


def test_the_english_pages_ask_in_english_at_an_english_address(client, home_en):
    page = ContentPageFactory(parent=home_en, title="A page to rate", slug="a-page-to-rate")
    html = client.get(page.url).content.decode()
    assert "Was this page useful?" in html and 'action="/en/page-feedback/"' in html
    response = client.post("/en/page-feedback/", {"page": page.pk, "useful": "no", "detail": "y" * 201})
    assert response.status_code == 400
    assert "Write at most 200 characters (you wrote 201)." in response.content.decode()


def test_each_page_and_language_gets_its_own_form(client, page, home_it, home_en):
    """The blank form is rendered once per language and process: each page still gets its own id."""
    other = ContentPageFactory(
        parent=home_it, title="Altra pagina da valutare", slug="altra-pagina-da-valutare"
    )
    english = ContentPageFactory(parent=home_en, title="A page to rate", slug="a-page-to-rate")
    for target, question in (
        (page, "Questa pagina"),
        (other, "Questa pagina"),
        (english, "Was this page useful?"),
    ):
        html = client.get(target.url).content.decode()
        assert question in html
        assert html.count('name="page"') == 1 and f'name="page" value="{target.pk}"' in html
    assert 'action="/en/page-feedback/"' in client.get(english.url).content.decode()
