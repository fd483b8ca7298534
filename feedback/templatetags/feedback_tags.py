from django import template

from wagtail.models import Page

from feedback.forms import FeedbackForm
from feedback.views import accepts_feedback

register = template.Library()


@register.inclusion_tag("feedback/form.html", takes_context=True)
def page_feedback(context):
    """The question at the foot of a page, on the page's own address only (not on the sub-pages of a
    routable page, such as a Province's, which would be answered in the name of the index)."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None or not accepts_feedback(page):
        return {"form": None}
    if request.path != page.get_url(request):
        return {"form": None}
    return {"form": FeedbackForm(initial={"page": page.pk}, auto_id="feedback-%s")}
