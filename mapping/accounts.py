"""The referents set their password from the invitation's single-use link (Django's own reset views).

``PasswordResetConfirmView`` checks the token, then moves it into the session and redirects to a URL
without it, so the token never lingers in the browser's history or a Referer header. Once the password is
set the token no longer validates (it signs the password hash), and after ``PASSWORD_RESET_TIMEOUT`` it
expires. The referent is logged in right away and can start answering.

Referents have no access to the admin, so they also leave from the public site: ``LogoutView`` (a POST
with the CSRF token, as Django requires) ends the session and says that the saved answers stay.
"""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from wagtail.models import Locale

from .models import MappingPage


class PasswordSetView(auth_views.PasswordResetConfirmView):
    template_name = "mapping/password_set_confirm.html"
    success_url = reverse_lazy("mapping_password_set_done")
    post_reset_login = True
    # Several backends are configured (the login lockout's and Django's): log in through Django's.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"


@method_decorator(never_cache, name="dispatch")
class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "mapping/password_set_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = MappingPage.objects.live().filter(locale=Locale.get_active()).first()
        context["questionnaire_url"] = page.questionnaire_url if page else ""
        return context


class LogoutView(auth_views.LogoutView):
    template_name = "mapping/logged_out.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = MappingPage.objects.live().filter(locale=Locale.get_active()).first()
        context["questionnaire_url"] = page.questionnaire_url if page else ""
        return context
