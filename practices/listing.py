"""The catalogue's listing table (``CatalogueEntry``), kept in step with the pages.

The catalogue filters, counts and sorts the practices it lists on every request. Read from the page tree,
each request joined every matching practice with the live pages of its language, checked the view
restrictions and read the wide practice rows (the long texts and the body come along). The listing table
holds only what the catalogue reads, for the practices it may show: live, under a catalogue page of their
language, hidden by no view restriction.

A practice's row is rebuilt from the page tables, by one INSERT ... SELECT, whenever anything it depends
on changes:

- the practice is saved: created, published, scheduled and published, unpublished, expired, its draft saved
  (``PracticePage.save``, or this module's ``post_save`` receiver when Wagtail saves it as a plain page,
  as unpublishing does);
- a page is moved: every practice under it (it may have left or entered a restricted section);
- a view restriction is added, changed or removed: every practice under its page;
- a replication is saved or deleted, one by one or in bulk, or moved to another practice: every
  translation of its practices, once committed;
- a sector changes code: its practices.

Deleting a practice or its catalogue deletes the rows (foreign keys, on delete cascade). Code that writes
the page tables behind Django's back (``QuerySet.update``, bulk inserts) calls ``sync_practices`` itself,
or ``rebuild()``, which ``manage.py rebuild_catalogue`` runs.
"""

from django.db import connection, transaction

from practices.choices import ReplicationStatus

# The furthest replication status of a practice, as a number the facet groups by (0: none).
REPLICATION_RANKS = {
    ReplicationStatus.ADOPTED: 3,
    ReplicationStatus.ADAPTING: 2,
    ReplicationStatus.INTERESTED: 1,
}

LOCK_KEY = 0x43415441  # PostgreSQL advisory lock of the rebuilds ("CATA")

COLUMNS = (
    "page_id",
    "catalogue_id",
    "sector_code",
    "province_id",
    "practice_type",
    "stage",
    "start_year",
    "evidence_level",
    "replication_rank",
    "replication_count",
    "title",
    "first_published_at",
    "last_verified",
    "search_document",
)


def _tables():
    from wagtail.models import Page, PageViewRestriction

    from core.models import Sector
    from practices.models import CatalogueEntry, PracticeIndexPage, PracticePage, Replication

    return {
        "entry": CatalogueEntry._meta.db_table,
        "page": Page._meta.db_table,
        "practice": PracticePage._meta.db_table,
        "index": PracticeIndexPage._meta.db_table,
        "sector": Sector._meta.db_table,
        "replication": Replication._meta.db_table,
        "restriction": PageViewRestriction._meta.db_table,
    }


def _sync(where, params):
    """Delete the rows of the practices ``where`` selects (SQL on ``wp``, the practice's page), then insert
    those the catalogue lists. ``where`` is one of this module's literals; values are parameters."""
    t = _tables()
    ranks = " ".join(f"WHEN %s THEN {rank}" for rank in REPLICATION_RANKS.values())
    rank_params = list(REPLICATION_RANKS)
    select = f"""
        SELECT p.page_ptr_id, idx.page_ptr_id, COALESCE(s.code, ''), p.province_id, p.practice_type, p.stage,
               p.start_year, p.evidence_level,
               COALESCE((SELECT MAX(CASE r.status {ranks} ELSE 0 END) FROM {t["replication"]} r
                         WHERE r.practice_key = wp.translation_key), 0),
               (SELECT COUNT(*) FROM {t["replication"]} r WHERE r.practice_key = wp.translation_key),
               wp.title, wp.first_published_at, p.last_verified, p.search_document
        FROM {t["practice"]} p
        JOIN {t["page"]} wp ON wp.id = p.page_ptr_id
        JOIN {t["page"]} parent ON parent.path = SUBSTR(wp.path, 1, LENGTH(wp.path) - %s)
                                AND parent.locale_id = wp.locale_id
        JOIN {t["index"]} idx ON idx.page_ptr_id = parent.id
        LEFT JOIN {t["sector"]} s ON s.id = p.sector_id
        WHERE wp.live = %s
          AND NOT EXISTS (
              SELECT 1 FROM {t["restriction"]} vr JOIN {t["page"]} rp ON rp.id = vr.page_id
              WHERE SUBSTR(wp.path, 1, LENGTH(rp.path)) = rp.path
          )
          AND ({where})
    """  # noqa: S608 (table names are the models' own; every value is a parameter)
    from wagtail.models import Page

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One rebuild at a time, to the end of the transaction: two overlapping ones would each miss the
            # other's uncommitted row (a practice restricted meanwhile left listed, or a duplicate key).
            # SQLite's write transactions never overlap.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(
            f"DELETE FROM {t['entry']} WHERE page_id IN "  # noqa: S608 (as above)
            f"(SELECT wp.id FROM {t['page']} wp JOIN {t['practice']} p ON p.page_ptr_id = wp.id WHERE {where})",
            params,
        )
        cursor.execute(
            f"INSERT INTO {t['entry']} ({', '.join(COLUMNS)}) {select}",
            [*rank_params, Page.steplen, True, *params],
        )


