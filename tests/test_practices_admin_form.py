"""The practice's admin form: themes in the practice's language, and the Comuni served listed in few queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import Theme
from practices.models import PracticeIndexPage, PracticePage
from tests.skeleton import build_homes, section, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(django_user_model):
    home_it, home_en = build_homes()
    catalogue = section(home_it, PracticeIndexPage, "Buone pratiche", "buone-pratiche")
    translate(catalogue)
    italian = Theme.objects.create(name="Appalti pubblici", slug="appalti-pubblici", locale=home_it.locale)
    english = italian.copy_for_translation(home_en.locale)
    english.name, english.slug = "Public procurement", "public-procurement"
    english.save()
    return catalogue


def practice_form(catalogue, user):
    form_class = PracticePage.get_edit_handler().get_form_class()
    return form_class(instance=PracticePage(locale=catalogue.locale), parent_page=catalogue, for_user=user)


def test_themes_are_offered_in_the_practice_language_only(catalogue, django_user_model):
    user = django_user_model.objects.create_superuser("upi", "upi@example.invalid", "x")
    form = practice_form(catalogue, user)
    assert list(form.fields["themes"].queryset.values_list("name", flat=True)) == ["Appalti pubblici"]


def test_comuni_served_render_in_a_few_queries(catalogue, django_user_model):
    """Each option names the Comune's Province: one joined query, not one query per Comune (5,563)."""
    user = django_user_model.objects.create_superuser("upi", "upi@example.invalid", "x")
    form = practice_form(catalogue, user)
    with CaptureQueriesContext(connection) as queries:
        html = str(form["comuni"])
    assert "Conegliano (TV)" in html
    assert len(queries) <= 3
