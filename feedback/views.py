"""The answer to “Questa pagina ti è stata utile?”, sent by a plain form.

No cookie is set or read: the form carries no CSRF token (a token needs a cookie), so the view is
CSRF-exempt and guards itself instead. It accepts only its four fields, only for a live public page
that shows the question, with a short text; it writes one anonymous row and nothing else. A reader
may answer a few times an hour: the count is kept in the cache under a hash of the address with a
salt that changes every day (derived from the secret key and the date, never stored), so it cannot
be traced back once the day is over; the address itself is stored nowhere.
"""

import datetime

from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from core.clients import client_ip
from core.request_cache import is_restricted
from feedback.forms import YES, FeedbackForm
from feedback.models import PageFeedback

RATE_LIMIT = 10  # answers per address per hour
RATE_WINDOW = 3600
FIELDS = {"page", "useful", "reason", "detail"}


def accepts_feedback(page):
    """The pages that ask the question: live, public, below the home page."""
    return page is not None and page.live and page.depth > 2 and not is_restricted(page)


def feedback_page(page_id):
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=2).first()
    return page if page is not None and accepts_feedback(page) else None


def rate_key(request):
    address = client_ip(request)  # behind proxies: the address they saw, not one the client wrote
    today = datetime.date.today().isoformat()
    digest = salted_hmac(f"feedback.rate.{today}", address, algorithm="sha256").hexdigest()
    return f"feedback:rate:{digest}"


def over_rate_limit(request):
    key = rate_key(request)
    if cache.add(key, 1, RATE_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RATE_WINDOW)
        return False
    return count > RATE_LIMIT


@csrf_exempt
@require_POST
@never_cache
def submit(request):
    if set(request.POST) - FIELDS:
        return render(request, "feedback/refused.html", status=400)
    form = FeedbackForm(request.POST)
    page = feedback_page(form.data.get("page")) if str(form.data.get("page", "")).isdigit() else None
    if page is None:
        return render(request, "feedback/refused.html", status=400)
    page = page.specific_deferred
    if over_rate_limit(request):
        return render(request, "feedback/result.html", {"target": page, "rate_limited": True}, status=429)
    if not form.is_valid():
        return render(request, "feedback/result.html", {"target": page, "form": form}, status=400)
    data = form.cleaned_data
    PageFeedback.objects.create(
        page=page,
        useful=data["useful"] == YES,
        reason=data["reason"],
        detail=data["detail"].strip(),
    )
    return render(request, "feedback/result.html", {"target": page, "thanks": True})
