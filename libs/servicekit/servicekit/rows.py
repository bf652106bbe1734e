"""Reading one row by its id, where a malformed id and an unknown one both answer 404 (RLS hides
other tenants' rows, so theirs are unknown too)."""

import uuid
from functools import cache
from typing import Any

from sqlalchemy import Select, Table, bindparam, func, insert, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, Insert
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.problems import Problem


async def row_by_id(
    session: AsyncSession, table: Table, row_id: str, what: str, *, lock: bool = False
) -> Any:
    """The row of `table` whose `id` is `row_id`, or 404 "No such <what>"; `lock`: locked for
    update until the commit."""
    try:
        uuid.UUID(row_id)
    except ValueError as exc:
        raise Problem(404, f"No such {what}") from exc
    row = (await session.execute(_by_id(table, lock), {"row_id": row_id})).first()
    if row is None:
        raise Problem(404, f"No such {what}")
    return row


@cache
def _by_id(table: Table, lock: bool) -> Select[Any]:
    """The query of `row_by_id`, built once per table (building it per call cost more Python
    than running it)."""
    query = select(table).where(table.c.id == bindparam("row_id"))
    return query.with_for_update() if lock else query


def insert_with_record(
    table: Table,
    given: list[str],
    record: Table,
    link: dict[str, str],
    own: dict[str, str],
    prefix: str = "",
) -> Select[Any]:
    """One statement that inserts a row of `table` (its columns `given`, each a parameter of
    its name after `prefix`) and a row of `record` that belongs to it, and returns the first
    row: one round trip where two were taken (a new relation and its history, a policy and its
    first entry). `link`: record's columns taken from the new row (record column: table
    column); `own`: its other columns (record column: parameter name, to keep clear of
    `given`'s). A `prefix` keeps the parameters clear of other tables' columns when the
    statement carries an UPDATE or INSERT of theirs as a CTE: SQLAlchemy sets any column of
    theirs that a parameter is named after."""
    added = (
        insert(table)
        .values({name: bindparam(prefix + name, type_=table.c[name].type) for name in given})
        .returning(table)
        .cte("added")
    )
    values = [added.c[column] for column in link.values()] + [
        bindparam(name, type_=record.c[column].type) for column, name in own.items()
    ]
    recorded = insert(record).from_select([*link, *own], select(*values))
    return select(added).add_cte(recorded.cte("recorded"))


def insert_columns(table: Table, columns: list[str], prefix: str = "") -> Insert:
    """An INSERT of any number of rows given column by column: each parameter (`prefix` and
    the column's name) holds that column's values of all rows, and PostgreSQL unnests them. One
    statement, compiled once, whatever the count (VALUES lists compile once per count), and it
    can carry another as a CTE: a document and its lines in one round trip, or a conflict clause
    (PostgreSQL's INSERT). `by_column` makes its parameters from rows."""
    # One dimension: a JSON value that is a list is one item, not a dimension of the array.
    arrays = [
        bindparam(prefix + name, type_=ARRAY(table.c[name].type, dimensions=1)) for name in columns
    ]
    rows: Select[Any] = select(literal_column("*")).select_from(func.unnest(*arrays))
    return upsert(table).from_select(columns, rows)


def by_column(rows: list[dict[str, Any]], columns: list[str], prefix: str = "") -> dict[str, Any]:
    """The parameters of `insert_columns` for `rows`."""
    return {prefix + name: [row[name] for row in rows] for name in columns}
