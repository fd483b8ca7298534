"""Who reads the readers' answers: UPI's communication office (and superusers). Press offices and
the Provinces' groups do not. Run after ``migrate`` (``core.roles.setup_roles``)."""

from core.roles import grant, upi_group

REPORT_PERMISSION = "feedback.view_pagefeedback"


def can_view_report(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def ensure_roles():
    grant(upi_group(), REPORT_PERMISSION)
