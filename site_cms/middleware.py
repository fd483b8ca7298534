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
