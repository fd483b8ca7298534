"""The newsroom pages: content from the seed, filters, release numbers, scheduling, metadata."""

import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import GroupPagePermission, Locale, WorkflowPage

import pytest
import time_machine

from core.models import Province, Sector, Theme
from core.page_cache import invalidate
from news.choices import NewsType
from news.factories import NewsPageFactory, news, newsroom, publish
from news.models import NewsIndexPage, NewsPage
from news.roles import PRESS_GROUP_PREFIX, WORKFLOW_NAME, press_office_group

pytestmark = pytest.mark.django_db


def titles(response):
    return [
        m.strip()
        for m in re.findall(r'class="card-title h5"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    ]


# Page tree ----------------------------------------------------------------------------------------


def test_news_pages_live_only_in_the_newsroom(home_it):
    assert NewsPage.can_create_at(newsroom())
    assert not NewsPage.can_create_at(home_it)
    assert not NewsIndexPage.can_create_at(home_it)  # one newsroom per language tree
    assert NewsIndexPage.objects.filter(locale__language_code="it").count() == 1


# Content from the seed ----------------------------------------------------------------------------


def test_loader_adds_the_seed_news_in_both_languages_newest_first(client):
    response = client.get("/sala-stampa/")
    assert titles(response) == [
        "Lo stato di avanzamento del progetto e i prossimi passi",
        "Il progetto sui media: il Piano di comunicazione e i canali social",
        "Al via il progetto «Le Province e il sistema dei servizi a supporto dei Comuni»",
    ]
    english = client.get("/en/newsroom/")
    assert titles(english)[0] == "The project&#x27;s progress and its next steps"
    page = client.get("/en/newsroom/the-project-starts/").content.decode()
    assert "May 2020" in page and "1 May" not in page  # the seed gives the month, not the day
    assert "maggio 2020" in client.get("/sala-stampa/al-via-il-progetto/").content.decode()


def test_seed_news_invent_no_release_numbers_nor_quotations():
    for page in NewsPage.objects.filter(locale__language_code="it"):
        assert page.news_type == NewsType.NEWS and page.release_number is None
        assert "quote" not in [block.block_type for block in page.body]
    media = NewsPage.objects.get(slug="il-progetto-sui-media-piano-di-comunicazione")
    assert "Facebook, Twitter e Instagram" in media.summary


def test_newsroom_is_in_the_main_menu_in_both_languages(client):
    assert 'href="/sala-stampa/"' in client.get("/").content.decode()
    assert 'href="/en/newsroom/"' in client.get("/en/").content.decode()


def test_loader_sets_up_the_workflow_and_press_office_rights():
    room = newsroom()
    assert WorkflowPage.objects.get(page=room).workflow.name == WORKFLOW_NAME
    assert room.get_workflow().tasks.get().specific.groups.get().name == "Comunicazione UPI"
    treviso = Province.objects.get(sigla="TV")
    assert press_office_group(treviso).name == f"{PRESS_GROUP_PREFIX}Treviso"
    codenames = set(
        GroupPagePermission.objects.filter(group=press_office_group(treviso), page=room).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page"}


def test_loader_is_idempotent():
    before = NewsPage.objects.count()
    call_command("load_site_content", verbosity=0, stdout=__import__("io").StringIO())
    assert NewsPage.objects.count() == before


# Filters ------------------------------------------------------------------------------------------


@pytest.fixture
def archive():
    treviso, brescia = Province.objects.get(sigla="TV"), Province.objects.get(sigla="BS")
    sua = Sector.objects.get(code="sua", locale__language_code="it")
    europa = Sector.objects.get(code="europa", locale__language_code="it")
    communication = Theme.objects.get(slug="comunicazione", locale__language_code="it")
    items = {
        "national": news(
            title="Esempio comunicato nazionale",
            news_type=NewsType.NATIONAL_RELEASE,
            date=datetime.date(2024, 5, 2),
            sectors=[sua],
        ),
        "treviso": news(
            title="Esempio comunicato di Treviso",
            news_type=NewsType.LOCAL_RELEASE,
            province=treviso,
            date=datetime.date(2024, 4, 2),
            sectors=[sua, europa],
            themes=[communication],
        ),
        "brescia": news(
            title="Esempio notizia di Brescia",
            province=brescia,
            date=datetime.date(2023, 9, 1),
            sectors=[europa],
        ),
        "coverage": news(
            title="Esempio rassegna stampa",
            news_type=NewsType.PRESS_COVERAGE,
            external_url="https://example.invalid/articolo",
            date=datetime.date(2023, 1, 5),
        ),
    }
    return items


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tipo=comunicato-nazionale", ["Esempio comunicato nazionale"]),
        ("tipo=comunicato-locale", ["Esempio comunicato di Treviso"]),
        ("tipo=rassegna-stampa", ["Esempio rassegna stampa"]),
        ("anno=2023", ["Esempio notizia di Brescia", "Esempio rassegna stampa"]),
        ("provincia=treviso", ["Esempio comunicato di Treviso"]),
        ("settore=sua", ["Esempio comunicato nazionale", "Esempio comunicato di Treviso"]),
        ("settore=europa&anno=2024", ["Esempio comunicato di Treviso"]),
        (
            "tema=comunicazione",
            [
                "Esempio comunicato di Treviso",
                "Il progetto sui media: il Piano di comunicazione e i canali social",
            ],
        ),
        ("provincia=brescia&tipo=comunicato-locale", []),
    ],
)
def test_filters_return_exactly_the_matching_news(client, archive, query, expected):
    response = client.get(f"/sala-stampa/?{query}")
    assert response.status_code == 200
    found = [title for title in titles(response) if title.startswith(("Esempio", "Il progetto sui"))]
    assert found == expected
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_filters_work_across_languages_by_code_and_translation_key(client, archive):
    english_room = newsroom("en")
    english = NewsPageFactory(
        parent=english_room,
        title="Example English release",
        news_type=NewsType.NEWS,
        sectors=[Sector.objects.get(code="sua", locale__language_code="it")],
    )
    publish(english)
    assert "Example English release" in titles(client.get("/en/newsroom/?settore=sua"))
    assert titles(client.get("/en/newsroom/?tema=communication")) == [
        "The project in the media: the communication plan and the social channels"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "anno=abc",
        "tipo=nope",
        "provincia=atlantide",
        "page=abc",
        "page=999",
        "settore=%00",
        "tema=" + "x" * 500,
    ],
)
def test_bad_filter_input_gives_a_normal_page(client, archive, query):
    assert client.get(f"/sala-stampa/?{query}").status_code == 200


