"""The admin groups: UPI's communication office, and one press-office group per Province."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

UPI_GROUP_NAME = "Comunicazione UPI"
# Press offices upload into this collection, closed to the public, so that an attachment of a release not
# yet approved (or under embargo) cannot be downloaded, listed or found; the newsroom moves a release's
# attachments to the public collection when the release is published.
PRESS_COLLECTION_NAME = "Uffici stampa - allegati in attesa di pubblicazione"
PRESS_GROUP_PREFIX = "Ufficio stampa - Provincia di "

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
# Wagtail checks image and document permissions against its own models, also with custom ones.
COLLECTION_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
COLLECTION_ACTIONS = ["add", "change", "choose", "delete"]
UPI_MODEL_PERMISSIONS = [
    ("home", "sector", ["add", "change", "delete", "view"]),
    ("home", "theme", ["add", "change", "delete", "view"]),
    ("home", "province", ["change", "view"]),
    ("home", "sitesettings", ["change"]),
]


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_perms(group, actions, collection=None):
    root = collection or Collection.get_first_root_node()
    for app_label, model in COLLECTION_MODELS:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        for action in actions:
            permission = Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def ensure_upi_group():
    group, _created = Group.objects.get_or_create(name=UPI_GROUP_NAME)
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    for app_label, model, actions in UPI_MODEL_PERMISSIONS:
        for action in actions:
            group.permissions.add(_perm(app_label, f"{action}_{model}"))
    group.permissions.add(_perm("wagtail_localize", "submit_translation"))
    root = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=_perm("wagtailcore", codename))
    _collection_perms(group, COLLECTION_ACTIONS)
    return group


def ensure_press_office_groups():
    """One group per Province, linked to it; the newsroom grants them rights on its pages."""
    from home.models import Province

    access_admin = _perm("wagtailadmin", "access_admin")
    pending = ensure_press_collection()
    root = Collection.get_first_root_node()
    created = 0
    for province in Province.objects.select_related("press_group"):
        if province.press_group is None:
            group, was_created = Group.objects.get_or_create(name=f"{PRESS_GROUP_PREFIX}{province.name}")
            province.press_group = group
            province.save(update_fields=["press_group"])
            created += was_created
        group = province.press_group
        group.permissions.add(access_admin)
        GroupCollectionPermission.objects.filter(group=group, collection=root).delete()
        _collection_perms(group, ["add", "choose"], collection=pending)
    return created


def ensure_press_collection():
    """The collection press offices upload into: only logged-in users may download from it."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PRESS_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=PRESS_COLLECTION_NAME)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.LOGIN}
    )
    return collection
