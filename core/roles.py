"""Roles every area shares: UPI's communication office, and one group per Province and role.

Roles are created when the database is migrated (each app connects its ``ensure_roles`` to
``post_migrate``), so that ``migrate`` alone gives an install working roles; the content loader only
loads content. Every function here is idempotent.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import module_has_submodule

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from core.models import Province, ProvinceGroup

UPI_GROUP_NAME = "Comunicazione UPI"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
# Wagtail checks image and document permissions against its own models, also with custom ones.
COLLECTION_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
COLLECTION_ACTIONS = ["add", "change", "choose", "delete"]
UPI_MODEL_PERMISSIONS = [
    ("core", "sector", ["add", "change", "delete", "view"]),
    ("core", "theme", ["add", "change", "delete", "view"]),
    ("core", "province", ["change", "view"]),
    ("core", "sitesettings", ["change"]),
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(group, *permissions):
    """Give ``group`` model permissions written as "app_label.codename"."""
    for name in permissions:
        app_label, codename = name.split(".", 1)
        group.permissions.add(permission(app_label, codename))


def grant_collection(group, actions, collection=None):
    """Image and document permissions on a collection (the root by default)."""
    collection = collection or Collection.get_first_root_node()
    for app_label, model in COLLECTION_MODELS:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        for action in actions:
            perm = Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=perm
            )


def grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission("wagtailcore", codename)
        )


def upi_group():
    """UPI's communication office: edits every page, publishes, translates, approves."""
    group, _created = Group.objects.get_or_create(name=UPI_GROUP_NAME)
    return group


def ensure_upi_group():
    group = upi_group()
    grant(group, "wagtailadmin.access_admin", "wagtail_localize.submit_translation")
    for app_label, model, actions in UPI_MODEL_PERMISSIONS:
        for action in actions:
            group.permissions.add(permission(app_label, f"{action}_{model}"))
    grant_page(group, Page.get_first_root_node(), PAGE_PERMISSIONS)
    grant_collection(group, COLLECTION_ACTIONS)
    return group


def ensure_province_groups(role, name_prefix, admin_access=True):
    """One admin group per Province for ``role``, named ``name_prefix`` + the Province's name.

    Returns the groups by Province. Existing groups are kept (and their members with them).
    """
    existing = {
        link.province_id: link.group for link in ProvinceGroup.objects.for_role(role).select_related("group")
    }
    groups = {}
    for province in Province.objects.all():
        group = existing.get(province.pk)
        if group is None:
            group, _created = Group.objects.get_or_create(name=f"{name_prefix}{province.name}")
            ProvinceGroup.objects.create(province=province, role=role, group=group)
        if admin_access:
            group.permissions.add(permission("wagtailadmin", "access_admin"))
        groups[province] = group
    return groups


def provinces_of(user, role):
    """The Provinces ``user`` acts for in ``role`` (a queryset)."""
    return Province.objects.filter(role_groups__role=role, role_groups__group__user=user).distinct()


def group_of(province, role):
    """The group acting for ``province`` in ``role``, or None."""
    link = ProvinceGroup.objects.filter(province=province, role=role).select_related("group").first()
    return link.group if link else None


def ensure_collection(name, restriction_type=None, groups=()):
    """A child of the root collection, created once, with an optional view restriction."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    if restriction_type and not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type
        )
        if groups:
            restriction.groups.set(groups)
    return collection


def ensure_roles():
    """The roles of the site's base."""
    ensure_upi_group()


def setup_roles(sender, **kwargs):
    """post_migrate: once every app has migrated (and has its permissions), run each app's roles.

    Every app may have a ``roles`` module with an idempotent ``ensure_roles()``; the base app's runs
    first. Django sends post_migrate once per app, in INSTALLED_APPS order, and creates the permissions
    of each app in its own round, so the roles wait for the last one.
    """
    app_configs = list(apps.get_app_configs())
    # Django signals only the apps that have a models module.
    if sender.label != [config for config in app_configs if config.models_module is not None][-1].label:
        return
    for app_config in app_configs:
        if app_config.module and module_has_submodule(app_config.module, "roles"):
            ensure = getattr(import_module(f"{app_config.name}.roles"), "ensure_roles", None)
            if ensure is not None:
                ensure()