def test_pagination_keeps_the_filters(client):
    for n in range(14):
        news(title=f"Esempio paginato {n:02d}", date=datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    first = client.get("/sala-stampa/?anno=2022")
    assert titles(first)[0] == "Esempio paginato 13" and len(titles(first)) == 12
    assert "?anno=2022&amp;page=2" in first.content.decode()
    second = client.get("/sala-stampa/?anno=2022&page=2")
    assert titles(second) == ["Esempio paginato 01", "Esempio paginato 00"]


def _index_queries(client, url):
    client.get(url)  # renditions are generated on the first visit
    invalidate()  # count the page's render, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_newsroom_query_count_does_not_grow_with_the_news(client):
    sua = Sector.objects.get(code="sua", locale__language_code="it")
    for n in range(2):
        news(title=f"Esempio {n}", with_image=True, sectors=[sua], province=Province.objects.get(sigla="TV"))
    few = _index_queries(client, "/sala-stampa/")
    for n in range(8):
        news(
            title=f"Altro esempio {n}",
            with_image=True,
            sectors=[sua],
            province=Province.objects.get(sigla="BS"),
        )
    many = _index_queries(client, "/sala-stampa/")
    assert few == many


# Release numbers ----------------------------------------------------------------------------------


def test_national_releases_get_a_yearly_number_when_first_published():
    first = news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2026, 2, 1))
    second = news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2026, 3, 1))
    other_year = news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2025, 12, 1))
    local = news(news_type=NewsType.LOCAL_RELEASE, province=Province.objects.get(sigla="TV"))
    draft = NewsPageFactory(parent=newsroom(), news_type=NewsType.NATIONAL_RELEASE, live=False)
    assert (first.release_number, first.release_year) == (1, 2026)
    assert (second.release_number, second.release_year) == (2, 2026)
    assert (other_year.release_number, other_year.release_year) == (1, 2025)
    assert local.release_number is None and NewsPage.objects.get(pk=draft.pk).release_number is None
    assert str(second.release_label) == "Comunicato n. 2/2026"


def test_release_number_never_changes_once_published(client):
    release = news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2026, 2, 1))
    news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2026, 3, 1))
    # An edit made on an old revision, a change of date, an unpublish and a republish: still n. 1/2026.
    edited = release.get_latest_revision_as_object()
    edited.date = datetime.date(2027, 1, 1)
    edited.title = "Comunicato di esempio corretto"
    publish(edited)
    release = NewsPage.objects.get(pk=release.pk)
    release.unpublish()
    release = publish(NewsPage.objects.get(pk=release.pk))
    assert (release.release_number, release.release_year) == (1, 2026)
    assert "Comunicato n. 1/2026" in client.get(release.url).content.decode()


def test_a_translation_carries_the_same_number():
    release = news(news_type=NewsType.NATIONAL_RELEASE, date=datetime.date(2026, 2, 1))
    english = release.copy_for_translation(Locale.objects.get(language_code="en"))
    english = publish(english)
    assert english.locale.language_code == "en"
    assert (english.release_number, english.release_year) == (release.release_number, release.release_year)


