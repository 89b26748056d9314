"""Plain SQL for the few hot reads and writes whose query building costs the ORM several times what the
database spends on them (a status submit and its roll-up refresh). The values come back, and go in, as
the ORM would give and store them.

    rows = typed_rows("SELECT id, period FROM projects_statusreport WHERE id = %s", [pk],
                      [StatusReport._meta.pk, StatusReport._meta.get_field("period")])
    [(project, pejlemaerke)] = instances(
        f"SELECT {columns(Project, 'p')}, {columns(Pejlemaerke, 'j')} FROM … WHERE p.id = %s", [pk],
        Project, Pejlemaerke)
"""

from collections.abc import Sequence
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Model
from django.db.models.expressions import Col
from django.db.models.signals import post_save, pre_save


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
    converters = _converters(tuple(fields))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    if not converters:
        return rows
    for row in rows:
        for position, functions, column in converters:
            for convert in functions:
                row[position] = convert(row[position], column, connection)
    return rows


# Per connection (the converters are its backend's methods) and field list: the few hot reads ask each often.
_CONVERTERS: WeakKeyDictionary = WeakKeyDictionary()


def _converters(fields: tuple[Field | None, ...]) -> list[tuple[int, list, Col]]:
    kept = _CONVERTERS.setdefault(connections[DEFAULT_DB_ALIAS], {})
    if fields not in kept:
        converters = []
        for position, field in enumerate(fields):
            if field is None:
                continue
            column = field.get_col(field.model._meta.db_table)
            functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if functions:
                converters.append((position, functions, column))
        kept[fields] = converters
    return kept[fields]


def update_row(model: type[Model], pk, values: dict) -> None:
    """UPDATE one row's columns (by field name), each value prepared for the database as the ORM prepares it."""
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in values]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])


def columns(model: type[Model], alias: str) -> str:
    """The model's columns as `instances` reads them (its concrete fields in order), from table alias `alias`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def instances(sql: str, params: Sequence, *models: type[Model]) -> list[tuple[Model, ...]]:
    """The rows of `sql`, which selects each model's `columns` in turn, as one instance of each model per row
    (as a queryset would give them; a NULL primary key, from an outer join, gives None)."""
    fields, parts = [], []  # parts: each model, where its columns start and where its primary key is
    for model in models:
        parts.append((model, len(fields), len(fields) + model._meta.concrete_fields.index(model._meta.pk)))
        fields += model._meta.concrete_fields
    ends = [start for _, start, _ in parts[1:]] + [len(fields)]
    return [
        tuple(
            None if values[pk] is None else model.from_db(connection.alias, None, values[start:end])
            for (model, start, pk), end in zip(parts, ends, strict=True)
        )
        for values in typed_rows(sql, params, fields)
    ]


def insert(instance: Model) -> Model:
    """INSERT a new instance's row as Model.save() would (each field's pre_save, such as auto_now_add, and
    its value prepared for the database), and give the instance its new primary key.

    The model's own save() is not run: use it for models whose save() adds nothing to an insert. A model
    with save signal receivers is saved the ORM's way, so that no receiver is passed over."""
    model = type(instance)
    if not instance._state.adding:
        raise ValueError(f"{model.__name__} {instance.pk} is stored already; insert() only adds a new row")
    listened = pre_save.has_listeners(model) or post_save.has_listeners(model)
    if listened or not connection.features.can_return_columns_from_insert:
        instance.save()
        return instance
    meta, quote = model._meta, connection.ops.quote_name
    generated_pk = meta.pk if meta.pk.db_returning and instance.pk is None else None
    fields = [field for field in meta.concrete_fields if field is not generated_pk]
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)})"
        f" VALUES ({placeholders(fields)})"
    )
    with connection.cursor() as cursor:
        if generated_pk is None:
            cursor.execute(sql, values)
        else:
            cursor.execute(f"{sql} RETURNING {quote(generated_pk.column)}", values)
            instance.pk = cursor.fetchone()[0]
    instance._state.adding, instance._state.db = False, connection.alias
    return instance
