"""The statements with which the bench writes straight into a service's database (and reads what
it counts), built from that service's own tables (`tables.py`, SQLAlchemy Core) and compiled for
asyncpg, so the bench keeps the speed of plain asyncpg while a renamed or dropped column fails
where the tables are used (`tests/integration/test_bench_seeding.py` runs these helpers in
`make test`) rather than only in a `make bench` run."""

from collections.abc import Iterable, Sequence
from typing import Any

import asyncpg
from sqlalchemy import Column, Table, bindparam, insert
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from servicekit.db import TENANT_SETTING

# asyncpg's own placeholders ($1, $2 …), in the order the compiled statement names them.
DIALECT = postgresql.asyncpg.dialect(paramstyle="numeric_dollar")


def table_of(columns: Sequence[Column[Any]]) -> Table:
    """The one table all of `columns` belong to."""
    tables = {c.table for c in columns}
    assert len(tables) == 1, f"columns of one table, not of {sorted(str(t) for t in tables)}"
    table = tables.pop()
    assert isinstance(table, Table)
    return table


def names(columns: Sequence[Column[Any]]) -> list[str]:
    table_of(columns)
    return [c.name for c in columns]


def sql(statement: ClauseElement) -> tuple[str, list[str]]:
    """The statement as asyncpg takes it, and the names of its parameters in placeholder order."""
    compiled = statement.compile(dialect=DIALECT)
    assert isinstance(compiled, SQLCompiler)
    return str(compiled), list(compiled.positiontup or [])


def insert_sql(columns: Sequence[Column[Any]]) -> str:
    """`insert into <table> (<columns>) values ($1, …)`: a row is a tuple in `columns`' order."""
    table = table_of(columns)
    text, order = sql(
        insert(table).values({c.name: bindparam(c.name, type_=c.type) for c in columns})
    )
    assert order == names(columns)
    return text


async def copy_rows(
    conn: asyncpg.Connection, columns: Sequence[Column[Any]], rows: Iterable[Sequence[Any]]
) -> None:
    """COPY `rows` (tuples in `columns`' order) into the columns' table."""
    await conn.copy_records_to_table(table_of(columns).name, records=rows, columns=names(columns))


async def as_tenant(conn: asyncpg.Connection, tenant: str) -> None:
    """Row-level security's tenant for the rest of the transaction (servicekit.db does the same)."""
    await conn.execute("select set_config($1, $2, true)", TENANT_SETTING, tenant)
