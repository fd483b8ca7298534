"""The admin's view of the login lockouts (django-axes): superusers see who is locked out and unlock them
by deleting the record (Impostazioni → “Accessi bloccati”)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from axes.models import AccessAttempt


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Superusers may list and delete lockout records; nobody creates or edits them."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Accessi bloccati")
    add_to_settings_menu = True
    name = "lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    exclude_form_fields = []
    copy_view_enabled = False
