"""The roles of “Documenti e risorse”: UPI edits announced documents; each working group has members.

A working group's members are a Django group with a private document collection, one per sector; the
loader links them to the group's reserved page. Run after ``migrate`` (``core.roles.setup_roles``).
"""

from django.contrib.auth.models import Group

from wagtail.models import CollectionViewRestriction

from core.content import SECTORS
from core.roles import ensure_collection, grant, upi_group

MEMBERS_GROUP_PREFIX = "Gruppo di lavoro - "


def members_area(name):
    """The members' Django group and their private document collection (created once)."""
    group, _created = Group.objects.get_or_create(name=f"{MEMBERS_GROUP_PREFIX}{name}")
    collection = ensure_collection(
        f"Riservata - {MEMBERS_GROUP_PREFIX}{name}",
        restriction_type=CollectionViewRestriction.GROUPS,
        groups=[group],
    )
    return group, collection


def ensure_roles():
    grant(
        upi_group(),
        *(f"resources.{action}_upcomingdocument" for action in ("add", "change", "delete", "view")),
    )
    for data in SECTORS:
        members_area(data["short_name"].it)
