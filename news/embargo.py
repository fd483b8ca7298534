"""Who may see what the press offices have uploaded before their release is published.

Press offices upload into a closed collection (``news.roles.PRESS_COLLECTION_NAME``); publishing a release
moves its attachments out of it (``news.signals``). Until then a pending document or image belongs to one
Province: the Province of the releases that use it and of the press office that uploaded it. Only that
Province's press office, UPI's communication office and superusers may download it, open it, or see it in a
chooser; being logged in is not enough.
"""

from django.db.models import Q

from wagtail.models import Collection

from core.roles import UPI_GROUP_NAME, provinces_of
from news.roles import PRESS_COLLECTION_NAME, PRESS_OFFICE_ROLE


def pending_collection():
    root = Collection.get_first_root_node()
    if root is None:
        return None
    return root.get_children().filter(name=PRESS_COLLECTION_NAME).first()


def sees_every_pending_item(user):
    """Superusers and UPI's communication office read every Province's pending material."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_in_upi_group"):
        user._in_upi_group = user.groups.filter(name=UPI_GROUP_NAME).exists()
    return user._in_upi_group


def press_provinces(user):
    """The pks of the Provinces whose press office ``user`` belongs to (memoised on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if not hasattr(user, "_press_provinces"):
        user._press_provinces = set(provinces_of(user, PRESS_OFFICE_ROLE).values_list("pk", flat=True))
    return user._press_provinces


def _owned_by(provinces, model):
    """A filter on ``model`` (documents or images): what these Provinces' press offices uploaded, and what
    these Provinces' releases use (as attachments, or as lead image)."""
    from news.models import NewsPage, NewsPageAttachment

    by_uploader = Q(
        uploaded_by_user__groups__province_role__province__in=provinces,
        uploaded_by_user__groups__province_role__role=PRESS_OFFICE_ROLE,
    )
    if model is NewsPageAttachment._meta.get_field("document").related_model:
        used = NewsPageAttachment.objects.filter(page__province__in=provinces).values("document")
    else:
        used = NewsPage.objects.filter(province__in=provinces, lead_image__isnull=False).values("lead_image")
    return by_uploader | Q(pk__in=used)


def visible_to(user, queryset):
    """``queryset`` (documents or images) without the pending items ``user`` may not see."""
    if sees_every_pending_item(user):
        return queryset
    pending = pending_collection()
    if pending is None:
        return queryset
    provinces = press_provinces(user)
    allowed = ~Q(collection=pending)
    if provinces:
        own = queryset.model.objects.filter(collection=pending).filter(_owned_by(provinces, queryset.model))
        allowed |= Q(pk__in=own.values("pk"))
    # One ``pk__in``: the choosers run this queryset through the search backend, which filters on indexed
    # fields only.
    return queryset.filter(pk__in=queryset.model.objects.filter(allowed).values("pk"))


def may_see(user, item):
    """Whether ``user`` may download or open ``item`` (a document or an image)."""
    pending = pending_collection()
    if pending is None or item.collection_id != pending.pk or sees_every_pending_item(user):
        return True
    return visible_to(user, type(item).objects.filter(pk=item.pk)).exists()
