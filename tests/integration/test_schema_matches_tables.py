"""Each service's migrations build what its `tables.py` declares: the database a service's
migrations make, compared with its tables by Alembic's autogenerate, has every table and column
`tables.py` names with its type and nullability, and no table or column it does not name, and
every index and constraint `tables.py` declares. Indexes, unique and foreign keys that only the
migrations create are left out of the comparison: `tables.py` describes what the code reads and
writes, the migrations also what makes it fast and safe (CONTRIBUTING.md, "Add a migration")."""

import asyncio
import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from devstack.ports import SERVICE_NAMES
from devstack.postgres import Postgres
from servicekit.migrations import upgrade

# What the migrations may build beyond tables.py.
MIGRATIONS_ONLY = {"remove_index", "remove_constraint", "remove_fk"}


def _kind(difference: Any) -> str:
    """`add_table`, `modify_type` …; a column's modifications come as a list of them."""
    first = difference[0] if isinstance(difference, list) else difference
    return str(first[0])


async def _differences(url: str, metadata: MetaData) -> list[Any]:
    def compare(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        found = compare_metadata(context, metadata)
        return [d for d in found if _kind(d) not in MIGRATIONS_ONLY]

    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(compare)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_the_migrated_database_is_what_tables_declares(postgres: Postgres, service: str) -> None:
    url = postgres.url(service, service, service)
    upgrade(f"{service}_service", url)
    metadata = importlib.import_module(f"{service}_service.tables").metadata
    differences = asyncio.run(_differences(url, metadata))
    assert differences == [], "\\n".join(str(d) for d in differences)
