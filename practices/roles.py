"""The catalogue's roles: one practices group per Province, which proposes; UPI validates and publishes.

Created on ``post_migrate`` (``core.roles.setup_roles``). The right to add pages under the (Italian)
catalogue is granted when the catalogue exists (``grant_practice_groups``, called by the content
loader, which also assigns the validation workflow to the catalogue).
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from core.roles import ensure_province_groups, grant, grant_page, group_of, upi_group

PRACTICES_ROLE = "buone-pratiche"
PRACTICES_GROUP_PREFIX = "Buone pratiche – Provincia di "
PRACTICES_PAGE_PERMISSIONS = ["add_page"]
# A Province's practices group declares the replications of its own Province (see practices.models).
REPLICATION_PERMISSIONS = [
    "practices.add_replication",
    "practices.change_replication",
    "practices.delete_replication",
    "practices.view_replication",
]
WORKFLOW_NAME = "Buone pratiche: validazione UPI"
TASK_NAME = "Validazione UPI della buona pratica"


def ensure_practice_groups():
    groups = ensure_province_groups(PRACTICES_ROLE, PRACTICES_GROUP_PREFIX)
    for group in groups.values():
        grant(group, *REPLICATION_PERMISSIONS)
    return groups


def ensure_workflow():
    """UPI validates what the Provinces propose: it sets the evidence level and publishes."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([upi_group()])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_workflow(pages):
    workflow = ensure_workflow()
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def grant_practice_groups(catalogue):
    """Each Province's practices group may propose practices in the (Italian) catalogue."""
    for group in ensure_practice_groups().values():
        grant_page(group, catalogue, PRACTICES_PAGE_PERMISSIONS)


def ensure_roles():
    """The practices groups, their rights on replications, and the validation workflow (after ``migrate``)."""
    upi = upi_group()
    grant(upi, *REPLICATION_PERMISSIONS)
    ensure_practice_groups()
    ensure_workflow()


def practices_group(province):
    """The practices group of ``province``."""
    return group_of(province, PRACTICES_ROLE)
