from django.contrib.auth.models import Group, Permission

from home.content.groups import UPI_GROUP_NAME

UPI_SEARCH_PERMISSIONS = [
    ("search", "view_search_report"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


def grant_upi_search_permissions():
    group = Group.objects.filter(name=UPI_GROUP_NAME).first()
    if group is None:
        return
    for app_label, codename in UPI_SEARCH_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
