"""Plain SQL for the few hot reads whose query building costs the ORM several times what the database
spends on them (a status submit's roll-up refresh). The values come back as the ORM would give them.

    rows = typed_rows("SELECT id, period FROM projects_statusreport WHERE id = %s", [pk],
                      [StatusReport._meta.pk, StatusReport._meta.get_field("period")])
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Field, Model


def placeholders(values: Sequence) -> str:
    """`%s, %s, …` for an IN list of these values."""
    if not values:
        raise ValueError("an IN list needs at least one value")
    return ", ".join(["%s"] * len(values))


def for_update(*, no_key: bool = False) -> str:
    """The row-lock clause of this database; "" where it has none (SQLite locks the whole file to write)."""
    if not connection.features.has_select_for_update:
        return ""
    return connection.ops.for_update_sql(no_key=no_key)


def typed_rows(sql: str, params: Sequence, fields: Sequence[Field | None]) -> list[list]:
    """The rows of `sql`, each column converted as the ORM converts a value of the model field in its place
    (a date from SQLite's text, a JSON value from its text, …); None: the column as the driver gives it."""
    converters = []
    for position, field in enumerate(fields):
        if field is None:
            continue
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if functions:
            converters.append((position, functions, column))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for position, functions, column in converters:
            for convert in functions:
                row[position] = convert(row[position], column, connection)
    return rows


def update_row(model: type[Model], pk, values: dict) -> None:
    """UPDATE one row's columns (by field name), each value prepared for the database as the ORM prepares it."""
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in values]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
