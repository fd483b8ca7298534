"""Where “Area riservata” and the site's login (``/_util/login/``, ``LOGIN_REDIRECT_URL``) take a user who
came without ``next``: each area says, through the ``login_destination`` hook, where its own people work
(a referent to the mapping's questionnaire, a working-group member to the reserved area); an editor goes
to the admin, anyone else to the home page."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from wagtail import hooks


def login_redirect(request, next_url=None):
    """To the site's login page (not the admin's), coming back to ``next_url`` (this address by default)."""
    login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailcore_login")
    return redirect_to_login(next_url or request.get_full_path(), login_url)


def after_login(request):
    user = request.user
    if not user.is_authenticated:
        return login_redirect(request)
    # The address is outside the language prefixes: the page the visitor came from says its language.
    asked = request.GET.get("lang", "")
    language = asked if asked in dict(settings.LANGUAGES) else (get_language() or "it").split("-")[0]
    with translation.override(language):  # the hooks' URLs in that language (routes have both segments)
        for destination in hooks.get_hooks("login_destination"):
            url = destination(request, user, language)
            if url:
                return redirect(url)
    if user.has_perm("wagtailadmin.access_admin"):
        return redirect(reverse("wagtailadmin_home"))
    return redirect("/" if language == "it" else f"/{language}/")