def _chunks(values, size=500):
    values = list(dict.fromkeys(values))
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _changed():
    from practices.coverage import invalidate_coverage

    invalidate_coverage()  # also the unfiltered catalogue's cached counts
    # Again once committed: a request between the rebuild and the commit reads the old rows and would keep
    # them in the cache.
    transaction.on_commit(invalidate_coverage)


def sync_practices(ids):
    """Rebuild the rows of these practices (by page id)."""
    for chunk in _chunks(ids):
        _sync(f"wp.id IN ({', '.join(['%s'] * len(chunk))})", chunk)
    _changed()


def sync_translations(keys):
    """Rebuild the rows of every translation of these practices (by translation key)."""
    from wagtail.models import Page

    field = Page._meta.get_field("translation_key")
    values = [field.get_db_prep_value(key, connection) for key in keys if key]  # (SQLite: hex text)
    for chunk in _chunks(values):
        _sync(f"wp.translation_key IN ({', '.join(['%s'] * len(chunk))})", chunk)
    _changed()


def sync_under(path):
    """Rebuild the rows of every practice at or under the page of this tree path."""
    _sync("SUBSTR(wp.path, 1, %s) = %s", [len(path), path])
    _changed()


def rebuild():
    """Rebuild every row; returns how many there are."""
    from practices.models import CatalogueEntry

    _sync("1 = 1", [])
    _changed()
    return CatalogueEntry.objects.count()


# Receivers ----------------------------------------------------------------------------------------------


def _page_saved(sender, instance, **kwargs):
    """A practice saved as a plain ``Page`` (Wagtail's unpublish does so); ``PracticePage.save`` syncs
    its own saves once the search vector is up to date."""
    from wagtail.models import Page

    from practices.models import PracticePage

    plain_page = isinstance(instance, Page) and not isinstance(instance, PracticePage)
    if plain_page and instance.specific_class is PracticePage:
        sync_practices([instance.pk])


def _page_moved(sender, instance, **kwargs):
    from wagtail.models import Page

    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path:
        sync_under(path)


def _restriction_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        sync_under(path)


def _replication_before_save(sender, instance, raw=False, **kwargs):
    """Remember the practice a replication pointed to: the form can move it to another practice."""
    if instance.pk and not raw:
        instance._listing_old_key = (
            sender.objects.filter(pk=instance.pk).values_list("practice_key", flat=True).first()
        )


def _replication_changed(sender, instance, raw=False, **kwargs):
    """A replication saved or deleted, one by one or in bulk (the admin's bulk delete, a Province or a
    practice deleted with its replications): rebuild every translation of its practice, and of the practice
    it pointed to before, once the change is committed (a practice deleted with its replications has no row
    left to rebuild then)."""
    if raw:
        return
    keys = {instance.practice_key, getattr(instance, "_listing_old_key", None)} - {None}
    if keys:
        transaction.on_commit(lambda: sync_translations(keys))


def _sector_saved(sender, instance, **kwargs):
    from practices.models import PracticePage

    sync_practices(PracticePage.objects.filter(sector=instance).values_list("pk", flat=True))


def connect():
    from django.db.models.signals import post_delete, post_save, pre_save

    from wagtail.models import PageViewRestriction
    from wagtail.signals import post_page_move

    post_save.connect(_page_saved, dispatch_uid="catalogue-listing-page-saved")
    post_page_move.connect(_page_moved, dispatch_uid="catalogue-listing-page-moved")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"catalogue-listing-restriction-{name}",
        )
    post_save.connect(_sector_saved, sender="core.Sector", dispatch_uid="catalogue-listing-sector")
    pre_save.connect(
        _replication_before_save, sender="practices.Replication", dispatch_uid="catalogue-listing-replication"
    )
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            _replication_changed,
            sender="practices.Replication",
            dispatch_uid=f"catalogue-listing-replication-{name}",
        )
