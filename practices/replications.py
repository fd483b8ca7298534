"""Replications in the admin: UPI edits all of them, a Province's practices group only its own Province's."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from core.models import Province
from practices.models import PracticePage, Replication
from practices.permissions import practices_province


def restricted_province(user):
    """The Province a user may declare replications for, or None when not restricted (UPI, superusers)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    from core.roles import UPI_GROUP_NAME

    if user.groups.filter(name=UPI_GROUP_NAME).exists():
        return None
    return practices_province(user)


class ReplicationPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions; a practices group acts only on its own Province's replications."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        province = restricted_province(user)
        return province is None or instance.province_id == province.pk

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        province = restricted_province(user)
        return instances if province is None else instances.filter(province=province)


class ReplicationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = PracticePage.objects.live()
        self.own_province = restricted_province(self.for_user) if self.for_user is not None else None
        if self.own_province is not None:
            field = self.fields["province"]
            field.queryset = Province.objects.filter(pk=self.own_province.pk)
            field.initial = self.own_province.pk
            field.disabled = True
            field.required = False
            self.initial["province"] = self.own_province.pk

    def clean(self):
        cleaned_data = super().clean()
        if self.own_province is not None:
            cleaned_data["province"] = self.own_province
            self.instance.province = self.own_province
        return cleaned_data


class OwnProvinceMixin:
    """The edit and delete views refuse another Province's replication (the index already hides it)."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        province = restricted_province(self.request.user)
        if province is not None and instance.province_id != province.pk:
            raise PermissionDenied
        return instance


class ReplicationEditView(OwnProvinceMixin, EditView):
    pass


class ReplicationDeleteView(OwnProvinceMixin, DeleteView):
    pass


class ReplicationViewSet(SnippetViewSet):
    model = Replication
    icon = "resubmit"
    menu_label = _("Repliche delle pratiche")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["practice", "province", "status", "date"]
    list_filter = ["status"]
    edit_view_class = ReplicationEditView
    delete_view_class = ReplicationDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("practice"),
            FieldPanel("province"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("date")]),
            FieldPanel("note"),
        ],
        base_form_class=ReplicationForm,
    )

    def get_queryset(self, request):
        queryset = Replication.objects.select_related("practice", "province")
        province = restricted_province(request.user)
        return queryset if province is None else queryset.filter(province=province)
