import contextlib

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Crawlers may index the site but not the admin nor the search result pages."""
    disallowed = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code), contextlib.suppress(NoReverseMatch):
            disallowed.append(reverse("search"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in dict.fromkeys(disallowed))]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def hello_world(request):
    """The cheapest page the site's middleware can serve: the benchmark's yardstick (``make bench``).

    Routed only when the ``BENCH_HELLO_WORLD`` setting is on (environment variable ``BENCH_HELLO_WORLD=1``,
    set by the benchmark alone): never in a normal deployment."""
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: a 403 page in the site's design (Django's own has inline style)."""
    from django.template.response import TemplateResponse

    response = TemplateResponse(request, "403_csrf.html", status=403)
    return response.render()
