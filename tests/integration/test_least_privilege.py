"""Each service runs as a role that reads and writes its tables but owns none of them: the owner
migrates, the runtime role cannot switch off row-level security, drop the ledger's finality
triggers, or change the schema, whatever statement an attacker gets it to run."""

import asyncio

import asyncpg
import pytest

from devstack.ports import SERVICE_NAMES
from devstack.postgres import runtime_role
from devstack.stack import Stack

# What a compromised service (or an injected statement) would try first.
TAMPERING = (
    "alter table journal_entries disable row level security",
    "alter table journal_entries no force row level security",
    "alter table journal_lines disable trigger all",
    "drop table outbox",
    "truncate journal_lines",
    "create table stolen (data text)",
    "alter table open_items drop constraint pk_open_items",
    "create or replace function pg_temp.x() returns int language sql as 'select 1'",
    "update alembic_version set version_num = '0001'",
    "set role ledger",
)


async def _connected_as(stack: Stack, database: str) -> set[str]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn(database))
    try:
        rows = await conn.fetch(
            "select distinct usename from pg_stat_activity where datname = $1"
            " and backend_type = 'client backend' and pid <> pg_backend_pid()",
            database,
        )
        return {str(r["usename"]) for r in rows}
    finally:
        await conn.close()


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_each_service_connects_as_its_runtime_role(stack: Stack, service: str) -> None:
    # The services' pools and their consumers' polls keep connections open at all times.
    assert asyncio.run(_connected_as(stack, service)) == {runtime_role(service)}


async def _ledger_triggers(stack: Stack) -> list[tuple[str, str]]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        rows = await conn.fetch(
            "select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid"
            " where not t.tgisinternal and c.relname in ('journal_entries', 'journal_lines')"
        )
        return [(str(r["relname"]), str(r["tgname"])) for r in rows]
    finally:
        await conn.close()


async def _refused_as_runtime(stack: Stack, statements: list[str]) -> dict[str, str]:
    """Each statement in a transaction of its own as the ledger's runtime role; the SQLSTATE it
    was refused with ('' if it went through)."""
    role = runtime_role("ledger")
    conn = await asyncpg.connect(stack.postgres.url(role, role, "ledger", driver=""))
    outcomes = {}
    try:
        for statement in statements:
            try:
                async with conn.transaction():
                    await conn.execute(statement)
                outcomes[statement] = ""
            except asyncpg.PostgresError as exc:
                outcomes[statement] = str(exc.sqlstate)
    finally:
        await conn.close()
    return outcomes


def test_the_runtime_role_cannot_switch_off_what_guards_the_books(stack: Stack) -> None:
    triggers = asyncio.run(_ledger_triggers(stack))
    assert {table for table, _ in triggers} == {"journal_entries", "journal_lines"}, triggers
    drops = [f'drop trigger "{name}" on {table}' for table, name in triggers]
    outcomes = asyncio.run(_refused_as_runtime(stack, [*TAMPERING, *drops]))
    # 42501: insufficient privilege (also "must be owner of table").
    assert outcomes == dict.fromkeys([*TAMPERING, *drops], "42501"), outcomes
    # What it is there for still works: reading (row-level security shows no tenant's rows
    # without a tenant) and writing its own rows.
    reads = asyncio.run(_refused_as_runtime(stack, ["select count(*) from journal_entries"]))
    assert reads == {"select count(*) from journal_entries": ""}


async def _role(stack: Stack, name: str) -> asyncpg.Record:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn())
    try:
        row = await conn.fetchrow(
            "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,"
            " pg_has_role(rolname, 'ledger', 'MEMBER') as in_owner"
            " from pg_roles where rolname = $1",
            name,
        )
        assert row is not None
        return row
    finally:
        await conn.close()


def test_the_runtime_role_has_no_powers_beyond_its_tables(stack: Stack) -> None:
    role = asyncio.run(_role(stack, runtime_role("ledger")))
    assert dict(role) == {
        "rolsuper": False,
        "rolbypassrls": False,
        "rolcreaterole": False,
        "rolcreatedb": False,
        "in_owner": False,
    }
