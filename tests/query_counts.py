"""A helper for query-count tests: at most N queries, and never the same SQL twice in one request.

    with assert_queries(12) as captured:
        client.get("/cerca/", {"q": "progetto"})

Savepoint statements are not counted (they are transaction bookkeeping, not queries)."""

from collections import Counter
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def queries_of(captured):
    return [query["sql"] for query in captured.captured_queries if not query["sql"].startswith(BOOKKEEPING)]


@contextmanager
def assert_queries(max_count, *, using=connection):
    """Fail when the block runs more than ``max_count`` queries or any identical query twice.

    The page cache is emptied first: what is counted is the page being rendered, not read from the cache."""
    from core.page_cache import invalidate

    invalidate()
    with CaptureQueriesContext(using) as captured:
        yield captured
    sqls = queries_of(captured)
    repeated = [f"{count}× {sql}" for sql, count in Counter(sqls).items() if count > 1]
    assert not repeated, "identical queries in one request:\n" + "\n".join(repeated)
    assert len(sqls) <= max_count, f"{len(sqls)} queries (at most {max_count}):\n" + "\n".join(sqls)
