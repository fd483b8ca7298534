from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page

from feedback.forms import FeedbackForm
from feedback.views import accepts_feedback

register = template.Library()

# The blank form in each language, rendered once per process: it depends on nothing but the code and the
# language, and rendering its widgets took some 2 ms of every page. The page's id is put in afterwards.
_blank_forms = {}
PAGE_FIELD = '<input type="hidden" name="page" value="{}" id="feedback-page">'


def blank_form():
    language = get_language()
    if language not in _blank_forms:
        form = FeedbackForm(initial={"page": 0}, auto_id="feedback-%s")
        html = render_to_string("feedback/form.html", {"form": form})
        if html.count(PAGE_FIELD.format(0)) != 1:  # the page's id is put in this field
            raise ValueError("feedback/form.html: the page field is missing")
        _blank_forms[language] = html
    return _blank_forms[language]


@register.simple_tag(takes_context=True)
def page_feedback(context):
    """The question at the foot of a page, on the page's own address only (not on the sub-pages of a
    routable page, such as a Province's, which would be answered in the name of the index)."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None or not accepts_feedback(page):
        return ""
    if request.path != page.get_url(request):
        return ""
    field = format_html(PAGE_FIELD, page.pk)
    return mark_safe(blank_form().replace(PAGE_FIELD.format(0), field))  # noqa: S308 (our template; the id is escaped)