# Scheduled publishing -----------------------------------------------------------------------------


def test_embargoed_release_goes_live_through_publish_scheduled(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        page = NewsPageFactory(
            parent=newsroom(),
            title="Comunicato di esempio sotto embargo",
            news_type=NewsType.NATIONAL_RELEASE,
            live=False,
            date=start.date(),
        )
        page.go_live_at = start + datetime.timedelta(hours=2)
        page.save_revision().publish()
        page = NewsPage.objects.get(pk=page.pk)
        assert not page.live and page.release_number is None
        assert "sotto embargo" not in client.get("/sala-stampa/rss/").content.decode()
    with time_machine.travel(start + datetime.timedelta(hours=3), tick=False):
        call_command("publish_scheduled")
    page = NewsPage.objects.get(pk=page.pk)
    assert page.live and page.release_number is not None
    assert "Comunicato di esempio sotto embargo" in client.get("/sala-stampa/rss/").content.decode()


# The news page ------------------------------------------------------------------------------------


def test_news_page_metadata_share_links_and_structured_data(client):
    from core.factories import SiteImageFactory

    image = SiteImageFactory(description="Esempio: la sala di un convegno")
    page = news(
        title="Comunicato di esempio per i metadati",
        news_type=NewsType.LOCAL_RELEASE,
        province=Province.objects.get(sigla="TV"),
        lead_image=image,
        date=datetime.date(2026, 2, 3),
        press_contact_name="Ufficio stampa di esempio",
        press_contact_email="stampa@example.invalid",
    )
    html = client.get(page.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'alt="Esempio: la sala di un convegno"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Comunicato di esempio per i metadati"
    assert data["datePublished"].startswith("2026-02-03")
    assert data["author"]["name"] == "Provincia di Treviso"
    assert data["image"][0].startswith("http://testserver/")
    # No executable inline script: every other <script> has a src.
    assert all("src=" in tag or "application/ld+json" in tag for tag in re.findall(r"<script[^>]*>", html))
    url = f"http%3A%2F%2Ftestserver%2Fsala-stampa%2F{page.slug}%2F"
    assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in html
    assert "https://twitter.com/intent/tweet?url=" in html and "mailto:?subject=" in html
    assert "stampa@example.invalid" in html
    assert 'type="application/rss+xml"' in html and "/sala-stampa/provincia/treviso/rss/" in html


def test_related_pages_are_shown_in_the_visitors_language(client):
    html = client.get("/en/newsroom/progress-and-next-steps/").content.decode()
    assert 'href="/en/the-project/progress/"' in html


def test_local_release_needs_its_province():
    page = NewsPageFactory.build(news_type=NewsType.LOCAL_RELEASE, province=None)
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "slug", "content_type", "locale", "translation_key"])
    assert "province" in error.value.message_dict
    coverage = NewsPageFactory.build(news_type=NewsType.PRESS_COVERAGE, external_url="")
    with pytest.raises(ValidationError) as error:
        coverage.full_clean(exclude=["path", "depth", "slug", "content_type", "locale", "translation_key"])
    assert "external_url" in error.value.message_dict


# Slots on the home and Province pages -------------------------------------------------------------


def test_home_page_shows_the_latest_news(client):
    news(title="Esempio di ultima notizia", date=timezone.localdate())
    html = client.get("/").content.decode()
    assert "Ultime notizie" in html and "Esempio di ultima notizia" in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert "The project&#x27;s progress and its next steps" in client.get("/en/").content.decode()


def test_province_page_lists_its_own_news_and_links_its_feed(client, archive):
    html = client.get("/province/treviso/").content.decode()
    assert "Esempio comunicato di Treviso" in html and "Esempio notizia di Brescia" not in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert "/sala-stampa/provincia/treviso/atom/" in html
    assert "/sala-stampa/?provincia=treviso" in html
    empty = client.get("/province/rovigo/").content.decode()
    assert "Non ci sono ancora notizie di questa Provincia." in empty


def test_province_news_query_count_does_not_grow(client, django_assert_max_num_queries):
    treviso = Province.objects.get(sigla="TV")
    news(title="Esempio 1", province=treviso)
    few = _index_queries(client, "/province/treviso/")
    for n in range(6):
        news(title=f"Esempio altro {n}", province=treviso)
    assert _index_queries(client, "/province/treviso/") == few


def test_listing_shows_sectors_and_dates_in_the_visitors_language(client):
    english = client.get("/en/newsroom/").content.decode()
    assert "European policies" in english or "European Policies" in english
    assert "Politiche europee" not in english
    assert "January 2021" in english
    assert "gennaio 2021" in client.get("/sala-stampa/").content.decode()
