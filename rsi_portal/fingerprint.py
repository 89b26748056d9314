"""Fingerprints of what a read selects, so a page can reuse work it did on exactly the same rows.

On PostgreSQL every row version carries the id of the transaction that wrote it (`xmin`) and its own
place (`ctid`), which every update moves, also within one transaction. The number of rows a queryset
selects and the sum of a hash of both change whenever one of those rows is inserted, updated or
deleted, and are read in the statement's own snapshot: a change is seen exactly when it is committed
(or, inside the writing transaction, at once), and never before. Other databases have no such
columns: there the fingerprint is None and callers compute as if nothing were kept.
"""

import threading
from collections import OrderedDict

from django.db import connection
from django.db.models.expressions import RawSQL


def fingerprint(*querysets) -> str | None:
    """One query: "count:hash-sum" per queryset, or None where the database cannot tell."""
    if connection.vendor != "postgresql":
        return None
    # The SQL is Django's own: quoted table names and compiled querysets, their values as parameters.
    selects, params = [], []
    for queryset in querysets:
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        version = RawSQL(f"hashtext({table}.xmin::text || {table}.ctid::text)::bigint", ())
        rows = queryset.order_by().annotate(_row_version=version).values("_row_version")
        sql, row_params = rows.query.sql_with_params()
        selects.append(f"(SELECT count(*)::text || ':' || coalesce(sum(_row_version), 0)::text FROM ({sql}) AS rows)")
        params.extend(row_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        return "|".join(cursor.fetchone())


class Kept:
    """The last few results this process built, by key (thread-safe). Keys should hold a fingerprint,
    so a result is found again only while what it was built from is unchanged."""

    every: "list[Kept]" = []  # for forget_all()

    def __init__(self, size: int):
        self._size = size
        self._results: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        Kept.every.append(self)

    def get(self, key):
        with self._lock:
            result = self._results.get(key)
            if result is not None:
                self._results.move_to_end(key)
            return result

    def put(self, key, result) -> None:
        with self._lock:
            self._results[key] = result
            self._results.move_to_end(key)
            while len(self._results) > self._size:
                self._results.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._results.clear()


def forget_all() -> None:
    """Empty every Kept store of this process (tests that count a page's queries start from nothing)."""
    for kept in Kept.every:
        kept.clear()
