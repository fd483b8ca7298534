"""Search's role: UPI's communication office reads the search report and pins results."""

from core.roles import grant, upi_group

UPI_SEARCH_PERMISSIONS = [
    "search.view_search_report",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
]


def ensure_roles():
    grant(upi_group(), *UPI_SEARCH_PERMISSIONS)
