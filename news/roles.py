"""The newsroom's roles: one press office per Province, its closed collection, UPI's approval workflow.

Created on ``post_migrate`` (``core.roles.setup_roles``), so ``migrate`` alone gives working roles. The
rights on the newsroom page itself are granted when the page exists (``grant_press_offices``).
"""

from wagtail.models import CollectionViewRestriction, Workflow, WorkflowPage, WorkflowTask

from core.roles import (
    ensure_collection,
    ensure_province_groups,
    grant_collection,
    grant_page,
    group_of,
    upi_review_task,
)

PRESS_OFFICE_ROLE = "stampa"
PRESS_GROUP_PREFIX = "Ufficio stampa - Provincia di "
# Press offices upload into this collection, closed to the public, so that an attachment of a release not
# yet approved (or under embargo) cannot be downloaded, listed or found; the newsroom moves a release's
# attachments to the public collection when the release is published.
PRESS_COLLECTION_NAME = "Uffici stampa - allegati in attesa di pubblicazione"
PRESS_OFFICE_PAGE_PERMISSIONS = ["add_page"]
WORKFLOW_NAME = "Sala stampa: approvazione della Comunicazione UPI"


def press_collection():
    return ensure_collection(PRESS_COLLECTION_NAME, restriction_type=CollectionViewRestriction.LOGIN)


def ensure_press_offices():
    """One press-office group per Province: it uploads only into the closed collection."""
    pending = press_collection()
    groups = ensure_press_office_groups()
    for group in groups.values():
        grant_collection(group, ["add", "choose"], collection=pending)
    return groups


def ensure_press_office_groups():
    return ensure_province_groups(PRESS_OFFICE_ROLE, PRESS_GROUP_PREFIX)


def ensure_workflow():
    """The UPI communication office approves what the press offices submit."""
    task = upi_review_task()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_workflow(pages):
    workflow = ensure_workflow()
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def grant_press_offices(newsroom):
    """Each Province's press office may create news in the (Italian) newsroom and edit what it wrote."""
    for group in ensure_press_office_groups().values():
        grant_page(group, newsroom, PRESS_OFFICE_PAGE_PERMISSIONS)


def ensure_roles():
    """Press offices, their collection and the approval workflow (run after ``migrate``)."""
    ensure_press_offices()
    ensure_workflow()


def press_office_group(province):
    """The press-office group of ``province``."""
    return group_of(province, PRESS_OFFICE_ROLE)
