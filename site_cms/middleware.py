from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Sends the site's strict Content-Security-Policy on every public response.

    The Wagtail admin (authenticated editors only) relies on inline styles, so it keeps
    Wagtail's own headers; everything a visitor sees runs under the strict policy.
    """

    exempt_prefixes = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), geolocation=(), microphone=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class PublicInputMiddleware:
    """Every query-string parameter of a public request goes through ``core.text.clean_query``.

    The site's public forms are all GET forms (search, catalogue facets, Comune finder, library, events and
    news filters): cleaning the parameters once here means no view ever sees a NUL byte, invalid UTF-8, a
    bidirectional override or an unbounded string, whoever writes the next form. Views still apply their own,
    shorter, length limits. The admin is left alone.
    """

    exempt_prefixes = ("/admin/",)
    max_length = 1000

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and not request.path.startswith(self.exempt_prefixes):
            request.GET = clean_query_dict(request.GET, self.max_length)
        return self.get_response(request)


def clean_query_dict(params, max_length):
    from django.http import QueryDict

    from core.text import clean_query

    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        key = clean_query(key, 100)
        if key:
            cleaned.setlist(key, [clean_query(value, max_length) for value in values])
    cleaned._mutable = False
    return cleaned
