"""The mapping's roles: one group of referents per Province; UPI manages questionnaires and campaigns.

Run after ``migrate`` (``core.roles.setup_roles``). UPI adds the referents' users to their groups.
"""

from wagtail.models import CollectionViewRestriction

from core.roles import ensure_collection, ensure_province_groups, grant, provinces_of, upi_group

REFERENT_ROLE = "mappatura"
REFERENT_GROUP_PREFIX = "Referente mappatura – Provincia di "
# The referents' attachments: readable by UPI only (and by the researchers UPI adds to its group).
ATTACHMENTS_COLLECTION_NAME = "Mappatura - allegati delle Province"


def referent_provinces(user):
    return provinces_of(user, REFERENT_ROLE)


def ensure_roles():
    # Referents answer in the public site, not in the admin: their groups need no admin access.
    groups = ensure_province_groups(REFERENT_ROLE, REFERENT_GROUP_PREFIX, admin_access=False)
    grant(
        upi_group(),
        *(
            f"mapping.{action}_{model}"
            for model in ("questionnaire", "campaign", "interviewnote")
            for action in ("add", "change", "delete", "view")
        ),
        "mapping.view_response",
        "mapping.change_response",
    )
    ensure_collection(
        ATTACHMENTS_COLLECTION_NAME, restriction_type=CollectionViewRestriction.GROUPS, groups=[upi_group()]
    )
    return groups
