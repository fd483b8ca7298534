"""One address per language for the routes of routable pages.

A route with words in its address has two names: ``name`` with the Italian segment and ``name_en`` with the
English one. Both answer in either language, so an address switched from the other language still works, but
each page's own language has one address: the other segment redirects there (permanently, keeping the query).
"""

from urllib.parse import urlsplit

from django.http import HttpResponsePermanentRedirect


class LanguageRoutesMixin:
    """``route_url`` and ``redirect_to_own_route`` for a RoutablePageMixin page with ``name``/``name_en`` routes."""

    def route_url(self, name, *args, **kwargs):
        """The URL of a route in the page's language (``name`` is the Italian route's name)."""
        english = self.locale.language_code == "en"
        return self.url + self.reverse_subpage(
            f"{name}_en" if english else name, args=args or None, kwargs=kwargs or None
        )

    def redirect_to_own_route(self, request, name, *args, **kwargs):
        """A redirect to the route's address in the page's language, or None when the request is already there."""
        url = self.route_url(name, *args, **kwargs)
        if request.path == urlsplit(url).path:
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(url + (f"?{query}" if query else ""))
